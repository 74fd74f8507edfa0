package dev.mentor.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mentor.MentorException;
import org.junit.jupiter.api.Test;

/** FlexMatch's curriculum thresholds on fixed batches against values worked out by hand (pool of 6, 3 classes, τ = 0.9). */
class CurriculumThresholdsTest {
    // image 0: class 0 above τ; image 1: class 1 below τ; image 2: class 2 above τ
    private static final float[] FIRST = {0.95f, 0.03f, 0.02f, 0.10f, 0.85f, 0.05f, 0.02f, 0.02f, 0.96f};
    // images 3, 4, 5: class 0 at 0.8, class 1 at 0.5, class 2 at 0.85 (all below τ)
    private static final float[] SECOND = {0.80f, 0.10f, 0.10f, 0.30f, 0.50f, 0.20f, 0.05f, 0.10f, 0.85f};

    @Test
    void everyPseudoLabelCountsUntilTheModelHasLearnedSomething() {
        CurriculumThresholds t = new CurriculumThresholds(3, 6, 0.9, true);
        // β starts at 0, so T(c) = 0: all kept, though only images 0 and 2 pass τ
        assertArrayEquals(new float[] {1, 1, 1}, t.mask(FIRST, new int[] {0, 1, 2}));
        // σ = (1, 0, 1), 4 unused: with the warm-up β = σ / max(1, 4) = (1/4, 0, 1/4)
        assertArrayEquals(new float[] {0.25f, 0f, 0.25f}, t.learningEffect());
        assertEquals(0.9f * 0.25f / 1.75f, t.threshold(0), 1e-7);
        assertEquals(0f, t.threshold(1));
        assertEquals(2, t.used());
        // T = (0.1286, 0, 0.1286): all three kept
        assertArrayEquals(new float[] {1, 1, 1}, t.mask(SECOND, new int[] {3, 4, 5}));
    }

    @Test
    void withoutTheWarmUpALearnedClassNeedsTheFullThreshold() {
        CurriculumThresholds t = new CurriculumThresholds(3, 6, 0.9, false);
        t.mask(FIRST, new int[] {0, 1, 2});
        // β = σ / max σ = (1, 0, 1): T = (0.9, 0, 0.9)
        assertArrayEquals(new float[] {1f, 0f, 1f}, t.learningEffect());
        assertEquals(0.9f, t.threshold(0), 1e-7);
        // image 3 (class 0 at 0.8) and image 5 (class 2 at 0.85) fall short of 0.9; image 4 (class 1) is kept at T = 0
        assertArrayEquals(new float[] {0, 1, 0}, t.mask(SECOND, new int[] {3, 4, 5}));
    }

    @Test
    void anImageRemembersOnlyItsLastClassAboveTau() {
        CurriculumThresholds t = new CurriculumThresholds(3, 6, 0.9, false);
        t.mask(FIRST, new int[] {0, 1, 2});
        // image 0 now passes τ as class 2: σ = (0, 0, 2), β = (0, 0, 1)
        t.mask(new float[] {0.01f, 0.01f, 0.98f}, new int[] {0});
        assertArrayEquals(new float[] {0f, 0f, 1f}, t.learningEffect());
        assertEquals(2, t.used());
    }

    @Test
    void betaStaysWhileEveryImageRemembersOneValue() {
        CurriculumThresholds t = new CurriculumThresholds(3, 2, 0.9, true);
        // nothing passes τ: all still -1, β stays 0
        t.mask(new float[] {0.5f, 0.3f, 0.2f, 0.4f, 0.4f, 0.2f}, new int[] {0, 1});
        assertArrayEquals(new float[] {0, 0, 0}, t.learningEffect());
        // both pass τ as class 1: all remember 1, so β is not recomputed (USB's guard)
        t.mask(new float[] {0.0f, 1.0f, 0.0f, 0.05f, 0.95f, 0.0f}, new int[] {0, 1});
        assertArrayEquals(new float[] {0, 0, 0}, t.learningEffect());
    }

    @Test
    void theStateRestoresTheSameThresholds() {
        CurriculumThresholds t = new CurriculumThresholds(3, 6, 0.9, true);
        t.mask(FIRST, new int[] {0, 1, 2});
        CurriculumThresholds restored = new CurriculumThresholds(3, 6, 0.9, true);
        restored.loadState(t.state());
        assertArrayEquals(t.learningEffect(), restored.learningEffect());
        assertEquals(t.used(), restored.used());
        assertArrayEquals(t.mask(SECOND, new int[] {3, 4, 5}), restored.mask(SECOND, new int[] {3, 4, 5}));
        assertArrayEquals(t.learningEffect(), restored.learningEffect());
        CurriculumThresholds other = new CurriculumThresholds(3, 7, 0.9, true);
        assertThrows(MentorException.class, () -> other.loadState(t.state()));
    }

    @Test
    void aStartPassRemembersWhatTheStartingModelPredictsAboveTau() {
        // the pool of 6 in one pass: images 0 and 2 pass τ (classes 0 and 2), as a first batch of them would
        float[] pool = new float[18];
        System.arraycopy(FIRST, 0, pool, 0, 9);
        System.arraycopy(SECOND, 0, pool, 9, 9);
        CurriculumThresholds warm = new CurriculumThresholds(3, 6, 0.9, true);
        warm.start(pool, new int[] {0, 1, 2, 3, 4, 5});
        assertEquals(2, warm.used());
        // σ = (1, 0, 1), 4 unused: β = (1/4, 0, 1/4) before the first step, where it would otherwise be 0 for every class
        assertArrayEquals(new float[] {0.25f, 0f, 0.25f}, warm.learningEffect());
        // without the warm-up β = (1, 0, 1): T = (0.9, 0, 0.9) from the first batch on, which SECOND's classes 0 and 2
        // (0.8, 0.85) fall short of; a curriculum that starts from none keeps the whole first batch (T = 0)
        CurriculumThresholds started = new CurriculumThresholds(3, 6, 0.9, false);
        started.start(pool, new int[] {0, 1, 2, 3, 4, 5});
        assertArrayEquals(new float[] {0, 1, 0}, started.mask(SECOND, new int[] {3, 4, 5}));
        CurriculumThresholds fresh = new CurriculumThresholds(3, 6, 0.9, false);
        assertArrayEquals(new float[] {1, 1, 1}, fresh.mask(SECOND, new int[] {3, 4, 5}));
    }
}
