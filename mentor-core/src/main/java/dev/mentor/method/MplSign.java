package dev.mentor.method;

import dev.mentor.Choices;

/**
 * The sign of the Meta Pseudo Labels feedback: which difference of the student's labeled loss,
 * measured before ({@code old}) and after ({@code new}) its step on the teacher's pseudo-labels,
 * multiplies {@code CE(teacher's strong-view logits, their hard pseudo-labels)} in the teacher loss.
 */
public enum MplSign {
    /** {@code new − old}, as the reference code (kekmodel/MPL-pytorch, google-research) computes it. */
    AUTHOR,
    /**
     * {@code old − new}, as the derivation gives it (Pham et al. 2021, appendix A: the first-order
     * expansion of the student's labeled loss around its update, whose factor h is ≈ old − new): a
     * pseudo-label that lowered the student's labeled loss is made more likely.
     */
    THEORY;

    /** The factor of the MPL term for the student's labeled loss before and after its step. */
    public float factor(float oldLoss, float newLoss) {
        return this == AUTHOR ? newLoss - oldLoss : oldLoss - newLoss;
    }

    /** {@code author} or {@code theory}, as {@code --mpl-sign} spells it. */
    public static MplSign parse(String text) {
        return Choices.parse("mpl_sign", text, values());
    }
}
