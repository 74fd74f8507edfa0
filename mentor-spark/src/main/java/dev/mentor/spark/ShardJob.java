package dev.mentor.spark;

import dev.mentor.run.DistributedLabelingJob;
import java.io.Serializable;

/**
 * What every task of a labeling needs to know beside its images, as plain values a task carries:
 * where the artifact is, the teacher (its fingerprint; its files come by broadcast) and the input shape
 * it takes, how distributions are stored and what a wrongly shaped image gets.
 *
 * @param threads engine threads per executor process; 0 for its task slots
 */
record ShardJob(String out, String fingerprint, int channels, int height, int width, int classes,
        DistributedLabelingJob.Distribution.Kind encoding, int topK, boolean skipWrongShape, int threads) implements Serializable {
    private static final long serialVersionUID = 1L;

    static ShardJob of(DistributedLabelingJob job, String fingerprint, dev.mentor.model.ModelSpec spec) {
        return new ShardJob(job.out().toAbsolutePath().toString(), fingerprint, spec.channels(), spec.height(), spec.width(),
                spec.classes(), job.distribution().kind(), job.distribution().k(),
                job.wrongShape() == DistributedLabelingJob.WrongShape.SKIP, job.threads());
    }
}
