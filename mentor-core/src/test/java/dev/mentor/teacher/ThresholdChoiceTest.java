package dev.mentor.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The validation-chosen confidence threshold on hand-made teachers. */
class ThresholdChoiceTest {
    /** Two classes; image i predicts class 0 with the given confidence. */
    private static PseudoLabels labels(float... confidence) {
        float[] p = new float[2 * confidence.length];
        for (int i = 0; i < confidence.length; i++) {
            p[2 * i] = confidence[i];
            p[2 * i + 1] = 1 - confidence[i];
        }
        List<String> ids = java.util.stream.IntStream.range(0, confidence.length).mapToObj(Integer::toString).toList();
        return new PseudoLabels(ids, p, 2);
    }

    @Test
    void aWeakTeacherKeepsOnlyWhatItIsSureOf() {
        // confident ones right, unsure ones (0.55) mostly wrong: keep from 0.6 on
        PseudoLabels l = labels(0.95f, 0.9f, 0.85f, 0.55f, 0.55f, 0.55f, 0.55f);
        ThresholdChoice.Result r = ThresholdChoice.choose(l, new int[] {0, 0, 0, 1, 1, 1, 0});
        // t <= 0.5: 7 kept, 4 right: (8 - 7)/7; t in 0.6..0.8: 3 kept, all right: 3/7
        assertEquals(0.6, r.threshold(), 1e-9);
        assertEquals(3.0 / 7, r.grid().get(6).score(), 1e-9);
        assertEquals(1.0 / 7, r.grid().get(0).score(), 1e-9);
    }

    @Test
    void aStrongTeacherKeepsEverything() {
        PseudoLabels l = labels(0.95f, 0.6f, 0.55f, 0.52f);
        assertEquals(0.0, ThresholdChoice.choose(l, new int[] {0, 0, 0, 0}).threshold(), 1e-9, "ties go to the lower threshold");
    }

    @Test
    void aThresholdThatKeepsNothingScoresZeroAndHasNoPrecision() {
        ThresholdChoice.Result r = ThresholdChoice.choose(labels(0.6f, 0.6f), new int[] {1, 1});
        assertEquals(0.7, r.grid().get(7).threshold(), 1e-9);
        assertEquals(0.0, r.grid().get(7).score());
        assertEquals(Double.NaN, r.grid().get(7).precision());
        assertEquals(0.7, r.threshold(), 1e-9, "every kept label would be wrong: keeping none (the first threshold above 0.6) is best");
    }
}
