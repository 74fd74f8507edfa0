package dev.mentor.run;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.MentorException;
import dev.mentor.data.ImageSet;
import dev.mentor.method.MethodContext;
import dev.mentor.model.Classifier;
import dev.mentor.model.ModelSpec;
import dev.mentor.train.Learner;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Precision;
import dev.mentor.train.SavedModel;
import dev.mentor.train.SavedModels;
import dev.mentor.train.Schedule;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a method is built from: the resolved config, the labeled, unlabeled and validation sets, the
 * model spec the data implies, the input normalisation, the array manager learners live in and the trained
 * models the run reads (a teacher, {@code --init}'s run), each read once.
 */
public record RunContext(ExperimentConfig config, ImageSet labeled, ImageSet unlabeled, ImageSet validation,
        ModelSpec spec, Normalization normalization, NDManager manager, SavedModels models) implements MethodContext {

    /** A context whose trained models are read afresh. */
    public RunContext(ExperimentConfig config, ImageSet labeled, ImageSet unlabeled, ImageSet validation, ModelSpec spec,
            Normalization normalization, NDManager manager) {
        this(config, labeled, unlabeled, validation, spec, normalization, manager, new SavedModels());
    }

    /**
     * A learner of the configured architecture, optimizer and EMA, initialised from the run's seed — or,
     * with {@code --init}, from that run's weights, which must be of this architecture and data.
     */
    public Learner newLearner(long seedOffset) {
        return startedLearner(seedOffset, config.optimizer(), config.ema());
    }

    /**
     * A learner of the configured architecture with its own optimizer and EMA (MPL's teacher), initialised from the run's
     * seed or, with {@code --init}, from that run's weights, as {@link #newLearner(long)}.
     */
    public Learner startedLearner(long seedOffset, OptimizerConfig optimizer, double emaDecay) {
        Learner learner = newLearner(seedOffset, spec, optimizer, emaDecay);
        if (config.init() != null) {
            SavedModel saved = init();
            if (!saved.spec().architecture().equals(spec.architecture())) {
                throw MentorException.of("init", config.init() + " is a " + saved.spec().architecture() + " model; this run trains "
                        + spec.architecture());
            }
            initialise(learner, saved);
        }
        return learner;
    }

    /**
     * Whether the run's model starts from another run's ({@code --init} naming a run of this architecture and data), so that
     * {@link #newLearner(long)} returns that run's model.
     */
    public boolean startsFromInit() {
        return config.init() != null && cannotStart(models, Path.of(config.init()), spec) == null;
    }

    /**
     * Whether the run {@code --init} names drew this run's split: the same data, classes, image size, test split, labels,
     * validation images and seed. Only then are this run's validation images ones it never trained on, and its validation
     * accuracy comparable with this run's. False when its config cannot be read.
     */
    public boolean initSharesSplit() {
        if (config.init() == null) {
            return false;
        }
        ExperimentConfig start;
        try {
            start = RunDirectory.readConfig(SelfTrainingDirectory.modelFolder(Path.of(config.init())), "init");
        } catch (MentorException e) {
            return false;
        }
        return start.splitComponents(config).values().stream().allMatch(pair -> Objects.equals(pair[0], pair[1]));
    }

    /** The run {@code --init} names, checked against this run's images and classes. */
    private SavedModel init() {
        SavedModel saved;
        try {
            saved = models.read(Path.of(config.init()));
        } catch (MentorException e) {
            throw "checkpoint".equals(e.component()) ? e.about("init") : e.within("init");
        }
        String mismatch = dataMismatch(saved, spec);
        if (mismatch != null) {
            throw MentorException.of("init", config.init() + " " + mismatch);
        }
        return saved;
    }

    /** Why {@code saved} cannot start a model of {@code spec}'s images and classes, or null when it can. */
    static String dataMismatch(SavedModel saved, ModelSpec spec) {
        ModelSpec s = saved.spec();
        if (s.channels() == spec.channels() && s.height() == spec.height() && s.width() == spec.width() && s.classes() == spec.classes()) {
            return null;
        }
        return String.format("was trained on %dx%dx%d images of %d classes; this run has %dx%dx%d of %d", s.channels(), s.height(),
                s.width(), s.classes(), spec.channels(), spec.height(), spec.width(), spec.classes());
    }

    /**
     * Why {@code run} cannot start a model of {@code spec} — it is not a finished Mentor run, or one of
     * another architecture, images or classes — or null when its weights can (a student starting from its
     * teacher by default: {@code distill}, {@code noisy-student}).
     */
    public static String cannotStart(Path run, ModelSpec spec) {
        return cannotStart(new SavedModels(), run, spec);
    }

    /** {@link #cannotStart(Path, ModelSpec)}, the run's model read through {@code models}, so that starting from it reads it no more. */
    public static String cannotStart(SavedModels models, Path run, ModelSpec spec) {
        SavedModel saved;
        try {
            saved = models.read(run);
        } catch (MentorException e) {
            return "it is not a finished Mentor run";
        }
        if (!saved.spec().architecture().equals(spec.architecture())) {
            return "it is a " + saved.spec().architecture() + " model and this run trains " + spec.architecture();
        }
        String mismatch = dataMismatch(saved, spec);
        return mismatch == null ? null : "it " + mismatch;
    }

    private void initialise(Learner learner, SavedModel saved) {
        learner.initialiseFrom(saved.weights(), config.init());
    }

    /**
     * A learner with its own spec, optimizer and EMA (MPL's teacher has no weight average, its
     * fine-tuning has no weight decay or dropout), initialised from the run's seed.
     */
    public Learner newLearner(long seedOffset, ModelSpec modelSpec, OptimizerConfig optimizer, double emaDecay) {
        return withPrecision(Learner.create(modelSpec, optimizer, emaDecay, manager, config.seed() * 1_000_003L + seedOffset));
    }

    /** {@code learner} with its training forwards in the run's {@link ExperimentConfig#precision}. */
    private Learner withPrecision(Learner learner) {
        learner.precision(config.precision());
        return learner;
    }

    /**
     * A learner over a model that is not an image classifier (Reduced MPL's MLP teacher), with the
     * run's optimizer and no weight average.
     *
     * @param input the model's input shape with a batch of 1
     */
    public Learner newCustomLearner(long seedOffset, Supplier<Classifier> factory, Shape input) {
        return Learner.custom(factory, input, config.optimizer(), manager, config.seed() * 1_000_003L + seedOffset);
    }

    /** The run's length in steps, from its config and its labeled set. */
    public Budget budget() {
        return Budget.of(config, labeled.size());
    }

    /** Optimizer steps between two validations (the loop's epoch). */
    public long stepsPerEpoch() {
        return budget().chunk();
    }

    /** Optimizer steps of the whole run. */
    public long totalSteps() {
        return budget().total();
    }

    /** Steps of linear learning-rate warm-up. */
    public long warmupSteps() {
        return budget().warmup();
    }

    /** The run's learning rate: warm-up, then the config's {@link ExperimentConfig#lrSchedule} to the last step. */
    public Schedule schedule() {
        return config.lrSchedule().schedule(config.learningRate(), warmupSteps(), totalSteps());
    }

    /**
     * A learner around a ready model for this data (e.g. a model file's backbone with a new head,
     * {@link dev.mentor.model.FileModels}), with the configured optimizer; the parameters the model
     * does not bring are initialised from the run's seed. No weight average.
     */
    public Learner newLearner(ModelSpec modelSpec, dev.mentor.model.Classifier model, long seedOffset) {
        if (config.precision() != Precision.FP32) {
            // a TorchScript or ONNX module computes in the format it was saved in: a bfloat16 input would not match it
            throw MentorException.of("precision", config.precision() + " trains Mentor's own architectures only, not a model "
                    + "file's module; use fp32");
        }
        return Learner.create(modelSpec, model, config.optimizer(), manager, config.seed() * 1_000_003L + seedOffset);
    }

    /**
     * A learner of another architecture on the same data (mutual learning, Noisy Student); with {@code
     * --init}, it starts from that run's weights when they are of its architecture.
     */
    public Learner newLearner(String architecture, long seedOffset) {
        ModelSpec other = new ModelSpec(architecture, spec.channels(), spec.height(), spec.width(), spec.classes(),
                spec.dropout(), spec.stochasticDepth());
        Learner learner = withPrecision(Learner.create(other, config.optimizer(), config.ema(), manager,
                config.seed() * 1_000_003L + seedOffset));
        if (config.init() != null) {
            SavedModel saved = init();
            if (saved.spec().architecture().equals(architecture)) {
                initialise(learner, saved);
            }
        }
        return learner;
    }
}
