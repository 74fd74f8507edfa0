package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.report.RunSummary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suite's plan and command lines: budgets in steps, and warm starts from the supervised run. */
class SuiteTest {
    private static final Path OUT = Path.of("suite");

    private static List<String> methods(List<Suite.Run> plan) {
        return plan.stream().map(r -> r.recipe().name()).toList();
    }

    @Test
    void warmStartingMethodsBringTheirSupervisedRunIntoThePlan() {
        assertEquals(List.of("supervised", "fixmatch", "mpl"), methods(Suite.plan(List.of("fixmatch", "mpl"), List.of(40), List.of(0L), true)));
        assertEquals(List.of("fixmatch", "mpl"), methods(Suite.plan(List.of("fixmatch", "mpl"), List.of(40), List.of(0L), false)));
        // a teacher is needed either way
        assertEquals(List.of("supervised", "pseudo-label"), methods(Suite.plan(List.of("pseudo-label"), List.of(40), List.of(0L), false)));
    }

    @Test
    void aMethodStartsFromTheSupervisedRunOnlyWhenItLearned() {
        List<String> four = List.of("a", "b", "c", "d");
        assertTrue(Suite.startsWarm(summary(0.5, four)), "twice chance");
        assertFalse(Suite.startsWarm(summary(0.49, four)));
        assertFalse(Suite.startsWarm(summary(null, four)), "no validation split: nothing says it learned");
        assertTrue(Suite.startsWarm(summary(0.2, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"))));
    }

    @Test
    void commandsCountStepsAndNameTheRunTheyStartFrom() {
        Suite.Settings settings = new Suite.Settings("fashion-mnist", "cnn-small", 100, null, null, true, OUT);
        Path init = OUT.resolve("runs/supervised-l40-s0");
        List<String> fixmatch = SuiteRecipe.of("fixmatch").arguments(settings, 40, 0, 1600, null, init);
        assertEquals("1600", fixmatch.get(fixmatch.indexOf("--steps") + 1));
        assertEquals(init.toString(), fixmatch.get(fixmatch.indexOf("--init") + 1));
        assertFalse(fixmatch.contains("--epochs"), "40 labels are one step a pass: epochs would mean 40x fewer steps");
        List<String> mpl = SuiteRecipe.of("mpl").arguments(settings, 40, 0, 1600, null, null);
        assertEquals("320", mpl.get(mpl.indexOf("--finetune-steps") + 1));
        assertEquals("none", mpl.get(mpl.indexOf("--init") + 1), "a fresh start the suite chose: the command would train its own");
        List<String> student = SuiteRecipe.of("noisy-student").arguments(settings, 40, 0, 1600, OUT.resolve("t"), null);
        assertEquals("1600", student.get(student.indexOf("--student-steps") + 1));
        assertFalse(student.contains("--init"), "a student starts from its teacher by its own default");
    }

    private static RunSummary summary(Double validation, List<String> classes) {
        return new RunSummary(OUT, "supervised", "cnn-small", "fashion-mnist", "weak", 40, 0, 0.5, validation, 1, null, null,
                List.of(), null, classes, List.of());
    }
}
