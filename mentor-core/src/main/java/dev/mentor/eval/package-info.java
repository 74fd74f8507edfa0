/**
 * Evaluation: running a model over a set ({@link dev.mentor.eval.Predictor}) and the metrics of its
 * predicted distributions ({@link dev.mentor.eval.Evaluation}): top-1/top-5 accuracy, per-class
 * accuracy, confusion matrix, negative log-likelihood and expected calibration error.
 */
package dev.mentor.eval;
