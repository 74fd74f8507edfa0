package dev.mentor.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/** Writes small generated data files (IDX, CIFAR records, PNG) for the reader tests. */
final class TestFiles {
    private TestFiles() {
    }

    /** {@code count} random pixel values from {@code seed}. */
    static byte[] randomBytes(int count, long seed) {
        byte[] bytes = new byte[count];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    static byte[] idxImages(int magic, int claimedCount, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length).putInt(magic).putInt(claimedCount).putInt(rows).putInt(cols)
                .put(pixels).array();
    }

    static byte[] idxImages(int count, int rows, int cols, byte[] pixels) {
        return idxImages(0x00000803, count, rows, cols, pixels);
    }

    static byte[] idxLabels(int magic, int claimedCount, byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(magic).putInt(claimedCount).put(labels).array();
    }

    static byte[] idxLabels(byte[] labels) {
        return idxLabels(0x00000801, labels.length, labels);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code image} as {@code format} ("png" or "jpg"). */
    static Path writeImage(Path file, BufferedImage image, String format) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A grey image whose pixel (x, y) is {@code (base + 7x + 13y) mod 256}. */
    static BufferedImage grey(int width, int height, int base) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, greyValue(x, y, base));
            }
        }
        return image;
    }

    static int greyValue(int x, int y, int base) {
        return (base + 7 * x + 13 * y) & 0xFF;
    }

    /** An RGB image with red = base + x, green = base + y, blue = base + x + y (mod 256). */
    static BufferedImage rgb(int width, int height, int base) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgbValue(x, y, base));
            }
        }
        return image;
    }

    static int rgbValue(int x, int y, int base) {
        return ((base + x) & 0xFF) << 16 | ((base + y) & 0xFF) << 8 | ((base + x + y) & 0xFF);
    }
}
