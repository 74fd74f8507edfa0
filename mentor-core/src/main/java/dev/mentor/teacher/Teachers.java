package dev.mentor.teacher;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.MentorException;
import dev.mentor.model.ModelFormat;
import dev.mentor.model.OnnxBlock;
import dev.mentor.model.TorchScriptBlock;
import dev.mentor.model.Trainability;
import dev.mentor.model.ModelSpec;
import dev.mentor.train.Normalization;
import dev.mentor.train.SavedModels;
import java.nio.file.Path;

/** Loads a teacher from whatever its path is: a Mentor run, a TorchScript file or an ONNX file. */
public final class Teachers {
    private Teachers() {}

    /**
     * A teacher for a student of {@code student}'s image shape whose inputs are normalised with
     * {@code studentNormalization}.
     *
     * @param source a Mentor run directory or its {@code .ckpt} model file, a TorchScript file
     *     ({@code .pt}, {@code .torchscript}) or an ONNX file ({@code .onnx}); the files must map
     *     images to logits
     * @param fileNormalization the normalisation a TorchScript or ONNX teacher expects, or null when it
     *     takes the student's; a Mentor run carries its own, so it must be null for runs
     */
    public static Teacher load(Path source, ModelSpec student, Normalization studentNormalization,
            Normalization fileNormalization, NDManager manager) {
        return load(source, new SavedModels(), student, studentNormalization, fileNormalization, manager);
    }

    /** {@link #load(Path, ModelSpec, Normalization, Normalization, NDManager)}, a Mentor run's model read through {@code models}. */
    public static Teacher load(Path source, SavedModels models, ModelSpec student, Normalization studentNormalization,
            Normalization fileNormalization, NDManager manager) {
        Shape image = new Shape(student.channels(), student.height(), student.width());
        return switch (ModelFormat.of(source, "teacher")) {
            case MENTOR_RUN -> {
                if (fileNormalization != null) {
                    throw MentorException.naming("{}/{}: only for TorchScript and ONNX teachers; the Mentor run "
                            + source + " carries its own normalisation", "teacher_mean", "teacher_std");
                }
                yield new RunTeacher(source, models.read(source), studentNormalization, manager);
            }
            case TORCHSCRIPT -> new FileTeacher(TorchScriptBlock.load(source, image, Trainability.FROZEN, manager),
                    studentNormalization, fileNormalization, manager);
            case ONNX -> new FileTeacher(OnnxBlock.load(source, image, manager), studentNormalization, fileNormalization, manager);
        };
    }
}
