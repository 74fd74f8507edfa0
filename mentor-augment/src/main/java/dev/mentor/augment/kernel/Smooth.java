package dev.mentor.augment.kernel;

import dev.mentor.augment.Image;

/**
 * Pillow's {@code ImageFilter.SMOOTH}: the 3×3 kernel {@code [1 1 1; 1 5 1; 1 1 1] / 13} in float32
 * with +0.5 and truncation, per channel; the one-pixel border is copied unchanged, and images smaller
 * than 3×3 are returned as they are (Pillow's {@code ImagingFilter3x3}).
 */
public final class Smooth {
    private static final float[] SIDE = new float[256];
    private static final float[] CENTRE = new float[256];

    static {
        // The float32 products Pillow computes, tabulated: v·(1/13) and v·(5/13) for every value v.
        for (int v = 0; v < 256; v++) {
            SIDE[v] = v * (1f / 13f);
            CENTRE[v] = v * (5f / 13f);
        }
    }

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
                    out[row + x] = (byte) clip(sum(in, above, row, below, x));
                }
            }
        }
        return Image.wrap(image.channels(), h, w, out);
    }

    /**
     * The filter's float32 sum at column {@code x} of the row starting at {@code row}, before clipping.
     * Pillow sums the row below first, each row left to right.
     */
    static float sum(byte[] in, int above, int row, int below, int x) {
        float ss = 0.5f;
        ss += SIDE[in[below + x - 1] & 0xFF] + SIDE[in[below + x] & 0xFF] + SIDE[in[below + x + 1] & 0xFF];
        ss += SIDE[in[row + x - 1] & 0xFF] + CENTRE[in[row + x] & 0xFF] + SIDE[in[row + x + 1] & 0xFF];
        ss += SIDE[in[above + x - 1] & 0xFF] + SIDE[in[above + x] & 0xFF] + SIDE[in[above + x + 1] & 0xFF];
        return ss;
    }

    /** Pillow's {@code clip8}: clamp to [0, 255], then truncate. */
    static int clip(float ss) {
        return ss <= 0 ? 0 : ss >= 255 ? 255 : (int) ss;
    }
}
