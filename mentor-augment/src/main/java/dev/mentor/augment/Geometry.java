package dev.mentor.augment;

/** Pixel-exact geometric kernels used by the weak view: mirror and translate-with-padding crops. */
public final class Geometry {
    private Geometry() {}

    /** Mirrors the image left-right. */
    public static Image flipHorizontal(Image image) {
        int c = image.channels();
        int h = image.height();
        int w = image.width();
        byte[] in = image.pixelsReadOnly();
        byte[] out = new byte[in.length];
        for (int plane = 0; plane < c * h; plane++) {
            int row = plane * w;
            for (int x = 0; x < w; x++) {
                out[row + x] = in[row + w - 1 - x];
            }
        }
        return Image.wrap(c, h, w, out);
    }

    /**
     * The crop of the image padded by {@code padding} on every side whose top-left corner is at
     * ({@code top}, {@code left}) in padded coordinates, as {@code RandomCrop(size, padding)}:
     * offsets in {@code [0, 2·padding]}. Padding reflects the border (torchvision's
     * {@code padding_mode="reflect"}) when {@code reflect}, else it is 0.
     */
    public static Image padCrop(Image image, int padding, int top, int left, boolean reflect) {
        int c = image.channels();
        int h = image.height();
        int w = image.width();
        byte[] in = image.pixelsReadOnly();
        byte[] out = new byte[in.length];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int sy = y + top - padding;
                if (reflect) {
                    sy = reflectIndex(sy, h);
                } else if (sy < 0 || sy >= h) {
                    continue;
                }
                int inRow = (ch * h + sy) * w;
                int outRow = (ch * h + y) * w;
                for (int x = 0; x < w; x++) {
                    int sx = x + left - padding;
                    if (reflect) {
                        out[outRow + x] = in[inRow + reflectIndex(sx, w)];
                    } else if (sx >= 0 && sx < w) {
                        out[outRow + x] = in[inRow + sx];
                    }
                }
            }
        }
        return Image.wrap(c, h, w, out);
    }

    private static int reflectIndex(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
