package dev.mentor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Half floats against values worked out by hand from IEEE 754 binary16 (and numpy's float16). */
class HalfTest {
    @Test
    void knownValuesRoundToTheNearestHalfTiesToEven() {
        assertEquals((short) 0x3C00, Half.fromFloat(1f));
        assertEquals((short) 0x0000, Half.fromFloat(0f));
        assertEquals((short) 0x8000, Half.fromFloat(-0f));
        assertEquals((short) 0x3555, Half.fromFloat(1f / 3));
        assertEquals((short) 0x2E66, Half.fromFloat(0.1f));
        assertEquals((short) 0x7BFF, Half.fromFloat(65504f));
        assertEquals((short) 0x7C00, Half.fromFloat(65520f), "past the largest half: infinity");
        assertEquals((short) 0x0001, Half.fromFloat(0x1p-24f), "the smallest subnormal");
        assertEquals((short) 0x0000, Half.fromFloat(0x1p-25f), "half of it ties to even: zero");
        assertEquals((short) 0x0002, Half.fromFloat(0x1.8p-24f), "1.5 subnormal steps tie to the even 2");
        assertEquals((short) 0x0002, Half.fromFloat(0x1.4p-23f), "2.5 subnormal steps tie to the even 2");
        assertEquals((short) 0x3C00, Half.fromFloat(1f + 0x1p-11f), "a tie between 1 and its successor goes to even 1");
        assertEquals((short) 0x3C02, Half.fromFloat(1f + 3 * 0x1p-11f), "a tie between odd and even goes to even");
        assertEquals((short) 0x7E00, Half.fromFloat(Float.NaN));
    }

    @Test
    void everyHalfConvertsToAFloatAndBack() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float value = Half.toFloat((short) bits);
            if (!Float.isNaN(value)) {
                assertEquals((short) bits, Half.fromFloat(value), Integer.toHexString(bits));
            }
        }
        assertEquals(0.0999755859375f, Half.toFloat((short) 0x2E66));
    }

    @Test
    void probabilitiesKeepARelativeErrorOfAtMostTwoToTheMinusEleven() {
        for (float p = 1e-4f; p <= 1; p *= 1.01f) {
            float back = Half.toFloat(Half.fromFloat(p));
            assertEquals(p, back, p * 0x1p-11f);
        }
    }
}
