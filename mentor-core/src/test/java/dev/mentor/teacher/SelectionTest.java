package dev.mentor.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import dev.mentor.Switch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Filtering and balancing counts on a hand-made pool of three classes. */
class SelectionTest {
    /**
     * Ten images; (hard label, confidence) per image:
     * class 0: #0 0.95, #1 0.60, #2 0.40, #3 0.90, #4 0.85, #5 0.70
     * class 1: #6 0.99, #7 0.45
     * class 2: #8 0.50, #9 0.35
     */
    static PseudoLabels pool() {
        int[] label = {0, 0, 0, 0, 0, 0, 1, 1, 2, 2};
        float[] confidence = {0.95f, 0.60f, 0.40f, 0.90f, 0.85f, 0.70f, 0.99f, 0.45f, 0.50f, 0.35f};
        float[] p = new float[30];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            float rest = (1 - confidence[i]) / 2;
            for (int c = 0; c < 3; c++) {
                p[i * 3 + c] = c == label[i] ? confidence[i] : rest;
            }
            ids.add(Integer.toString(100 + i));
        }
        return new PseudoLabels(ids, p, 3);
    }

    @Test
    void noFilterAndNoBalanceKeepsEveryImageOnce() {
        Selection s = Selection.of(pool(), new Selection.Options(0, Switch.OFF, 0));
        assertArrayEquals(new int[] {6, 2, 2}, s.keptPerClass());
        assertArrayEquals(new int[] {6, 2, 2}, s.selectedPerClass());
        assertEquals(10, s.size());
        assertEquals(0, s.target());
    }

    @Test
    void filteringDropsImagesBelowTheMinimumConfidence() {
        Selection s = Selection.of(pool(), new Selection.Options(0.5, Switch.OFF, 0));
        assertArrayEquals(new int[] {5, 1, 1}, s.keptPerClass());
        // grouped by class, most confident first; 0.50 itself is kept
        assertArrayEquals(new int[] {0, 3, 4, 5, 1, 6, 8}, s.positions());
    }

    @Test
    void balancingKeepsTheMostConfidentOfLargeClassesAndRepeatsSmallOnes() {
        // 7 kept at 0.5: the mean per class is 7/3 = 2.33 -> 2
        Selection auto = Selection.of(pool(), new Selection.Options(0.5, Switch.ON, 0));
        assertEquals(2, auto.target());
        assertArrayEquals(new int[] {0, 3, 6, 6, 8, 8}, auto.positions());
        // a target of 4: class 0 keeps its 4 most confident, class 1's one image is repeated 4 times
        Selection four = Selection.of(pool(), new Selection.Options(0.5, Switch.ON, 4));
        assertArrayEquals(new int[] {4, 4, 4}, four.selectedPerClass());
        assertArrayEquals(new int[] {0, 3, 4, 5, 6, 6, 6, 6, 8, 8, 8, 8}, four.positions());
    }

    @Test
    void duplicationGivesTheRemainderToTheMostConfident() {
        // no filter: class 1 has #6 (0.99) and #7 (0.45); a target of 5 = 2 rounds of both + #6 once more
        Selection s = Selection.of(pool(), new Selection.Options(0, Switch.ON, 5));
        assertArrayEquals(new int[] {5, 5, 5}, s.selectedPerClass());
        int[] p = s.positions();
        assertArrayEquals(new int[] {6, 7, 6, 7, 6}, java.util.Arrays.copyOfRange(p, 5, 10));
        assertArrayEquals(new int[] {8, 9, 8, 9, 8}, java.util.Arrays.copyOfRange(p, 10, 15));
    }

    @Test
    void aClassWithNoImageLeftStaysEmpty() {
        Selection s = Selection.of(pool(), new Selection.Options(0.8, Switch.ON, 3));
        assertArrayEquals(new int[] {3, 1, 0}, s.keptPerClass());
        assertArrayEquals(new int[] {3, 3, 0}, s.selectedPerClass());
        assertArrayEquals(new int[] {0, 3, 4, 6, 6, 6}, s.positions());
    }

    /** A threshold that keeps nothing no longer stops the round: the most confident tenth of each predicted class (at least one). */
    @Test
    void aThresholdThatKeepsNothingFallsBackToTheMostConfidentOfEachClass() {
        Selection s = Selection.of(pool(), new Selection.Options(0.995, Switch.OFF, 0));
        assertArrayEquals(new int[] {1, 1, 1}, s.keptPerClass());
        assertArrayEquals(new int[] {0, 6, 8}, s.positions());
        assertEquals(List.of("min_confidence"), s.fallback().components());
        assertTrue(s.fallback().toString().startsWith("min_confidence 0.995 keeps none of the 10 pseudo-labeled images (the most "
                + "confident has 0.990)"), s.fallback().toString());
        assertTrue(s.fallback().render(c -> "--" + c.replace('_', '-')).startsWith("--min-confidence 0.995 keeps none"));
        assertEquals(null, Selection.of(pool(), new Selection.Options(0.5, Switch.OFF, 0)).fallback());
    }

    @Test
    void badOptionsAreUserErrors() {
        assertTrue(assertThrows(MentorException.class, () -> new Selection.Options(1.5, Switch.ON, 0))
                .getMessage().contains("1.5"));
        assertTrue(assertThrows(MentorException.class, () -> new Selection.Options(0.5, Switch.ON, -2))
                .getMessage().startsWith("balance_per_class: "));
        assertTrue(assertThrows(MentorException.class, () -> Switch.parse("--balance", "maybe"))
                .getMessage().equals("--balance: expected on or off, got 'maybe'"));
    }

    @Test
    void targetsAreTheDistributionOrItsArgmax() {
        PseudoLabels labels = pool();
        int[] positions = {7, 0};
        float[] soft = new float[6];
        float[] hard = new float[6];
        PseudoLabelTargets softTargets = new PseudoLabelTargets(labels, positions, PseudoLabelTargets.Kind.SOFT);
        PseudoLabelTargets hardTargets = new PseudoLabelTargets(labels, positions, PseudoLabelTargets.Kind.HARD);
        for (int j = 0; j < 2; j++) {
            softTargets.write(j, soft, 3 * j);
            hardTargets.write(j, hard, 3 * j);
        }
        assertArrayEquals(new float[] {0.275f, 0.45f, 0.275f, 0.95f, 0.025f, 0.025f}, soft, 1e-6f);
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0}, hard);
        assertEquals("pseudo_labels: expected soft or hard, got 'fuzzy'",
                assertThrows(MentorException.class, () -> PseudoLabelTargets.Kind.parse("fuzzy")).getMessage());
    }
}
