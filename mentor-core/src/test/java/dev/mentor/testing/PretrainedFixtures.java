package dev.mentor.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.train.Normalization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The pre-trained model fixtures made by {@code src/test/python/make_pretrained_fixtures.py}: a
 * small CNN for 1×16×16 images and 4 classes (the CLI fixture's task) as TorchScript and ONNX files,
 * with four reference inputs and PyTorch's outputs for them.
 */
public final class PretrainedFixtures {
    /** The normalisation the fixture model was trained with. */
    public static final Normalization NORMALIZATION = new Normalization(new float[] {0.17f}, new float[] {0.3f});
    private static JsonNode reference;

    private PretrainedFixtures() {}

    /** A fixture file by name: {@code features.pt}, {@code features-scripted.pt}, {@code classifier.pt}, {@code features.onnx}, {@code classifier.onnx}. */
    public static Path file(String name) {
        try {
            return Path.of(PretrainedFixtures.class.getResource("/pretrained/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no fixture " + name, e);
        }
    }

    private static synchronized JsonNode reference() {
        if (reference == null) {
            try {
                reference = new ObjectMapper().readTree(file("reference.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return reference;
    }

    /** The reference inputs, normalised, as a {@code (4, 1, 16, 16)} array. */
    public static NDArray input(NDManager manager) {
        return manager.create(floats("input"), shape("input_shape"));
    }

    /** PyTorch's features {@code (4, 32)} or logits {@code (4, 4)} for the reference inputs, row-major. */
    public static float[] expected(String name) {
        return floats(name);
    }

    private static float[] floats(String name) {
        JsonNode values = reference().get(name);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values.get(i).asDouble();
        }
        return out;
    }

    private static Shape shape(String name) {
        JsonNode dims = reference().get(name);
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).asLong();
        }
        return new Shape(shape);
    }
}
