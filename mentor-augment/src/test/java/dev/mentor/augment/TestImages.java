package dev.mentor.augment;

import java.util.SplittableRandom;

/** Generated images with structure (gradients, a block) and noise, for contract tests. */
final class TestImages {
    private TestImages() {}

    static Image structured(int channels, int height, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[channels * height * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int v = (x * 255 / Math.max(1, width - 1) + y * 97 / Math.max(1, height) + c * 60) / 2;
                    if (y > height / 4 && y < height / 2 && x > width / 3 && x < 2 * width / 3) {
                        v = 230 - c * 40;
                    }
                    v += random.nextInt(21) - 10;
                    pixels[(c * height + y) * width + x] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        return Image.wrap(channels, height, width, pixels);
    }
}
