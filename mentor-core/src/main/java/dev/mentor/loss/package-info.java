/**
 * Losses over logits and soft target distributions. Targets are distributions everywhere: labels are
 * one-hot rows, pseudo-labels, label smoothing, CutMix and distillation all feed the same
 * {@link dev.mentor.loss.Losses#softCrossEntropy}. A new loss is a static function here, tested
 * against hand-computed values.
 */
package dev.mentor.loss;
