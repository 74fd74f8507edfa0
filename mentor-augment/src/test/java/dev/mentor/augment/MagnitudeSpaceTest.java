package dev.mentor.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.augment.kernel.TorchLinspace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The magnitude tables equal torchvision's float32 values bit for bit (fixtures: spaces.csv, linspace.csv). */
class MagnitudeSpaceTest {
    @Test
    void torchLinspaceIsBitExact() {
        List<String[]> rows = Golden.csv("linspace.csv");
        assertTrue(rows.size() > 2000);
        for (String[] r : rows) {
            float actual = TorchLinspace.at(Double.parseDouble(r[0]), Double.parseDouble(r[1]), Integer.parseInt(r[2]), Integer.parseInt(r[3]));
            assertEquals(Double.parseDouble(r[4]), actual, 0.0, String.join(",", r));
        }
    }

    @Test
    void randAugmentAndTrivialAugmentWideTablesAreTorchvisions() {
        int checked = 0;
        for (String[] r : Golden.csv("spaces.csv")) {
            MagnitudeSpace space = r[0].equals("randaugment") ? MagnitudeSpace.RAND_AUGMENT : MagnitudeSpace.TRIVIAL_AUGMENT_WIDE;
            double v = space.value(ImageOp.byName(r[3]), Integer.parseInt(r[4]), 31, Integer.parseInt(r[1]), Integer.parseInt(r[2]));
            assertEquals(Double.parseDouble(r[5]), v, 0.0, String.join(",", r));
            checked++;
        }
        assertTrue(checked > 1000, "rows checked: " + checked);
    }

    @Test
    void opsAreTorchvisionsFourteenInItsOrder() {
        assertEquals(List.of("Identity", "ShearX", "ShearY", "TranslateX", "TranslateY", "Rotate", "Brightness", "Color",
                "Contrast", "Sharpness", "Posterize", "Solarize", "AutoContrast", "Equalize"),
                MagnitudeSpace.RAND_AUGMENT.ops().stream().map(ImageOp::displayName).toList());
        assertEquals(MagnitudeSpace.RAND_AUGMENT.ops(), MagnitudeSpace.TRIVIAL_AUGMENT_WIDE.ops());
        assertTrue(MagnitudeSpace.RAND_AUGMENT.signed(ImageOp.ROTATE));
        assertFalse(MagnitudeSpace.RAND_AUGMENT.signed(ImageOp.SOLARIZE));
    }

    @Test
    void levelsBetweenBinsInterpolateAndLevelsOutsideAreRejected() {
        MagnitudeSpace s = MagnitudeSpace.RAND_AUGMENT;
        assertEquals(15.0, s.value(ImageOp.ROTATE, 15.0, 31, 28, 28), 0.0);
        assertEquals(9.5, s.value(ImageOp.ROTATE, 9.5, 31, 28, 28), 1e-12);
        assertEquals(150.0 / 331.0 * 32 * 0.5, s.value(ImageOp.TRANSLATE_X, 15.0, 31, 24, 32), 1e-5);
        assertEquals(6.0, s.value(ImageOp.POSTERIZE, 15.0, 31, 28, 28), 0.0);
        assertThrows(IllegalArgumentException.class, () -> s.value(ImageOp.ROTATE, 31, 31, 28, 28));
        assertThrows(IllegalArgumentException.class, () -> s.value(ImageOp.INVERT, 3, 31, 28, 28));
    }
}
