package dev.mentor.train;

import java.util.Map;

/**
 * One epoch's record, a line of {@code metrics.jsonl}.
 *
 * @param epoch 1-based epoch number
 * @param step optimizer steps taken so far
 * @param trainLoss mean training loss over the epoch
 * @param components mean of each named loss component
 * @param learningRate the rate at the epoch's last step
 * @param validationAccuracy top-1 accuracy on the validation split (NaN without one)
 * @param validationNll negative log-likelihood on the validation split (NaN without one)
 * @param imagesPerSecond labeled + unlabeled training images per second of training time
 * @param seconds wall time of the epoch including validation
 */
public record EpochMetrics(int epoch, long step, double trainLoss, Map<String, Double> components,
        double learningRate, double validationAccuracy, double validationNll, double imagesPerSecond,
        double seconds) {
    public EpochMetrics {
        components = Map.copyOf(components);
    }
}
