package dev.mentor.cli;

import dev.mentor.Choices;
import dev.mentor.MentorException;
import dev.mentor.Switch;
import dev.mentor.method.Distillation;
import dev.mentor.run.DistillFactory;
import dev.mentor.run.DistributedLabelingJob;
import dev.mentor.run.DistributedPseudoLabeling;
import dev.mentor.run.Experiment;
import dev.mentor.run.RunDirectory;
import dev.mentor.teacher.TeacherCache;
import dev.mentor.train.Normalization;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mentor train distill --teacher PATH}: knowledge distillation into the {@code --model}. With {@code --cache-teacher
 * --spark [MASTER]} the teacher's distributions over an {@code --unlabeled folder:DIR} pool are first made on Apache Spark
 * into the run's {@value #TEACHER_LABELS} folder, by the {@link DistributedPseudoLabeling} mentor-spark provides, and read
 * as {@code --teacher-labels} reads an artifact; the command itself never depends on Spark.
 */
@Command(name = "distill", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Knowledge distillation: the student learns the teacher's softened distribution (T²·KL) mixed with CE on labels; "
                + "unlabeled images (the pool) get the distillation term alone.")
final class DistillCommand extends TrainMethodCommand {
    @Option(names = "--teacher", paramLabel = "PATH",
            description = "The teacher: a finished Mentor run (its directory or model.ckpt), a TorchScript file (.pt, .torchscript) "
                    + "or an ONNX file (.onnx) mapping images to logits")
    Path teacher;

    @Option(names = "--teacher-mean", split = ",", paramLabel = "M",
            description = "Per-channel mean (pixels in [0, 1]) a TorchScript/ONNX teacher expects its inputs normalised with (default: the student's)")
    List<Float> teacherMean;

    @Option(names = "--teacher-std", split = ",", paramLabel = "S", description = "Per-channel std to go with --teacher-mean")
    List<Float> teacherStd;

    @Option(names = "--temperature", defaultValue = "4", description = "T (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--alpha", defaultValue = "0.9", description = "Weight of the distillation term on labeled images; 1 − alpha goes to CE (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--unlabeled-weight", defaultValue = "1", description = "Weight of distillation on unlabeled pool images; 0 uses labeled images only (default: ${DEFAULT-VALUE})")
    double unlabeledWeight;

    @Option(names = "--distill", split = ",", defaultValue = "logits", description = "logits, features (FitNets hint), attention (AT), combinable (default: ${DEFAULT-VALUE})")
    List<String> kinds;

    @Option(names = "--hint-weight", defaultValue = "1", description = "Weight of the hint loss (default: ${DEFAULT-VALUE})")
    double hintWeight;

    @Option(names = "--attention-weight", defaultValue = "500", description = "Weight of attention transfer, the paper's β/2 (default: ${DEFAULT-VALUE})")
    double attentionWeight;

    @Option(names = "--normalize-loss", paramLabel = "on|off", defaultValue = "on",
            description = "Divide the loss by how much stronger than cross-entropy its logit terms can pull ((1 - alpha) + alpha·T + "
                    + "unlabeled-weight·T, 7.7 by default), so the default rate suits it whatever T and the weights; off: the paper's "
                    + "loss as is, which at lr 0.05 collapsed students trained for few steps (default: ${DEFAULT-VALUE})")
    String normalizeLoss;

    @Option(names = "--cache-teacher", description = "Compute the teacher's logits once on the un-augmented labeled and unlabeled images, "
            + "keep them on disk and reuse them across epochs and runs (logits only; not with --cutmix or --mixup)")
    boolean cacheTeacher;

