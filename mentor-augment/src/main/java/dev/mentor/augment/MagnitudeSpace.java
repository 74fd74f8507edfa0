package dev.mentor.augment;

import dev.mentor.augment.kernel.TorchLinspace;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The table from an op and a magnitude level to the op's value: torchvision 0.14's {@code
 * _augmentation_space}. Level {@code i} of {@code bins} is entry {@code i} of the op's
 * {@code torch.linspace} (float32, bit-exact via {@link TorchLinspace}); signed ops take a random sign
 * in the policies. A level between two bins (magnitude noise) is interpolated linearly.
 *
 * <pre>
 *   op            RandAugment             TrivialAugmentWide    signed
 *   ShearX/Y      0 .. 0.3                0 .. 0.99             yes
 *   TranslateX/Y  0 .. 150/331 · size     0 .. 32 pixels        yes
 *   Rotate        0 .. 30 degrees         0 .. 135              yes
 *   Brightness, Color, Contrast, Sharpness
 *                 0 .. 0.9                0 .. 0.99             yes
 *   Posterize     8 − round(i / (30/4))   8 − round(i / (30/6)) no
 *   Solarize      255 .. 0                255 .. 0              no
 *   Identity, AutoContrast, Equalize: no magnitude
 * </pre>
 */
public final class MagnitudeSpace {
    private enum Kind { NONE, LINEAR, TRANSLATE_X, TRANSLATE_Y, POSTERIZE }

    private record Entry(Kind kind, double start, double end, boolean signed) {}

    /** RandAugment's 14 ops, in torchvision's order (which maps a random index to an op). */
    public static final MagnitudeSpace RAND_AUGMENT = space(0.3, 150.0 / 331.0, 30.0, 0.9, 4);
    /** TrivialAugmentWide's 14 ops. */
    public static final MagnitudeSpace TRIVIAL_AUGMENT_WIDE = space(0.99, Double.NaN, 135.0, 0.99, 6);
    /** torchvision's default number of magnitude bins. */
    public static final int BINS = 31;

    private final Map<ImageOp, Entry> entries;
    private final List<ImageOp> ops;

    private MagnitudeSpace(Map<ImageOp, Entry> entries) {
        this.entries = entries;
        this.ops = List.copyOf(entries.keySet());
    }

    /** {@code translate} is a fraction of the image side, or NaN for TrivialAugmentWide's fixed 32 pixels. */
    private static MagnitudeSpace space(double shear, double translate, double rotate, double enhance, int posterize) {
        Map<ImageOp, Entry> m = new EnumMap<>(ImageOp.class);
        m.put(ImageOp.IDENTITY, new Entry(Kind.NONE, 0, 0, false));
        m.put(ImageOp.SHEAR_X, new Entry(Kind.LINEAR, 0, shear, true));
        m.put(ImageOp.SHEAR_Y, new Entry(Kind.LINEAR, 0, shear, true));
        boolean relative = !Double.isNaN(translate);
        m.put(ImageOp.TRANSLATE_X, relative ? new Entry(Kind.TRANSLATE_X, 0, translate, true) : new Entry(Kind.LINEAR, 0, 32.0, true));
        m.put(ImageOp.TRANSLATE_Y, relative ? new Entry(Kind.TRANSLATE_Y, 0, translate, true) : new Entry(Kind.LINEAR, 0, 32.0, true));
        m.put(ImageOp.ROTATE, new Entry(Kind.LINEAR, 0, rotate, true));
        for (ImageOp op : List.of(ImageOp.BRIGHTNESS, ImageOp.COLOR, ImageOp.CONTRAST, ImageOp.SHARPNESS)) {
            m.put(op, new Entry(Kind.LINEAR, 0, enhance, true));
        }
        m.put(ImageOp.POSTERIZE, new Entry(Kind.POSTERIZE, posterize, 0, false));
        m.put(ImageOp.SOLARIZE, new Entry(Kind.LINEAR, 255.0, 0.0, false));
        m.put(ImageOp.AUTO_CONTRAST, new Entry(Kind.NONE, 0, 0, false));
        m.put(ImageOp.EQUALIZE, new Entry(Kind.NONE, 0, 0, false));
        return new MagnitudeSpace(m);
    }

    /** The ops of the space, in torchvision's order. */
    public List<ImageOp> ops() {
        return ops;
    }

    /** Whether policies negate the op's value half of the time. */
    public boolean signed(ImageOp op) {
        return entry(op).signed;
    }

    /**
     * The value of {@code op} at magnitude {@code level} in {@code [0, bins - 1]} for an image of the
     * given size; 0 for ops without a magnitude.
     */
    public double value(ImageOp op, double level, int bins, int height, int width) {
        if (bins < 2) {
            throw new IllegalArgumentException("a magnitude space needs at least 2 bins, got " + bins);
        }
        if (!(level >= 0 && level <= bins - 1)) {
            throw new IllegalArgumentException("magnitude level must be in [0, " + (bins - 1) + "], got " + level);
        }
        Entry e = entry(op);
        double end = switch (e.kind) {
            case TRANSLATE_X -> e.end * width;
            case TRANSLATE_Y -> e.end * height;
            default -> e.end;
        };
        boolean onBin = level == Math.rint(level);
        return switch (e.kind) {
            case NONE -> 0.0;
            case POSTERIZE -> 8 - Math.rint((float) level / (float) ((bins - 1) / e.start));
            case LINEAR, TRANSLATE_X, TRANSLATE_Y -> onBin
                    ? TorchLinspace.at(e.start, end, bins, (int) level)
                    : e.start + (end - e.start) * level / (bins - 1);
        };
    }

    private Entry entry(ImageOp op) {
        Entry e = entries.get(op);
        if (e == null) {
            throw new IllegalArgumentException(op.displayName() + " is not in this magnitude space");
        }
        return e;
    }
}
