package dev.mentor.loop;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.eval.Evaluation;
import org.junit.jupiter.api.Test;

/** The collapse guard on hand-made validations of 10 classes, 10 images each. */
class CollapseGuardTest {
    private static final int CLASSES = 10;

    /** A validation where {@code right} images per class are answered right and the rest answered {@code constant}. */
    private static Evaluation validation(int right, int constant) {
        int n = CLASSES * 10;
        float[] p = new float[n * CLASSES];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % CLASSES;
            int answer = i / CLASSES < right ? labels[i] : constant;
            p[i * CLASSES + answer] = 1;
        }
        return Evaluation.of(p, labels, CLASSES);
    }

    @Test
    void aLearnedRunThatCollapsesAfterTheWarmUpStopsAtOnce() {
        CollapseGuard guard = new CollapseGuard();
        assertNull(guard.check(10, 50, validation(0, 3)), "a constant answer within the warm-up does not count");
        assertNull(guard.check(100, 50, validation(6, 3)));
        assertNull(guard.check(60, 50, validation(0, 3)), "nor within the grace steps after it");
        String why = guard.check(150, 50, validation(0, 3));
        assertNotNull(why);
        assertTrue(why.contains("class 3 for 100%") && why.contains("after it had learned"), why);
    }

    @Test
    void aRunThatNeverLearnsStopsAfterThreeCollapsedValidationsInARow() {
        CollapseGuard guard = new CollapseGuard();
        assertNull(guard.check(100, 50, validation(0, 7)));
        assertNull(guard.check(110, 50, validation(0, 7)));
        assertNull(guard.check(120, 50, validation(0, 7)), "three validations, but only 70 steps after the warm-up");
        String why = guard.check(150, 50, validation(0, 7));
        assertNotNull(why);
        assertTrue(why.contains("4 validations in a row"), why);
    }

    @Test
    void ordinaryValidationsAndAnswersSpreadOverClassesNeverStop() {
        CollapseGuard guard = new CollapseGuard();
        for (int step = 100; step < 2000; step += 100) {
            // 10% right, the rest spread over two classes: poor, but not one constant answer (55% is class 1)
            assertNull(guard.check(step, 50, validation(1, 1 + (step / 100) % 2)));
            assertNull(guard.check(step, 50, validation(9, 4)));
        }
    }

    @Test
    void twoClassProblemsAreNotJudged() {
        CollapseGuard guard = new CollapseGuard();
        float[] p = {1, 0, 1, 0, 1, 0, 1, 0};
        Evaluation constant = Evaluation.of(p, new int[] {0, 1, 0, 1}, 2);
        for (int i = 0; i < 5; i++) {
            assertNull(guard.check(100 + i, 0, constant));
        }
    }
}
