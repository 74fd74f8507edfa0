package dev.mentor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Checkpoint sample() {
        Map<String, float[]> arrays = new LinkedHashMap<>();
        arrays.put("model/a_weight", new float[] {1f, -2.5f, Float.MIN_VALUE});
        arrays.put("model/b_bias", new float[0]);
        arrays.put("optimizer/momentum/é", new float[] {3f});
        return new Checkpoint("{\"epoch\":3}", arrays);
    }

    @Test
    void roundTripKeepsHeaderNamesOrderAndExactValues() {
        Path file = dir.resolve("c.ckpt");
        sample().write(file);
        Checkpoint read = Checkpoint.read(file);
        assertEquals("{\"epoch\":3}", read.header());
        assertEquals(sample().arrays().keySet().stream().toList(), read.arrays().keySet().stream().toList());
        sample().arrays().forEach((k, v) -> assertArrayEquals(v, read.arrays().get(k)));
        assertFalse(Files.exists(dir.resolve("c.ckpt.tmp")));
    }

    @Test
    void aFlippedBitAnywhereIsDetected() throws Exception {
        Path file = dir.resolve("c.ckpt");
        sample().write(file);
        byte[] good = Files.readAllBytes(file);
        for (int i = 0; i < good.length; i += 7) {
            byte[] bad = Arrays.copyOf(good, good.length);
            bad[i] ^= 0x10;
            Files.write(file, bad);
            MentorException e = assertThrows(MentorException.class, () -> Checkpoint.read(file));
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
    }

    @Test
    void truncatedFilesAreDetectedAtEveryLength() throws Exception {
        Path file = dir.resolve("c.ckpt");
        sample().write(file);
        byte[] good = Files.readAllBytes(file);
        for (int n = 0; n < good.length; n++) {
            Files.write(file, Arrays.copyOf(good, n));
            assertThrows(MentorException.class, () -> Checkpoint.read(file));
        }
    }

    @Test
    void overwritingReplacesTheOldCheckpointWhole() {
        Path file = dir.resolve("c.ckpt");
        sample().write(file);
        new Checkpoint("{}", Map.of("x", new float[] {9f})).write(file);
        assertEquals("{}", Checkpoint.read(file).header());
    }
}
