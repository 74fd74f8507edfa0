package dev.mentor.model;

import dev.mentor.MentorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The formats a pre-trained model (a teacher, a transfer source) can come in, told apart by what the
 * path is: a Mentor run directory or its {@code .ckpt} model file, a TorchScript module
 * ({@code .pt}, {@code .torchscript}) or an ONNX model ({@code .onnx}).
 */
public enum ModelFormat {
    /** A finished Mentor run (its directory or its {@code model.ckpt}). */
    MENTOR_RUN("mentor", null),
    /** A module saved by {@code torch.jit.trace} or {@code torch.jit.script}, run by PyTorch through DJL. */
    TORCHSCRIPT("torchscript", "backbone.pt"),
    /** An ONNX graph, run by ONNX Runtime: inference only. */
    ONNX("onnx", "backbone.onnx");

    private final String prefix;
    private final String runFileName;

    ModelFormat(String prefix, String runFileName) {
        this.prefix = prefix;
        this.runFileName = runFileName;
    }

    /** The prefix of architecture names of models built on a file of this format ({@code torchscript:...}). */
    public String prefix() {
        return prefix;
    }

    /** The name a run directory gives its copy of a backbone file of this format. */
    public String runFileName() {
        return runFileName;
    }

    /**
     * The format of {@code path}, given as the config component {@code component} (snake_case). A path
     * that does not exist or has an unknown extension is a {@link MentorException} about that component.
     */
    public static ModelFormat of(Path path, String component) {
        if (Files.isDirectory(path)) {
            return MENTOR_RUN;
        }
        if (!Files.isRegularFile(path)) {
            throw MentorException.of(component, path + " does not exist");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".ckpt")) {
            return MENTOR_RUN;
        }
        if (name.endsWith(".pt") || name.endsWith(".torchscript")) {
            return TORCHSCRIPT;
        }
        if (name.endsWith(".onnx")) {
            return ONNX;
        }
        throw MentorException.of(component, path + " is neither a Mentor run (a directory or .ckpt), a TorchScript file "
                + "(.pt, .torchscript) nor an ONNX file (.onnx)");
    }

    /** The format an architecture name built on a file declares ({@code torchscript:...}), or null for zoo names. */
    public static ModelFormat ofArchitecture(String architecture) {
        for (ModelFormat format : new ModelFormat[] {TORCHSCRIPT, ONNX}) {
            if (architecture.startsWith(format.prefix + ":")) {
                return format;
            }
        }
        return null;
    }
}
