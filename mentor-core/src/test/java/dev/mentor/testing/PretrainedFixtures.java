package dev.mentor.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.train.Normalization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

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

    /**
     * Images of the task the fixture model was trained on (the CLI fixture's): class {@code k = i % 4}
     * is a bright 5×5 square at rows {@code 3k..3k+4}, columns {@code 8-k..12-k}, on dark noise.
     */
    public static ArrayImageSet images(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * 16 * 16];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int k = i % 4;
            labels[i] = k;
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    boolean in = y >= 3 * k && y < 3 * k + 5 && x >= 8 - k && x < 13 - k;
                    pixels[i * 256 + y * 16 + x] = (byte) (in ? 200 + random.nextInt(56) : random.nextInt(50));
                }
            }
        }
        return new ArrayImageSet(1, 16, 16, pixels, labels, List.of("0", "1", "2", "3"));
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
