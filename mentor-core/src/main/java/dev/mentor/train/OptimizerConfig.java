package dev.mentor.train;

import dev.mentor.MentorException;

/**
 * Optimizer settings, PyTorch's meaning throughout.
 *
 * @param name {@code sgd} (momentum, optionally Nesterov, as {@code torch.optim.SGD}) or {@code adamw}
 * @param momentum SGD momentum; 0 disables the buffer
 * @param nesterov Nesterov momentum for SGD
 * @param weightDecay L2 term added to the gradient (SGD) or decoupled decay (AdamW)
 * @param decayNormAndBias whether weight decay also applies to BatchNorm parameters and biases
 * @param beta1 AdamW first-moment decay
 * @param beta2 AdamW second-moment decay
 * @param epsilon AdamW denominator term
 */
public record OptimizerConfig(
        String name, double momentum, boolean nesterov, double weightDecay, boolean decayNormAndBias,
        double beta1, double beta2, double epsilon) {

    public OptimizerConfig {
        if (!name.equals("sgd") && !name.equals("adamw")) {
            throw MentorException.of("optimizer", "unknown optimizer '" + name + "' (expected sgd or adamw)");
        }
        if (momentum < 0 || momentum >= 1) {
            throw MentorException.of("momentum", "must be in [0, 1), got " + momentum);
        }
        if (nesterov && momentum == 0) {
            throw MentorException.naming("{} needs a momentum above 0", "nesterov");
        }
        if (weightDecay < 0) {
            throw MentorException.of("weight_decay", "must be >= 0, got " + weightDecay);
        }
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || epsilon <= 0) {
            throw new MentorException("adamw: betas must be in [0, 1) and epsilon > 0, got " + beta1 + ", " + beta2 + ", " + epsilon);
        }
    }

    /** Nesterov SGD, momentum 0.9, weight decay 5e-4 without BatchNorm and biases: the FixMatch/MPL recipe. */
    public static OptimizerConfig sgd(double weightDecay) {
        return new OptimizerConfig("sgd", 0.9, true, weightDecay, false, 0.9, 0.999, 1e-8);
    }

    public Optimizer build() {
        return name.equals("sgd") ? new Sgd(this) : new AdamW(this);
    }

    /** Whether weight decay applies to this parameter. */
    boolean decays(NamedParameter parameter) {
        return decayNormAndBias || !parameter.isNormOrBias();
    }
}
