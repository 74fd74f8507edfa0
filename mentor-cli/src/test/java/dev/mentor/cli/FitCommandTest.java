package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.report.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code mentor fit} end to end on a tiny IDX set, its choice by validation only, its time budget and its errors. */
class FitCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final TinyIdx IDX = new TinyIdx(200, 40, 4);

    private static RunSummary summary(String name, double validation, double test) {
        return new RunSummary(Path.of(name), name, "cnn-small", "idx", "weak", 40, 0, test, validation, 1, null, null,
                List.of(), null, List.of(), List.of());
    }

    private static Fit.Outcome outcome(String name, double validation, double test) {
        return new Fit.Outcome(new Fit.Stage(name, name, List.of(), 1, false), summary(name, validation, test), null);
    }

    /** What a consistency stage starts from: the stage best on validation so far, the baseline on ties, read without the test split. */
    @Test
    void theBestSoFarIsChosenByValidationAndTheBaselineWinsTies() {
        assertEquals("noisy-student", Fit.bestSoFar(List.of(outcome("supervised", 0.80, 0.90), outcome("noisy-student", 0.85, 0.70))));
        assertEquals("supervised", Fit.bestSoFar(List.of(outcome("supervised", 0.85, 0.70), outcome("noisy-student", 0.85, 0.90))));
        assertEquals("noisy-student-2", Fit.bestSoFar(List.of(outcome("supervised", 0.80, 0.80), outcome("noisy-student", 0.82, 0.80),
                outcome("noisy-student-2", 0.83, 0.75))));
        assertEquals("supervised", Fit.bestSoFar(List.of(outcome("supervised", 0.80, 0.80))));
    }

    /** Test accuracy ranks the stages the other way round: a choice that read it would pick "b". */
    @Test
    void theChoiceReadsValidationAccuracyOnly() {
        Fit.Choice choice = Fit.choose(List.of(outcome("supervised", 0.80, 0.90), outcome("a", 0.85, 0.70), outcome("b", 0.82, 0.95)));
        assertEquals("a", choice.stage());
        assertTrue(choice.why().contains("85.00% against the baseline's 80.00% (+5.00 points)"), choice.why());
    }

    @Test
    void theBaselineIsKeptUnlessACandidateBeatsItOnValidation() {
        assertEquals("supervised", Fit.choose(List.of(outcome("supervised", 0.80, 0.70), outcome("a", 0.80, 0.99))).stage());
        Fit.Outcome skipped = new Fit.Outcome(new Fit.Stage("a", "a", List.of(), 1, false), null, "no time");
        assertEquals("supervised", Fit.choose(List.of(outcome("supervised", 0.80, 0.70), skipped)).stage());
    }

    /** A stage the time budget stopped shows the steps it trained over the ones it was planned, and says why. */
    @Test
    void theTableShowsAStoppedStagesTrainedSteps() {
        Fit.Stage planned = new Fit.Stage("uda", "uda", List.of("train", "uda", "--steps", "3541"), 1, false);
        Fit.Outcome stopped = Fit.Outcome.ran(planned, summary("uda", 0.86, 0.85), new Fit.Stop("the time budget ran out", 1200L));
        java.io.StringWriter text = new java.io.StringWriter();
        FitCommand.printTable(List.of(outcome("supervised", 0.80, 0.80), stopped), new Fit.Choice("uda", "best"),
                new java.io.PrintWriter(text, true));
        assertTrue(text.toString().matches("(?s).*\\nuda +1200/3541 +86\\.00% .*\\(stopped by the time budget\\)\\n"), text.toString());
    }

    @Test
    void aFitTrainsItsStagesAndLeavesTheChosenModelAsAFinishedRun() throws Exception {
        Path out = IDX.dir().resolve("fit");
        CliFixture.Result r = CliFixture.run("fit", "--data", IDX.spec(), "--labels", "40", "--validation-per-class", "5",
                "--steps", "4", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode fit = JSON.readTree(out.resolve("fit.json").toFile());
        assertEquals("mentor-fit", fit.get("format").asText());
        assertEquals(List.of("supervised", "supervised-longer", "noisy-student", "uda"), fit.get("stages").findValuesAsText("stage"));
        assertEquals(fit.get("chosen").asText(), Fit.Summary.read(out.resolve("fit.json")).chosen());
        String chosen = fit.get("chosen").asText();
        double best = -1;
        for (JsonNode stage : fit.get("stages")) {
            best = Math.max(best, stage.get("validation_accuracy").asDouble());
        }
        double chosenValidation = -1;
        for (JsonNode stage : fit.get("stages")) {
            if (stage.get("stage").asText().equals(chosen)) {
                chosenValidation = stage.get("validation_accuracy").asDouble();
            }
        }
        assertEquals(best, chosenValidation, "the chosen stage has the highest validation accuracy");
        assertTrue(fit.get("stages").get(0).get("validation_accuracy").asDouble() <= chosenValidation);
        // the fit's folder is a finished run: evaluate takes it
        CliFixture.Result evaluated = CliFixture.run("evaluate", "--checkpoint", out.toString());
        assertEquals(0, evaluated.code(), evaluated.err());
        assertTrue(r.out().contains("chosen: " + chosen), r.out());
        // the table gives each stage's steps: 4 for the baseline, twice that for its longer training, half for the student, a
        // quarter for UDA
        assertTrue(r.out().matches("(?s).*\\nsupervised +4 .*\\nsupervised-longer +8 .*\\nnoisy-student +2 .*\\nuda +1 .*"), r.out());
        JsonNode longer = JSON.readTree(out.resolve("stages/supervised-longer/config.json").toFile());
        assertTrue(longer.path("init").isMissingNode() || longer.get("init").isNull(), "one schedule from scratch: " + longer);
        // the report gives the baseline and supervised-longer a row each (both are supervised runs): not two seeds of one
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.matches("(?s).*<td>supervised</td><td>cnn-small</td><td>[^<]*</td><td>1</td>.*"), "one run in the baseline's row");
        assertTrue(report.matches("(?s).*<td>supervised-longer</td><td>cnn-small</td><td>[^<]*</td><td>1</td>.*"), "a row of its own");
        assertStartsFromTheBestSoFar(out, fit, "uda");
    }

    /**
     * A consistency stage starts from the stage best on validation among those before it, the baseline on ties: its
     * config.json's init is that stage's folder (or the round a self-training stage chose).
     */
    private static void assertStartsFromTheBestSoFar(Path out, JsonNode fit, String stage) throws Exception {
        String best = null;
        double bestValidation = -1;
        for (JsonNode s : fit.get("stages")) {
            if (s.get("stage").asText().equals(stage)) {
                break;
            }
            if (s.get("validation_accuracy").asDouble() > bestValidation) {
                best = s.get("stage").asText();
                bestValidation = s.get("validation_accuracy").asDouble();
            }
        }
        JsonNode config = JSON.readTree(out.resolve("stages").resolve(stage).resolve("config.json").toFile());
        assertTrue(Path.of(config.get("init").asText()).startsWith(out.resolve("stages").resolve(best)),
                stage + " starts from " + best + ", the best so far: " + config + "\n" + fit);
    }

    /** A fit on the 40-label fixture into {@code out}, which must succeed; its {@code fit.json}. */
    private static JsonNode fit(Path out, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("fit", "--data", IDX.spec(), "--labels", "40",
                "--validation-per-class", "5", "--out", out.toString()));
        args.addAll(List.of(options));
        CliFixture.Result r = CliFixture.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(out.resolve("fit.json").toFile());
    }

    @Test
    void fixMatchAndFlexMatchAreCandidatesStartedFromTheBestModelSoFar() throws Exception {
        Path out = IDX.dir().resolve("fit-match");
        JsonNode fit = fit(out, "--steps", "8", "--candidates", "fixmatch,flexmatch");
        assertEquals(List.of("supervised", "fixmatch", "flexmatch"), fit.get("stages").findValuesAsText("stage"));
        for (String stage : List.of("fixmatch", "flexmatch")) {
            assertStartsFromTheBestSoFar(out, fit, stage);
        }
        assertEquals(out.resolve("stages/supervised").toString(),
                JSON.readTree(out.resolve("stages/fixmatch/config.json").toFile()).get("init").asText(), "the first starts from the baseline");
    }

    /**
     * Round 2 is a stage of its own, taught by round 1's model and started from it, a candidate like round 1; when round 1
     * kept its own teacher, round 2 would repeat it and is skipped. Which round 1 keeps is set by rewriting its rounds.json.
     */
    @Test
    void eachNoisyStudentRoundIsTaughtByTheRoundBefore() throws Exception {
        Path out = IDX.dir().resolve("fit-rounds");
        String[] options = {"--steps", "4", "--candidates", "noisy-student", "--rounds", "2"};
        JsonNode fit = fit(out, options);
        assertEquals(List.of("supervised", "noisy-student", "noisy-student-2"), fit.get("stages").findValuesAsText("stage"));

        keepRound(out, 1);
        fit = fit(out, options);
        String round1Student = out.resolve("stages/noisy-student/round-1").toString();
        JsonNode second = JSON.readTree(out.resolve("stages/noisy-student-2/config.json").toFile());
        assertEquals(round1Student, second.findValue("teacher").asText(), "a folder of rounds as --teacher stands for the model its run chose: "
                + second);
        JsonNode student = JSON.readTree(out.resolve("stages/noisy-student-2/round-1/config.json").toFile());
        assertEquals(round1Student, student.findValue("init").asText(), "round 2's student starts from round 1's model: " + student);
        assertTrue(fit.get("stages").get(2).get("result").isNull() && fit.get("stages").get(2).get("validation_accuracy").isNumber(),
                "round 2 is a candidate: " + fit);

        keepRound(out, 0);
        fit = fit(out, options);
        assertTrue(fit.get("stages").get(2).get("skipped").asText().startsWith("noisy-student kept its own teacher"), fit.toString());
        assertTrue(!Files.exists(out.resolve("stages/noisy-student-2")));

        CliFixture.Result none = CliFixture.run("fit", "--data", IDX.spec(), "--rounds", "0", "--out", IDX.dir().resolve("fit-r0").toString());
        assertEquals(2, none.code());
        assertEquals("mentor: --rounds: must be from 1 to 8, got 0", none.err().strip());
        CliFixture.Result without = CliFixture.run("fit", "--data", IDX.spec(), "--rounds", "2", "--candidates", "uda", "--out",
                IDX.dir().resolve("fit-r2").toString());
        assertEquals(2, without.code());
        assertEquals("mentor: --rounds: 2 rounds of Noisy Student, but --candidates (uda) does not have noisy-student", without.err().strip());
    }

    /** Makes the fit's round-1 stage keep {@code round} (0: its teacher, 1: its student), and removes round 2 and fit.json. */
    private static void keepRound(Path out, int round) throws Exception {
        keepRound(out, round, null);
    }

    /** As {@link #keepRound(Path, int)}, with the stage's validation accuracy set to {@code validation} unless null. */
    private static void keepRound(Path out, int round, Double validation) throws Exception {
        Path rounds = out.resolve("stages/noisy-student/rounds.json");
        dev.mentor.run.Rounds r = dev.mentor.run.Rounds.read(rounds);
        new dev.mentor.run.Rounds(r.method(), true, r.rounds(), new dev.mentor.run.Rounds.Final(r.finalModel().rule(), round,
                round == 0 ? "teacher" : "student", validation != null ? validation : r.finalModel().validationAccuracy(), "set by the test",
                r.finalModel().candidates())).write(rounds);
        Path second = out.resolve("stages/noisy-student-2");
        if (Files.exists(second)) {
            try (java.util.stream.Stream<Path> files = Files.walk(second)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.delete(out.resolve("fit.json"));
    }

    /**
     * A Noisy Student stage made best on validation (the recorded accuracies set to 50% for the baseline, 100% for the
     * student's round) is where UDA, not started yet when the fit runs again, starts: from the round it chose.
     */
    @Test
    void aConsistencyStageStartsFromANoisyStudentRoundThatBeatTheBaseline() throws Exception {
        Path out = IDX.dir().resolve("fit-chain");
        fit(out, "--steps", "4", "--candidates", "noisy-student");
        Path baseline = out.resolve("stages/supervised/metrics.json");
        com.fasterxml.jackson.databind.node.ObjectNode metrics = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(baseline.toFile());
        metrics.put("validation_accuracy", 0.5);
        JSON.writeValue(baseline.toFile(), metrics);
        keepRound(out, 1, 1.0);
        Path roundsFile = out.resolve("stages/noisy-student/rounds.json");
        com.fasterxml.jackson.databind.node.ObjectNode rounds = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(roundsFile.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) rounds.get("rounds").get(1)).put("validation_accuracy", 1.0);
        JSON.writeValue(roundsFile.toFile(), rounds);
        JsonNode fit = fit(out, "--steps", "4", "--candidates", "noisy-student,uda");
        assertEquals(1.0, fit.get("stages").get(1).get("validation_accuracy").asDouble(), fit.toString());
        assertEquals(List.of("supervised", "noisy-student", "uda"), fit.get("stages").findValuesAsText("stage"));
        JsonNode uda = JSON.readTree(out.resolve("stages/uda/config.json").toFile());
        assertEquals(out.resolve("stages/noisy-student/round-1").toString(), uda.get("init").asText(), uda.toString());
        assertTrue(fit.get("stages").get(2).get("description").asText().startsWith("UDA started from noisy-student (the best model so far"),
                fit.toString());
        assertEquals("noisy-student", Fit.Plan.FILE.read(out.resolve("stages/plan.json"), Fit.Plan.class).starts().get("uda"));
    }

    /**
     * Noisy Student's first round is taught by, and starts from, the best model so far: the baseline's longer training when
     * that beat the baseline on validation (the recorded accuracies set to 50% and 100%), and the baseline otherwise.
     */
    @Test
    void noisyStudentsFirstRoundIsTaughtByTheLongerBaselineWhenItIsBetter() throws Exception {
        Path out = IDX.dir().resolve("fit-longer");
        fit(out, "--steps", "4", "--candidates", "supervised-longer");
        setValidation(out.resolve("stages/supervised/metrics.json"), 0.5);
        setValidation(out.resolve("stages/supervised-longer/metrics.json"), 1.0);
        Files.delete(out.resolve("fit.json"));
        JsonNode fit = fit(out, "--steps", "4", "--candidates", "supervised-longer,noisy-student");
        assertEquals(List.of("supervised", "supervised-longer", "noisy-student"), fit.get("stages").findValuesAsText("stage"));
        String longer = out.resolve("stages/supervised-longer").toString();
        JsonNode student = JSON.readTree(out.resolve("stages/noisy-student/round-1/config.json").toFile());
        assertEquals(longer, student.findValue("init").asText(), "the student starts from its teacher: " + student);
        assertEquals(longer, JSON.readTree(out.resolve("stages/noisy-student/config.json").toFile()).findValue("teacher").asText());
        assertTrue(fit.get("stages").get(2).get("description").asText().startsWith("supervised-longer (the best model so far on validation) "
                + "labels the pool"), fit.toString());
        assertEquals("supervised-longer", Fit.Plan.FILE.read(out.resolve("stages/plan.json"), Fit.Plan.class).starts().get("noisy-student"));
        // run again (no time budget): fit.json gives the command the round was started with, its teacher the start recorded
        Files.delete(out.resolve("fit.json"));
        fit = fit(out, "--steps", "4", "--candidates", "supervised-longer,noisy-student");
        assertTrue(fit.get("stages").get(2).get("command").asText().contains("--teacher " + longer + " "), fit.toString());

        Path other = IDX.dir().resolve("fit-longer-loses");
        fit(other, "--steps", "4", "--candidates", "supervised-longer");
        setValidation(other.resolve("stages/supervised/metrics.json"), 1.0);
        setValidation(other.resolve("stages/supervised-longer/metrics.json"), 0.5);
        Files.delete(other.resolve("fit.json"));
        fit(other, "--steps", "4", "--candidates", "supervised-longer,noisy-student");
        assertEquals(other.resolve("stages/supervised").toString(),
                JSON.readTree(other.resolve("stages/noisy-student/config.json").toFile()).findValue("teacher").asText(), "the baseline teaches");
    }

    private static void setValidation(Path metricsFile, double accuracy) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode metrics = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(metricsFile.toFile());
        metrics.put("validation_accuracy", accuracy);
        JSON.writeValue(metricsFile.toFile(), metrics);
    }

    @Test
    void aLargeStudentIsDistilledBackIntoTheModelAskedForAndNeverChosenItself() throws Exception {
        Path out = IDX.dir().resolve("fit-large");
        JsonNode fit = fit(out, "--steps", "4", "--candidates", "noisy-student", "--large-model", "resnet-20");
        assertEquals(List.of("supervised", "noisy-student", "noisy-student-large", "distill-back"),
                fit.get("stages").findValuesAsText("stage"));
        assertTrue(fit.get("stages").get(2).get("result").isTextual(), "the large student is marked as no result: " + fit);
        assertTrue(fit.get("stages").get(3).get("result").isNull(), fit.toString());
        assertTrue(!fit.get("chosen").asText().equals("noisy-student-large"));
        JsonNode large = JSON.readTree(out.resolve("stages/noisy-student-large/round-1/config.json").toFile());
        assertTrue(large.toString().contains("resnet-20"), large.toString());
        JsonNode back = JSON.readTree(out.resolve("stages/distill-back/config.json").toFile());
        assertTrue(back.toString().contains("cnn-small") && back.toString().contains(out.resolve("stages/supervised").toString()),
                "distilled into --model, from the baseline: " + back);
        assertEquals("cnn-small", JSON.readTree(out.resolve("config.json").toFile()).findValue("model").asText(),
                "the result is --model's size");

        CliFixture.Result same = CliFixture.run("fit", "--data", IDX.spec(), "--large-model", "cnn-small", "--out",
                IDX.dir().resolve("fit-same").toString());
        assertEquals(2, same.code());
        assertTrue(same.err().startsWith("mentor: --large-model: cnn-small is not larger than --model cnn-small"), same.err());
    }

    /**
     * {@code --ensemble resnet-20}: a resnet-20 baseline trained as the baseline was, never the result, whose mean with each
     * round's teacher labels the round's pool when better on validation: each round's command names it and its
     * {@code selection.json} records the choice.
     */
    @Test
    void anEnsembleBaselineLabelsWithEachRoundsTeacherAndIsNeverTheResult() throws Exception {
        Path out = IDX.dir().resolve("fit-ensemble");
        String[] options = {"--steps", "4", "--candidates", "noisy-student", "--rounds", "2", "--ensemble", "resnet-20"};
        fit(out, options);
        keepRound(out, 1); // round 2 runs whatever round 1's student scored
        JsonNode fit = fit(out, options);
        assertEquals(List.of("supervised", "supervised-resnet-20", "noisy-student", "noisy-student-2"),
                fit.get("stages").findValuesAsText("stage"));
        JsonNode member = fit.get("stages").get(1);
        assertEquals("no: another architecture than --model, a teacher only", member.get("result").asText(), fit.toString());
        assertTrue(member.get("validation_accuracy").isNumber(), fit.toString());
        assertTrue(!fit.get("chosen").asText().equals("supervised-resnet-20"));
        assertEquals("resnet-20", JSON.readTree(out.resolve("stages/supervised-resnet-20/config.json").toFile()).get("model").asText());
        assertEquals(JSON.readTree(out.resolve("stages/supervised/config.json").toFile()).get("steps"),
                JSON.readTree(out.resolve("stages/supervised-resnet-20/config.json").toFile()).get("steps"), "the baseline's steps");
        String memberFolder = out.resolve("stages/supervised-resnet-20").toString();
        for (String stage : List.of("noisy-student", "noisy-student-2")) {
            JsonNode config = JSON.readTree(out.resolve("stages/" + stage + "/config.json").toFile());
            assertEquals(List.of(memberFolder), JSON.convertValue(config.findValue("ensemble"), List.class), config.toString());
        }
        JsonNode selection = JSON.readTree(out.resolve("stages/noisy-student/round-1/pseudo-labels/selection.json").toFile());
        assertTrue(selection.get("ensemble").get("teacher_validation").isNumber(), selection.toString());
        assertEquals("cnn-small", JSON.readTree(out.resolve("config.json").toFile()).findValue("model").asText());

        for (String[] bad : List.of(new String[] {"cnn-small", "mentor: --ensemble: cnn-small is --model"},
                new String[] {"resnet-20,resnet-20", "mentor: --ensemble: names an architecture twice: resnet-20,resnet-20"})) {
            CliFixture.Result refused = CliFixture.run("fit", "--data", IDX.spec(), "--ensemble", bad[0], "--out",
                    IDX.dir().resolve("fit-bad-ensemble").toString());
            assertEquals(2, refused.code());
            assertTrue(refused.err().startsWith(bad[1]), refused.err());
        }
        CliFixture.Result without = CliFixture.run("fit", "--data", IDX.spec(), "--ensemble", "resnet-20", "--candidates", "uda", "--out",
                IDX.dir().resolve("fit-bad-ensemble").toString());
        assertEquals(2, without.code());
        assertEquals("mentor: --ensemble: its baselines label Noisy Student's pool, but --candidates (uda) does not have noisy-student",
                without.err().strip());
    }

    @Test
    void badOptionsAreOneLine() throws Exception {
        CliFixture.Result budget = CliFixture.run("fit", "--data", IDX.spec(), "--time-budget", "soon", "--out", IDX.dir().resolve("x").toString());
        assertEquals(2, budget.code());
        assertEquals("mentor: --time-budget: expected a duration such as 90s, 30m, 1h or 1h30m, got 'soon'", budget.err().strip());
        Path foreign = Files.createDirectories(IDX.dir().resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        CliFixture.Result refused = CliFixture.run("fit", "--data", IDX.spec(), "--out", foreign.toString());
        assertEquals(2, refused.code());
        assertEquals("mentor: --out: " + foreign + " holds files a fit does not write (notes.txt); choose another folder",
                refused.err().strip());
        assertEquals(30 * 60, FitCommand.parseDuration("30m", "--time-budget").toSeconds());
        assertEquals(5400, FitCommand.parseDuration("1h30m", "--time-budget").toSeconds());
    }
}
