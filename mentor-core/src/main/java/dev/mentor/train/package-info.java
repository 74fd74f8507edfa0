/**
 * The training engine: {@link dev.mentor.train.Learner} (a model with its optimizer and EMA),
 * optimizers with PyTorch semantics, learning-rate schedules, the batch pipeline of labeled and
 * unlabeled batches, checkpoints and a run's saved model ({@link dev.mentor.train.SavedModel}); the
 * loop that drives them is {@link dev.mentor.loop.TrainingLoop}. A new optimizer implements {@link dev.mentor.train.Optimizer}; a new schedule
 * implements {@link dev.mentor.train.Schedule}.
 */
package dev.mentor.train;
