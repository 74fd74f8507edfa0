package dev.mentor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import dev.mentor.io.Safetensors;
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

    /** A checkpoint is a safetensors file: every array a flat F32 tensor, in order, the header in its metadata. */
    @Test
    void aCheckpointIsASafetensorsFile() {
        Path file = dir.resolve("c.ckpt");
        sample().write(file);
        Safetensors.Contents contents = Safetensors.read(file);
        assertEquals(sample().arrays().keySet().stream().toList(), contents.tensors().keySet().stream().toList());
        sample().arrays().forEach((k, v) -> {
            assertArrayEquals(v, contents.tensors().get(k).floats());
            assertArrayEquals(new long[] {v.length}, contents.tensors().get(k).shape());
        });
        assertEquals("mentor-checkpoint", contents.metadata().get("format"));
        assertEquals("{\"epoch\":3}", contents.metadata().get("header"));
    }

    /** Runs written before checkpoints became safetensors files (version 1) still resume, and their damage is still found. */
    @Test
    void versionOneStillReadsAndItsDamageIsFound() throws Exception {
        Path file = dir.resolve("old.ckpt");
        byte[] good = LegacyCheckpoint.bytes(sample().header(), sample().arrays());
        Files.write(file, good);
        Checkpoint read = Checkpoint.read(file);
        assertEquals(sample().header(), read.header());
        assertEquals(sample().arrays().keySet().stream().toList(), read.arrays().keySet().stream().toList());
        sample().arrays().forEach((k, v) -> assertArrayEquals(v, read.arrays().get(k)));
        assertEveryFlippedBitFound(file, good);
    }

    /** A safetensors file that is not Mentor's is one line saying so. */
    @Test
    void aForeignSafetensorsFileIsNamed() {
        Path file = dir.resolve("foreign.safetensors");
        Safetensors.write(file, Map.of("w", Safetensors.Tensor.f32(new float[] {1f}, 1)), Map.of());
        MentorException e = assertThrows(MentorException.class, () -> Checkpoint.read(file));
        assertEquals(file + ": not a Mentor checkpoint (a safetensors file without Mentor's metadata)", e.getMessage());
    }

    @Test
    void aFlippedBitAnywhereIsDetected() throws Exception {
        Path file = dir.resolve("c.ckpt");
        sample().write(file);
        byte[] good = Files.readAllBytes(file);
        assertEveryFlippedBitFound(file, good);
    }

    /** A bit flipped in any byte of {@code good}, written to {@code file}, is a one-line error naming it. */
    private static void assertEveryFlippedBitFound(Path file, byte[] good) throws Exception {
        for (int i = 0; i < good.length; i++) {
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

    @Test
    void writingKeepingPreviousKeepsTheCheckpointBefore() {
        Path file = dir.resolve("checkpoint.ckpt");
        new Checkpoint("{\"epoch\":1}", Map.of("x", new float[] {1f})).writeKeepingPrevious(file);
        assertFalse(Files.exists(Checkpoint.previous(file)), "nothing to keep after the first write");
        new Checkpoint("{\"epoch\":2}", Map.of("x", new float[] {2f})).writeKeepingPrevious(file);
        new Checkpoint("{\"epoch\":3}", Map.of("x", new float[] {3f})).writeKeepingPrevious(file);
        assertEquals(dir.resolve("checkpoint.prev.ckpt"), Checkpoint.previous(file));
        assertEquals("{\"epoch\":3}", Checkpoint.read(file).header());
        assertEquals("{\"epoch\":2}", Checkpoint.read(Checkpoint.previous(file)).header());
        assertFalse(Files.exists(dir.resolve("checkpoint.ckpt.tmp")));
        assertFalse(Files.exists(dir.resolve("checkpoint.prev.ckpt.tmp")));
    }

    @Test
    void aDamagedNewestCheckpointFallsBackToThePreviousOneAndSaysWhy() throws Exception {
        Path file = dir.resolve("checkpoint.ckpt");
        new Checkpoint("{\"epoch\":1}", Map.of("x", new float[] {1f})).writeKeepingPrevious(file);
        new Checkpoint("{\"epoch\":2}", Map.of("x", new float[] {2f, 5f})).writeKeepingPrevious(file);
        byte[] good = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(good, good.length / 2));
        java.util.List<String> log = new java.util.ArrayList<>();
        Checkpoint read = Checkpoint.readLatest(file, log::add);
        assertEquals("{\"epoch\":1}", read.header());
        assertEquals(1, log.size());
        assertTrue(log.get(0).contains("checkpoint.ckpt") && log.get(0).contains("checkpoint.prev.ckpt"), log.get(0));
        assertFalse(Files.exists(file), "the damaged checkpoint is moved aside");
        assertTrue(Files.exists(dir.resolve("checkpoint.ckpt.damaged")));
        new Checkpoint("{\"epoch\":2}", Map.of("x", new float[] {2f})).writeKeepingPrevious(file);
        assertEquals("{\"epoch\":1}", Checkpoint.read(Checkpoint.previous(file)).header(), "the good one stays the previous");
    }

    @Test
    void aMissingNewestCheckpointFallsBackAndBothDamagedIsAnErrorNamingBoth() throws Exception {
        Path file = dir.resolve("checkpoint.ckpt");
        new Checkpoint("{\"epoch\":1}", Map.of("x", new float[] {1f})).writeKeepingPrevious(file);
        new Checkpoint("{\"epoch\":2}", Map.of("x", new float[] {2f})).writeKeepingPrevious(file);
        Files.delete(file);
        assertTrue(Checkpoint.exists(file));
        assertEquals("{\"epoch\":1}", Checkpoint.readLatest(file, line -> {}).header());
        Files.write(file, new byte[] {1, 2, 3});
        byte[] previous = Files.readAllBytes(Checkpoint.previous(file));
        previous[previous.length - 3] ^= 1;
        Files.write(Checkpoint.previous(file), previous);
        MentorException e = assertThrows(MentorException.class, () -> Checkpoint.readLatest(file, line -> {}));
        assertTrue(e.getMessage().contains("checkpoint.ckpt") && e.getMessage().contains("checkpoint.prev.ckpt"), e.getMessage());
    }

    @Test
    void aWriteInterruptedBeforeItsRenameLeavesTheCheckpointsReadable() throws Exception {
        Path file = dir.resolve("checkpoint.ckpt");
        new Checkpoint("{\"epoch\":1}", Map.of("x", new float[] {1f})).writeKeepingPrevious(file);
        // what a kill during the next write leaves: a partial temporary file beside the intact checkpoint
        byte[] next = Files.readAllBytes(file);
        Files.write(dir.resolve("checkpoint.ckpt.tmp"), Arrays.copyOf(next, next.length / 3));
        assertEquals("{\"epoch\":1}", Checkpoint.readLatest(file, line -> {}).header());
        new Checkpoint("{\"epoch\":2}", Map.of("x", new float[] {2f})).writeKeepingPrevious(file);
        assertEquals("{\"epoch\":2}", Checkpoint.read(file).header());
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFileAndNamesTheFile() throws Exception {
        Path folder = dir.resolve("gone");
        Path file = folder.resolve("checkpoint.ckpt");
        MentorException e = assertThrows(MentorException.class, () -> sample().writeKeepingPrevious(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertFalse(Files.exists(folder));
    }
}
