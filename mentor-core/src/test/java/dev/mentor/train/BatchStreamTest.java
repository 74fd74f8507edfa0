package dev.mentor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.augment.WeakAugment;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.testing.SyntheticData;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchStreamTest {
    private static final ArrayImageSet SET = SyntheticData.squares(50, 5, 3, 12, 4);
    private static final Normalization NORM = new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});

    private static BatchStream stream(long seed) {
        return new BatchStream(SET, 16, seed, List.of(WeakAugment.standard(12, true)), NORM, TargetSource.oneHot(SET));
    }

    @Test
    void aBatchIsAPureFunctionOfItsNumber() {
        BatchStream a = stream(9);
        BatchStream b = stream(9);
        HostBatch later = a.batch(7);
        a.batch(0);
        assertArrayEquals(later.views()[0], a.batch(7).views()[0]);
        assertArrayEquals(later.indices(), b.batch(7).indices());
        assertArrayEquals(later.views()[0], b.batch(7).views()[0]);
        assertArrayEquals(later.targets(), b.batch(7).targets());
    }

    @Test
    void everyImageAppearsOncePerPass() {
        BatchStream s = new BatchStream(SET, 10, 3, List.of(WeakAugment.standard(12, true)), NORM, null);
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < 5; k++) {
            for (int i : s.batch(k).indices()) {
                assertFalse(!seen.add(i), "image " + i + " twice in one pass");
            }
        }
        assertEquals(50, seen.size());
    }

    @Test
    void prefetchingWithAnyNumberOfThreadsGivesTheSameBatches() {
        float[][] single = new float[6][];
        try (Prefetcher p = new Prefetcher(stream(2), 0, 1, 1)) {
            for (int k = 0; k < 6; k++) {
                single[k] = p.next().views()[0];
            }
        }
        try (Prefetcher p = new Prefetcher(stream(2), 0, 3, 4)) {
            for (int k = 0; k < 6; k++) {
                assertArrayEquals(single[k], p.next().views()[0], "batch " + k);
            }
        }
    }

    @Test
    void differentSeedsShuffleDifferently() {
        assertFalse(Arrays.equals(stream(1).batch(0).indices(), stream(2).batch(0).indices()));
    }

    @Test
    void targetsAreOneHotRowsOfTheLabels() {
        HostBatch b = stream(1).batch(0);
        for (int i = 0; i < b.size(); i++) {
            for (int c = 0; c < 5; c++) {
                assertEquals(SET.label(b.indices()[i]) == c ? 1f : 0f, b.targets()[i * 5 + c]);
            }
        }
    }

    @Test
    void cutMixMixesTheFirstViewAndTheTargetsDeterministically() {
        BatchStream plain = stream(3);
        BatchStream mixed = new BatchStream(SET, 16, 3, List.of(WeakAugment.standard(12, true)), NORM,
                TargetSource.oneHot(SET), new dev.mentor.augment.mix.CutMix(1.0));
        HostBatch a = mixed.batch(4);
        HostBatch b = mixed.batch(4);
        assertArrayEquals(a.views()[0], b.views()[0]);
        assertArrayEquals(a.targets(), b.targets());
        assertArrayEquals(plain.batch(4).indices(), a.indices());
        boolean soft = false;
        for (int i = 0; i < a.size(); i++) {
            float sum = 0;
            for (int c = 0; c < 5; c++) {
                float t = a.targets()[i * 5 + c];
                sum += t;
                soft |= t > 0 && t < 1;
            }
            assertEquals(1f, sum, 1e-5);
        }
        assertTrue(soft, "CutMix with alpha 1 should leave some targets soft");
    }
}
