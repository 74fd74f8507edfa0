package dev.mentor.run;

import ai.djl.ndarray.NDManager;
import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.RunLog;
import dev.mentor.augment.Augmentation;
import dev.mentor.augment.AugmentPolicy;
import dev.mentor.augment.mix.BatchMix;
import dev.mentor.augment.mix.CutMix;
import dev.mentor.augment.mix.MixUp;
import dev.mentor.augment.mix.MixUpOrCutMix;
import dev.mentor.data.ClassSelection;
import dev.mentor.data.DataOptions;
import dev.mentor.data.DataSources;
import dev.mentor.data.ImageSet;
import dev.mentor.data.LoadedData;
import dev.mentor.data.Split;
import dev.mentor.data.SplitConfig;
import dev.mentor.data.Splitter;
import dev.mentor.data.UnlabeledFolder;
import dev.mentor.eval.Evaluation;
import dev.mentor.eval.Predictor;
import dev.mentor.loop.TrainingLoop;
import dev.mentor.method.FollowUp;
import dev.mentor.method.Method;
import dev.mentor.model.ArchitectureSpec;
import dev.mentor.model.ModelSpec;
import dev.mentor.ndarray.Bf16;
import dev.mentor.ndarray.NativeAllocator;
import dev.mentor.train.BatchStream;
import dev.mentor.train.Checkpoint;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.Learner;
import dev.mentor.train.LoopConfig;
import dev.mentor.train.LrSchedule;
import dev.mentor.train.Normalization;
import dev.mentor.train.Precision;
import dev.mentor.train.SavedModel;
import dev.mentor.train.SavedModels;
import dev.mentor.train.Schedule;
import dev.mentor.train.TargetSource;
import dev.mentor.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * One training run end to end: load the data, draw the labeled / unlabeled / validation split, build
 * the method, train it through the {@link TrainingLoop}, evaluate on the test split and leave a
 * complete {@link RunDirectory}. Every method's CLI command is this plus its {@link MethodFactory}.
 */
public final class Experiment {
    /** Whether this process has said that glibc's malloc slows it down: once is enough (fit and suites run many experiments). */
    private static final AtomicBoolean ALLOCATOR_NOTED = new AtomicBoolean();
    /** The role of the model a run started from ({@code --init}) in {@code test_accuracy_by_role} and {@code kept}. */
    public static final String START = "start";
    /** The role, in {@code test_accuracy_by_role}, of the model a run trained when it returned its start instead. */
    public static final String TRAINED = "trained";

    private final ExperimentConfig config;
    private final MethodFactory methods;
    private final RunLog log;
    private final Normalization normalization;
    private final boolean returnsStart;

    public Experiment(ExperimentConfig config, MethodFactory methods, Consumer<String> log) {
        this(config, methods, log, null);
    }

    /**
     * @param normalization input statistics to use instead of the training data's (a pre-trained
     *     backbone's own), or null
     */
    public Experiment(ExperimentConfig config, MethodFactory methods, Consumer<String> log, Normalization normalization) {
        this(config, methods, RunLog.of(log), normalization, true);
    }

    private Experiment(ExperimentConfig config, MethodFactory methods, RunLog log, Normalization normalization, boolean returnsStart) {
        this.config = config;
        this.methods = methods;
        this.log = log;
        this.normalization = normalization;
        this.returnsStart = returnsStart;
    }

    /**
     * This experiment returning its method's model even when the run it started from ({@code --init}) is better on
     * validation: for a self-training round, whose choice among the teacher and the rounds is the self-training run's
     * ({@code Rounds.choose}).
     */
    public Experiment returningItsOwnModel() {
        return new Experiment(config, methods, log, normalization, false);
    }

