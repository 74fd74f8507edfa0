package dev.mentor.augment.kernel;

import dev.mentor.augment.Image;

/**
 * Pillow's {@code ImageEnhance}: blend a degenerate image with the original, {@code out = degenerate
 * + factor·(image − degenerate)}, in float32 and truncated, clipped to [0, 255] when {@code factor} is
 * outside [0, 1] (Pillow's {@code ImagingBlend}). torchvision's Brightness, Color, Contrast and
 * Sharpness with magnitude {@code v} are these with {@code factor = 1 + v}.
 *
 * <ul>
 *   <li>Brightness: the degenerate image is black.
 *   <li>Contrast: a flat image at the mean grey level (luma for RGB), rounded half up.
 *   <li>Color: the luma of each pixel (grey images are unchanged).
 *   <li>Sharpness: the image smoothed by {@link Smooth}, whose border is the image itself.
 * </ul>
 */
public final class Enhance {
    private Enhance() {}

    /** One blended value: Pillow's arithmetic for a degenerate value, an original value and a factor. */
    public static int blend(int degenerate, int value, float factor) {
        float t = degenerate + factor * (value - degenerate);
        if (factor >= 0 && factor <= 1) {
            return (int) t;
        }
        return t <= 0 ? 0 : t >= 255 ? 255 : (int) t;
    }

    /** Pillow passes the factor to C as a float32. */
    public static float factor(double factor) {
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException("enhancement factor must be finite, got " + factor);
        }
        return (float) factor;
    }

    public static Image brightness(Image image, double factor) {
        return blendWithConstant(image, 0, factor(factor));
    }

    public static Image contrast(Image image, double factor) {
        long sum = 0;
        int[] histogram = image.channels() == 1 ? Histogram.of(image, 0) : lumaHistogram(image);
        for (int v = 0; v < 256; v++) {
            sum += (long) v * histogram[v];
        }
        int mean = (int) ((double) sum / (image.height() * image.width()) + 0.5);
        return blendWithConstant(image, mean, factor(factor));
    }

    public static Image color(Image image, double factor) {
        float alpha = factor(factor);
        if (image.channels() == 1) {
            return image;
        }
        byte[] in = image.pixelsReadOnly();
        byte[] out = new byte[in.length];
        int plane = image.height() * image.width();
        boolean interpolate = alpha >= 0 && alpha <= 1;
        for (int i = 0; i < plane; i++) {
            int r = in[i] & 0xFF;
            int g = in[plane + i] & 0xFF;
            int b = in[2 * plane + i] & 0xFF;
            int l = luma(r, g, b);
            out[i] = (byte) blend(l, r, alpha, interpolate);
            out[plane + i] = (byte) blend(l, g, alpha, interpolate);
            out[2 * plane + i] = (byte) blend(l, b, alpha, interpolate);
        }
        return Image.wrap(3, image.height(), image.width(), out);
    }

    public static Image sharpness(Image image, double factor) {
        float alpha = factor(factor);
        int h = image.height();
        int w = image.width();
        byte[] in = image.pixelsReadOnly();
        // The smoothed border equals the image, and blending a value with itself gives it back.
        byte[] out = in.clone();
        if (h < 3 || w < 3) {
            return Image.wrap(image.channels(), h, w, out);
        }
        boolean interpolate = alpha >= 0 && alpha <= 1;
        int plane = h * w;
        for (int ch = 0; ch < image.channels(); ch++) {
            int base = ch * plane;
            for (int y = 1; y < h - 1; y++) {
                int row = base + y * w;
                for (int x = 1; x < w - 1; x++) {
                    int smooth = Smooth.clip(Smooth.sum(in, row - w, row, row + w, x));
                    out[row + x] = (byte) blend(smooth, in[row + x] & 0xFF, alpha, interpolate);
                }
            }
        }
        return Image.wrap(image.channels(), h, w, out);
    }

    /** ITU-R 601-2 luma with Pillow's fixed-point rounding ({@code L = R·299/1000 + G·587/1000 + B·114/1000}). */
    public static int luma(int r, int g, int b) {
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }

    private static int blend(int degenerate, int value, float alpha, boolean interpolate) {
        float t = degenerate + alpha * (value - degenerate);
        if (interpolate) {
            return (int) t;
        }
        return t <= 0 ? 0 : t >= 255 ? 255 : (int) t;
    }

    private static Image blendWithConstant(Image image, int degenerate, float alpha) {
        byte[] table = new byte[256];
        for (int v = 0; v < 256; v++) {
            table[v] = (byte) blend(degenerate, v, alpha);
        }
        return Lut.apply(image, table);
    }

    private static int[] lumaHistogram(Image image) {
        byte[] in = image.pixelsReadOnly();
        int plane = image.height() * image.width();
        int[] counts = new int[256];
        for (int i = 0; i < plane; i++) {
            counts[luma(in[i] & 0xFF, in[plane + i] & 0xFF, in[2 * plane + i] & 0xFF)]++;
        }
        return counts;
    }
}
