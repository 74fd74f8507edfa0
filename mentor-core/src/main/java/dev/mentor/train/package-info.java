/**
 * The training engine: {@link dev.mentor.train.Learner} (a model with its optimizer and EMA),
 * optimizers with PyTorch semantics, learning-rate schedules, the batch pipeline that pairs labeled
 * and unlabeled batches, checkpoints, and the one {@link dev.mentor.train.TrainingLoop} every method
 * trains through. A new optimizer implements {@link dev.mentor.train.Optimizer}; a new schedule
 * implements {@link dev.mentor.train.Schedule}.
 */
package dev.mentor.train;
