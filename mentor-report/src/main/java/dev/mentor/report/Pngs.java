package dev.mentor.report;

import dev.mentor.augment.Image;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Images as PNG: an 8-bit grey PNG for one channel, an 8-bit RGB PNG for three; the pixels written as they are. */
public final class Pngs {
    private Pngs() {}

    public static BufferedImage toBufferedImage(Image image) {
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
        return out;
    }

    public static byte[] encode(Image image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(toBufferedImage(image), "png", bytes)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Figure figure(Image image, String alt) {
        return new Figure(alt, encode(image), image.width(), image.height());
    }
}
