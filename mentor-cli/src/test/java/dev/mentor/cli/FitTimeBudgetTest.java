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
    /**
     * So long that the factor on the candidates' steps is at its cap whatever the baseline's real wall time (it would
     * fall below the cap only past 3,000 s for the baseline's 8 steps): the steps here do not depend on the machine's
     * speed. With an hour, a loaded machine made the factor 12.8 instead of 16.
     */
    private static final long BUDGET_SECONDS = 360_000;
    @RegisterExtension
    static final TinyIdx IDX = new TinyIdx(200, 40, 4);

    /** A clock at 0 until {@code trigger} exists, then past the budget. */
    private static LongSupplier passingOnceExists(Path trigger) {
        return () -> Files.exists(trigger) ? (BUDGET_SECONDS + 1) * 1_000_000_000L : 0;
    }

    private static Fit.Settings settings(Path out) {
        return new Fit.Settings(List.of("--data", IDX.spec(), "--labels", "40", "--validation-per-class", "5", "--seed", "0"),
                "cnn-small", 8, BUDGET_SECONDS, out, List.of("noisy-student", "uda"));
    }

    private static Fit.Summary fit(Path out, Path trigger, StringWriter log) {
        return fit(out, passingOnceExists(trigger), log);
    }

    private static Fit.Summary fit(Path out, LongSupplier clock, StringWriter log) {
        new Fit(settings(out), new PrintWriter(log, true), clock).run(new PrintWriter(new StringWriter(), true));
        assertNull(Deadline.passed(), "the fit clears its deadline");
        return Fit.Summary.read(out.resolve(Fit.FIT_JSON));
    }

    private static Fit.StageResult stage(Fit.Summary summary, String name) {
        return summary.stages().stream().filter(s -> s.stage().equals(name)).findFirst().orElseThrow();
    }

    /**
     * With the whole budget left after the baseline (the fake clock stands still), the candidates train 16× their default
     * steps: the student 64 instead of 4. It stops after its first; UDA, with no time left, is skipped.
     */
    @Test
    void aStageStoppedAfterAnEvaluationKeepsThatModelAndIsACandidate() throws Exception {
        Path out = IDX.dir().resolve("after");
        Path student = out.resolve("stages/noisy-student/round-1");
        StringWriter log = new StringWriter();
        Fit.Summary fit = fit(out, student.resolve("checkpoint.ckpt"), log);

        FinalMetrics metrics = FinalMetrics.read(student.resolve("metrics.json"));
        // stopped at the first evaluation (its checkpoint passes the clock), long before its 64 steps
        assertTrue(metrics.steps() >= 1 && metrics.steps() < 64, "steps " + metrics.steps());
        assertTrue(metrics.stopped().startsWith("the time budget of " + BUDGET_SECONDS + " s ran out: stopped before step " + metrics.steps() + " of 64"),
                metrics.stopped());
        assertNotNull(metrics.validationAccuracy());
        assertTrue(Files.isRegularFile(student.resolve("checkpoint.ckpt")) && Files.isRegularFile(student.resolve("model.ckpt")));

        Fit.StageResult ns = stage(fit, "noisy-student");
        assertEquals(Fit.MAX_STEP_FACTOR, ns.stepFactor());
        assertTrue(ns.command().contains("--steps 64 "), ns.command());
        assertEquals(64, ns.steps());
        assertEquals(metrics.steps(), ns.trainedSteps(), "fit.json has the steps the stopped student trained");
        assertTrue(stage(fit, "supervised").command().contains("--steps 8 ") && stage(fit, "supervised").stepFactor() == null,
                "the baseline keeps its steps");
        assertTrue(log.toString().contains("[2/3] noisy-student: " + BUDGET_SECONDS + " s of the time budget left: it and the candidates after it train "
                + "16.00× their default steps"), log.toString());
        // re-planned when the student stopped: no time left, so UDA's factor is the floor (its 2 default steps: 1) and it is skipped
        assertEquals(Fit.MIN_STEP_FACTOR, stage(fit, "uda").stepFactor());
        assertTrue(stage(fit, "uda").command().contains("--steps 1 "), stage(fit, "uda").command());
        assertTrue(ns.stopped().startsWith("round-1: the time budget of " + BUDGET_SECONDS + " s ran out"), ns.stopped());
        assertEquals(RunReader.read(out.resolve("stages/noisy-student")).validationAccuracy(), ns.validationAccuracy());
        assertNull(stage(fit, "supervised").stopped());
        assertNull(stage(fit, "supervised").trainedSteps(), "a stage that trained every step has no trained-steps note");
        assertTrue(stage(fit, "uda").skipped().contains("0 s of the time budget are left"), stage(fit, "uda").toString());
        assertTrue(log.toString().contains("[2/3] noisy-student: round-1: the time budget"), log.toString());
        // never below the baseline on validation
        Double baseline = stage(fit, "supervised").validationAccuracy();
        assertTrue(stage(fit, fit.chosen()).validationAccuracy() >= baseline);
        assertTrue(fit.chosen().equals("supervised") || ns.validationAccuracy() > baseline, fit.chosen());
    }

    /**
     * No time left once the baseline is done: every candidate is skipped with the reason and the fit returns the baseline.
     * (This was a CLI test with {@code --time-budget 1s}, which failed on a loaded machine: the baseline did not reach its
     * first evaluation within the second.)
     */
    @Test
    void candidatesWithNoTimeLeftAfterTheBaselineAreSkippedWithTheReason() throws Exception {
        Path out = IDX.dir().resolve("none-left");
        Fit.Summary fit = fit(out, out.resolve("stages/supervised/metrics.json"), new StringWriter());
        assertEquals("supervised", fit.chosen());
        for (String candidate : List.of("noisy-student", "uda")) {
            assertTrue(stage(fit, candidate).skipped().contains("of the time budget are left"), stage(fit, candidate).toString());
            assertNull(stage(fit, candidate).validationAccuracy());
        }
        assertNull(stage(fit, "supervised").stopped(), "the baseline trained every step");
    }

    /**
     * An ensemble's baseline is worth its time only if a Noisy Student round can follow it: with no time left after the
     * baseline it is skipped and says so, and the round (skipped too) names no member that did not finish.
     */
    @Test
    void anEnsembleBaselineWithNoTimeForARoundAfterItIsSkipped() {
        Path out = IDX.dir().resolve("ensemble-none-left");
        Fit.Settings settings = new Fit.Settings(settings(out).data(), "cnn-small", 8, BUDGET_SECONDS, out, List.of("noisy-student"),
                null, 1, null, List.of("resnet-20"));
        new Fit(settings, new PrintWriter(new StringWriter(), true), passingOnceExists(out.resolve("stages/supervised/metrics.json")))
                .run(new PrintWriter(new StringWriter(), true));
        Fit.Summary fit = Fit.Summary.read(out.resolve(Fit.FIT_JSON));
        assertEquals(List.of("supervised", "supervised-resnet-20", "noisy-student"), fit.stages().stream().map(Fit.StageResult::stage).toList());
        assertTrue(stage(fit, "supervised-resnet-20").skipped().contains("with the shortest Noisy Student round after it"),
                stage(fit, "supervised-resnet-20").toString());
        assertNull(stage(fit, "supervised-resnet-20").stepFactor(), "its steps are the baseline's, never scaled");
        assertTrue(!stage(fit, "noisy-student").command().contains("--ensemble"), stage(fit, "noisy-student").command());
        assertEquals("supervised", fit.chosen());
    }

    /** The factor fills the time left, within its bounds; without a measured baseline it is 1. */
    @Test
    void theStepFactorFillsTheTimeLeft() {
        // defaults estimated at 5.75 baseline times of 100 s: 575 s; 0.9 × 3400 s left is 3060 s, 5.32×
        assertEquals(Fit.TIME_MARGIN * 3400 / 575, Fit.stepFactor(3400, 100, 5.75), 1e-12);
        assertEquals(Fit.MAX_STEP_FACTOR, Fit.stepFactor(1e6, 100, 5.75));
        assertEquals(Fit.MIN_STEP_FACTOR, Fit.stepFactor(10, 100, 5.75));
        assertEquals(Fit.MIN_STEP_FACTOR, Fit.stepFactor(-5, 100, 5.75), "an overrun budget gives the floor");
        assertEquals(1, Fit.stepFactor(3400, 0, 5.75));
        assertEquals(1, Fit.stepFactor(3400, Double.NaN, 5.75));
    }

    /**
     * A kind's step cost is the default until a stage of it has run in the fit, then what that stage measured: the later
     * stages of the kind are planned with it, the other kind's are not. (The default consistency cost was measured
     * under glibc's malloc and was twice this machine's under tcmalloc: a fit planned by it left time unused.)
     */
    @Test
    void aStagesMeasuredStepCostPlansTheLaterStagesOfItsKind() {
        StringWriter log = new StringWriter();
        Fit fit = new Fit(new Fit.Settings(List.of("--data", "idx:x"), "cnn-small", 1600, 3600, Path.of("out"),
                List.of("noisy-student", "uda", "fixmatch", "flexmatch"), null, 2, null, null), new PrintWriter(log, true));
        List<Fit.Stage> before = fit.plan();
        assertEquals(0.5 * Fit.STUDENT_STEP_COST, before.get(1).cost(), 1e-12);
        assertEquals(0.25 * Fit.CONSISTENCY_STEP_COST, before.get(3).cost(), 1e-12);

        // 400 s for 800 steps against the baseline's 100 s for 1,600: 8 baseline steps a step
        double cost = Fit.measuredStepCost(400, 800, 100, 1600);
        assertEquals(8, cost, 1e-12);
        fit.measured("uda", cost);
        fit.measured("supervised", 99);
        List<Fit.Stage> after = fit.plan();
        assertEquals(List.of("supervised", "noisy-student", "noisy-student-2", "uda", "fixmatch", "flexmatch"),
                after.stream().map(Fit.Stage::name).toList());
        for (int i = 3; i < 6; i++) {
            assertEquals(0.25 * 8, after.get(i).cost(), 1e-12, after.get(i).name());
        }
        assertEquals(before.get(1).cost(), after.get(1).cost(), "a student's estimate is its own kind's");
        assertEquals(1, after.get(0).cost(), "the baseline is the unit");
        fit.measured("noisy-student-2", 2.5);
        assertEquals(0.5 * 2.5, fit.plan().get(1).cost(), 1e-12);
        assertTrue(log.toString().contains("uda: a step took 8.0 baseline steps (planned at " + String.format("%.1f", Fit.CONSISTENCY_STEP_COST)),
                log.toString());

        assertTrue(Double.isNaN(Fit.measuredStepCost(400, 0, 100, 1600)), "no steps trained");
        assertTrue(Double.isNaN(Fit.measuredStepCost(400, 800, Double.NaN, 1600)), "no baseline time");
    }

    /** Re-planning from a stage keeps the stages before it and scales it and those after it. */
    @Test
    void aReplanKeepsTheStagesBeforeItsStart() {
        Fit fit = new Fit(new Fit.Settings(List.of("--data", "idx:x"), "cnn-small", 1600, 3600, Path.of("out"), List.of("noisy-student", "uda")),
                new PrintWriter(new StringWriter()));
        List<Fit.Stage> first = fit.replan(fit.plan(), 1, 8);
        List<Fit.Stage> second = fit.replan(first, 2, 2);
        assertEquals(fit.plan().get(0), second.get(0));
        assertEquals(fit.plan(8).get(1), second.get(1), "the student as planned before it started");
        assertEquals(fit.plan(2).get(2), second.get(2), "UDA re-planned at 2×");
        assertEquals(2 * fit.plan().get(2).cost(), second.get(2).cost(), 1e-12);
    }

    /** The scaled plan multiplies every candidate's steps and cost, and keeps the baseline's. */
    @Test
    void aScaledPlanScalesTheCandidatesOnly() {
        Fit fit = new Fit(new Fit.Settings(List.of("--data", "idx:x"), "cnn-small", 1600, 3600, Path.of("out"), List.of("noisy-student", "uda")),
                new PrintWriter(new StringWriter()));
        List<Fit.Stage> plain = fit.plan();
        List<Fit.Stage> scaled = fit.plan(4);
        assertEquals(plain.get(0), scaled.get(0));
        for (int i = 1; i < plain.size(); i++) {
            assertEquals(4 * plain.get(i).cost(), scaled.get(i).cost(), 1e-12);
        }
        assertTrue(String.join(" ", scaled.get(1).command()).contains("--steps 3200 "), scaled.get(1).command().toString());
        assertTrue(String.join(" ", scaled.get(2).command()).contains("--steps 1600 --init"), scaled.get(2).command().toString());
        assertTrue(String.join(" ", scaled.get(2).command()).contains("--uda-steps 160"), scaled.get(2).command().toString());
    }

    /**
     * supervised-longer trains the baseline's steps plus the scaled share from scratch (no --init), its warm-up a twentieth
     * of them, and costs the baseline once plus the factor.
     */
    @Test
    void supervisedLongerIsOneScheduleOfTheBaselinesStepsAndTheScaledShare() {
        Fit fit = new Fit(new Fit.Settings(List.of("--data", "idx:x"), "cnn-small", 1600, 3600, Path.of("out"),
                List.of("supervised-longer", "noisy-student")), new PrintWriter(new StringWriter()));
        Fit.Stage longer = fit.plan(4).get(1);
        assertEquals("supervised-longer", longer.name());
        assertEquals(8000, longer.steps());
        assertEquals(5, longer.cost(), 1e-12);
        String command = String.join(" ", longer.command());
        assertTrue(command.startsWith("train supervised ") && command.contains("--warmup-steps 400") && !command.contains("--init"), command);
        assertEquals(2, fit.plan().get(1).cost(), 1e-12, "at the default steps: twice the baseline's");
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

    /**
     * A fit run again (UDA was stopped before its first evaluation) with only 100 s of its budget left all along: a re-plan
     * would scale UDA down to the floor, but it resumes with the 32 steps it was started with, and fit.json says so.
     */
    @Test
    void aFitRunAgainKeepsTheStepsItsStagesWereStartedWith() throws Exception {
        Path out = IDX.dir().resolve("again");
        Path uda = out.resolve("stages/uda");
        fit(out, uda.resolve("config.json"), new StringWriter());
        assertTrue(Files.isRegularFile(out.resolve("stages/plan.json")));

        StringWriter log = new StringWriter();
        Fit.Summary again = fit(out, () -> (BUDGET_SECONDS - 100) * 1_000_000_000L, log);
        Fit.StageResult resumed = stage(again, "uda");
        assertEquals(Fit.MAX_STEP_FACTOR, resumed.stepFactor());
        assertTrue(resumed.command().contains("--steps 32 "), resumed.command());
        assertEquals(32L, FinalMetrics.read(uda.resolve("metrics.json")).steps(), "resumed with its own steps");
        Fit.StageResult student = stage(again, "noisy-student");
        assertTrue(student.command().contains("--steps 64 ") && student.stepFactor() == Fit.MAX_STEP_FACTOR, student.toString());
        assertTrue(log.toString().contains("[3/3] uda: resuming"), log.toString());
    }
}
