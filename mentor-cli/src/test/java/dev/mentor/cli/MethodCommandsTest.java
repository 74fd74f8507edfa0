package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.run.ExperimentConfig;
import dev.mentor.run.FinalMetrics;
import dev.mentor.train.EpochMetrics;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** End to end, one small run per training method on an IDX set, checking the run's final metrics. */
class MethodCommandsTest {
    @RegisterExtension
    static final TinyIdx IDX = new TinyIdx(160, 40, 4);
    static Path teacher;

    private static final String[] COMMON = {"--labels", "40", "--validation-per-class", "5", "--epochs", "2", "--batch-size", "16"};

    @BeforeAll
    static void trainTeacher() throws Exception {
        teacher = IDX.dir().resolve("teacher");
        CliFixture.Result r = run("supervised", teacher, "--model", "resnet-20");
        assertEquals(0, r.code(), r.err());
    }

    private static CliFixture.Result run(String method, Path out, String... extra) {
        String[] args = new String[4 + COMMON.length + extra.length + 2];
        args[0] = "train";
        args[1] = method;
        args[2] = "--data";
        args[3] = IDX.spec();
        System.arraycopy(COMMON, 0, args, 4, COMMON.length);
        System.arraycopy(extra, 0, args, 4 + COMMON.length, extra.length);
        args[args.length - 2] = "--out";
        args[args.length - 1] = out.toString();
        return CliFixture.run(args);
    }

    private static double testAccuracy(Path run) throws Exception {
        JsonNode m = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        return m.get("test_accuracy").asDouble();
    }

    private static void assertTrained(CliFixture.Result r, Path out, String method) throws Exception {
        assertEquals(0, r.code(), r.err());
        double accuracy = testAccuracy(out);
        assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(method, m.get("method").asText());
    }

    /** {@code train distill} of the class's teacher into {@code out}, checked as {@link #assertTrained} checks a run. */
    private static CliFixture.Result distill(Path out, String... extra) throws Exception {
        CliFixture.Result r = run("distill", out, concat(new String[] {"--teacher", teacher.toString()}, extra));
        assertTrained(r, out, "distill");
        return r;
    }

    @Test
    void distillFromARunUsingTheUnlabeledPool() throws Exception {
        Path out = IDX.dir().resolve("distill");
        CliFixture.Result r = distill(out, "--distill", "logits,attention");
        assertTrue(r.err().contains("teacher: Mentor run"), r.err());
        assertEquals(0.1, warmupEpochs(out), 1e-9, "by default 5% of the 2 epochs are a warm-up");
    }

    /**
     * A distilled student of its teacher's architecture starts from the teacher's weights unless told
     * --init none (config.json records which); a student of another architecture starts fresh and says why.
     */
    @Test
    void distillStudentStartsFromASameArchitectureTeacher() throws Exception {
        Path warm = IDX.dir().resolve("distill-warm");
        CliFixture.Result r = distill(warm, "--model", "resnet-20");
        assertTrue(r.err().contains("the student starts from its teacher's weights"), r.err());
        assertEquals(teacher.toString(), init(warm));
        Path fresh = IDX.dir().resolve("distill-fresh");
        distill(fresh, "--model", "resnet-20", "--init", "none");
        assertEquals(null, init(fresh));
        Path other = IDX.dir().resolve("distill-other");
        r = distill(other);
        assertTrue(r.err().contains("the student starts fresh, not from its teacher: it is a resnet-20 model and this run trains cnn-small"),
                r.err());
        assertEquals(null, init(other));
    }

    private static String init(Path run) throws Exception {
        JsonNode init = new ObjectMapper().readTree(run.resolve("config.json").toFile()).get("init");
        return init == null || init.isNull() ? null : init.asText();
    }

    @Test
    void transferToOtherClassesInBothModes() throws Exception {
        Path source = IDX.dir().resolve("source");
        assertEquals(0, run("supervised", source, "--classes", "0,1", "--model", "cnn-small").code());
        for (String mode : new String[] {"linear-probe", "fine-tune"}) {
            Path out = IDX.dir().resolve("transfer-" + mode);
            CliFixture.Result r = run("transfer", out, "--pretrained", source.toString(), "--mode", mode, "--classes", "2,3");
            assertTrained(r, out, "transfer");
        }
    }

