package dev.mentor.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An ensemble's mean distribution and the accuracy of hard labels, against values worked by hand. */
class PseudoLabelsTest {
    private static final List<String> IDS = List.of("a", "b");

    @Test
    void theMeanOfAnEnsembleIsTheAverageDistributionAndCanOutvoteItsFirstMember() {
        PseudoLabels teacher = new PseudoLabels(IDS, new float[] {0.6f, 0.4f, 0f, 0.1f, 0.2f, 0.7f}, 3);
        PseudoLabels other = new PseudoLabels(IDS, new float[] {0.0f, 1.0f, 0f, 0.1f, 0.0f, 0.9f}, 3);
        PseudoLabels mean = PseudoLabels.mean(List.of(teacher, other));
        assertArrayEquals(new float[] {0.3f, 0.7f, 0f, 0.1f, 0.1f, 0.8f}, mean.probabilities(), 1e-7f);
        assertEquals(0, teacher.label(0));
        assertEquals(1, mean.label(0), "the ensemble outvotes the teacher on image a");
        int[] truth = {1, 2};
        assertEquals(0.5, teacher.accuracy(truth), 1e-12);
        assertEquals(1.0, mean.accuracy(truth), 1e-12);
        assertSame(teacher, PseudoLabels.mean(List.of(teacher)));
    }

    @Test
    void membersOfOtherImagesOrClassesAreRefused() {
        PseudoLabels teacher = new PseudoLabels(IDS, new float[] {0.6f, 0.4f, 0.1f, 0.9f}, 2);
        PseudoLabels reordered = new PseudoLabels(List.of("b", "a"), new float[] {0.6f, 0.4f, 0.1f, 0.9f}, 2);
        assertThrows(IllegalArgumentException.class, () -> PseudoLabels.mean(List.of(teacher, reordered)));
        assertThrows(IllegalArgumentException.class, () -> teacher.accuracy(new int[] {1}));
    }
}
