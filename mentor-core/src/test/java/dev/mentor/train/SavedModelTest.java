package dev.mentor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.io.FileReads;
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

    @Test
    void aRunReadsEachModelOnceAndItsDigestIsTheFilesDigest(@TempDir Path dir) throws IOException {
        Map<String, float[]> weights = new LinkedHashMap<>();
        weights.put("w", new float[] {1, 2, 3});
        ModelSpec spec = new ModelSpec("cnn-small", 1, 16, 16, 4, -1, 0);
        Normalization normalization = new Normalization(new float[] {0.5f}, new float[] {0.25f});
        Path run = Files.createDirectories(dir.resolve("run"));
        Path file = run.resolve(SavedModel.FILE);
        new SavedModel(spec, normalization, List.of("a", "b", "c", "d"), weights).write(file);
        Path other = dir.resolve("other.ckpt");
        new SavedModel(spec, normalization, List.of("a", "b", "c", "d"), Map.of("w", new float[] {4, 5, 6})).write(other);
        Path third = dir.resolve("third.ckpt");
        new SavedModel(spec, normalization, List.of("a", "b", "c", "d"), Map.of("w", new float[] {7, 8, 9})).write(third);

        SavedModels models = new SavedModels();
        long before = FileReads.of(file);
        SavedModel read = models.read(run);
        assertSame(read, models.read(file), "the run directory and its model file are one model");
        assertSame(read, models.read(run));
        assertEquals(1, FileReads.of(file) - before);
        assertEquals(FileDigest.files(List.of(file)), read.digest().fingerprint(List.of()), "the digest of the bytes read is the file's");
        assertEquals(FileDigest.files(List.of(file, other)), read.digest().fingerprint(List.of(other)), "and files can follow it");
        assertEquals(read.digest().fingerprint(List.of()), read.digest().fingerprint(List.of()), "asking twice changes nothing");

        models.read(other);
        models.read(run);
        models.read(third); // keeps the last two read: the run's and the third
        assertEquals(3, FileReads.of(file) - before, "two for the digests above, one read");
        models.read(run);
        assertEquals(3, FileReads.of(file) - before);
        long otherReads = FileReads.of(other);
        models.read(other);
        assertEquals(otherReads + 1, FileReads.of(other), "the eldest was let go");

        new SavedModel(spec, normalization, List.of("a", "b", "c", "d"), Map.of("w", new float[] {1, 2, 3, 4})).write(file);
        assertArrayEquals(new float[] {1, 2, 3, 4}, models.read(run).weights().get("w"), "a file changed since is read again");
    }
}
