package dev.mentor.augment.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixTest {
    /** Image i is filled with the value i + 1 (plus its channel's tenth); target i is one-hot at class i % k. */
    private static Batch batch(int n, int c, int h, int w, int k) {
        float[] x = new float[n * c * h * w];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                Arrays.fill(x, (i * c + ch) * h * w, (i * c + ch + 1) * h * w, i + 1 + ch / 10f);
            }
        }
        float[] t = new float[n * k];
        for (int i = 0; i < n; i++) {
            t[i * k + i % k] = 1;
        }
        return new Batch(x, t, n, c, h, w);
    }

    @Test
    void cutMixBoxIsClippedAndLambdaIsItsTrueArea() {
        // λ = 0.75 asks for a 5×5 box (√0.25 of 10); centred at (0, 0) only rows and columns 0..2 remain.
        CutMix.Box box = CutMix.box(10, 10, 0.75, 0, 0);
        assertEquals(new CutMix.Box(0, 0, 3, 3), box);
        Batch b = batch(2, 3, 10, 10, 2);
        MixedBatch m = CutMix.paste(b, new int[] {1, 0}, box);
        assertEquals(1 - 9 / 100.0, m.lambda(), 1e-12);
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 10; x++) {
                    boolean in = y < 3 && x < 3;
                    assertEquals((in ? 2 : 1) + ch / 10f, m.images()[(ch * 10 + y) * 10 + x], 0f);
                    assertEquals((in ? 1 : 2) + ch / 10f, m.images()[((3 + ch) * 10 + y) * 10 + x], 0f);
                }
            }
        }
        assertArrayEquals(new float[] {0.91f, 0.09f, 0.09f, 0.91f}, m.targets(), 1e-6f);
        assertEquals("cutmix", m.method());
    }

    @Test
    void cutMixInsideTheImageKeepsTheRequestedArea() {
        CutMix.Box box = CutMix.box(32, 32, 0.75, 16, 16);
        assertEquals(16 * 16, box.area());
        assertEquals(new CutMix.Box(8, 8, 24, 24), box);
        assertEquals(0, CutMix.box(32, 32, 1.0, 5, 5).area(), "λ = 1 pastes nothing");
    }

    @Test
    void cutMixDrawsKeepLambdaConsistentWithThePixels() {
        Batch b = batch(8, 1, 12, 9, 4);
        SplittableRandom random = new SplittableRandom(4);
        for (int trial = 0; trial < 200; trial++) {
            MixedBatch m = new CutMix(1.0).apply(b, random);
            for (int i = 0; i < 8; i++) {
                if (m.partners()[i] == i) {
                    continue;
                }
                int own = 0;
                for (int p = 0; p < 108; p++) {
                    own += m.images()[i * 108 + p] == i + 1 ? 1 : 0;
                }
                assertEquals(m.lambda(), own / 108.0, 1e-12, "share of own pixels equals λ");
            }
        }
    }

    @Test
    void mixUpBlendsImagesAndTargetsWithOneLambda() {
        Batch b = batch(3, 1, 2, 2, 3);
        float[] imagesBefore = b.images().clone();
        float[] targetsBefore = b.targets().clone();
        MixedBatch m = MixUp.mix(b, new int[] {2, 0, 1}, 0.7);
        assertEquals(0.7f * 1 + 0.3f * 3, m.images()[0], 1e-6f);
        assertEquals(0.7f * 2 + 0.3f * 1, m.images()[4], 1e-6f);
        assertArrayEquals(new float[] {0.7f, 0, 0.3f, 0.3f, 0.7f, 0, 0, 0.3f, 0.7f}, m.targets(), 1e-6f);
        assertArrayEquals(imagesBefore, b.images(), "images not mutated");
        assertArrayEquals(targetsBefore, b.targets(), "targets not mutated");
    }

    @Test
    void mixedTargetsStayDistributionsAndRunsReplay() {
        Batch b = batch(16, 3, 8, 8, 5);
        for (BatchMix mix : new BatchMix[] {new MixUp(0.2), new CutMix(1.0), new MixUpOrCutMix(new MixUp(0.8), new CutMix(1.0), 0.5)}) {
            MixedBatch first = mix.apply(b, new SplittableRandom(11));
            MixedBatch again = mix.apply(b, new SplittableRandom(11));
            assertArrayEquals(first.images(), again.images());
            assertArrayEquals(first.targets(), again.targets());
            assertTrue(first.lambda() >= 0 && first.lambda() <= 1);
            for (int i = 0; i < 16; i++) {
                double sum = 0;
                for (int j = 0; j < 5; j++) {
                    sum += first.targets()[i * 5 + j];
                }
                assertEquals(1.0, sum, 1e-6);
            }
            int[] sorted = first.partners().clone();
            Arrays.sort(sorted);
            assertArrayEquals(java.util.stream.IntStream.range(0, 16).toArray(), sorted, "partners are a permutation");
        }
    }

    @Test
    void switchProbabilityChoosesCutMixThatOften() {
        Batch b = batch(4, 1, 4, 4, 2);
        MixUpOrCutMix both = new MixUpOrCutMix(new MixUp(1), new CutMix(1), 0.3);
        SplittableRandom random = new SplittableRandom(8);
        int cutmix = 0;
        for (int i = 0; i < 4000; i++) {
            cutmix += both.apply(b, random).method().equals("cutmix") ? 1 : 0;
        }
        assertEquals(0.3, cutmix / 4000.0, 0.03);
    }

    @Test
    void badShapesAndAlphasAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Batch(new float[10], new float[4], 2, 1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Batch(new float[8], new float[5], 2, 1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new MixUp(0));
        assertThrows(IllegalArgumentException.class, () -> new CutMix(-1));
        assertThrows(IllegalArgumentException.class, () -> new MixUpOrCutMix(new MixUp(1), new CutMix(1), 1.5));
    }
}
