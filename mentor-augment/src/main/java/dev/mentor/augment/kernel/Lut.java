package dev.mentor.augment.kernel;

import dev.mentor.augment.Image;

/**
 * Point operations through 256-entry lookup tables, as Pillow's {@code Image.point} on "L" and "RGB"
 * images, and the tables of {@code ImageOps.posterize}, {@code solarize} and {@code invert}.
 */
public final class Lut {
    private static final byte[] INVERT = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            INVERT[i] = (byte) (255 - i);
        }
    }

    private Lut() {}

    /** Every value {@code v} of every channel becomes {@code table[v]}. */
    public static Image apply(Image image, byte[] table) {
        checkTable(table);
        byte[] in = image.pixelsReadOnly();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = table[in[i] & 0xFF];
        }
        return Image.wrap(image.channels(), image.height(), image.width(), out);
    }

    /** Channel {@code c}'s values go through {@code tables[c]}. */
    public static Image apply(Image image, byte[][] tables) {
        if (tables.length != image.channels()) {
            throw new IllegalArgumentException(image.channels() + " channels need as many tables, got " + tables.length);
        }
        byte[] in = image.pixelsReadOnly();
        byte[] out = new byte[in.length];
        int plane = image.height() * image.width();
        for (int ch = 0; ch < tables.length; ch++) {
            byte[] table = checkTable(tables[ch]);
            for (int i = ch * plane, end = i + plane; i < end; i++) {
                out[i] = table[in[i] & 0xFF];
            }
        }
        return Image.wrap(image.channels(), image.height(), image.width(), out);
    }

    /** {@code 255 - v}. */
    public static Image invert(Image image) {
        return apply(image, INVERT);
    }

    /** Keeps the {@code bits} highest bits of each value, 0 to 8. */
    public static byte[] posterize(int bits) {
        if (bits < 0 || bits > 8) {
            throw new IllegalArgumentException("posterize keeps 0 to 8 bits, got " + bits);
        }
        int mask = ~((1 << (8 - bits)) - 1);
        byte[] table = new byte[256];
        for (int i = 0; i < 256; i++) {
            table[i] = (byte) (i & mask);
        }
        return table;
    }

    /** Inverts the values at or above {@code threshold}. */
    public static byte[] solarize(double threshold) {
        byte[] table = new byte[256];
        for (int i = 0; i < 256; i++) {
            table[i] = (byte) (i < threshold ? i : 255 - i);
        }
        return table;
    }

    private static byte[] checkTable(byte[] table) {
        if (table.length != 256) {
            throw new IllegalArgumentException("a lookup table has 256 entries, got " + table.length);
        }
        return table;
    }
}
