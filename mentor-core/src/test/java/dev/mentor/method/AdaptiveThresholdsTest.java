package dev.mentor.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** FreeMatch's thresholds and mask on a fixed batch against values worked out by hand. */
class AdaptiveThresholdsTest {
    // three images, three classes: confident class 0, fairly confident class 1, hesitant class 0
    private static final float[] BATCH = {
        0.70f, 0.20f, 0.10f,
        0.10f, 0.60f, 0.30f,
        0.45f, 0.35f, 0.20f};

    @Test
    void oneBatchMovesTheAveragesAndMasksByClass() {
        AdaptiveThresholds t = new AdaptiveThresholds(3, 0.5);
        float[] mask = t.update(BATCH);
        // τ = ½·⅓ + ½·mean(0.7, 0.6, 0.45) = 0.1666… + 0.2916… = 0.458333
        assertEquals(0.458333, t.globalThreshold(), 1e-6);
        // p̃ = ½·⅓ + ½·(0.416667, 0.383333, 0.2)
        assertArrayEquals(new float[] {0.375f, 0.358333f, 0.266667f}, t.classExpectation(), 1e-6f);
        // h̃ = ½·⅓ + ½·(⅔, ⅓, 0)
        assertArrayEquals(new float[] {0.5f, 0.333333f, 0.166667f}, t.histogram(), 1e-6f);
        // thresholds τ·p̃(c)/max p̃: class 0 0.458333, class 1 0.458333·0.358333/0.375, class 2 0.458333·0.266667/0.375
        assertEquals(0.458333, t.threshold(0), 1e-6);
        assertEquals(0.437963, t.threshold(1), 1e-6);
        assertEquals(0.325926, t.threshold(2), 1e-6);
        // 0.7 ≥ 0.458 kept; 0.6 ≥ 0.438 kept; 0.45 < 0.458 (class 0's threshold) dropped
        assertArrayEquals(new float[] {1, 1, 0}, mask);
    }

    @Test
    void theStateRoundTripsExactly() {
        AdaptiveThresholds a = new AdaptiveThresholds(3, 0.999);
        for (int i = 0; i < 7; i++) {
            a.update(BATCH);
        }
        Map<String, float[]> state = a.state();
        AdaptiveThresholds b = new AdaptiveThresholds(3, 0.999);
        b.loadState(state);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(a.update(BATCH), b.update(BATCH));
        }
        assertEquals(a.globalThreshold(), b.globalThreshold());
        assertArrayEquals(a.classExpectation(), b.classExpectation());
        assertArrayEquals(a.histogram(), b.histogram());
    }

    @Test
    void theThresholdsStartAtOneOverTheClassCount() {
        AdaptiveThresholds t = new AdaptiveThresholds(4, 0.999);
        assertEquals(0.25, t.globalThreshold(), 1e-7);
        assertEquals(0.25, t.threshold(3), 1e-7);
    }

    @Test
    void aStartPassSetsTheAveragesToThePoolsStatistics() {
        AdaptiveThresholds t = new AdaptiveThresholds(3, 0.999);
        t.start(BATCH, new int[] {0, 1, 2});
        // τ = mean(0.7, 0.6, 0.45); p̃ = the mean row; h̃ keeps 1/C (the arg-max histogram (⅔, ⅓, 0) would give class 2
        // no weight in the fairness target, then almost all of it after its first prediction)
        assertEquals(0.583333, t.globalThreshold(), 1e-6);
        assertArrayEquals(new float[] {0.416667f, 0.383333f, 0.2f}, t.classExpectation(), 1e-6f);
        assertArrayEquals(new float[] {1 / 3f, 1 / 3f, 1 / 3f}, t.histogram(), 1e-7f);
        // class 0's threshold is the model's mean confidence; at 1/C, the same batch would keep all three
        assertEquals(0.583333, t.threshold(0), 1e-6);
        assertEquals(1.75 / 3 * 1.15 / 1.25, t.threshold(1), 1e-6);
        // with λ = 0.999 the first batch barely moves them: 0.7 kept, 0.6 (class 1, threshold ≈ 0.537) kept, 0.45 dropped
        assertArrayEquals(new float[] {1, 1, 0}, t.update(BATCH));
    }
}
