package dev.mentor.run;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.data.ImageSet;
import dev.mentor.model.Classifier;
import dev.mentor.model.ModelSpec;
import dev.mentor.train.Learner;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Schedule;
import java.util.function.Supplier;

/**
 * What a method is built from: the resolved config, the labeled, unlabeled and validation sets, the
 * model spec the data implies, the input normalisation and the array manager learners live in.
 */
public record RunContext(ExperimentConfig config, ImageSet labeled, ImageSet unlabeled, ImageSet validation,
        ModelSpec spec, Normalization normalization, NDManager manager) {

    /** A learner of the configured architecture, optimizer and EMA, initialised from the run's seed. */
    public Learner newLearner(long seedOffset) {
        return newLearner(seedOffset, spec, config.optimizer(), config.ema());
    }

    /**
     * A learner with its own spec, optimizer and EMA (MPL's teacher has no weight average, its
     * fine-tuning has no weight decay or dropout), initialised from the run's seed.
     */
    public Learner newLearner(long seedOffset, ModelSpec modelSpec, OptimizerConfig optimizer, double emaDecay) {
        return Learner.create(modelSpec, optimizer, emaDecay, manager, config.seed() * 1_000_003L + seedOffset);
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

    /** Optimizer steps in one epoch: one pass over the labeled images. */
    public long stepsPerEpoch() {
        return (labeled.size() + config.batchSize() - 1) / config.batchSize();
    }

    /** Optimizer steps of the whole run. */
    public long totalSteps() {
        return stepsPerEpoch() * config.epochs();
    }

    /** Steps of linear learning-rate warm-up, from {@code --warmup-epochs}. */
    public long warmupSteps() {
        return Math.round(config.warmupEpochs() * stepsPerEpoch());
    }

    /** The run's learning rate: warm-up, then a cosine decay to 0 at the last step. */
    public Schedule schedule() {
        return Schedule.cosine(config.learningRate(), warmupSteps(), totalSteps(), 0);
    }

    /**
     * A learner around a ready model for this data (e.g. a model file's backbone with a new head,
     * {@link dev.mentor.model.FileModels}), with the configured optimizer; the parameters the model
     * does not bring are initialised from the run's seed. No weight average.
     */
    public Learner newLearner(ModelSpec modelSpec, dev.mentor.model.Classifier model, long seedOffset) {
        return Learner.create(modelSpec, model, config.optimizer(), manager, config.seed() * 1_000_003L + seedOffset);
    }

    /** A learner of another architecture on the same data (mutual learning, Noisy Student). */
    public Learner newLearner(String architecture, long seedOffset) {
        ModelSpec other = new ModelSpec(architecture, spec.channels(), spec.height(), spec.width(), spec.classes(),
                spec.dropout(), spec.stochasticDepth());
        return Learner.create(other, config.optimizer(), config.ema(), manager, config.seed() * 1_000_003L + seedOffset);
    }
}
