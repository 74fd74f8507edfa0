package dev.mentor.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.mentor.MentorException;
import java.nio.file.Path;

/**
 * Which network a run trains: an architecture of the zoo ({@link Models#NAMES}: {@code cnn-small}, {@code resnet-20},
 * {@code wrn-DEPTH-K}, {@code efficientnet-b0}), or a new head on the backbone in a TorchScript or ONNX file. A Java user
 * builds one ({@code ArchitectureSpec.zoo("resnet-20")}); the command line parses its text once ({@link #parse}). Either
 * way it is validated when made, and a bad one is a {@link MentorException} about {@code model} quoting it. Its text
 * ({@link #toString()}: the zoo name, or {@code torchscript:FILE}, {@code onnx:FILE}) is what {@code config.json} records
 * and what {@link ModelSpec#architecture()} names.
 *
 * @param name the zoo architecture's name, or the backbone file's path
 * @param fileFormat {@link ModelFormat#TORCHSCRIPT} or {@link ModelFormat#ONNX} for a backbone file, null for the zoo
 */
public record ArchitectureSpec(String name, ModelFormat fileFormat) {

    public ArchitectureSpec {
        if (fileFormat != null && (name == null || name.isBlank())) {
            throw MentorException.of("model", fileFormat.prefix() + ": needs the backbone file after the colon");
        }
        if (name == null || name.isBlank()) {
            throw MentorException.of("model", "no architecture given (expected " + String.join(", ", Models.NAMES)
                    + ", torchscript:FILE or onnx:FILE)");
        }
        if (fileFormat == null) {
            Models.check(name);
        } else if (fileFormat.runFileName() == null) {
            throw MentorException.of("model", fileFormat + " is not a backbone file format (expected torchscript or onnx)");
        }
    }

    /** The zoo's architecture {@code name} ({@code cnn-small}, {@code wrn-28-2}, ...). */
    public static ArchitectureSpec zoo(String name) {
        return new ArchitectureSpec(name, null);
    }

    /** A new head on the backbone in {@code file}, a TorchScript or ONNX model. */
    public static ArchitectureSpec backbone(ModelFormat format, Path file) {
        return new ArchitectureSpec(file.toString(), format);
    }

    /** The architecture {@code text} names ({@code --model}): a zoo name, {@code torchscript:FILE} or {@code onnx:FILE}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ArchitectureSpec parse(String text) {
        if (text == null) {
            return new ArchitectureSpec(null, null);
        }
        ModelFormat format = ModelFormat.ofArchitecture(text);
        return format == null ? zoo(text) : new ArchitectureSpec(text.substring(format.prefix().length() + 1), format);
    }

    /** Whether the network is a head on a backbone file rather than an architecture of the zoo. */
    public boolean isFileModel() {
        return fileFormat != null;
    }

    /** The backbone file of a file model; an {@link IllegalStateException} for a zoo architecture. */
    public Path file() {
        if (fileFormat == null) {
            throw new IllegalStateException(name + " is an architecture of the zoo, not a file");
        }
        return Path.of(name);
    }

    /** The spec's text: the zoo name, or {@code PREFIX:FILE}; as the command line takes it and config.json records it. */
    @JsonValue
    @Override
    public String toString() {
        return fileFormat == null ? name : fileFormat.prefix() + ":" + name;
    }
}
