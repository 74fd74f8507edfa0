package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.augment.Image;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** PNG files for the augment commands: grey PNG ↔ 1-channel image, RGB PNG ↔ 3-channel image. */
final class PngFiles {
    private PngFiles() {}

    static boolean isPng(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png") && Files.isRegularFile(file);
    }

    /** An 8-bit grey PNG for one channel, an 8-bit RGB PNG for three; the pixels written as they are. */
    static void write(Image image, Path file) {
        int h = image.height();
        int w = image.width();
        int plane = h * w;
        boolean grey = image.channels() == 1;
        BufferedImage out = new BufferedImage(w, h, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = out.getRaster();
        byte[] pixels = image.pixelsReadOnly();
        int[] row = new int[w];
        for (int ch = 0; ch < image.channels(); ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    row[x] = pixels[ch * plane + y * w + x] & 0xFF;
                }
                raster.setSamples(0, y, w, 1, ch, row);
            }
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(out, "png", file.toFile())) {
                throw new MentorException(file + ": no PNG writer available");
            }
        } catch (IOException e) {
            throw new MentorException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