    /** The data and split a config describes (also used by evaluation). */
    public static Prepared prepare(ExperimentConfig config) {
        LoadedData data = DataSources.open(config.data(),
                new DataOptions(config.imageSize(), config.testSplit(), config.seed())).load();
        if (config.classes() != null) {
            data = new LoadedData(data.name() + " classes " + config.classes(), ClassSelection.of(data.train(), config.classes()),
                    data.hasTest() ? ClassSelection.of(data.test(), config.classes()) : null, data.fingerprint());
        }
        Split split = Splitter.split(data.train(), splitConfig(config));
        ImageSet labeled = split.labeledSet(data.train());
        ImageSet unlabeled = config.unlabeled() != null
                ? DataSources.openUnlabeled(config.unlabeled(), data.train())
                : split.unlabeledSet(data.train());
        ImageSet validation = split.validationSet(data.train());
        int[] all = new int[data.train().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        augmentation(config.augment(), data.train().width());
        Normalization normalization = Normalization.estimate(data.train(), all, 10_000);
        return new Prepared(data, split, labeled, unlabeled, validation, normalization, new SavedModels());
    }

    static SplitConfig splitConfig(ExperimentConfig c) {
        return new SplitConfig(c.labels(), c.labelsPerClass(), c.validationPerClass(), c.seed());
    }

    /**
     * The split and data of a run, and the trained models it reads (its teacher, the run it starts from), each read
     * once by whichever needs it first: the command's checks, the method's factory, the learners' start.
     */
    public record Prepared(LoadedData data, Split split, ImageSet labeled, ImageSet unlabeled,
            ImageSet validation, Normalization normalization, SavedModels models) {

        /** This run's data with {@code labeled} and {@code unlabeled} sets instead (a self-training round's), and the same models. */
        public Prepared with(ImageSet labeled, ImageSet unlabeled) {
            return new Prepared(data, split, labeled, unlabeled, validation, normalization, models);
        }
    }

    /**
     * Trains into {@code directory}; with {@code resume}, continues the run whose checkpoint it holds.
     */
    public RunResult run(RunDirectory directory, boolean resume, List<TrainingListener> listeners) {
        return run(prepare(config), directory, resume, listeners);
    }

    /** As {@link #run(RunDirectory, boolean, List)} on data already prepared (and so already checked). */
    /** The model a run of {@code config} trains on {@code train}'s images and classes. */
    public static ModelSpec spec(ExperimentConfig config, ImageSet train) {
        return new ModelSpec(config.model().toString(), train.channels(), train.height(), train.width(), train.numClasses(), config.dropout(),
                config.stochasticDepth());
    }

    public RunResult run(Prepared given, RunDirectory directory, boolean resume, List<TrainingListener> listeners) {
        try (NDManager base = NDManager.newBaseManager()) {
            return run(given, directory, resume, listeners, base);
        }
    }

    /**
     * As {@link #run(Prepared, RunDirectory, boolean, List)}, with every array of the run in a sub-manager
     * of {@code parent} that is closed when the run ends (so a caller running stage after stage can
     * check that nothing outlives a stage).
     */
    public RunResult run(Prepared given, RunDirectory directory, boolean resume, List<TrainingListener> listeners,
            NDManager parent) {
        long started = System.nanoTime();
        Prepared prepared = normalization == null ? given : new Prepared(given.data(), given.split(), given.labeled(),
                given.unlabeled(), given.validation(), normalization, given.models());
        ImageSet train = prepared.data().train();
        log.accept(String.format("data: %s — %d labeled, %d unlabeled, %d validation, %d test images, %d classes, %dx%dx%d",
                prepared.data().name(), prepared.labeled().size(), prepared.unlabeled().size(), prepared.validation().size(),
                prepared.data().hasTest() ? prepared.data().test().size() : 0, train.numClasses(),
                train.channels(), train.height(), train.width()));
        if (prepared.unlabeled() instanceof UnlabeledFolder pool && !pool.unreadable().isEmpty()) {
            List<String> skipped = pool.unreadable();
            log.note(OptionText.naming("{}: left out ", "unlabeled").then(skipped.size() + " file" + (skipped.size() == 1 ? "" : "s")
                    + " that cannot be read: " + String.join("; ", skipped.subList(0, Math.min(3, skipped.size())))
                    + (skipped.size() > 3 ? "; ..." : "")));
        }
        ModelSpec spec = spec(config, train);
        Augmentation augmentation = augmentation(config.augment(), train.width());
        try (NDManager manager = parent.newSubManager()) {
            RunContext context = new RunContext(config, prepared.labeled(), prepared.unlabeled(),
                    prepared.validation(), spec, prepared.normalization(), manager, prepared.models());
            Method method = methods.create(context);
            List<Method> opened = new ArrayList<>(List.of(method));
            // learners the run makes beside its methods' (the model it started from)
            List<Learner> extra = new ArrayList<>();
            try {
                Learner evaluated = method.evaluated();
                directory.checkRoomFor(checkpointBytes(method));
                log.accept(String.format("model: %s, %,d parameters; method: %s%s", config.model(), evaluated.parameterCount(), method.name(),
                        (config.precision() == Precision.FP32 ? "" : "; training forwards in " + config.precision())
                        + (config.lrSchedule() == LrSchedule.COSINE ? "" : "; learning rate " + config.lrSchedule().describe())));
                if (NativeAllocator.current() == NativeAllocator.GLIBC && !ALLOCATOR_NOTED.getAndSet(true)) {
                    log.accept("note: PyTorch's tensors come from glibc's malloc in this process, which returns each large one to the "
                            + "kernel when it is freed; preloaded tcmalloc keeps it for the next step and trains 1.5-3.7x faster with the "
                            + "same numbers (Debian/Ubuntu: apt install libtcmalloc-minimal4; ./mentor preloads it when installed)");
                }
                if (config.precision() == Precision.BF16 && !Bf16.cpuHasBf16()) {
                    log.note(OptionText.naming("warning: this CPU has no bfloat16 instructions (avx512_bf16 or amx_bf16 in "
                            + "/proc/cpuinfo): {} bf16 runs in PyTorch's generic kernels here, several times slower than fp32", "precision"));
                }
                BatchMix mix = batchMix(config);
                if (mix != null && method.labeledAuxiliary() != null) {
                    throw MentorException.naming("{}/{}: cannot be combined with per-image rows computed before training "
                            + "(such as cached teacher outputs): they would not match the mixed images", "cutmix", "mixup");
                }
                BatchStream labeledStream = new BatchStream(prepared.labeled(), config.batchSize(), config.seed(),
                        method.labeledViews(augmentation), prepared.normalization(), TargetSource.oneHot(prepared.labeled()),
                        mix, method.labeledAuxiliary());
                BatchStream unlabeledStream = method.usesUnlabeled() && prepared.unlabeled().size() > 0
                        ? new BatchStream(prepared.unlabeled(), method.unlabeledBatchSize(config.batchSize()), config.seed() + 1,
                                method.unlabeledViews(), prepared.normalization(), null, null, method.unlabeledAuxiliary())
                        : null;
                Budget budget = context.budget();
                LoopConfig loopConfig = new LoopConfig(budget.chunks(), budget.chunk(), config.seed(), config.loaderThreads(),
                        budget.total(), budget.warmup());
                // a run stopped before its first checkpoint resumes from the start
                Checkpoint checkpoint = resume && RunDirectory.hasCheckpoint(directory.root())
                        ? Checkpoint.readLatest(directory.file(RunDirectory.CHECKPOINT), log) : null;
                if (!resume) {
                    directory.writeConfig(config);
                    directory.writeManifest(Manifest.of(config, prepared));
                }
                List<TrainingListener> all = new ArrayList<>(listeners);
                all.add(directory);
                all.add(new MemoryLog(directory.file(MemoryLog.FILE), method.name(), parent));
                TrainingLoop loop = new TrainingLoop(loopConfig, method, labeledStream, unlabeledStream, context.schedule(),
                        prepared.validation(), prepared.normalization(), all, directory.file(RunDirectory.CHECKPOINT));
                List<EpochMetrics> history = loop.run(checkpoint);
                // a resumed run's wall time counts the epochs an earlier process trained, from their records
                double earlier = earlierSeconds(history, loop.restoredEpochs());
                String stopped = loop.stoppedEarly();
                if (stopped != null) {
                    log.accept(stopped);
                }
                long stepsDone = history.isEmpty() ? 0 : history.get(history.size() - 1).step();
                Map<String, Double> testAccuracyByRole = new LinkedHashMap<>();
                method.reported().forEach((role, learner) -> testAccuracyByRole.put(role, top1(test(learner, prepared))));
                Double validationAccuracy = lastValidation(history);
                // each candidate is validated once, whether a choice or the record asks for it; null without a validation split
                Map<Learner, Double> validated = new IdentityHashMap<>();
                ToDoubleFunction<Learner> validation = prepared.validation().size() == 0 ? null : learner -> validated.computeIfAbsent(learner,
                        l -> new Predictor(l, prepared.normalization(), 256).evaluate(prepared.validation()).top1());
                if (validation != null) {
                    Learner chosen = method.chooseFinal(validation);
                    if (chosen != evaluated) {
                        evaluated = chosen;
                        validationAccuracy = validation.applyAsDouble(chosen);
                    }
                }
                List<FinalMetrics.Phase> phases = null;
                // a run stopped by its deadline keeps the model of the first phase: the follow-up would stop at once
                FollowUp followUp = stopped == null ? method.followUp() : null;
                if (followUp != null) {
                    FinalMetrics.Phase first = phase(method.name(), history, test(evaluated, prepared));
                    Method next = followUp.start().get();
                    opened.add(next);
                    List<TrainingListener> followers = new ArrayList<>(listeners);
                    followers.add(new MemoryLog(directory.file(MemoryLog.FILE), followUp.name(), parent));
                    Path followFile = directory.checkpoint(followUp.name());
                    TrainingLoop followLoop = followUpLoop(followUp, next, prepared, augmentation, directory, followFile, followers);
                    List<EpochMetrics> followed = followLoop.run(resume && Checkpoint.exists(followFile)
                            ? Checkpoint.readLatest(followFile, log) : null);
                    earlier += earlierSeconds(followed, followLoop.restoredEpochs());
                    evaluated = next.evaluated();
                    validationAccuracy = lastValidation(followed);
                    phases = List.of(first, phase(followUp.name(), followed, null));
                }
                if (validation != null && validationAccuracy != null) {
                    // a learner of the same architecture strictly better on validation is kept instead (MPL's teacher)
                    for (Map.Entry<String, Learner> alternative : method.alternatives().entrySet()) {
                        double accuracy = validation.applyAsDouble(alternative.getValue());
                        if (accuracy > validationAccuracy) {
                            log.accept(String.format("kept the %s: %.2f%% on validation against %.2f%%", alternative.getKey(), 100 * accuracy,
                                    100 * validationAccuracy));
                            evaluated = alternative.getValue();
                            validationAccuracy = accuracy;
                        }
                    }
                }
                // which of the reported models the run kept (mutual learning: "first" or "second"; MPL: "teacher")
                String kept = null;
                if (validation != null) {
                    for (Map.Entry<String, Learner> role : method.reported().entrySet()) {
                        if (role.getValue() == evaluated) {
                            kept = role.getKey();
                        }
                    }
                }
                // a run started from another (--init) returns that run's model when it is strictly better on validation:
                // a method never hands back less than it was given. Only a start drawn from this run's split is compared:
                // another split may have trained on these validation images.
                Evaluation startTest = null;
                if (returnsStart && validation != null && validationAccuracy != null && context.startsFromInit()) {
                    if (!context.initSharesSplit()) {
                        log.accept("the model it started from (" + config.init() + ") was trained on another split: its validation "
                                + "accuracy would not compare, so the run returns its own model");
                    } else {
                        Learner start = context.newLearner(0);
                        extra.add(start);
                        double accuracy = validation.applyAsDouble(start);
                        startTest = test(start, prepared);
                        testAccuracyByRole.put(START, top1(startTest));
                        if (accuracy > validationAccuracy) {
                            log.accept(String.format("kept the model it started from (%s): %.2f%% on validation against %.2f%%",
                                    config.init(), 100 * accuracy, 100 * validationAccuracy));
                            // what the method trained stays on record beside the start it returns
                            testAccuracyByRole.put(TRAINED, top1(test(evaluated, prepared)));
                            evaluated = start;
                            validationAccuracy = accuracy;
                            kept = START;
                        }
                    }
                }
                SavedModel.save(evaluated, prepared.normalization(), train.classNames(), directory.root());
                Evaluation test = START.equals(kept) ? startTest : test(evaluated, prepared);
                double seconds = earlier + (System.nanoTime() - started) / 1e9;
                directory.writeFinal(new FinalMetrics(method.name(), config.model().toString(), config.seed(), history.size(), top1(test),
                        test == null ? null : test.top5(), test == null ? null : test.nll(), test == null ? null : test.ece(),
                        test == null ? null : test.perClass(), test == null ? null : test.confusion(), validationAccuracy,
                        history.stream().mapToDouble(EpochMetrics::imagesPerSecond).average().orElse(0), seconds, stepsDone,
                        budget.warmup(), stepsDone * config.batchSize(),
                        unlabeledStream == null ? 0 : stepsDone * method.unlabeledBatchSize(config.batchSize()), testAccuracyByRole, kept,
                        phases, stopped));
                return new RunResult(directory.root(), test, history, seconds);
            } finally {
                // the learners' optimizer buffers are detached arrays: only closing the learners frees them
                opened.forEach(m -> m.learners().values().forEach(Learner::close));
                extra.forEach(Learner::close);
            }
        }
    }

    /**
     * The loop of a method's follow-up phase on the labeled images for its steps (validated every pass over
     * them, or more rarely as a run counted in steps is, {@link Budget}): its own stream (no batch mixing), a
     * constant learning rate, {@code checkpoint} ({@code checkpoint-NAME.ckpt}; the caller resumes it when there is one) and
     * {@code metrics-NAME.jsonl}.
     */
    private TrainingLoop followUpLoop(FollowUp followUp, Method next, Prepared prepared, Augmentation augmentation,
            RunDirectory directory, Path checkpoint, List<TrainingListener> listeners) {
        log.accept(String.format("%s: %d steps at learning rate %s, from the model the first phase trained", followUp.name(),
                followUp.steps(), followUp.learningRate()));
        BatchStream stream = new BatchStream(prepared.labeled(), config.batchSize(), config.seed() + 2,
                next.labeledViews(augmentation), prepared.normalization(), TargetSource.oneHot(prepared.labeled()));
        Budget budget = Budget.ofSteps(followUp.steps(), Budget.passSteps(prepared.labeled().size(), config.batchSize()), 0);
        LoopConfig loopConfig = new LoopConfig(budget.chunks(), budget.chunk(), config.seed(), config.loaderThreads(), budget.total());
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(directory.epochLog(followUp.name()));
        return new TrainingLoop(loopConfig, next, stream, null, Schedule.constant(followUp.learningRate()),
                prepared.validation(), prepared.normalization(), all, checkpoint);
    }

    /** The time of the first {@code restored} epochs of a history (those an earlier process trained: training and validation). */
    static double earlierSeconds(List<EpochMetrics> history, int restored) {
        return history.subList(0, restored).stream().mapToDouble(EpochMetrics::seconds).sum();
    }

    /** The size of a checkpoint of the method's learners: 4 bytes per value of their state. */
    private static long checkpointBytes(Method method) {
        long values = 0;
        for (Learner learner : method.learners().values()) {
            for (float[] array : learner.state().values()) {
                values += array.length;
            }
        }
        return 4 * values;
    }

    private static Evaluation test(Learner learner, Prepared prepared) {
        return prepared.data().hasTest()
                ? new Predictor(learner, prepared.normalization(), 256).evaluate(prepared.data().test())
                : null;
    }

    private static Double top1(Evaluation evaluation) {
        return evaluation == null ? null : evaluation.top1();
    }

    private static Double lastValidation(List<EpochMetrics> history) {
        double v = history.get(history.size() - 1).validationAccuracy();
        return Double.isNaN(v) ? null : v;
    }

    private static FinalMetrics.Phase phase(String name, List<EpochMetrics> history, Evaluation test) {
        return new FinalMetrics.Phase(name, history.size(), lastValidation(history), top1(test));
    }

    /** CutMix, MixUp, both (switching per batch) or null, from the config. */
    static BatchMix batchMix(ExperimentConfig c) {
        BatchMix cutMix = c.cutmix() > 0 ? new CutMix(c.cutmix()) : null;
        BatchMix mixUp = c.mixup() > 0 ? new MixUp(c.mixup()) : null;
        if (cutMix != null && mixUp != null) {
            return new MixUpOrCutMix(new MixUp(c.mixup()), new CutMix(c.cutmix()), c.mixSwitch());
        }
        return cutMix != null ? cutMix : mixUp;
    }

    /** The augmentation a spec names; a bad spec is a {@link MentorException} about {@code augment}. */
    public static Augmentation augmentation(String spec, int width) {
        return ExperimentConfig.policy(spec).augmentation(width);
    }

    /** The augmentation of {@code policy} for images {@code width} pixels wide; no policy is a {@link MentorException} about {@code augment}. */
    public static Augmentation augmentation(AugmentPolicy policy, int width) {
        return policy == null ? augmentation((String) null, width) : policy.augmentation(width);
    }

    /** {@link #defaultDirectory(String, String)} of the architecture's text. */
    public static Path defaultDirectory(String method, ArchitectureSpec model) {
        return defaultDirectory(method, model.toString());
    }

    /** Path helper for callers that name runs by method, model (a file model by its file name) and time. */
    public static Path defaultDirectory(String method, String model) {
        String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String name = model.substring(model.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]+", "_");
        return Path.of("runs", method + "-" + name + "-" + stamp);
    }
}
