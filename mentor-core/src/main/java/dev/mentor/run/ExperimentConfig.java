package dev.mentor.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.mentor.MentorException;
import dev.mentor.augment.AugmentPolicy;
import dev.mentor.data.DataSpec;
import dev.mentor.io.RecordFormat;
import dev.mentor.model.ArchitectureSpec;
import dev.mentor.train.LrSchedule;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Precision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every resolved option of a training run; written to {@code config.json} as the record of how the
 * model was made, and read back from there by {@code --resume}. The file is a {@link #FILE mentor-config}
 * record: these components in snake_case ({@code labels_per_class}, {@code optimizer.weight_decay}); a
 * file of a build before records had versions holds them in camelCase, and reads the same.
 *
 * @param data the images ({@link DataSpec}: {@code fashion-mnist}, {@code idx:DIR}, ...; config.json records its text)
 * @param unlabeled the unlabeled pool, a folder ({@code folder:DIR}), or null for the training images left
 *     after the labeled budget is drawn
 * @param classes original class indices to keep (relabeled 0..k−1 in this order), or null for all
 * @param imageSize resize images to this square size, or null
 * @param testSplit fraction held out as test when a folder source has no test folder, or null
 * @param labels total labeled budget balanced over classes, or null
 * @param labelsPerClass labeled images per class, or null
 * @param validationPerClass validation images per class carved from training data
 * @param model the network ({@link ArchitectureSpec}: {@code cnn-small}, {@code wrn-28-2}, {@code torchscript:FILE}, ...;
 *     config.json records its text)
 * @param dropout dropout before the head, -1 for the architecture's default
 * @param stochasticDepth stochastic-depth rate of the last residual unit
 * @param epochs training epochs
 * @param batchSize labeled images per step
 * @param learningRate peak learning rate
 * @param warmupEpochs epochs of linear warm-up
 * @param optimizer optimizer settings
 * @param ema weight-average decay, 0 for none
 * @param augment augmentation policy of the labeled images ({@link AugmentPolicy}: {@code weak}, {@code
 *     weak+randaugment:n=2,m=9}, ...; config.json records its text)
 * @param cutmix CutMix's Beta(α, α) parameter, 0 for no CutMix
 * @param mixup MixUp's Beta(α, α) parameter, 0 for no MixUp
 * @param mixSwitch probability of CutMix rather than MixUp for a batch when both are on
 * @param seed the run's seed
 * @param loaderThreads background threads preparing batches
 * @param steps optimizer steps of the whole run, or null to train {@code epochs} passes over the labeled
 *     images; with steps, validation and checkpoints come every {@link Budget#chunk} steps
 * @param warmupSteps steps of linear warm-up, or null: {@code warmupEpochs} when the run counts epochs,
 *     else {@link Budget#defaultWarmup}
 * @param init a finished run (or its {@code model.ckpt}) whose weights the model starts from, or null
 *     for a fresh initialisation
 * @param precision the number format of the training forwards ({@link Precision}); null (a config.json written before
 *     it existed) reads as float32
 * @param lrSchedule the rate's shape after the warm-up ({@link LrSchedule}); null (a config.json written before it
 *     existed) reads as {@link LrSchedule#COSINE}, the schedule every run had until then
 */
public record ExperimentConfig(
        DataSpec data, DataSpec unlabeled, java.util.List<Integer> classes, Integer imageSize, Double testSplit,
        Integer labels, Integer labelsPerClass, int validationPerClass,
        ArchitectureSpec model, double dropout, double stochasticDepth,
        int epochs, int batchSize, double learningRate, double warmupEpochs, OptimizerConfig optimizer, double ema,
        @JsonSerialize(using = ToStringSerializer.class) @JsonDeserialize(using = PolicyText.class) AugmentPolicy augment,
        double cutmix, double mixup, double mixSwitch, long seed, int loaderThreads,
        Long steps, Long warmupSteps, String init, Precision precision, LrSchedule lrSchedule) {

    /**
     * {@code config.json}: version 1. Strict: a key this build does not know is refused rather than dropped,
     * since a resumed run continues with exactly the options read here.
     */
    public static final RecordFormat FILE = RecordFormat.strict("config", 1, RecordFormat.Legacy.CAMEL_CASE);

    /**
     * The config with the architecture and the augmentation policy given as their text ({@link ArchitectureSpec#parse},
     * {@link #policy}), as the command line takes them.
     */
    public ExperimentConfig(
            DataSpec data, DataSpec unlabeled, java.util.List<Integer> classes, Integer imageSize, Double testSplit,
            Integer labels, Integer labelsPerClass, int validationPerClass,
            String model, double dropout, double stochasticDepth,
            int epochs, int batchSize, double learningRate, double warmupEpochs, OptimizerConfig optimizer, double ema,
            String augment, double cutmix, double mixup, double mixSwitch, long seed, int loaderThreads,
            Long steps, Long warmupSteps, String init) {
        this(data, unlabeled, classes, imageSize, testSplit, labels, labelsPerClass, validationPerClass, ArchitectureSpec.parse(model),
                dropout, stochasticDepth, epochs, batchSize, learningRate, warmupEpochs, optimizer, ema, policy(augment), cutmix, mixup,
                mixSwitch, seed, loaderThreads, steps, warmupSteps, init, Precision.FP32, null);
    }

    /** A run counted in epochs, from a fresh initialisation (the components before budgets in steps existed). */
    public ExperimentConfig(
            DataSpec data, DataSpec unlabeled, java.util.List<Integer> classes, Integer imageSize, Double testSplit,
            Integer labels, Integer labelsPerClass, int validationPerClass,
            ArchitectureSpec model, double dropout, double stochasticDepth,
            int epochs, int batchSize, double learningRate, double warmupEpochs, OptimizerConfig optimizer, double ema,
            AugmentPolicy augment, double cutmix, double mixup, double mixSwitch, long seed, int loaderThreads) {
        this(data, unlabeled, classes, imageSize, testSplit, labels, labelsPerClass, validationPerClass, model, dropout,
                stochasticDepth, epochs, batchSize, learningRate, warmupEpochs, optimizer, ema, augment, cutmix, mixup, mixSwitch,
                seed, loaderThreads, null, null, null, Precision.FP32, null);
    }

    /** As the run counted in epochs above, the architecture and the policy given as their text. */
    public ExperimentConfig(
            DataSpec data, DataSpec unlabeled, java.util.List<Integer> classes, Integer imageSize, Double testSplit,
            Integer labels, Integer labelsPerClass, int validationPerClass,
            String model, double dropout, double stochasticDepth,
            int epochs, int batchSize, double learningRate, double warmupEpochs, OptimizerConfig optimizer, double ema,
            String augment, double cutmix, double mixup, double mixSwitch, long seed, int loaderThreads) {
        this(data, unlabeled, classes, imageSize, testSplit, labels, labelsPerClass, validationPerClass, ArchitectureSpec.parse(model),
                dropout, stochasticDepth, epochs, batchSize, learningRate, warmupEpochs, optimizer, ema, policy(augment), cutmix, mixup,
                mixSwitch, seed, loaderThreads, null, null, null, Precision.FP32, null);
    }

    public ExperimentConfig {
        classes = classes == null ? null : java.util.List.copyOf(classes);
        precision = precision == null ? Precision.FP32 : precision;
        lrSchedule = lrSchedule == null ? LrSchedule.COSINE : lrSchedule;
        if (epochs <= 0) {
            throw MentorException.of("epochs", "must be > 0, got " + epochs);
        }
        if (loaderThreads <= 0) {
            throw MentorException.of("loader_threads", "must be > 0, got " + loaderThreads);
        }
        if (batchSize <= 0) {
            throw MentorException.of("batch_size", "must be > 0, got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw MentorException.of("learning_rate", "must be > 0, got " + learningRate);
        }
        if (steps == null && (warmupEpochs < 0 || warmupEpochs > epochs)) {
            throw MentorException.of("warmup_epochs", "must be in [0, epochs], got " + warmupEpochs);
        }
        if (steps != null && steps <= 0) {
            throw MentorException.of("steps", "must be > 0, got " + steps);
        }
        if (warmupSteps != null && (warmupSteps < 0 || (steps != null && warmupSteps > steps))) {
            throw MentorException.of("warmup_steps", "must be in [0, steps], got " + warmupSteps);
        }
        if (validationPerClass < 0) {
            throw MentorException.of("validation_per_class", "must be >= 0, got " + validationPerClass);
        }
        if (cutmix < 0 || mixup < 0 || Double.isNaN(cutmix) || Double.isNaN(mixup)) {
            throw MentorException.naming("{} and {}: alpha must be >= 0 (0 turns it off), got " + cutmix + " and " + mixup, "cutmix", "mixup");
        }
        if (mixSwitch < 0 || mixSwitch > 1) {
            throw MentorException.of("mix_switch", "must be in [0, 1], got " + mixSwitch);
        }
        if (labels != null && labelsPerClass != null) {
            throw MentorException.naming("{} and {}: give one, not both", "labels", "labels_per_class");
        }
    }

    /**
     * The augmentation policy {@code text} spells ({@code --augment}); a bad one is a {@link MentorException} about
     * {@code augment} quoting it.
     */
    public static AugmentPolicy policy(String text) {
        try {
            return AugmentPolicy.parse(text);
        } catch (IllegalArgumentException e) {
            throw MentorException.of("augment", e.getMessage());
        }
    }

    /**
     * The components that draw a run's split (data, classes, image size, test split, labels, validation images and seed), by
     * their snake_case names, each with this config's value and {@code other}'s, in that order: two runs have the same
     * labeled, validation and test sets exactly when every pair is equal.
     */
    public Map<String, Object[]> splitComponents(ExperimentConfig other) {
        Map<String, Object[]> fields = new LinkedHashMap<>();
        fields.put("data", new Object[] {data, other.data});
        fields.put("classes", new Object[] {classes, other.classes});
        fields.put("image_size", new Object[] {imageSize, other.imageSize});
        fields.put("test_split", new Object[] {testSplit, other.testSplit});
        fields.put("labels", new Object[] {labels, other.labels});
        fields.put("labels_per_class", new Object[] {labelsPerClass, other.labelsPerClass});
        fields.put("validation_per_class", new Object[] {validationPerClass, other.validationPerClass});
        fields.put("seed", new Object[] {seed, other.seed});
        return fields;
    }

    /** This config with another labeled augmentation policy, given as its text. */
    public ExperimentConfig withAugment(String policy) {
        return withAugment(policy(policy));
    }

    /** This config with another labeled augmentation policy. */
    public ExperimentConfig withAugment(AugmentPolicy policy) {
        return new ExperimentConfig(data, unlabeled, classes, imageSize, testSplit, labels, labelsPerClass,
                validationPerClass, model, dropout, stochasticDepth, epochs, batchSize, learningRate, warmupEpochs,
                optimizer, ema, policy, cutmix, mixup, mixSwitch, seed, loaderThreads, steps, warmupSteps, init, precision, lrSchedule);
    }

    /** This config with {@code newWarmupSteps} steps of warm-up. */
    public ExperimentConfig withWarmupSteps(long newWarmupSteps) {
        return new ExperimentConfig(data, unlabeled, classes, imageSize, testSplit, labels, labelsPerClass,
                validationPerClass, model, dropout, stochasticDepth, epochs, batchSize, learningRate, warmupEpochs,
                optimizer, ema, augment, cutmix, mixup, mixSwitch, seed, loaderThreads, steps, newWarmupSteps, init, precision, lrSchedule);
    }

    /** This config with its model starting from {@code run}'s weights (null: a fresh initialisation). */
    public ExperimentConfig withInit(String run) {
        return new ExperimentConfig(data, unlabeled, classes, imageSize, testSplit, labels, labelsPerClass,
                validationPerClass, model, dropout, stochasticDepth, epochs, batchSize, learningRate, warmupEpochs,
                optimizer, ema, augment, cutmix, mixup, mixSwitch, seed, loaderThreads, steps, warmupSteps, run, precision, lrSchedule);
    }

    /** This config trained for {@code newSteps} optimizer steps. */
    public ExperimentConfig withSteps(long newSteps) {
        return new ExperimentConfig(data, unlabeled, classes, imageSize, testSplit, labels, labelsPerClass,
                validationPerClass, model, dropout, stochasticDepth, epochs, batchSize, learningRate, warmupEpochs,
                optimizer, ema, augment, cutmix, mixup, mixSwitch, seed, loaderThreads, newSteps, warmupSteps, init, precision, lrSchedule);
    }

    /** This config with its training forwards in {@code newPrecision}. */
    public ExperimentConfig withPrecision(Precision newPrecision) {
        return new ExperimentConfig(data, unlabeled, classes, imageSize, testSplit, labels, labelsPerClass,
                validationPerClass, model, dropout, stochasticDepth, epochs, batchSize, learningRate, warmupEpochs,
                optimizer, ema, augment, cutmix, mixup, mixSwitch, seed, loaderThreads, steps, warmupSteps, init, newPrecision, lrSchedule);
    }

    /** This config with its learning rate shaped by {@code schedule} after the warm-up. */
    public ExperimentConfig withLrSchedule(LrSchedule schedule) {
        return new ExperimentConfig(data, unlabeled, classes, imageSize, testSplit, labels, labelsPerClass,
                validationPerClass, model, dropout, stochasticDepth, epochs, batchSize, learningRate, warmupEpochs,
                optimizer, ema, augment, cutmix, mixup, mixSwitch, seed, loaderThreads, steps, warmupSteps, init, precision, schedule);
    }

    /** Reads config.json's policy from its text, as {@link #policy} parses it. */
    static final class PolicyText extends StdDeserializer<AugmentPolicy> {
        private static final long serialVersionUID = 1L;

        PolicyText() {
            super(AugmentPolicy.class);
        }

        @Override
        public AugmentPolicy deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return policy(parser.getValueAsString());
        }
    }

    /** Writes this config to {@code file} as a {@link #FILE} record. */
    public void write(Path file) {
        FILE.write(file, this);
    }

    /** The config in {@code file}, of this version or a build's before; anything else is a one-line {@link MentorException} naming it. */
    public static ExperimentConfig read(Path file) {
        return FILE.read(file, ExperimentConfig.class);
    }
}
