/**
 * Teachers: frozen models whose predictions guide a student (distillation, pseudo-labels). A teacher
 * never receives gradients: its parameters are frozen at load, so no graph is built through it. A new
 * kind of teacher (another model format) implements {@link dev.mentor.teacher.Teacher} and is added
 * to {@link dev.mentor.teacher.Teachers#load}.
 */
package dev.mentor.teacher;
