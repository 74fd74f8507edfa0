/**
 * Batch augmentations that mix images and emit soft targets: {@link dev.mentor.augment.mix.MixUp},
 * {@link dev.mentor.augment.mix.CutMix} and {@link dev.mentor.augment.mix.MixUpOrCutMix}, all
 * {@link dev.mentor.augment.mix.BatchMix}es from a {@link dev.mentor.augment.mix.Batch} (normalised
 * float images and soft targets) to a {@link dev.mentor.augment.mix.MixedBatch}, so one soft-target
 * cross-entropy trains every method. The mixing coefficient comes from {@link
 * dev.mentor.augment.mix.Beta}; all randomness from the generator passed in.
 */
package dev.mentor.augment.mix;
