package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.augment.Image;
import dev.mentor.report.Pngs;
import java.awt.image.BufferedImage;
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
        BufferedImage out = Pngs.toBufferedImage(image);
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
