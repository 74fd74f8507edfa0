package dev.mentor.teacher;

/**
 * A teacher's cached logits for a run: for the labeled set, and for the unlabeled pool when that is
 * distilled too (otherwise null).
 */
public record CachedOutputs(CachedLogits labeled, CachedLogits unlabeled) {
    public CachedOutputs {
        if (labeled == null) {
            throw new IllegalArgumentException("the labeled set's logits are required");
        }
    }
}
