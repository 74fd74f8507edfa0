package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.Deadline;
import dev.mentor.report.RunReader;
import dev.mentor.run.FinalMetrics;
import dev.mentor.run.SelfTrainingDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code fit --time-budget} stops a stage that is still training when the budget runs out. The fit's clock is a fake
 * that stands still until a file of the stage appears, then jumps past the budget: which step the stage stops at is
 * fixed, whatever the machine's speed.
 */
class FitTimeBudgetTest {
    private static final long BUDGET_SECONDS = 3600;
    @RegisterExtension
    static final TinyIdx IDX = new TinyIdx(200, 40, 4);

    /** A clock at 0 until {@code trigger} exists, then past the budget. */
    private static LongSupplier passingOnceExists(Path trigger) {
        return () -> Files.exists(trigger) ? (BUDGET_SECONDS + 1) * 1_000_000_000L : 0;
    }

    private static Fit.Summary fit(Path out, Path trigger, StringWriter log) {
        Fit.Settings settings = new Fit.Settings(List.of("--data", IDX.spec(), "--labels", "40", "--validation-per-class", "5",
                "--seed", "0"), "cnn-small", 8, BUDGET_SECONDS, out, List.of("noisy-student", "uda"));
        new Fit(settings, new PrintWriter(log, true), passingOnceExists(trigger)).run(new PrintWriter(new StringWriter(), true));
        assertNull(Deadline.passed(), "the fit clears its deadline");
        return Fit.Summary.read(out.resolve(Fit.FIT_JSON));
    }

    private static Fit.StageResult stage(Fit.Summary summary, String name) {
        return summary.stages().stream().filter(s -> s.stage().equals(name)).findFirst().orElseThrow();
    }

    /** The student (4 steps, one evaluation each) stops after its first; UDA, with no time left, is skipped. */
    @Test
    void aStageStoppedAfterAnEvaluationKeepsThatModelAndIsACandidate() throws Exception {
        Path out = IDX.dir().resolve("after");
        Path student = out.resolve("stages/noisy-student/round-1");
        StringWriter log = new StringWriter();
        Fit.Summary fit = fit(out, student.resolve("checkpoint.ckpt"), log);

        FinalMetrics metrics = FinalMetrics.read(student.resolve("metrics.json"));
        assertEquals(1L, metrics.steps(), "stopped before its second step");
        assertTrue(metrics.stopped().startsWith("the time budget of 3600 s ran out: stopped before step 1 of 4"), metrics.stopped());
        assertNotNull(metrics.validationAccuracy());
        assertTrue(Files.isRegularFile(student.resolve("checkpoint.ckpt")) && Files.isRegularFile(student.resolve("model.ckpt")));

        Fit.StageResult ns = stage(fit, "noisy-student");
        assertTrue(ns.stopped().startsWith("round-1: the time budget of 3600 s ran out"), ns.stopped());
        assertEquals(RunReader.read(out.resolve("stages/noisy-student")).validationAccuracy(), ns.validationAccuracy());
        assertNull(stage(fit, "supervised").stopped());
        assertTrue(stage(fit, "uda").skipped().contains("0 s of the time budget are left"), stage(fit, "uda").toString());
        assertTrue(log.toString().contains("[2/3] noisy-student: round-1: the time budget"), log.toString());
        // never below the baseline on validation
        Double baseline = stage(fit, "supervised").validationAccuracy();
        assertTrue(stage(fit, fit.chosen()).validationAccuracy() >= baseline);
        assertTrue(fit.chosen().equals("supervised") || ns.validationAccuracy() > baseline, fit.chosen());
    }

    /** UDA's deadline passes as it starts: it has no evaluation, so it is no candidate, and its folder can be resumed. */
    @Test
    void aStageStoppedBeforeItsFirstEvaluationIsNoCandidate() throws Exception {
        Path out = IDX.dir().resolve("before");
        Path uda = out.resolve("stages/uda");
        Fit.Summary fit = fit(out, uda.resolve("config.json"), new StringWriter());

        Fit.StageResult stopped = stage(fit, "uda");
        assertTrue(stopped.stopped().startsWith("the time budget ran out before its first evaluation: not a candidate"), stopped.stopped());
        assertNull(stopped.validationAccuracy());
        assertNull(stopped.skipped());
        assertTrue(Files.isRegularFile(uda.resolve("config.json")) && !Files.exists(uda.resolve("metrics.json")));
        assertNull(stage(fit, "noisy-student").stopped(), "the student finished before the deadline");
        assertTrue(List.of("supervised", "noisy-student").contains(fit.chosen()), fit.chosen());
        assertEquals(SelfTrainingDirectory.modelFolder(out.resolve("stages").resolve(fit.chosen())).resolve("model.ckpt").toString()
                .replace(out.toString() + "/", ""), fit.modelFrom() + "/model.ckpt");
    }
}
