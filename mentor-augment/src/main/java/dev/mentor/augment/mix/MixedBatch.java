package dev.mentor.augment.mix;

/**
 * A mixed batch: image {@code i} is {@code λ·x[i] + (1 − λ)·x[partners[i]]} (MixUp) or {@code x[i]} with
 * a box pasted from {@code x[partners[i]]} covering {@code 1 − λ} of its area (CutMix), and target
 * {@code i} is {@code λ·t[i] + (1 − λ)·t[partners[i]]}.
 *
 * @param images new array, same layout as the input batch
 * @param targets new array, soft targets
 * @param lambda the weight of each image's own target
 * @param partners the image each one is mixed with
 * @param method "mixup" or "cutmix"
 */
public record MixedBatch(float[] images, float[] targets, double lambda, int[] partners, String method) {}
