package dev.mentor.teacher;

import dev.mentor.data.ImageSet;
import dev.mentor.eval.Predictor;
import dev.mentor.train.Learner;
import dev.mentor.train.Normalization;
import java.util.List;

/**
 * Labels an unlabeled pool with a teacher, un-noised as Noisy Student prescribes (Xie et al., 2020,
 * step 2): inference mode, so no dropout, no stochastic depth and BatchNorm's running statistics; no
 * augmentation, only the teacher's own input normalisation. Two labelings of one pool are therefore
 * identical, whatever noise the teacher was trained with.
 */
public final class PseudoLabeler {
    private final Learner teacher;
    private final Normalization normalization;
    private final int batchSize;

    public PseudoLabeler(Learner teacher, Normalization normalization, int batchSize) {
        this.teacher = teacher;
        this.normalization = normalization;
        this.batchSize = batchSize;
    }

    /** The teacher's distribution for every image of {@code pool}; {@code ids} name them in order. */
    public PseudoLabels label(ImageSet pool, List<String> ids) {
        if (ids.size() != pool.size()) {
            throw new IllegalArgumentException(ids.size() + " ids for a pool of " + pool.size() + " images");
        }
        float[] probabilities = new Predictor(teacher, normalization, batchSize).probabilities(pool);
        return new PseudoLabels(ids, probabilities, teacher.spec().classes());
    }
}
