package dev.mentor.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.MentorException;
import dev.mentor.io.Json;
import dev.mentor.run.DistributedLabelingJob;
import dev.mentor.run.DistributedLabelingJob.Distribution;
import dev.mentor.run.DistributedLabelingJob.Pool;
import dev.mentor.run.DistributedLabelingJob.WrongShape;
import dev.mentor.run.DistributedPseudoLabeling;
import dev.mentor.teacher.PseudoLabels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.mentor.data.UnlabeledFolder;
import dev.mentor.run.PseudoLabelRun;
import dev.mentor.run.UnlabeledPool;
import dev.mentor.teacher.PseudoLabelFile;
import dev.mentor.teacher.Selection;
import dev.mentor.train.SavedModel;
import dev.mentor.Switch;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark labeling, embedded (local[2]), against the single-process {@code mentor pseudo-label} on the same
 * generated pool: equal labels and distributions, damaged images skipped and listed, reruns that redo only
 * missing shards, a Parquet pool labeled like the same images in a folder, and configuration errors as one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkLabelingTest {
    private static final String MASTER = "local[2]";
    private static final int IMAGES = 600; // three shards of 256: two full, one partial

    private Path dir;
    private Path teacher;
    private Path pool;
    private PseudoLabels reference;
    private Map<String, Integer> referenceRow;

    @BeforeAll
    void labelThePoolInOneProcess(@TempDir Path temporary) throws IOException {
        dir = temporary;
        teacher = Fixtures.teacher(Files.createDirectories(dir.resolve("teacher")), 7);
        pool = Fixtures.pool(Files.createDirectories(dir.resolve("pool")), IMAGES, 50, 11);
        Engine.getInstance();
        JniUtils.setNumThreads(2); // what local[2] runs the teacher with: results are bit-identical only at equal thread counts
        reference = Fixtures.singleProcess(teacher, pool, Files.createDirectories(dir.resolve("reference")));
        referenceRow = new HashMap<>();
        for (int i = 0; i < reference.size(); i++) {
            referenceRow.put(reference.ids().get(i), i);
        }
    }

    private DistributedLabelingJob job(Path poolDir, Path out, String distribution, WrongShape wrongShape) {
        return new DistributedLabelingJob(teacher, Pool.parse("folder:" + poolDir, "id", "image"), out, MASTER,
                Distribution.parse(distribution), 256, 0, wrongShape, false, Map.of());
    }

    private static DistributedLabelingJob.Summary label(DistributedLabelingJob job) {
        return DistributedPseudoLabeling.find("spark").orElseThrow().label(job, line -> { });
    }

    private static List<Row> rows(Path out, String dataset) {
        try (SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate()) {
            return spark.read().parquet(out.resolve(dataset).toString()).collectAsList();
        }
    }

    /** The driver reads the teacher's model.ckpt once: the model it checks the pool against and the executors' copy are the same bytes. */
    @Test
    void theDriverReadsTheTeachersModelOnce() {
        Path model = dev.mentor.train.SavedModel.file(teacher);
        long before = dev.mentor.io.FileReads.of(model);
        label(job(pool, dir.resolve("reads"), "fp32", WrongShape.RESIZE));
        assertEquals(1, dev.mentor.io.FileReads.of(model) - before);
    }

    @Test
    void labelsAndFp32DistributionsAreBitIdenticalToTheSingleProcessRun() throws IOException {
        Path out = dir.resolve("fp32");
        DistributedLabelingJob.Summary summary = label(job(pool, out, "fp32", WrongShape.RESIZE));
        assertEquals(new DistributedLabelingJob.Summary(IMAGES, IMAGES, 0, 3, 3, summary.seconds()), summary);
        List<Row> rows = rows(out, Artifact.LABELS);
        assertEquals(IMAGES, rows.size());
        for (Row row : rows) {
            int i = referenceRow.get(row.<String>getAs("id"));
            assertEquals(reference.label(i), row.<Integer>getAs("label"), row::toString);
            assertEquals(Float.floatToIntBits(reference.confidence(i)), Float.floatToIntBits(row.<Float>getAs("confidence")));
            ByteBuffer bytes = ByteBuffer.wrap(row.<byte[]>getAs("distribution")).order(ByteOrder.LITTLE_ENDIAN);
            float[] expected = new float[Fixtures.CLASSES.size()];
            reference.copyRow(i, expected, 0);
            for (float p : expected) {
                assertEquals(Float.floatToIntBits(p), Float.floatToIntBits(bytes.getFloat()), () -> row.getAs("id"));
            }
            assertEquals(i / 256, row.<Integer>getAs("shard"), "shards are runs of the sorted ids");
        }
        SparkReport report = SparkReport.read(out);
        assertEquals(12, report.resized(), "every 50th image is RGB 20x24, resized as the single-process run does");
        assertEquals(IMAGES, report.labeled());
        for (SparkReport.Executor executor : report.executors().values()) {
            assertEquals(1, executor.teacherLoads(), "one teacher load per process, for every shard");
        }
        assertTrue(Files.readString(out.resolve(Artifact.REPORT_JSON)).startsWith(
                "{\n  \"format\" : \"mentor-spark-pseudo-label-report\",\n  \"version\" : 1,\n  \"images\" : "));
        ObjectNode earlier = Json.read(out.resolve(Artifact.REPORT_JSON));
        earlier.remove(List.of("format", "version"));
        Json.write(out.resolve(Artifact.REPORT_JSON), earlier);
        SparkReport again = SparkReport.read(out);
        assertEquals(report.text(), again.text(), "a report of an earlier build, without format and version, reads as it was");
        assertEquals(report.executors(), again.executors());
    }

    @Test
    void aConsumerOfTheSingleProcessArtifactReadsTheSparkOneAsTheSameLabels() throws IOException {
        Path out = dir.resolve("for-students");
        label(job(pool, out, "fp32", WrongShape.RESIZE));
        SavedModel saved = SavedModel.read(teacher);
        UnlabeledFolder folder = new UnlabeledFolder(pool, 1, Fixtures.SIZE, Fixtures.SIZE, saved.classNames());
        UnlabeledPool unlabeled = new UnlabeledPool(folder, UnlabeledPool.ids(folder), PseudoLabelFile.IdKind.PATH, null,
                new PseudoLabelFile.Pool("folder:" + pool, null, null, null, null, null, null, folder.size()));
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            // what Noisy Student's round reads from its pseudo-label folder
            PseudoLabels read = PseudoLabelRun.readMatching(out, teacher, unlabeled, manager);
            assertEquals(reference.ids(), read.ids());
            assertArrayEquals(reference.probabilities(), read.probabilities());
            Path other = Fixtures.teacher(Files.createDirectories(dir.resolve("other-teacher")), 8);
            MentorException e = assertThrows(MentorException.class, () -> PseudoLabelRun.readMatching(out, other, unlabeled, manager));
            assertTrue(e.getMessage().contains("another teacher"), e.getMessage());
        }
        Path damaged = Fixtures.pool(Files.createDirectories(dir.resolve("with-a-bad-image")), 20, 0, 9);
        Files.writeString(damaged.resolve("bad.png"), "not an image");
        Path skipped = dir.resolve("skipped-for-students");
        label(job(damaged, skipped, "fp16", WrongShape.RESIZE));
        MentorException e = assertThrows(MentorException.class, () -> SparkArtifact.open(skipped).toPseudoLabels(
                SparkArtifact.open(skipped).manifest().at("/teacher/fingerprint").asText(), List.of("x/img-00000.png")));
        assertTrue(e.getMessage().contains("skipped images of the pool (bad.png: unreadable"), e.getMessage());
    }

    @Test
    void fp16AndTopKStoreTheSameDistributionsRounded() {
        Path half = dir.resolve("fp16");
        label(job(pool, half, "fp16", WrongShape.RESIZE));
        for (Row row : rows(half, Artifact.LABELS)) {
            int i = referenceRow.get(row.<String>getAs("id"));
            ByteBuffer bytes = ByteBuffer.wrap(row.<byte[]>getAs("distribution")).order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < Fixtures.CLASSES.size(); c++) {
                assertEquals(Half.fromFloat(reference.probability(i, c)), bytes.getShort());
            }
            assertEquals(reference.label(i), row.<Integer>getAs("label"));
        }
        Path top = dir.resolve("top2");
        label(job(pool, top, "top-2", WrongShape.RESIZE));
        for (Row row : rows(top, Artifact.LABELS)) {
            int i = referenceRow.get(row.<String>getAs("id"));
            List<Integer> classes = row.getList(row.fieldIndex("top_classes"));
            List<Float> probabilities = row.getList(row.fieldIndex("top_probabilities"));
            assertEquals(2, classes.size());
            assertEquals(reference.label(i), classes.get(0));
            assertEquals(reference.probability(i, classes.get(1)), probabilities.get(1));
            assertTrue(probabilities.get(0) >= probabilities.get(1));
        }
    }

    @Test
    void damagedImagesAreSkippedCountedAndListedAndTheRestLabeled() throws IOException {
        Path damaged = Fixtures.pool(Files.createDirectories(dir.resolve("damaged")), 40, 10, 3);
        byte[] png = Files.readAllBytes(damaged.resolve("y/img-00001.png"));
        Files.write(damaged.resolve("truncated.png"), java.util.Arrays.copyOf(png, png.length / 2));
        Files.writeString(damaged.resolve("not-an-image.png"), "hello");
        Files.write(damaged.resolve("empty.jpg"), new byte[0]);
        Path out = dir.resolve("damaged-out");
        DistributedLabelingJob.Summary summary = label(job(damaged, out, "fp16", WrongShape.SKIP));
        assertEquals(43, summary.images());
        assertEquals(3 + 4, summary.skipped(), "three unreadable files and four RGB 20x24 images under --wrong-shape skip");
        assertEquals(36, summary.labeled());
        SparkReport report = SparkReport.read(out);
        assertEquals(3, report.skippedByReason().get("unreadable"));
        assertEquals(4, report.skippedByReason().get("wrong-shape"));
        Map<String, String> skipped = new HashMap<>();
        for (Row row : rows(out, Artifact.SKIPPED)) {
            skipped.put(row.getAs("id"), row.getAs("reason"));
        }
        assertEquals(Map.of("truncated.png", "unreadable", "not-an-image.png", "unreadable", "empty.jpg", "unreadable",
                "x/img-00009.png", "wrong-shape", "y/img-00019.png", "wrong-shape", "x/img-00039.png", "wrong-shape",
                "y/img-00029.png", "wrong-shape"), skipped);
        assertTrue(Files.readString(out.resolve(Artifact.REPORT_TEXT)).contains("truncated.png: unreadable"));
    }

    @Test
    void aRerunLabelsOnlyTheShardsNotFinished() throws IOException {
        Path out = dir.resolve("resume");
        label(job(pool, out, "fp16", WrongShape.RESIZE));
        Path shard0 = Artifact.shardFolder(out, Artifact.LABELS, 0).resolve(Artifact.PART);
        Path shard2 = Artifact.shardFolder(out, Artifact.LABELS, 2).resolve(Artifact.PART);
        Files.setLastModifiedTime(shard0, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(shard2, FileTime.fromMillis(1_000_000));
        List<Row> before = rows(out, Artifact.LABELS);
        // shard 1 as a killed task leaves it: its summary never written, a temporary half-written
        Files.delete(Artifact.summary(out, 1));
        Path shard1 = Artifact.shardFolder(out, Artifact.LABELS, 1);
        Files.delete(shard1.resolve(Artifact.PART));
        Files.writeString(shard1.resolve(".abandoned.tmp"), "half a file");

        DistributedLabelingJob.Summary summary = label(job(pool, out, "fp16", WrongShape.RESIZE));
        assertEquals(1, summary.shardsLabeledNow());
        assertEquals(IMAGES, summary.labeled());
        assertEquals(FileTime.fromMillis(1_000_000), Files.getLastModifiedTime(shard0), "finished shards are not rewritten");
        assertEquals(FileTime.fromMillis(1_000_000), Files.getLastModifiedTime(shard2));
        assertEquals(List.of(Artifact.PART), list(shard1), "the attempt's leftovers are gone");
        assertEquals(sorted(before), sorted(rows(out, Artifact.LABELS)));
        assertEquals(0, label(job(pool, out, "fp16", WrongShape.RESIZE)).shardsLabeledNow(), "a finished artifact is left as it is");
    }

    @Test
    void aStopAskedForEndsTheJobBetweenBatchesAndTheSameCommandContinues() {
        Path out = dir.resolve("stopped");
        dev.mentor.Interruption.request("SIGINT", 130);
        try {
            dev.mentor.Interrupted stopped = assertThrows(dev.mentor.Interrupted.class, () -> label(job(pool, out, "fp16", WrongShape.RESIZE)));
            assertEquals(130, stopped.exitCode());
            assertTrue(stopped.getMessage().contains("the same command"), stopped.getMessage());
        } finally {
            dev.mentor.Interruption.clear();
        }
        assertEquals(3, label(job(pool, out, "fp16", WrongShape.RESIZE)).shardsLabeledNow());
    }

    @Test
    void anArtifactOfAnotherLayoutIsRefusedUnlessForced() {
        Path out = dir.resolve("refuse");
        label(job(pool, out, "fp16", WrongShape.RESIZE));
        MentorException e = assertThrows(MentorException.class, () -> label(job(pool, out, "top-3", WrongShape.RESIZE)));
        assertTrue(e.getMessage().startsWith("--out: ") && e.getMessage().contains("distribution") && e.getMessage().contains("--force"),
                e.getMessage());
        DistributedLabelingJob forced = new DistributedLabelingJob(teacher, Pool.parse("folder:" + pool, "id", "image"), out, MASTER,
                Distribution.parse("top-3"), 256, 0, WrongShape.RESIZE, true, Map.of());
        assertEquals(3, label(forced).shardsLabeledNow());
    }

    @Test
    void aParquetPoolOfTheSameImagesGetsTheSameLabels() throws IOException {
        Path parquet = dir.resolve("pool.parquet");
        List<Row> images = new ArrayList<>();
        for (String id : reference.ids()) {
            images.add(org.apache.spark.sql.RowFactory.create(id, Files.readAllBytes(pool.resolve(id))));
        }
        images.add(org.apache.spark.sql.RowFactory.create("broken", new byte[] {1, 2, 3}));
        var schema = new org.apache.spark.sql.types.StructType().add("name", "string").add("png", "binary");
        try (SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate()) {
            spark.createDataFrame(images, schema).repartition(3).write().parquet(parquet.toString());
        }
        Path out = dir.resolve("from-parquet");
        DistributedLabelingJob job = new DistributedLabelingJob(teacher, Pool.parse("parquet:" + parquet, "name", "png"), out, MASTER,
                Distribution.parse("fp32"), 256, 0, WrongShape.RESIZE, false, Map.of());
        DistributedLabelingJob.Summary summary = label(job);
        assertEquals(IMAGES + 1, summary.images());
        assertEquals(1, summary.skipped());
        for (Row row : rows(out, Artifact.LABELS)) {
            int i = referenceRow.get(row.<String>getAs("id"));
            assertEquals(reference.label(i), row.<Integer>getAs("label"));
            // batches differ from the folder's (hash shards), so equality is to float rounding, not bits
            assertEquals(reference.confidence(i), row.<Float>getAs("confidence"), 1e-5f);
        }
        MentorException e = assertThrows(MentorException.class, () -> label(new DistributedLabelingJob(teacher,
                Pool.parse("parquet:" + parquet, "name", "image"), dir.resolve("no-column"), MASTER, Distribution.parse("fp16"), 256, 0,
                WrongShape.RESIZE, false, Map.of())));
        assertEquals("--image-column: parquet:" + parquet + " has no column 'image' (its columns: name, png)", e.getMessage());
        Path empty = dir.resolve("empty.parquet");
        try (SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate()) {
            spark.createDataFrame(List.<Row>of(), schema).write().parquet(empty.toString());
        }
        e = assertThrows(MentorException.class, () -> label(new DistributedLabelingJob(teacher, Pool.parse("parquet:" + empty, "name", "png"),
                dir.resolve("from-empty"), MASTER, Distribution.parse("fp16"), 256, 0, WrongShape.RESIZE, false, Map.of())));
        assertEquals("--unlabeled: parquet:" + empty + " holds no rows", e.getMessage());
    }

    @Test
    void aPackedPoolWithAugmentedCopiesIsLabeledAndComparesWithTheSingleProcessArtifact() throws IOException {
        Path small = Fixtures.pool(Files.createDirectories(dir.resolve("small")), 30, 0, 5);
        Path packed = dir.resolve("packed.parquet");
        PackPool pack = new PackPool();
        assertEquals(0, new picocli.CommandLine(pack).execute("--from", small.toString(), "--out", packed.toString(), "--copies", "3",
                "--master", "local[2]", "--images-per-file", "40"));
        Path out = dir.resolve("packed-out");
        DistributedLabelingJob.Summary summary = label(new DistributedLabelingJob(teacher, Pool.parse("parquet:" + packed, "id", "image"),
                out, MASTER, Distribution.parse("fp16"), 256, 0, WrongShape.SKIP, false, Map.of()));
        assertEquals(new DistributedLabelingJob.Summary(90, 90, 0, 1, 1, summary.seconds()), summary);
        java.util.Set<String> ids = new java.util.HashSet<>();
        SparkArtifact.open(out).forEach(row -> ids.add(row.id()));
        assertTrue(ids.contains("x/img-00000.png") && ids.contains("x/img-00000.png#1") && ids.contains("y/img-00029.png#2"), ids::toString);

        label(job(pool, dir.resolve("compare"), "fp32", WrongShape.RESIZE));
        Map<String, Object> same = CompareArtifacts.compare(dir.resolve("reference"), dir.resolve("compare"));
        assertEquals((long) IMAGES, same.get("labels_equal"));
        assertEquals((long) IMAGES, same.get("distributions_bit_identical_at_stored_precision"));
        assertEquals(0.0, same.get("max_abs_probability_difference"));
    }

    @Test
    void filteringAndBalancingInSparkSqlSelectWhatTheSingleProcessSelectionSelects() {
        Path out = dir.resolve("selection");
        label(job(pool, out, "fp32", WrongShape.RESIZE));
        float median = sortedConfidences()[IMAGES / 2];
        try (SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate()) {
            Dataset<Row> rows = SparkSelection.labels(spark, out);
            for (Object[] options : new Object[][] {{median, true, 0}, {median, true, 90}, {median, false, 0}, {0.99, true, 0}}) {
                double threshold = ((Number) options[0]).doubleValue();
                var expected = Selection.of(reference, new Selection.Options(threshold, (Boolean) options[1] ? Switch.ON : Switch.OFF,
                        (Integer) options[2]));
                List<String> mine = new ArrayList<>();
                for (int position : expected.positions()) {
                    mine.add(reference.ids().get(position));
                }
                List<String> theirs = new ArrayList<>();
                SparkSelection.select(rows, Fixtures.CLASSES.size(), threshold, (Boolean) options[1], (Integer) options[2])
                        .select("id").collectAsList().forEach(r -> theirs.add(r.getString(0)));
                assertEquals(mine.stream().sorted().toList(), theirs.stream().sorted().toList(), java.util.Arrays.toString(options));
            }
        }
    }

    private float[] sortedConfidences() {
        float[] c = new float[reference.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = reference.confidence(i);
        }
        java.util.Arrays.sort(c);
        return c;
    }

    @Test
    void theCommandLineFindsThisModuleAndPrintsTheReport() {
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        int code = dev.mentor.cli.Main.run(new String[] {"pseudo-label", "--teacher", teacher.toString(), "--unlabeled", "folder:" + pool,
            "--out", dir.resolve("cli").toString(), "--spark", MASTER, "--shard-size", "512", "--distribution", "top-3"},
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().startsWith("pool: 600 images in 2 shards; labeled 600, skipped 0, resized 12"), out.toString());
        assertTrue(err.toString().contains("2 of 2 shards to do"), err.toString());
        assertEquals("top-3", Json.read(dir.resolve("cli").resolve(Artifact.MANIFEST)).get("distribution").asText());
        var again = new java.io.StringWriter();
        assertEquals(2, dev.mentor.cli.Main.run(new String[] {"pseudo-label", "--teacher", teacher.toString(), "--unlabeled",
            "folder:" + pool, "--out", dir.resolve("cli").toString(), "--spark", MASTER}, new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(again, true)));
        assertTrue(again.toString().startsWith("mentor: --out: ") && again.toString().contains("--force"), again.toString());
    }

    @Test
    void configurationErrorsAreOneLineNamingTheOptionWithExitCode2() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertError("--teacher: ", "--teacher", empty.toString(), "--unlabeled", "folder:" + pool, "--out", dir.resolve("e1").toString());
        assertError("--unlabeled: " + empty + " holds no images", "--teacher", teacher.toString(), "--unlabeled", "folder:" + empty, "--out",
                dir.resolve("e2").toString());
        assertError("--unlabeled: a distributed pool is folder:DIR or parquet:PATH", "--teacher", teacher.toString(), "--unlabeled",
                "idx:" + pool, "--out", dir.resolve("e3").toString());
        assertError("--spark: cannot reach the master spark://127.0.0.1:1", "--teacher", teacher.toString(), "--unlabeled",
                "folder:" + pool, "--out", dir.resolve("e4").toString(), "--master", "spark://127.0.0.1:1");
        assertError("--shard-size: must be a positive multiple of 256", "--teacher", teacher.toString(), "--unlabeled", "folder:" + pool,
                "--out", dir.resolve("e5").toString(), "--shard-size", "100");
        assertError("--wrong-shape: expected resize or skip, got 'crop'", "--teacher", teacher.toString(), "--unlabeled", "folder:" + pool,
                "--out", dir.resolve("e8").toString(), "--wrong-shape", "crop");
        Path unfinished = Files.createDirectories(dir.resolve("self-training"));
        new dev.mentor.run.Rounds("noisy-student", false, List.of()).write(unfinished.resolve(dev.mentor.run.SelfTrainingDirectory.ROUNDS));
        assertError(unfinished + ": the self-training run is not finished", "--teacher", unfinished.toString(), "--unlabeled",
                "folder:" + pool, "--out", dir.resolve("e7").toString()); // read as train's --teacher reads it
        assertError("--distribution: fp16, fp32 or top-K", "--teacher", teacher.toString(), "--unlabeled", "folder:" + pool, "--out",
                dir.resolve("e6").toString(), "--distribution", "int8");
    }

    private static void assertError(String start, String... args) {
        var text = new java.io.StringWriter();
        int code = LabelPool.run(args, new java.io.PrintWriter(text, true));
        String printed = text.toString();
        assertEquals(2, code, printed);
        assertTrue(printed.startsWith("mentor: " + start), printed);
        assertEquals(1, printed.lines().count(), printed);
    }

    private static List<String> list(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private static List<String> sorted(List<Row> rows) {
        return rows.stream().map(r -> r.getAs("id") + " " + r.getAs("label") + " " + r.getAs("confidence") + " "
                + java.util.Arrays.toString(r.<byte[]>getAs("distribution")) + " " + r.getAs("shard")).sorted().toList();
    }

    @AfterAll
    void noSessionIsLeftRunning() {
        assertNotEquals(null, teacher);
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
    }
}
