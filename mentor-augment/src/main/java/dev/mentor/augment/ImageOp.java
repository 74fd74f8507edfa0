package dev.mentor.augment;

import dev.mentor.augment.kernel.AffineWarp;
import dev.mentor.augment.kernel.Enhance;
import dev.mentor.augment.kernel.Fill;
import dev.mentor.augment.kernel.Histogram;
import dev.mentor.augment.kernel.Lut;
import dev.mentor.augment.kernel.Rotation;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The image operations of RandAugment (Cubuk et al., 2020) and TrivialAugment, plus Invert and Cutout,
 * each a pure function of an image and a magnitude value. A value means what it means to torchvision
 * 0.14's {@code _apply_op} on PIL images (nearest sampling, fill 0), and the outputs are Pillow's:
 *
 * <ul>
 *   <li>ShearX/ShearY: shear factor {@code v}, i.e. shear angle {@code atan(v)}, about the top-left corner.
 *   <li>TranslateX/TranslateY: {@code v} pixels, truncated to an integer (right/down when positive).
 *   <li>Rotate: {@code v} degrees counter-clockwise about the centre.
 *   <li>Brightness, Color, Contrast, Sharpness: enhancement factor {@code 1 + v}.
 *   <li>Posterize: keep {@code v} bits (0 to 8). Solarize: invert values {@code ≥ v}.
 *   <li>Identity, AutoContrast, Equalize, Invert: the value is ignored.
 *   <li>Cutout (not a torchvision op): a {@code v × v} square at the centre set to grey 127; the
 *       {@link Cutout} augmentation places it at random.
 * </ul>
 *
 * The input is never changed; an op that leaves the image as it is may return the same instance.
 */
public enum ImageOp {
    IDENTITY("Identity", null),
    SHEAR_X("ShearX", 0.0),
    SHEAR_Y("ShearY", 0.0),
    TRANSLATE_X("TranslateX", 0.0),
    TRANSLATE_Y("TranslateY", 0.0),
    ROTATE("Rotate", 0.0),
    BRIGHTNESS("Brightness", 0.0),
    COLOR("Color", 0.0),
    CONTRAST("Contrast", 0.0),
    SHARPNESS("Sharpness", 0.0),
    POSTERIZE("Posterize", 8.0),
    SOLARIZE("Solarize", 256.0),
    AUTO_CONTRAST("AutoContrast", null),
    EQUALIZE("Equalize", null),
    INVERT("Invert", null),
    CUTOUT("Cutout", 0.0);

    /** Cutout's fill: the grey FixMatch uses. */
    public static final int CUTOUT_FILL = 127;

    private final String displayName;
    private final Double identityValue;

    ImageOp(String displayName, Double identityValue) {
        this.displayName = displayName;
        this.identityValue = identityValue;
    }

    /** torchvision's name of the op ({@code "ShearX"}). */
    public String displayName() {
        return displayName;
    }

    /** The value at which the op leaves every image unchanged, if the op has a value at all. */
    public OptionalDouble identityValue() {
        return identityValue == null ? OptionalDouble.empty() : OptionalDouble.of(identityValue);
    }

    /** Whether the value changes anything (false for Identity, AutoContrast, Equalize, Invert). */
    public boolean takesValue() {
        return identityValue != null;
    }

    /**
     * The op applied to {@code image} with magnitude {@code value}.
     *
     * @throws IllegalArgumentException if the value is not finite or out of the op's range
     */
    public Image apply(Image image, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(displayName + ": value must be a finite number, got " + value);
        }
        int h = image.height();
        int w = image.width();
        return switch (this) {
            case IDENTITY -> image;
            case SHEAR_X -> AffineWarp.warp(image, AffineWarp.torchvisionInverse(0, 0, 0.0, 0, 0, 1.0, shearDegrees(value), 0.0));
            case SHEAR_Y -> AffineWarp.warp(image, AffineWarp.torchvisionInverse(0, 0, 0.0, 0, 0, 1.0, 0.0, shearDegrees(value)));
            case TRANSLATE_X -> AffineWarp.warp(image, AffineWarp.torchvisionInverse(w * 0.5, h * 0.5, 0.0, pixels(value), 0, 1.0, 0.0, 0.0));
            case TRANSLATE_Y -> AffineWarp.warp(image, AffineWarp.torchvisionInverse(w * 0.5, h * 0.5, 0.0, 0, pixels(value), 1.0, 0.0, 0.0));
            case ROTATE -> Rotation.rotate(image, value);
            case BRIGHTNESS -> Enhance.brightness(image, 1.0 + value);
            case COLOR -> Enhance.color(image, 1.0 + value);
            case CONTRAST -> Enhance.contrast(image, 1.0 + value);
            case SHARPNESS -> Enhance.sharpness(image, 1.0 + value);
            case POSTERIZE -> Lut.apply(image, Lut.posterize(bits(value)));
            case SOLARIZE -> Lut.apply(image, Lut.solarize(value));
            case AUTO_CONTRAST -> Histogram.autoContrast(image);
            case EQUALIZE -> Histogram.equalize(image);
            case INVERT -> Lut.invert(image);
            case CUTOUT -> centredSquare(image, value);
        };
    }

    /**
     * The op named {@code name}: torchvision's name ({@code ShearX}) or the constant ({@code SHEAR_X}),
     * in any case, with or without {@code -} or {@code _}.
     *
     * @throws IllegalArgumentException naming the unknown op and the known ones
     */
    public static ImageOp byName(String name) {
        String key = normalise(name);
        for (ImageOp op : values()) {
            if (normalise(op.displayName).equals(key)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown op '" + name + "' (expected one of " + names() + ")");
    }

    /** The display names, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(ImageOp::displayName).collect(Collectors.joining(", "));
    }

    private static String normalise(String name) {
        return name == null ? "" : name.strip().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** torchvision passes {@code degrees(atan(v))} as the shear angle. */
    private static double shearDegrees(double factor) {
        return Math.toDegrees(StrictMath.atan(factor));
    }

    /** Python's {@code int(v)}: truncation toward zero. */
    private static int pixels(double value) {
        return (int) Math.max(-1e9, Math.min(1e9, value));
    }

    private int bits(double value) {
        int bits = (int) value;
        if (value < 0 || bits > 8) {
            throw new IllegalArgumentException(displayName + ": bits must be between 0 and 8, got " + value);
        }
        return bits;
    }

    private Image centredSquare(Image image, double value) {
        if (value < 0) {
            throw new IllegalArgumentException(displayName + ": side must be >= 0 pixels, got " + value);
        }
        int side = pixels(value);
        int top = (image.height() - side) / 2;
        int left = (image.width() - side) / 2;
        return Fill.rectangle(image, top, left, top + side, left + side, CUTOUT_FILL);
    }
}
