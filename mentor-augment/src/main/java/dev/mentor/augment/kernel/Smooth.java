package dev.mentor.augment.kernel;

import dev.mentor.augment.Image;

/**
 * Pillow's {@code ImageFilter.SMOOTH}: the 3×3 kernel {@code [1 1 1; 1 5 1; 1 1 1] / 13} in float32
 * with +0.5 and truncation, per channel; the one-pixel border is copied unchanged, and images smaller
 * than 3×3 are returned as they are (Pillow's {@code ImagingFilter3x3}).
 */
public final class Smooth {
    private static final float SIDE = 1f / 13f;
    private static final float CENTRE = 5f / 13f;

    private Smooth() {}

    public static Image smooth(Image image) {
        int h = image.height();
        int w = image.width();
        if (h < 3 || w < 3) {
            return image;
        }
        byte[] in = image.pixelsReadOnly();
        byte[] out = in.clone();
        int plane = h * w;
        for (int ch = 0; ch < image.channels(); ch++) {
            int base = ch * plane;
            for (int y = 1; y < h - 1; y++) {
                int above = base + (y - 1) * w;
                int row = base + y * w;
                int below = base + (y + 1) * w;
                for (int x = 1; x < w - 1; x++) {
                    // Pillow sums the row below first, each row left to right, all in float32.
                    float ss = 0.5f;
                    ss += (in[below + x - 1] & 0xFF) * SIDE + (in[below + x] & 0xFF) * SIDE + (in[below + x + 1] & 0xFF) * SIDE;
                    ss += (in[row + x - 1] & 0xFF) * SIDE + (in[row + x] & 0xFF) * CENTRE + (in[row + x + 1] & 0xFF) * SIDE;
                    ss += (in[above + x - 1] & 0xFF) * SIDE + (in[above + x] & 0xFF) * SIDE + (in[above + x + 1] & 0xFF) * SIDE;
                    out[row + x] = (byte) (ss <= 0 ? 0 : ss >= 255 ? 255 : (int) ss);
                }
            }
        }
        return Image.wrap(image.channels(), h, w, out);
    }
}
