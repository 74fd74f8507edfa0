package dev.mentor.augment.kernel;

import dev.mentor.augment.Image;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rotation about the image centre by an angle in degrees, counter-clockwise, same size, nearest
 * sampling and fill 0: Pillow's {@code Image.rotate(angle, NEAREST)}, which torchvision's {@code
 * F.rotate} calls on PIL images. Like Pillow, the angle is first taken modulo 360; 0 copies, 180 and
 * (for square images) 90 and 270 are exact transposes; any other angle is an {@link AffineWarp} with
 * cosine and sine rounded to 15 decimals, as Pillow rounds them.
 */
public final class Rotation {
    private static final int CACHE_LIMIT = 4096;
    private static final Map<Double, double[]> CACHE = new ConcurrentHashMap<>();

    private Rotation() {}

    public static Image rotate(Image image, double degrees) {
        if (!Double.isFinite(degrees)) {
            throw new IllegalArgumentException("rotation angle must be finite, got " + degrees);
        }
        double angle = floorMod(degrees, 360.0);
        int h = image.height();
        int w = image.width();
        if (angle == 0) {
            return image;
        }
        if (angle == 180) {
            return rotate180(image);
        }
        if ((angle == 90 || angle == 270) && w == h) {
            return angle == 90 ? rotate90(image) : rotate270(image);
        }
        return AffineWarp.warp(image, pilMatrix(w, h, angle));
    }

    /** The inverse matrix Pillow builds for a rotation about the centre of a {@code w×h} image. */
    static double[] pilMatrix(int w, int h, double angle) {
        double[] cosSin = cosSin(angle);
        double cos = cosSin[0];
        double sin = cosSin[1];
        // Python's round is symmetric, so round(-sin, 15) == -round(sin, 15).
        double[] m = {cos, sin, 0.0, -sin, cos, 0.0};
        double cx = w / 2.0;
        double cy = h / 2.0;
        m[2] = m[0] * -cx + m[1] * -cy + m[2] + cx;
        m[5] = m[3] * -cx + m[4] * -cy + m[5] + cy;
        return m;
    }

    /**
     * Cosine and sine of {@code -angle} rounded to 15 decimals. Policies use a few dozen angles, so
     * results are cached (up to {@link #CACHE_LIMIT} angles; the exact decimal rounding costs a microsecond).
     */
    private static double[] cosSin(double angle) {
        double[] cached = CACHE.get(angle);
        if (cached != null) {
            return cached;
        }
        double radians = -Math.toRadians(angle);
        double[] cosSin = {round15(StrictMath.cos(radians)), round15(StrictMath.sin(radians))};
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(angle, cosSin);
        }
        return cosSin;
    }

    /** Python's {@code round(v, 15)}: the exact decimal value rounded half to even, back to the nearest double. */
    static double round15(double v) {
        return Double.parseDouble(new BigDecimal(v).setScale(15, RoundingMode.HALF_EVEN).toString());
    }

    /** Python's float {@code %}: the result has the sign of the divisor. */
    static double floorMod(double x, double y) {
        double m = x % y;
        if (m != 0 && (m < 0) != (y < 0)) {
            m += y;
        }
        return m == 0 ? 0.0 : m;
    }

    /** Upside down. */
    public static Image rotate180(Image image) {
        byte[] in = image.pixelsReadOnly();
        byte[] out = new byte[in.length];
        int plane = image.height() * image.width();
        for (int ch = 0; ch < image.channels(); ch++) {
            int offset = ch * plane;
            for (int i = 0; i < plane; i++) {
                out[offset + i] = in[offset + plane - 1 - i];
            }
        }
        return Image.wrap(image.channels(), image.height(), image.width(), out);
    }

    /** A quarter turn counter-clockwise; the output is {@code width × height}. */
    public static Image rotate90(Image image) {
        return quarterTurn(image, true);
    }

    /** A quarter turn clockwise; the output is {@code width × height}. */
    public static Image rotate270(Image image) {
        return quarterTurn(image, false);
    }

    private static Image quarterTurn(Image image, boolean counterClockwise) {
        int h = image.height();
        int w = image.width();
        byte[] in = image.pixelsReadOnly();
        byte[] out = new byte[in.length];
        int plane = h * w;
        for (int ch = 0; ch < image.channels(); ch++) {
            int offset = ch * plane;
            for (int y = 0; y < w; y++) {
                for (int x = 0; x < h; x++) {
                    int sy = counterClockwise ? x : h - 1 - x;
                    int sx = counterClockwise ? w - 1 - y : y;
                    out[offset + y * h + x] = in[offset + sy * w + sx];
                }
            }
        }
        return Image.wrap(image.channels(), w, h, out);
    }
}
