package dev.mentor.run;

import ai.djl.ndarray.NDManager;
import dev.mentor.data.ImageSet;
import dev.mentor.model.ModelSpec;
import dev.mentor.train.Learner;
import dev.mentor.train.Normalization;

/**
 * What a method is built from: the resolved config, the labeled, unlabeled and validation sets, the
 * model spec the data implies, the input normalisation and the array manager learners live in.
 */
public record RunContext(ExperimentConfig config, ImageSet labeled, ImageSet unlabeled, ImageSet validation,
        ModelSpec spec, Normalization normalization, NDManager manager) {

    /** A learner of the configured architecture, optimizer and EMA, initialised from the run's seed. */
    public Learner newLearner(long seedOffset) {
        return Learner.create(spec, config.optimizer(), config.ema(), manager, config.seed() * 1_000_003L + seedOffset);
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
