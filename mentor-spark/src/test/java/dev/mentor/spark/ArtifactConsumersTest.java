package dev.mentor.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mentor.Interruption;
import dev.mentor.io.Json;
import dev.mentor.run.DistributedLabelingJob;
import dev.mentor.run.DistributedLabelingJob.Distribution;
import dev.mentor.run.DistributedLabelingJob.Pool;
import dev.mentor.run.DistributedLabelingJob.WrongShape;
import dev.mentor.run.DistributedPseudoLabeling;
import dev.mentor.run.RunDirectory;
import dev.mentor.run.SelfTrainingDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: a Noisy Student round ({@code --pseudo-labels-from}) and a distillation ({@code --cache-teacher
 * --teacher-labels}) fed from a Spark artifact train exactly as when fed from the single-process artifact of the same
 * teacher and pool: the labels are bit-identical at equal engine threads, so with the same seed every test metric is. A
 * distillation that labels its pool on Spark itself ({@code --cache-teacher --spark}) trains bit for bit as the two steps,
 * and resumes. Through the command line's Main, on a generated folder data set and pool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactConsumersTest {
    private static final String MASTER = "local[2]";
    private static final List<String> SAME = List.of("test_accuracy", "test_nll", "test_ece", "test_confusion", "validation_accuracy");

    private Path dir;
    private Path teacher;
    private Path pool;
    private Path single;
    private Path spark;
    private String[] data;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = dev.mentor.cli.Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private String[] with(String[] head, String... tail) {
        String[] all = Arrays.copyOf(head, head.length + data.length + tail.length);
        System.arraycopy(data, 0, all, head.length, data.length);
        System.arraycopy(tail, 0, all, head.length + data.length, tail.length);
        return all;
    }

    private static DistributedLabelingJob.Summary label(Path teacher, Path pool, Path out, String distribution) {
        return DistributedPseudoLabeling.find("spark").orElseThrow().label(new DistributedLabelingJob(teacher,
                Pool.parse("folder:" + pool, "id", "image"), out, MASTER, Distribution.parse(distribution), 256, 0, WrongShape.RESIZE,
                false, Map.of()), line -> { });
    }

    @BeforeAll
    void teacherAndBothArtifacts(@TempDir Path temporary) throws IOException {
        dir = temporary;
        Path labeled = Fixtures.labeled(dir.resolve("labeled"), 24, 6, 5);
        pool = Fixtures.pool(Files.createDirectories(dir.resolve("pool")), 300, 0, 13);
        data = new String[] {"--data", "folder:" + labeled, "--unlabeled", "folder:" + pool, "--validation-per-class", "4",
            "--batch-size", "8", "--seed", "3"};
        Engine.getInstance();
        JniUtils.setNumThreads(2); // what local[2] runs the teacher with: labels are bit-identical only at equal thread counts
        teacher = dir.resolve("teacher");
        Result trained = run(with(new String[] {"train", "supervised"}, "--model", "cnn-small", "--steps", "40", "--out",
                teacher.toString()));
        assertEquals(0, trained.code(), trained.err());
        single = dir.resolve("single");
        Result labeledHere = run("pseudo-label", "--teacher", teacher.toString(), "--unlabeled", "folder:" + pool, "--out",
                single.toString());
        assertEquals(0, labeledHere.code(), labeledHere.err());
        spark = dir.resolve("spark");
        assertEquals(300, label(teacher, pool, spark, "fp32").labeled());
    }

    private static JsonNode metrics(Path run) {
        return Json.read(run.resolve("metrics.json"));
    }

    private static void assertSameMetrics(Path expected, Path actual) {
        JsonNode e = metrics(expected);
        JsonNode a = metrics(actual);
        for (String key : SAME) {
            assertTrue(e.hasNonNull(key), key + " in " + e);
            assertEquals(e.get(key), a.get(key), key + ": " + expected + " against " + actual);
        }
    }

    /** Runs {@code args}, a training command writing into {@code out}, which must succeed; returns {@code out}. */
    private static Path trained(Path out, String... args) {
        Result result = run(args);
        assertEquals(0, result.code(), result.err());
        return out;
    }

    private Path noisyStudent(String name, String... more) {
        Path out = dir.resolve(name);
        return trained(out, with(new String[] {"train", "noisy-student", "--teacher", teacher.toString(), "--models", "cnn-small",
            "--rounds", "1", "--steps", "40", "--student-steps", "12", "--out", out.toString()}, more));
    }

    @Test
    void aNoisyStudentRoundFedFromTheSparkArtifactTrainsAsFromTheSingleProcessOne() {
        Path fromSpark = noisyStudent("ns-spark", "--pseudo-labels-from", spark.toString());
        Path fromSingle = noisyStudent("ns-single", "--pseudo-labels-from", single.toString());
        Path labelingItself = noisyStudent("ns-itself");
        assertSameMetrics(fromSingle.resolve("round-1"), fromSpark.resolve("round-1"));
        assertSameMetrics(labelingItself.resolve("round-1"), fromSpark.resolve("round-1"));
        JsonNode round = Json.read(fromSpark.resolve("rounds.json")).get("rounds").get(1);
        assertEquals(300, round.at("/pseudo_labels/images").asInt());
        assertTrue(round.at("/pseudo_labels/reused").asBoolean(), round.toString());
        assertTrue(Files.isRegularFile(fromSpark.resolve("round-1/pseudo-labels/selection.json")));
        assertEquals(spark.toAbsolutePath().normalize().toString(),
                Json.read(fromSpark.resolve("config.json")).at("/self_training/pseudo_labels_from").asText());
    }

    /** The distillation of the teacher that every distillation here is (the teacher's outputs cached) into {@code out}. */
    private String[] distillation(Path out) {
        return new String[] {"train", "distill", "--teacher", teacher.toString(), "--model", "cnn-small", "--steps", "12", "--init", "none",
            "--cache-teacher", "--teacher-cache-dir", dir.resolve("cache").toString(), "--out", out.toString()};
    }

    /** {@code command} without {@code --cache-teacher}: the teacher's outputs computed live. */
    private static String[] uncached(String[] command) {
        return Arrays.stream(command).filter(a -> !a.equals("--cache-teacher")).toArray(String[]::new);
    }

    private Path distill(String name, String... more) {
        Path out = dir.resolve(name);
        return trained(out, with(distillation(out), more));
    }

    @Test
    void aDistillationFedFromTheSparkArtifactTrainsAsFromTheSingleProcessOne() {
        Path fromSpark = distill("distill-spark", "--teacher-labels", spark.toString());
        Path fromSingle = distill("distill-single", "--teacher-labels", single.toString());
        assertSameMetrics(fromSingle, fromSpark);
    }

    @Test
    void artifactsThatCannotFeedARunAreOneLineNamingTheOption() throws IOException {
        Path fp16 = dir.resolve("fp16");
        label(teacher, pool, fp16, "fp16");
        String[] distill = distillation(dir.resolve("refused"));
        assertError("--teacher-labels: " + fp16 + " stores fp16 distributions", with(distill, "--teacher-labels", fp16.toString()));
        assertError("--teacher-labels: only with --cache-teacher", with(uncached(distill), "--teacher-labels", spark.toString()));
        assertError("--pseudo-labels-from: " + spark.toAbsolutePath() + " needs --teacher", with(new String[] {"train", "noisy-student",
            "--rounds", "1", "--out", dir.resolve("refused-ns").toString()}, "--pseudo-labels-from", spark.toString()));
        Path other = Fixtures.teacher(Files.createDirectories(dir.resolve("other-teacher")), 99);
        String[] another = distill.clone();
        another[3] = other.toString();
        assertError("--teacher-labels: " + spark + ": pseudo-labels of another teacher", with(another, "--teacher-labels", spark.toString()));
        assertError("--teacher-labels: " + spark + ": pseudo-labels of another pool", new String[] {"train", "distill", "--teacher",
            teacher.toString(), "--data", data[1], "--unlabeled", "folder:" + dir.resolve("labeled/test"), "--validation-per-class", "4",
            "--seed", "3", "--model", "cnn-small", "--steps", "12", "--init", "none", "--cache-teacher", "--teacher-cache-dir",
            dir.resolve("cache").toString(), "--teacher-labels", spark.toString(), "--out", dir.resolve("refused-pool").toString()});
    }

    private static void assertError(String start, String... args) {
        Result result = run(args);
        assertEquals(2, result.code(), result.err());
        // the artifact's teacher and pool are checked when the run has loaded its data: progress lines may come first
        List<String> errors = result.err().lines().filter(line -> line.startsWith("mentor: ") || line.startsWith("\tat ")).toList();
        assertEquals(1, errors.size(), result.err());
        assertTrue(errors.get(0).startsWith("mentor: " + start), result.err());
    }

    @Test
    void aDistillationLabelingItsPoolOnSparkInOneCommandTrainsAsTheTwoSteps() throws IOException {
        Path twoSteps = distill("distill-two-steps", "--teacher-labels", spark.toString());
        Path oneCommand = distill("distill-one-command", "--spark", MASTER, "--shard-size", "256");
        assertSameMetrics(twoSteps, oneCommand);
        assertArrayEquals(Files.readAllBytes(twoSteps.resolve(RunDirectory.MODEL)), Files.readAllBytes(oneCommand.resolve(RunDirectory.MODEL)));
        Path labels = oneCommand.resolve("teacher-labels").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(labels.resolve(Artifact.MANIFEST)));
        JsonNode method = Json.read(oneCommand.resolve(RunDirectory.METHOD));
        assertEquals(labels.toString(), method.get("teacher_labels").asText(), method.toString());
        assertEquals(MASTER, method.at("/spark_labels/master").asText(), method.toString());
        assertEquals(256, method.at("/spark_labels/shard_size").asInt(), method.toString());
    }

    @Test
    void aDistillationStoppedWhileSparkLabelsItsPoolResumesAsIfUninterruptedAndForceKeepsItsLabels() throws IOException {
        Path uninterrupted = distill("distill-uninterrupted", "--spark", MASTER, "--shard-size", "256");
        Path out = dir.resolve("distill-stopped");
        String[] head = distillation(out);
        Interruption.request("SIGINT", 130);
        Result stopped;
        try {
            stopped = run(with(head, "--spark", MASTER, "--shard-size", "256"));
        } finally {
            Interruption.clear();
        }
        assertEquals(130, stopped.code(), stopped.err());
        assertTrue(stopped.err().contains("./mentor train distill --resume " + out), stopped.err());
        assertFalse(Files.exists(out.resolve(RunDirectory.MODEL)));
        assertFalse(Files.exists(out.resolve("teacher-labels").resolve(Artifact.REPORT_TEXT)), "the labeling did not finish");

        Result resumed = run("train", "distill", "--resume", out.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("of 2 shards to do"), resumed.err());
        assertSameMetrics(uninterrupted, out);
        assertArrayEquals(Files.readAllBytes(uninterrupted.resolve(RunDirectory.MODEL)), Files.readAllBytes(out.resolve(RunDirectory.MODEL)));

        Result forced = run(with(head, "--spark", MASTER, "--shard-size", "256", "--force"));
        assertEquals(0, forced.code(), forced.err());
        assertTrue(forced.err().contains("0 of 2 shards to do"), "--force keeps labels of the same teacher and pool: " + forced.err());
        assertSameMetrics(uninterrupted, out);
    }

    @Test
    void aLocalJobLeavesTheEngineThreadsOfItsProcessAsItFoundThem() {
        assertEquals(2, JniUtils.getNumThreads());
        DistributedPseudoLabeling.find("spark").orElseThrow().label(new DistributedLabelingJob(teacher,
                Pool.parse("folder:" + pool, "id", "image"), dir.resolve("one-thread"), "local[1]", Distribution.parse("fp32"), 256, 0,
                WrongShape.RESIZE, false, Map.of()), line -> { });
        assertEquals(2, JniUtils.getNumThreads(), "a distillation trains after its pool is labeled, on the threads it had");
    }

    @Test
    void sparkOptionsThatCannotLabelTheRunsPoolAreOneLineNamingTheOption() {
        Path refused = dir.resolve("refused-spark");
        String[] distill = uncached(distillation(refused));
        assertError("--spark: only with --cache-teacher", with(distill, "--spark", MASTER));
        assertError("--teacher-labels: not with --spark", with(distill, "--cache-teacher", "--spark", MASTER, "--teacher-labels",
                spark.toString()));
        assertError("--shard-size: only with --spark", with(distill, "--cache-teacher", "--shard-size", "256"));
        assertError("--spark-conf: only with --spark", with(distill, "--cache-teacher", "--spark-conf", "spark.executor.memory=1g"));
        assertError("--shard-size: must be a positive multiple of 256", with(distill, "--cache-teacher", "--spark", MASTER,
                "--shard-size", "100"));
        assertError("--spark: the pool is not distilled with --unlabeled-weight 0", with(distill, "--cache-teacher", "--spark",
                "--unlabeled-weight", "0"));
        String[] notARun = distill.clone();
        notARun[3] = dir.resolve("labeled").toString();
        assertError("--spark: labels with a --teacher that is a Mentor run directory", with(notARun, "--cache-teacher", "--spark"));
        String[] split = {"--data", data[1], "--validation-per-class", "4", "--seed", "3", "--cache-teacher", "--spark", MASTER};
        assertError("--spark: labels an --unlabeled folder:DIR pool", concat(distill, split));
        assertError("--unlabeled: with --spark a folder:DIR pool", concat(distill, split, new String[] {"--unlabeled",
            "parquet:" + dir.resolve("pool.parquet")}));
        assertFalse(Files.exists(refused), "nothing is made before the options are checked");
    }

    private static String[] concat(String[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }

    /**
     * Without {@code --unlabeled} a run's pool is the training images left after the split, which {@code mentor
     * pseudo-label --teacher RUN} labels by their training-set index: that artifact feeds a distillation's cache and a
     * Noisy Student round of the same split, and one of another split is refused in one line.
     */
    @Test
    void theDefaultPoolsArtifactFeedsADistillationAndANoisyStudentRoundOfTheSameSplit() {
        String[] split = {"--data", data[1], "--labels", "8", "--validation-per-class", "4", "--batch-size", "8", "--seed", "3"};
        Path splitTeacher = dir.resolve("split-teacher");
        Result trained = run(concat(new String[] {"train", "supervised", "--model", "cnn-small", "--steps", "20", "--out",
            splitTeacher.toString()}, split));
        assertEquals(0, trained.code(), trained.err());
        Path labels = dir.resolve("split-labels");
        Result labeledHere = run("pseudo-label", "--teacher", splitTeacher.toString(), "--out", labels.toString());
        assertEquals(0, labeledHere.code(), labeledHere.err());

        String[] distill = {"train", "distill", "--teacher", splitTeacher.toString(), "--model", "cnn-small", "--steps", "12", "--init",
            "none", "--cache-teacher", "--teacher-cache-dir", dir.resolve("cache").toString()};
        Result distilled = run(concat(distill, split, new String[] {"--teacher-labels", labels.toString(), "--out",
            dir.resolve("split-distill").toString()}));
        assertEquals(0, distilled.code(), distilled.err());
        assertTrue(distilled.err().contains("teacher labels: the pool's 72 distributions read from " + labels), distilled.err());

        String[] noisyStudent = {"train", "noisy-student", "--teacher", splitTeacher.toString(), "--models", "cnn-small", "--rounds", "1",
            "--steps", "20", "--student-steps", "12"};
        Result fed = run(concat(noisyStudent, split, new String[] {"--pseudo-labels-from", labels.toString(), "--out",
            dir.resolve("split-ns-fed").toString()}));
        assertEquals(0, fed.code(), fed.err());
        Result itself = run(concat(noisyStudent, split, new String[] {"--out", dir.resolve("split-ns-itself").toString()}));
        assertEquals(0, itself.code(), itself.err());
        assertSameMetrics(dir.resolve("split-ns-itself/round-1"), dir.resolve("split-ns-fed/round-1"));
        assertTrue(Json.read(dir.resolve("split-ns-fed/rounds.json")).get("rounds").get(1).at("/pseudo_labels/reused").asBoolean());

        Path otherSplit = dir.resolve("split-labels-12");
        Result labeledOther = run("pseudo-label", "--teacher", splitTeacher.toString(), "--labels", "12", "--out", otherSplit.toString());
        assertEquals(0, labeledOther.code(), labeledOther.err());
        assertError("--teacher-labels: " + otherSplit + ": pseudo-labels of another pool", concat(distill, split, new String[] {
            "--teacher-labels", otherSplit.toString(), "--out", dir.resolve("split-refused").toString()}));
        assertError("--pseudo-labels-from: " + otherSplit + ": pseudo-labels of another pool", concat(noisyStudent, split,
                new String[] {"--pseudo-labels-from", otherSplit.toString(), "--out", dir.resolve("split-ns-refused").toString()}));
    }

    @Test
    void forceDeletesASparkArtifactInARoundsLabelFolder() throws IOException {
        Path run = dir.resolve("forced");
        Path labels = Files.createDirectories(run.resolve("round-1").resolve(SelfTrainingDirectory.PSEUDO_LABELS));
        label(teacher, pool, labels, "top-2");
        Files.writeString(run.resolve("notes.txt"), "the user's");
        SelfTrainingDirectory.create(run, true);
        assertFalse(Files.exists(run.resolve("round-1")), () -> list(run).toString());
        assertEquals(List.of("notes.txt"), list(run));
    }

    private static List<String> list(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            List<String> names = new ArrayList<>();
            all.filter(p -> !p.equals(folder)).forEach(p -> names.add(folder.relativize(p).toString()));
            return names;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
