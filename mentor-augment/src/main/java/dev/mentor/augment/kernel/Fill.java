package dev.mentor.augment.kernel;

import dev.mentor.augment.Image;
import java.util.Arrays;

/** Rectangles of one value: the kernel of Cutout. */
public final class Fill {
    private Fill() {}

    /**
     * The image with rows {@code [top, bottom)} and columns {@code [left, right)}, clipped to the image,
     * set to {@code value} in every channel.
     */
    public static Image rectangle(Image image, int top, int left, int bottom, int right, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("fill value must be 0..255, got " + value);
        }
        int h = image.height();
        int w = image.width();
        int y0 = Math.max(0, top);
        int y1 = Math.min(h, bottom);
        int x0 = Math.max(0, left);
        int x1 = Math.min(w, right);
        if (y0 >= y1 || x0 >= x1) {
            return image;
        }
        byte[] out = image.toBytes();
        for (int ch = 0; ch < image.channels(); ch++) {
            for (int y = y0; y < y1; y++) {
                int row = (ch * h + y) * w;
                Arrays.fill(out, row + x0, row + x1, (byte) value);
            }
        }
        return Image.wrap(image.channels(), h, w, out);
    }
}
