package dev.mentor.data;

import dev.mentor.MentorException;
import dev.mentor.augment.Image;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Image files on disk: which files count as images ({@code .png}, {@code .jpg}, {@code .jpeg}) and
 * decoding one into an {@link Image} with javax.imageio. Grey images (with or without alpha, any bit
 * depth) give one channel; every other colour model (RGB, ARGB, palette) gives three, alpha dropped.
 */
public final class ImageFiles {
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg");
    /** Larger images are refused before decoding, so a forged header cannot exhaust memory. */
    public static final long MAX_PIXELS = 1L << 26;

    private ImageFiles() {
    }

    /** Whether {@code file} is a regular file named {@code *.png}, {@code *.jpg} or {@code *.jpeg}. */
    public static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1)) && Files.isRegularFile(file);
    }

    /** The image files directly in {@code directory}, sorted by name. */
    public static List<Path> list(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(ImageFiles::isImage).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new MentorException(directory + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    /** The image files anywhere under {@code directory}, following links, sorted by path. */
    public static List<Path> listRecursively(Path directory) {
        try (Stream<Path> entries = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
            return entries.filter(ImageFiles::isImage).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new MentorException(directory + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    /** Decodes {@code file} at its own size and colour type (1 or 3 channels). */
    public static Image read(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return decode(in, file.toString());
        } catch (IOException e) {
            throw unreadable(file.toString(), e);
        }
    }

    /**
     * Decodes an image file's bytes (a pool stored as rows, not files) exactly as {@link #read} decodes
     * the file; {@code name} names it in errors.
     */
    public static Image decode(byte[] bytes, String name) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            return decode(in, name);
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    private static Image decode(ImageInputStream in, String name) {
        try {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new MentorException(name + ": not a readable image (no PNG or JPEG decoder recognises it)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new MentorException(name + ": image of " + reader.getWidth(0) + "x"
                            + reader.getHeight(0) + " pixels is larger than the " + MAX_PIXELS + " pixels allowed");
                }
                return toImage(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (MentorException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unreadable(name, e);
        }
    }

    private static MentorException unreadable(String name, Exception e) {
        return new MentorException(name + ": cannot read image (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }

    /** The pixels of a decoded image: one channel if its colour model is grey, else RGB without alpha. */
    public static Image toImage(BufferedImage image) {
        int height = image.getHeight();
        int width = image.getWidth();
        ColorModel model = image.getColorModel();
        if (model.getNumColorComponents() == 1) {
            Raster raster = image.getRaster();
            int max = (1 << model.getComponentSize(0)) - 1;
            byte[] grey = new byte[height * width];
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    grey[y * width + x] = (byte) ((row[x] * 255L + max / 2) / max);
                }
            }
            return Image.wrap(1, height, width, grey);
        }
        int plane = height * width;
        byte[] rgb = new byte[3 * plane];
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < plane; i++) {
            rgb[i] = (byte) (argb[i] >>> 16);
            rgb[plane + i] = (byte) (argb[i] >>> 8);
            rgb[2 * plane + i] = (byte) argb[i];
        }
        return Image.wrap(3, height, width, rgb);
    }
}
