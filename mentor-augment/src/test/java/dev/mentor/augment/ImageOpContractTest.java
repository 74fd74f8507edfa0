package dev.mentor.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract for every op, on grey and RGB images of several sizes (down to 1×1) and values across
 * each op's range: shape and mode kept, input untouched, the same output every time, and the identity
 * at the op's identity value.
 */
class ImageOpContractTest {
    private static final int[][] SHAPES = {{1, 28, 28}, {3, 32, 32}, {3, 24, 32}, {3, 29, 17}, {1, 2, 5}, {1, 1, 1}, {3, 3, 3}};

    static double[] values(ImageOp op) {
        return switch (op) {
            case IDENTITY, AUTO_CONTRAST, EQUALIZE, INVERT -> new double[] {0};
            case SHEAR_X, SHEAR_Y -> new double[] {-0.99, -0.3, 0, 0.17, 0.99, 2.5};
            case TRANSLATE_X, TRANSLATE_Y -> new double[] {-40, -5.7, 0, 3, 12};
            case ROTATE -> new double[] {-135, -30, 0, 13.5, 90, 180, 270, 1e6};
            case BRIGHTNESS, COLOR, CONTRAST, SHARPNESS -> new double[] {-1, -0.5, 0, 0.37, 0.99, 1.5};
            case POSTERIZE -> new double[] {0, 3, 5, 8};
            case SOLARIZE -> new double[] {0, 77.5, 128, 256};
            case CUTOUT -> new double[] {0, 1, 5, 14, 100};
        };
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (ImageOp op : ImageOp.values()) {
            for (int[] s : SHAPES) {
                cases.add(Arguments.of(op, s[0], s[1], s[2]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}x{2}x{3}")
    @MethodSource("cases")
    void keepsShapeLeavesInputAloneAndIsDeterministic(ImageOp op, int c, int h, int w) {
        Image input = TestImages.structured(c, h, w, 7);
        byte[] before = input.toBytes();
        for (double v : values(op)) {
            Image out = op.apply(input, v);
            assertEquals(c, out.channels(), op + "(" + v + ") channels");
            assertEquals(h, out.height(), op + "(" + v + ") height");
            assertEquals(w, out.width(), op + "(" + v + ") width");
            assertArrayEquals(before, input.pixelsReadOnly(), op + "(" + v + ") mutated its input");
            assertEquals(out, op.apply(input, v), op + "(" + v + ") not deterministic");
        }
        op.identityValue().ifPresent(v -> assertEquals(input, op.apply(input, v), op + " at its identity value " + v));
    }

    @Test
    void involutionsAndFullTurnsGiveTheImageBack() {
        for (int[] s : SHAPES) {
            Image image = TestImages.structured(s[0], s[1], s[2], 3);
            assertEquals(image, ImageOp.INVERT.apply(ImageOp.INVERT.apply(image, 0), 0));
            assertEquals(image, ImageOp.ROTATE.apply(image, 360));
            assertEquals(image, ImageOp.ROTATE.apply(ImageOp.ROTATE.apply(image, 180), 180));
            assertEquals(ImageOp.INVERT.apply(image, 0), ImageOp.SOLARIZE.apply(image, 0), "solarize at 0 inverts everything");
        }
        Image square = TestImages.structured(3, 9, 9, 4);
        Image turned = square;
        for (int i = 0; i < 4; i++) {
            turned = ImageOp.ROTATE.apply(turned, 90);
        }
        assertEquals(square, turned);
        assertEquals(ImageOp.ROTATE.apply(square, -90), ImageOp.ROTATE.apply(square, 270));
    }

    @Test
    void degenerateFactorsGiveTheDegenerateImages() {
        Image rgb = TestImages.structured(3, 24, 32, 5);
        Image black = ImageOp.BRIGHTNESS.apply(rgb, -1);
        assertEquals(Image.blank(3, 24, 32), black);
        Image grey = ImageOp.COLOR.apply(rgb, -1);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                assertEquals(grey.get(0, y, x), grey.get(1, y, x));
                assertEquals(grey.get(0, y, x), grey.get(2, y, x));
            }
        }
        Image flat = ImageOp.CONTRAST.apply(rgb, -1);
        assertEquals(1, Arrays.stream(toInts(flat)).distinct().count(), "contrast 0 is one grey level");
        assertEquals(Image.blank(3, 24, 32), ImageOp.POSTERIZE.apply(rgb, 0));
        Image covered = ImageOp.CUTOUT.apply(rgb, 100);
        assertTrue(Arrays.stream(toInts(covered)).allMatch(v -> v == ImageOp.CUTOUT_FILL));
    }

    @Test
    void translationMovesWholePixels() {
        Image image = TestImages.structured(1, 10, 12, 9);
        Image right = ImageOp.TRANSLATE_X.apply(image, 3.9);
        Image down = ImageOp.TRANSLATE_Y.apply(image, -2);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 12; x++) {
                assertEquals(x >= 3 ? image.get(0, y, x - 3) : 0, right.get(0, y, x));
                assertEquals(y < 8 ? image.get(0, y + 2, x) : 0, down.get(0, y, x));
            }
        }
    }

    @Test
    void badValuesAreRejectedWithTheValue() {
        Image image = TestImages.structured(1, 8, 8, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> ImageOp.POSTERIZE.apply(image, 9));
        assertTrue(e.getMessage().contains("Posterize") && e.getMessage().contains("9"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageOp.POSTERIZE.apply(image, -1));
        assertThrows(IllegalArgumentException.class, () -> ImageOp.ROTATE.apply(image, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ImageOp.CUTOUT.apply(image, -3));
        var unknown = assertThrows(IllegalArgumentException.class, () -> ImageOp.byName("Blur"));
        assertTrue(unknown.getMessage().contains("'Blur'") && unknown.getMessage().contains("ShearX"), unknown.getMessage());
    }

    @Test
    void namesAreTorchvisionsInAnySpelling() {
        assertEquals(ImageOp.SHEAR_X, ImageOp.byName("ShearX"));
        assertEquals(ImageOp.SHEAR_X, ImageOp.byName("shear-x"));
        assertEquals(ImageOp.AUTO_CONTRAST, ImageOp.byName("AUTO_CONTRAST"));
        for (ImageOp op : ImageOp.values()) {
            assertEquals(op, ImageOp.byName(op.displayName()));
        }
    }

    private static int[] toInts(Image image) {
        byte[] b = image.pixelsReadOnly();
        int[] v = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            v[i] = b[i] & 0xFF;
        }
        return v;
    }
}
