/**
 * Training methods, one small class each. A method owns its learners and implements one step
 * ({@link dev.mentor.method.Method#trainStep}); the shared {@link dev.mentor.loop.TrainingLoop}
 * supplies batches, schedules, evaluation, checkpoints and logging. A multi-round method (Noisy
 * Student) is a sequence of ordinary runs.
 */
package dev.mentor.method;
