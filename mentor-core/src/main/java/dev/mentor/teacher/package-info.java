/**
 * Teachers: frozen models whose predictions guide a student (distillation, pseudo-labels). A teacher
 * never receives gradients: its parameters are frozen at load, so no graph is built through it. A new
 * kind of teacher (another model format) implements {@link dev.mentor.teacher.Teacher} and is added
 * to {@link dev.mentor.teacher.Teachers#load}.
 *
 * <p>Pseudo-labels: {@link dev.mentor.teacher.PseudoLabeler} runs a trained model un-noised over an
 * unlabeled pool; {@link dev.mentor.teacher.PseudoLabels} holds each image's id and distribution (hard
 * label, confidence and entropy follow from it); {@link dev.mentor.teacher.PseudoLabelFile} stores them
 * as an artifact that is validated when read back; {@link dev.mentor.teacher.PseudoLabelReport}
 * measures them; {@link dev.mentor.teacher.Selection} filters and balances them for a student; {@link
 * dev.mentor.teacher.PseudoLabelTargets} feeds them to training as soft or hard targets.
 */
package dev.mentor.teacher;
