/**
 * The one {@link dev.mentor.loop.TrainingLoop} every method trains through: it pairs labeled and
 * unlabeled batches, hands each step to a {@link dev.mentor.method.Method}, validates, checkpoints
 * (with the method's state) and stops a run that diverges or collapses to one class. Above
 * {@code method} and {@code eval}, which it drives, so that neither depends back on it.
 */
package dev.mentor.loop;
