package dev.mentor.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.MentorException;
import dev.mentor.OptionText;
import java.nio.file.Path;

/**
 * Classifiers built on a model file: a TorchScript or ONNX feature extractor as the backbone, a new
 * linear head on its {@code (N, D)} output. The architecture name gives the format and the file,
 * relative to the run directory that keeps a copy of it: {@code torchscript:backbone.pt},
 * {@code onnx:backbone.onnx}. Dropout and stochastic depth do not apply to them.
 */
public final class FileModels {
    private FileModels() {}

    /** Whether an architecture name stands for a model built on a file. */
    public static boolean isFileModel(String architecture) {
        return ModelFormat.ofArchitecture(architecture) != null;
    }

    /** The spec of a classifier on a backbone file of {@code format}, named by the run's copy of the file. */
    public static ModelSpec spec(ModelFormat format, int channels, int height, int width, int classes) {
        if (format.runFileName() == null) {
            throw new IllegalArgumentException(format + " is not a file format");
        }
        return new ModelSpec(format.prefix() + ":" + format.runFileName(), channels, height, width, classes, -1, 0);
    }

    /**
     * The file a file model's spec names, inside {@code home}; a name with a directory part is refused,
     * so a spec can never point outside the run.
     */
    public static Path file(ModelSpec spec, Path home) {
        ModelFormat format = ModelFormat.ofArchitecture(spec.architecture());
        if (format == null) {
            throw new IllegalArgumentException(spec.architecture() + " is not built on a file");
        }
        String name = spec.architecture().substring(format.prefix().length() + 1);
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) {
            throw new MentorException("model: '" + spec.architecture() + "' must name a file in the run directory");
        }
        if (home == null) {
            throw new MentorException("model: " + spec.architecture() + " is built on a file, but the folder holding it is unknown");
        }
        return home.resolve(name);
    }

    /**
     * Loads {@code file} as the backbone of a classifier for {@code spec}, with a new (uninitialised)
     * head; its native resources end with {@code owner} at the latest.
     *
     * @param backbone whether the backbone's parameters can receive gradients (fine-tuning, gradual
     *     unfreezing); ONNX models cannot
     */
    public static Classifier classifier(ModelSpec spec, Path file, Trainability backbone, NDManager owner) {
        ModelFormat format = ModelFormat.ofArchitecture(spec.architecture());
        Shape image = new Shape(spec.channels(), spec.height(), spec.width());
        FileBlock block = switch (format) {
            case TORCHSCRIPT -> TorchScriptBlock.load(file, image, backbone, owner);
            case ONNX -> {
                if (backbone == Trainability.TRAINABLE) {
                    throw MentorException.of(OptionText.text(file + ": an ONNX model can only be a frozen feature extractor (ONNX "
                            + "Runtime computes no gradients); use ").thenOption("mode").then(" linear-probe, or export the backbone as "
                            + "TorchScript to fine-tune it"));
                }
                yield OnnxBlock.load(file, image, owner);
            }
            default -> throw new IllegalArgumentException(spec.architecture() + " is not built on a file");
        };
        return new Classifier(block, Layers.linear(spec.classes()));
    }
}
