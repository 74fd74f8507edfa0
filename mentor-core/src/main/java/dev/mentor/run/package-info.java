/**
 * A run from start to finish: {@link dev.mentor.run.Experiment} wires data, split, model, method and
 * the training loop together; {@link dev.mentor.run.RunDirectory} is the record it leaves behind
 * (config, per-epoch metrics, final metrics, checkpoints, manifest); {@link dev.mentor.train.SavedModel}
 * reads a run back for evaluation and prediction.
 */
package dev.mentor.run;
