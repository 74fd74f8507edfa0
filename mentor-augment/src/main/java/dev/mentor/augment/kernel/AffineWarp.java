package dev.mentor.augment.kernel;

import dev.mentor.augment.Image;
import java.util.Arrays;

/**
 * Affine warps with nearest-neighbour sampling and fill 0, as Pillow's {@code Image.transform(size,
 * AFFINE, data, NEAREST)}. The matrix {@code (a, b, c, d, e, f)} maps an output pixel centre
 * {@code (x + 0.5, y + 0.5)} to the input point {@code (a·x' + b·y' + c, d·x' + e·y' + f)}; the pixel
 * containing that point is copied, and points outside the image give 0.
 *
 * <p>Pillow picks one of three loops and so does this class, with the same arithmetic, because their
 * roundings differ: a pure scale/translation ({@code b = d = 0}) tabulates columns in double precision;
 * otherwise, if all four corners map inside ±32768, it steps in 16.16 fixed point
 * ({@code round(v·65536)} increments, then {@code >> 16}); else it steps in double precision.
 */
public final class AffineWarp {
    private static final double FIXED_LIMIT = 32768.0;

    private AffineWarp() {}

    /**
     * The inverse matrix torchvision's {@code F.affine} hands to Pillow ({@code
     * _get_inverse_affine_matrix}): rotation {@code angle} and shears in degrees, {@code scale}, a
     * translation and the centre of the transform in pixels.
     */
    public static double[] torchvisionInverse(double centerX, double centerY, double angle, double translateX,
            double translateY, double scale, double shearX, double shearY) {
        double rot = Math.toRadians(angle);
        double sx = Math.toRadians(shearX);
        double sy = Math.toRadians(shearY);
        // The forward rotation-shear matrix [[a, b], [c, d]] has determinant 1; its inverse is [[d, -b], [-c, a]].
        double a = StrictMath.cos(rot - sy) / StrictMath.cos(sy);
        double b = -StrictMath.cos(rot - sy) * StrictMath.tan(sx) / StrictMath.cos(sy) - StrictMath.sin(rot);
        double c = StrictMath.sin(rot - sy) / StrictMath.cos(sy);
        double d = -StrictMath.sin(rot - sy) * StrictMath.tan(sx) / StrictMath.cos(sy) + StrictMath.cos(rot);
        double[] m = {d / scale, -b / scale, 0.0, -c / scale, a / scale, 0.0};
        m[2] += m[0] * (-centerX - translateX) + m[1] * (-centerY - translateY);
        m[5] += m[3] * (-centerX - translateX) + m[4] * (-centerY - translateY);
        m[2] += centerX;
        m[5] += centerY;
        return m;
    }

    /** The image warped by the inverse matrix {@code m} (six values), same size and channels. */
    public static Image warp(Image image, double[] m) {
        if (m.length != 6) {
            throw new IllegalArgumentException("an affine matrix has 6 values, got " + m.length);
        }
        int h = image.height();
        int w = image.width();
        int[] source = new int[h * w];
        if (m[1] == 0 && m[3] == 0) {
            scaleSources(m, h, w, source);
        } else if (fits(m, 0, 0) && fits(m, w, h) && fits(m, 0, h) && fits(m, w, 0)) {
            fixedSources(m, h, w, source);
        } else {
            floatingSources(m, h, w, source);
        }
        return gather(image, source);
    }

    /** Output pixel {@code i} takes input pixel {@code source[i]} in every channel, or 0 if it is -1. */
    static Image gather(Image image, int[] source) {
        byte[] in = image.pixelsReadOnly();
        byte[] out = new byte[in.length];
        int plane = source.length;
        for (int ch = 0; ch < image.channels(); ch++) {
            int offset = ch * plane;
            for (int i = 0; i < plane; i++) {
                int s = source[i];
                if (s >= 0) {
                    out[offset + i] = in[offset + s];
                }
            }
        }
        return Image.wrap(image.channels(), image.height(), image.width(), out);
    }

    private static boolean fits(double[] m, int x, int y) {
        return Math.abs(x * m[0] + y * m[1] + m[2]) < FIXED_LIMIT && Math.abs(x * m[3] + y * m[4] + m[5]) < FIXED_LIMIT;
    }

    /** Pillow's {@code COORD}: truncation, with every negative coordinate outside. */
    private static int coord(double v) {
        return v < 0.0 ? -1 : (int) v;
    }

    private static void scaleSources(double[] m, int h, int w, int[] source) {
        int[] column = new int[w];
        double xo = m[2] + m[0] * 0.5;
        for (int x = 0; x < w; x++) {
            int xin = coord(xo);
            column[x] = xin < w ? xin : -1;
            xo += m[0];
        }
        double yo = m[5] + m[4] * 0.5;
        for (int y = 0; y < h; y++) {
            int yin = coord(yo);
            int row = y * w;
            if (yin >= 0 && yin < h) {
                for (int x = 0; x < w; x++) {
                    source[row + x] = column[x] < 0 ? -1 : yin * w + column[x];
                }
            } else {
                Arrays.fill(source, row, row + w, -1);
            }
            yo += m[4];
        }
    }

    /** Pillow's {@code FIX}: round half up to 16.16 fixed point. */
    private static int fix(double v) {
        return (int) Math.floor(v * 65536.0 + 0.5);
    }

    private static void fixedSources(double[] m, int h, int w, int[] source) {
        int a0 = fix(m[0]);
        int a1 = fix(m[1]);
        int a3 = fix(m[3]);
        int a4 = fix(m[4]);
        int a2 = fix(m[2] + m[0] * 0.5 + m[1] * 0.5);
        int a5 = fix(m[5] + m[3] * 0.5 + m[4] * 0.5);
        for (int y = 0; y < h; y++) {
            int xx = a2;
            int yy = a5;
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int xin = xx >> 16;
                int yin = yy >> 16;
                source[row + x] = xin >= 0 && xin < w && yin >= 0 && yin < h ? yin * w + xin : -1;
                xx += a0;
                yy += a3;
            }
            a2 += a1;
            a5 += a4;
        }
    }

    private static void floatingSources(double[] m, int h, int w, int[] source) {
        double xo = m[2] + m[1] * 0.5 + m[0] * 0.5;
        double yo = m[5] + m[4] * 0.5 + m[3] * 0.5;
        for (int y = 0; y < h; y++) {
            double xx = xo;
            double yy = yo;
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int xin = coord(xx);
                int yin = coord(yy);
                source[row + x] = xin >= 0 && xin < w && yin >= 0 && yin < h ? yin * w + xin : -1;
                xx += m[0];
                yy += m[3];
            }
            xo += m[1];
            yo += m[4];
        }
    }
}