    @Option(names = "--teacher-labels", paramLabel = "DIR", description = "With --cache-teacher: the pool's cached logits are log p "
            + "of the distributions in this artifact of mentor pseudo-label, made by --teacher (a Mentor run) for this run's pool "
            + "(its --unlabeled folder:DIR, or without --unlabeled the training images left after the split); one of pseudo-label "
            + "--spark must be labeled with --distribution fp32")
    Path teacherLabels;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "local[*]", paramLabel = "MASTER",
            description = {"With --cache-teacher and an --unlabeled folder:DIR pool: label the pool with --teacher (a Mentor run) on "
                + "Apache Spark into RUN/" + TEACHER_LABELS + "/ (fp32, as mentor pseudo-label --spark --distribution fp32 does), "
                + "then distil from it as --teacher-labels does: embedded (local[*], the default, or local[N]) or on a cluster "
                + "(spark://HOST:PORT). A rerun with --force or --resume labels only the shards not finished. Needs the "
                + "mentor-spark module: ./mentor adds it when --spark is given."})
    String spark;

    @Mixin
    SparkOptions sparkOptions;

    @Option(names = "--teacher-cache-dir", paramLabel = "DIR", description = "Where --cache-teacher keeps its files (default: ~/.mentor/cache/teacher)")
    Path teacherCacheDir;

    @Mixin
    TrainOptions options;

    /** The folder of a run that {@code --spark} labels its pool into. */
    static final String TEACHER_LABELS = "teacher-labels";

    /** The Spark job a new run's options were checked with, which it then runs; null for a resumed run. */
    private DistributedLabelingJob checkedJob;

    DistillCommand() {
        super(Distillation.DESCRIPTOR);
    }

    @Override
    public Integer call() {
        Distillation.RunOptions saved = Training.savedOrGiven(options, Distillation.DESCRIPTOR, this::given);
        Distillation.Options method = saved.method();
        Path teacher = Path.of(saved.teacher());
        boolean cacheTeacher = saved.cacheTeacher();
        Path teacherCacheDir = saved.teacherCacheDir() == null ? null : Path.of(saved.teacherCacheDir());
        Normalization teacherNormalization = Training.normalization("--teacher", saved.teacherMean(), saved.teacherStd());
        if (cacheTeacher) {
            if (options.cutmix > 0 || options.mixup > 0) {
                throw new MentorException("--cache-teacher: cannot be combined with --cutmix or --mixup (the cached logits would not match the mixed images)");
            }
            if (!method.kinds().equals(Set.of(Distillation.Kind.LOGITS))) {
                throw new MentorException("--cache-teacher: only logits can be cached; --distill features and attention need the teacher's live feature maps");
            }
        }
        PrintWriter err = err();
        options.initByDefault = teacher;
        Path cache = !cacheTeacher ? null : teacherCacheDir != null ? teacherCacheDir : TeacherCache.defaultDirectory();
        Path labels = saved.teacherLabels() == null ? null : Path.of(saved.teacherLabels());
        if (saved.sparkLabels() == null) {
            Training.run(Distillation.DESCRIPTOR, options, saved, new DistillFactory(teacher, teacherNormalization, method, cache,
                    err::println, labels), null, null, out(), err);
            return 0;
        }
        // the artifact is made in the run's folder once it is open, so the factory that reads it is built after
        DistributedLabelingJob job = checkedJob != null ? checkedJob : sparkJob(saved.sparkLabels(), teacher, labels);
        DistributedPseudoLabeling engine = DistributedPseudoLabeling.find("spark").orElseThrow(() -> new MentorException(
                "--spark: Spark support (the mentor-spark module) is not on the classpath; ./mentor adds it when --spark is given"));
        Training.run(Distillation.DESCRIPTOR, options, saved,
                context -> new DistillFactory(teacher, teacherNormalization, method, cache, err::println, labels).create(context), null,
                directory -> engine.label(job, err::println), out(), err);
        return 0;
    }

    /** The options of a new run, checked: {@code --spark} and its options only where they can label this run's pool. */
    private Distillation.RunOptions given() {
        Path teacherRun = Training.required(teacher, "--teacher", "a finished run, a TorchScript or an ONNX file").toAbsolutePath().normalize();
        Distillation.Options method = new Distillation.Options(temperature, alpha, unlabeledWeight, kinds(kinds), hintWeight,
                attentionWeight, Switch.parse("normalize_loss", normalizeLoss).on());
        Path labels = teacherLabels == null ? null : teacherLabels.toAbsolutePath().normalize();
        Distillation.SparkLabels sparkLabels = null;
        if (spark == null) {
            sparkOptions.refuseWithoutSpark(Map.of());
        } else {
            if (Files.isRegularFile(teacherRun) && teacherRun.getFileName().toString().equals(RunDirectory.MODEL)) {
                teacherRun = teacherRun.getParent(); // the job ships the run's files
            }
            checkSpark(teacherRun, method);
            if (options.out == null) { // the labels' folder is named in method.json before the run's folder is made
                options.out = Experiment.defaultDirectory(descriptor.name(), options.model);
            }
            labels = options.out.resolve(TEACHER_LABELS).toAbsolutePath().normalize();
            sparkLabels = new Distillation.SparkLabels(spark, sparkOptions.shardSizeOrDefault(), sparkOptions.threadsOrDefault(),
                    new TreeMap<>(sparkOptions.settings));
            checkedJob = sparkJob(sparkLabels, teacherRun, labels); // its own checks (shard size, threads, master), before any data is read
        }
        return new Distillation.RunOptions(teacherRun.toString(), teacherMean, teacherStd, method, cacheTeacher,
                teacherCacheDir == null ? null : teacherCacheDir.toString(), labels == null ? null : labels.toString(), sparkLabels);
    }

    /** Refuses, in one line naming the option, a {@code --spark} that could not feed this run. */
    private void checkSpark(Path teacherRun, Distillation.Options method) {
        if (!cacheTeacher) {
            throw new MentorException("--spark: only with --cache-teacher (the pool's labels from Spark replace its cached logits)");
        }
        if (teacherLabels != null) {
            throw new MentorException("--teacher-labels: not with --spark, which labels the pool into RUN/" + TEACHER_LABELS + " itself");
        }
        if (options.unlabeled == null) {
            throw new MentorException("--spark: labels an --unlabeled folder:DIR pool; give one (the default pool, the training "
                    + "images left after the split, is labeled without --spark)");
        }
        if (!options.unlabeled.strip().startsWith("folder:")) {
            throw new MentorException("--unlabeled: with --spark a folder:DIR pool, which the student then trains on; got '"
                    + options.unlabeled + "' (a parquet: pool is labeled by mentor pseudo-label --spark, not trained on)");
        }
        if (!(method.unlabeledWeight() > 0)) {
            throw new MentorException("--spark: the pool is not distilled with --unlabeled-weight " + method.unlabeledWeight());
        }
        if (!Files.isRegularFile(teacherRun.resolve(RunDirectory.MODEL))) {
            throw new MentorException("--spark: labels with a --teacher that is a Mentor run directory, got " + teacherRun);
        }
    }

    /**
     * The Spark job that labels the run's pool into {@code labels}, as {@code mentor pseudo-label --spark --distribution fp32}
     * does; {@code --force} on a new run replaces an artifact there of another teacher or pool, as it replaces the run.
     */
    private DistributedLabelingJob sparkJob(Distillation.SparkLabels spark, Path teacherRun, Path labels) {
        String pool = options.resume != null ? RunDirectory.readConfig(options.resume, "resume").unlabeled().toString() : options.unlabeled;
        return new DistributedLabelingJob(teacherRun, DistributedLabelingJob.Pool.parse(pool, "id", "image"), labels, spark.master(),
                DistributedLabelingJob.Distribution.parse("fp32"), spark.shardSize(), spark.threads(), DistributedLabelingJob.WrongShape.RESIZE,
                options.resume == null && options.force, spark.settings());
    }

    @Override
    List<String> suiteArguments(SuiteCall call) {
        return List.of("--teacher", SuiteRecipe.finalModel(call.prerequisite()).toString(), "--temperature", "4", "--alpha", "0.9",
                "--unlabeled-weight", "1");
    }

    static EnumSet<Distillation.Kind> kinds(List<String> names) {
        EnumSet<Distillation.Kind> kinds = EnumSet.noneOf(Distillation.Kind.class);
        for (String name : names) {
            kinds.add(Choices.parse("distill", name, Distillation.Kind.values()));
        }
        return kinds;
    }
}