    @Test
    void mutualLearningOfTwoStudents() throws Exception {
        Path out = IDX.dir().resolve("mutual");
        // without --models, the two students are --model twice
        assertTrained(run("mutual", out), out, "mutual");
        assertEquals(0.1, warmupEpochs(out), 1e-9, "by default 5% of the 2 epochs are a warm-up");
        assertEquals("[\"cnn-small\",\"cnn-small\"]", new ObjectMapper().readTree(out.resolve("method.json").toFile()).get("models").toString());
        FinalMetrics metrics = FinalMetrics.read(out.resolve("metrics.json"));
        double first = metrics.testAccuracyByRole().get("first");
        double second = metrics.testAccuracyByRole().get("second");
        assertTrue(first >= 0 && first <= 1 && second >= 0 && second <= 1, "both students' test accuracies are reported: " + metrics);
        // the kept student is the one better on validation, and the run's test accuracy is its
        String kept = metrics.kept();
        assertEquals(kept.equals("first") ? first : second, metrics.testAccuracy(), 0.0, metrics.toString());
    }

    /** Normalized (the default), each student's loss is the paper's divided by 1 + w: the first step's loss, before any update, halves at w = 1. */
    @Test
    void mutualLearningsNormalizedLossIsThePapersOverOnePlusTheWeight() throws Exception {
        Path paper = IDX.dir().resolve("mutual-paper");
        Path normalized = IDX.dir().resolve("mutual-normalized");
        String[] oneStep = {"train", "mutual", "--data", IDX.spec(), "--labels", "16", "--validation-per-class", "5", "--batch-size", "16",
            "--steps", "1", "--out"};
        CliFixture.Result r = CliFixture.run(concat(oneStep, paper.toString(), "--normalize-loss", "off"));
        assertEquals(0, r.code(), r.err());
        assertEquals(0, CliFixture.run(concat(oneStep, normalized.toString())).code());
        double off = firstLoss(paper);
        assertEquals(off / 2, firstLoss(normalized), 1e-5 * off);
    }

    /** By default the mimicry weight ramps from 0 over 30% of the run's steps: 3 of 10 here, one step a validation. */
    @Test
    void mutualLearningRampsItsMimicryWeightOverAShareOfTheSteps() throws Exception {
        Path out = IDX.dir().resolve("mutual-ramp");
        CliFixture.Result r = CliFixture.run("train", "mutual", "--data", IDX.spec(), "--labels", "16", "--validation-per-class", "5",
                "--batch-size", "16", "--steps", "10", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        java.util.List<String> lines = java.nio.file.Files.readAllLines(out.resolve("metrics.jsonl"));
        ObjectMapper json = new ObjectMapper();
        assertEquals(1.0 / 3, json.readTree(lines.get(0)).at("/components/mimicry_weight").asDouble(), 1e-6);
        assertEquals(1.0, json.readTree(lines.get(2)).at("/components/mimicry_weight").asDouble(), 1e-6);
        assertEquals(0.3, json.readTree(out.resolve("method.json").toFile()).get("ramp_share").asDouble(), 1e-12);

        CliFixture.Result bad = CliFixture.run("train", "mutual", "--data", IDX.spec(), "--mimicry-ramp-steps", "-1", "--out",
                IDX.dir().resolve("mutual-bad").toString());
        assertEquals(2, bad.code());
        assertEquals("mentor: --mimicry-ramp-steps: must be >= 0, got -1", bad.err().strip());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static double firstLoss(Path run) throws Exception {
        return EpochMetrics.readLog(run.resolve("metrics.jsonl")).get(0).trainLoss();
    }

    private static double warmupEpochs(Path run) throws Exception {
        return ExperimentConfig.read(run.resolve("config.json")).warmupEpochs();
    }

    @Test
    void selfDistillation() throws Exception {
        Path out = IDX.dir().resolve("sd");
        assertTrained(run("self-distill", out, "--kl-weight", "0.5", "--warmup-epochs", "1"), out, "self-distill");
        assertEquals(1, warmupEpochs(out), 1e-9, "--warmup-epochs as given");
    }

    @Test
    void badMethodOptionsAreOneLineErrors() {
        CliFixture.Result r = run("distill", IDX.dir().resolve("bad1"), "--teacher", teacher.toString(), "--alpha", "1.5");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--alpha"), r.err());
        r = run("transfer", IDX.dir().resolve("bad2"), "--pretrained", teacher.toString(), "--mode", "frozen");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--mode") && r.err().contains("frozen"), r.err());
        r = run("distill", IDX.dir().resolve("bad3"), "--teacher", teacher.toString(), "--classes", "0,1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--teacher") && r.err().contains("4 classes"), r.err());
    }
}
