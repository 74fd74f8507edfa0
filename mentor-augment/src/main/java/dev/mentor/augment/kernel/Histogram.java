package dev.mentor.augment.kernel;

import dev.mentor.augment.Image;

/**
 * Histogram remaps per channel, as Pillow's {@code ImageOps.autocontrast} (no cut-off) and {@code
 * ImageOps.equalize}, which torchvision's AutoContrast and Equalize call on PIL images.
 */
public final class Histogram {
    private Histogram() {}

    /** The 256 counts of channel {@code channel}. */
    public static int[] of(Image image, int channel) {
        int plane = image.height() * image.width();
        byte[] in = image.pixelsReadOnly();
        int[] counts = new int[256];
        for (int i = channel * plane, end = i + plane; i < end; i++) {
            counts[in[i] & 0xFF]++;
        }
        return counts;
    }

    /** Each channel stretched so its darkest value becomes 0 and its lightest 255. */
    public static Image autoContrast(Image image) {
        byte[][] tables = new byte[image.channels()][];
        for (int ch = 0; ch < tables.length; ch++) {
            tables[ch] = autoContrastTable(of(image, ch));
        }
        return Lut.apply(image, tables);
    }

    /** Each channel's histogram flattened. */
    public static Image equalize(Image image) {
        byte[][] tables = new byte[image.channels()][];
        for (int ch = 0; ch < tables.length; ch++) {
            tables[ch] = equalizeTable(of(image, ch));
        }
        return Lut.apply(image, tables);
    }

    /** Maps [lo, hi] linearly onto [0, 255] (truncating); the identity when the channel is flat. */
    public static byte[] autoContrastTable(int[] histogram) {
        int lo = 0;
        while (lo < 256 && histogram[lo] == 0) {
            lo++;
        }
        int hi = 255;
        while (hi >= 0 && histogram[hi] == 0) {
            hi--;
        }
        byte[] table = identity();
        if (hi <= lo) {
            return table;
        }
        double scale = 255.0 / (hi - lo);
        double offset = -lo * scale;
        for (int i = 0; i < 256; i++) {
            int v = (int) (i * scale + offset);
            table[i] = (byte) Math.max(0, Math.min(255, v));
        }
        return table;
    }

    /**
     * Pillow's equalisation: with {@code step = ⌊(pixels - count of the last used value) / 255⌋},
     * value {@code i} maps to {@code ⌊(step/2 + pixels below i) / step⌋}, clipped to 255.
     */
    public static byte[] equalizeTable(int[] histogram) {
        long total = 0;
        int last = 0;
        int used = 0;
        for (int count : histogram) {
            if (count != 0) {
                total += count;
                last = count;
                used++;
            }
        }
        byte[] table = identity();
        if (used <= 1) {
            return table;
        }
        long step = (total - last) / 255;
        if (step == 0) {
            return table;
        }
        long n = step / 2;
        for (int i = 0; i < 256; i++) {
            table[i] = (byte) Math.min(255, n / step);
            n += histogram[i];
        }
        return table;
    }

    private static byte[] identity() {
        byte[] table = new byte[256];
        for (int i = 0; i < 256; i++) {
            table[i] = (byte) i;
        }
        return table;
    }
}
