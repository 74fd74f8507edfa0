package dev.mentor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.model.ModelSpec;
import dev.mentor.train.Normalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file is a function of its contents: the same model gives the same bytes in any JVM (a
 * resumed run's model.ckpt equals the uninterrupted run's, byte for byte), and it reads back.
 */
class SavedModelTest {
    @Test
    void theHeaderHasAFixedOrderAndTheModelReadsBack(@TempDir Path dir) throws IOException {
        Map<String, float[]> weights = new LinkedHashMap<>();
        weights.put("w", new float[] {1, 2, 3});
        ModelSpec spec = new ModelSpec("cnn-small", 1, 16, 16, 4, -1, 0);
        new SavedModel(spec, new Normalization(new float[] {0.5f}, new float[] {0.25f}), List.of("a", "b", "c", "d"), weights)
                .write(dir.resolve("model.ckpt"));
        String text = Checkpoint.read(dir.resolve("model.ckpt")).header();
        assertTrue(text.contains("\"normalization\":{\"mean\":[0.5],\"std\":[0.25]}"), () -> text);
        // the same model written again is the same file, byte for byte
        byte[] first = Files.readAllBytes(dir.resolve("model.ckpt"));
        new SavedModel(spec, new Normalization(new float[] {0.5f}, new float[] {0.25f}), List.of("a", "b", "c", "d"), weights)
                .write(dir.resolve("again.ckpt"));
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("again.ckpt")));
        SavedModel read = SavedModel.read(dir.resolve("model.ckpt"));
        assertArrayEquals(new float[] {1, 2, 3}, read.weights().get("w"));
        assertArrayEquals(new float[] {0.25f}, read.normalization().std());
    }
}
