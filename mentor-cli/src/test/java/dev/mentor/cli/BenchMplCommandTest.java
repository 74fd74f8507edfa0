package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchMplCommandTest {
    @Test
    void printsEveryPhaseStepsPerSecondAndImagesPerSecondLast() {
        CliFixture.Result r = CliFixture.run("bench", "mpl", "--size", "16", "--batch-size", "4", "--unlabeled-ratio", "2",
                "--steps", "2", "--warmup-steps", "1");
        assertEquals(0, r.code(), r.err());
        for (String phase : List.of("teacher_forward", "student_forward_backward", "student_measure", "student_update",
                "teacher_backward", "teacher_update", "mpl step", "uda step", "steps/s:", "unlabeled=8")) {
            assertTrue(r.out().contains(phase), phase + " missing from:\n" + r.out());
        }
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(lines.size() - 1).matches("img/s: [0-9.]+"), r.out());
    }

    @Test
    void badStepCountsAreUserErrors() {
        CliFixture.Result r = CliFixture.run("bench", "mpl", "--steps", "0");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--steps"), r.err());
    }
}
