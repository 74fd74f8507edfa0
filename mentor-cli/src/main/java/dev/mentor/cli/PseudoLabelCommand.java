package dev.mentor.cli;

import ai.djl.ndarray.NDManager;
import dev.mentor.MentorException;
import dev.mentor.augment.AugmentPolicy;
import dev.mentor.data.DataSpec;
import dev.mentor.run.DistributedLabelingJob;
import dev.mentor.run.DistributedPseudoLabeling;
import dev.mentor.run.Experiment;
import dev.mentor.run.ExperimentConfig;
import dev.mentor.run.Manifest;
import dev.mentor.run.PseudoLabelRun;
import dev.mentor.run.RunDirectory;
import dev.mentor.run.SelfTrainingDirectory;
import dev.mentor.run.UnlabeledPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mentor pseudo-label --teacher RUN_DIR --out DIR}: the teacher's pseudo-labels for every image
 * of an unlabeled pool, as an artifact (header, payload, report). The pool is the teacher run's own
 * (its config's data, seed and split) unless {@code --data}/{@code --labels} or {@code --unlabeled}
 * say otherwise. With {@code --spark [MASTER]} a folder or Parquet pool is labeled on Apache Spark by the
 * {@link DistributedPseudoLabeling} that mentor-spark provides (found on the classpath only when the
 * launcher adds that module); the command itself never depends on Spark.
 */
@Command(name = "pseudo-label", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Label an unlabeled pool with a trained run, un-noised, and write the labels (id, hard label, distribution, "
                + "confidence, entropy) with a report: class and confidence histograms and, when the pool's true labels are "
                + "known, pseudo-label accuracy and calibration per confidence bin.",
            "The pool is the teacher run's own (same data, seed and split) unless --data/--labels or --unlabeled are given."})
final class PseudoLabelCommand extends Subcommand {
    @Option(names = "--teacher", required = true, paramLabel = "RUN_DIR", description = "A finished run directory; a "
            + "self-training run's folder stands for the model it chose")
    Path teacher;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the artifact")
    Path out;

    @Option(names = "--data", description = "Data whose split gives the pool (default: the teacher's)")
    String data;

    @Option(names = "--labels", description = "Labeled budget of that split; the rest outside validation is the pool (default: the teacher's)")
    Integer labels;

    @Option(names = "--labels-per-class", description = "Labeled images per class of that split (default: the teacher's)")
    Integer labelsPerClass;

    @Option(names = "--unlabeled", description = "Label this pool instead: folder:DIR, every image under DIR (ids are paths under DIR)")
    String unlabeled;

    @Option(names = "--force", description = "Replace pseudo-labels already in --out")
    boolean force;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "local[*]", paramLabel = "MASTER",
            description = {"Label a folder:DIR or parquet:PATH --unlabeled pool on Apache Spark: embedded (local[*], the default, "
                + "or local[N]) or on a cluster (spark://HOST:PORT). The artifact is Parquet partitioned by shard; rerun the same "
                + "command to label only the shards not finished. Needs the mentor-spark module: ./mentor adds it when --spark is given."})
    String spark;

    @Option(names = "--distribution", paramLabel = "FORMAT",
            description = "With --spark: how each distribution is stored: fp16 (default), fp32 or top-K (e.g. top-3)")
    String distribution;

    @Mixin
    SparkOptions sparkOptions;

    @Option(names = "--wrong-shape", paramLabel = "resize|skip",
            description = "With --spark: an image of another size or channel count than the teacher's is resized as without "
                + "--spark (resize, default) or skipped and listed (skip)")
    String wrongShape;

    @Option(names = "--id-column", paramLabel = "NAME", description = "With --spark: a Parquet pool's id column (default: id)")
    String idColumn;

    @Option(names = "--image-column", paramLabel = "NAME", description = "With --spark: a Parquet pool's image-bytes column (default: image)")
    String imageColumn;

    @Mixin
    Verbose verbose;

    @Override
    public Integer call() {
        teacher = SelfTrainingDirectory.modelFolder(teacher); // as train's --teacher, evaluate and predict read it
        if (spark != null) {
            return distributed();
        }
        Map<String, Boolean> sparkOnly = new LinkedHashMap<>();
        sparkOnly.put("--distribution", distribution != null);
        sparkOnly.put("--wrong-shape", wrongShape != null);
        sparkOnly.put("--id-column", idColumn != null);
        sparkOnly.put("--image-column", imageColumn != null);
        sparkOptions.refuseWithoutSpark(sparkOnly);
        ExperimentConfig t = RunDirectory.readConfig(teacher, "teacher");
        if (labels != null && labelsPerClass != null) {
            throw new MentorException("--labels and --labels-per-class: give one, not both");
        }
        boolean split = labels != null || labelsPerClass != null;
        ExperimentConfig config = new ExperimentConfig(data != null ? DataSpec.parse(data) : t.data(),
                unlabeled != null ? DataSpec.parseUnlabeled(unlabeled) : t.unlabeled(),
                t.classes(), t.imageSize(), t.testSplit(), split ? labels : t.labels(), split ? labelsPerClass : t.labelsPerClass(),
                t.validationPerClass(), t.model(), t.dropout(), t.stochasticDepth(), t.epochs(), t.batchSize(), t.learningRate(),
                t.warmupEpochs(), t.optimizer(), t.ema(), AugmentPolicy.NONE, 0, 0, t.mixSwitch(), t.seed(), t.loaderThreads());
        prepareOut();
        Experiment.Prepared prepared = Experiment.prepare(config);
        checkSameData(config, t, prepared);
        UnlabeledPool pool = UnlabeledPool.of(config, prepared);
        var err = err();
        err.printf("labeling %,d images of %s with %s%n", pool.images().size(),
                config.unlabeled() != null ? config.unlabeled() : config.data() + "'s unlabeled pool", teacher);
        try (NDManager manager = NDManager.newBaseManager()) {
            PseudoLabelRun.label(prepared.models(), teacher, pool, out, manager, err::println);
        }
        return printReport();
    }

    /** {@code --spark}: the pool labeled by the distributed engine found on the classpath (mentor-spark). */
    private int distributed() {
        if (unlabeled == null) {
            throw new MentorException("--unlabeled: --spark labels a folder:DIR or parquet:PATH pool; give one");
        }
        if (data != null || labels != null || labelsPerClass != null) {
            throw new MentorException((data != null ? "--data" : labels != null ? "--labels" : "--labels-per-class")
                    + ": not with --spark, which labels the --unlabeled pool");
        }
        DistributedLabelingJob job = new DistributedLabelingJob(teacher,
                DistributedLabelingJob.Pool.parse(unlabeled, idColumn != null ? idColumn : "id", imageColumn != null ? imageColumn : "image"),
                out, spark, DistributedLabelingJob.Distribution.parse(distribution != null ? distribution : "fp16"),
                sparkOptions.shardSizeOrDefault(), sparkOptions.threadsOrDefault(),
                DistributedLabelingJob.WrongShape.parse(wrongShape != null ? wrongShape : "resize"), force, sparkOptions.settings);
        DistributedPseudoLabeling engine = DistributedPseudoLabeling.find("spark").orElseThrow(() -> new MentorException(
                "--spark: Spark support (the mentor-spark module) is not on the classpath; ./mentor adds it when --spark is given"));
        var err = err();
        engine.label(job, err::println);
        return printReport();
    }

    /** Prints the artifact's {@code report.txt}, which both labelings write. */
    private int printReport() {
        try {
            out().print(Files.readString(out.resolve(PseudoLabelRun.REPORT_TEXT)));
            out().flush();
        } catch (IOException e) {
            throw new MentorException(out.resolve(PseudoLabelRun.REPORT_TEXT) + ": cannot read (" + e.getMessage() + ")", e);
        }
        return 0;
    }

    private void prepareOut() {
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new MentorException("--out: " + out + " exists and is not a directory");
            }
            for (String name : PseudoLabelRun.FILES) {
                if (Files.exists(out.resolve(name))) {
                    if (!force) {
                        throw new MentorException("--out: " + out + " already holds pseudo-labels; use --force to replace them");
                    }
                    Files.delete(out.resolve(name));
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new MentorException("--out: cannot prepare " + out + " (" + e.getMessage() + ")", e);
        }
    }

    /** The teacher's own data must still be the bytes it was trained on. */
    private void checkSameData(ExperimentConfig config, ExperimentConfig t, Experiment.Prepared prepared) {
        if (!config.data().equals(t.data())) {
            return;
        }
        String recorded = Manifest.dataFingerprint(teacher);
        if (recorded != null && !recorded.isEmpty() && !recorded.equals(prepared.data().fingerprint())) {
            throw new MentorException("--teacher: " + teacher + " was trained on " + t.data() + " with fingerprint " + recorded
                    + ", which now reads " + prepared.data().fingerprint());
        }
    }
}
