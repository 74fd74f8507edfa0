package dev.mentor.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder's checks before training: room for the checkpoints, a folder that can be written. */
class RunDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void tooLittleRoomForTheCheckpointsIsRefusedNamingTheFolderAndTheSizes() {
        Path root = dir.resolve("run");
        MentorException e = assertThrows(MentorException.class, () -> RunDirectory.requireRoom(root, 100L << 20, 300L << 20));
        assertTrue(e.getMessage().startsWith("out: " + root + " has 300 MB free, this run needs about 401 MB"), e.getMessage());
        assertDoesNotThrow(() -> RunDirectory.requireRoom(root, 100L << 20, 402L << 20));
        assertThrows(MentorException.class, () -> RunDirectory.requireRoom(root, Long.MAX_VALUE / 2, Long.MAX_VALUE - 1));
    }

    @Test
    void theRealFileSystemIsAskedForItsFreeSpace() {
        RunDirectory run = RunDirectory.create(dir.resolve("run"), false);
        assertDoesNotThrow(() -> run.checkRoomFor(1 << 20));
        MentorException e = assertThrows(MentorException.class, () -> run.checkRoomFor(Long.MAX_VALUE / 8));
        assertTrue(e.getMessage().contains(" MB free"), e.getMessage());
    }

    @Test
    void aFolderThatCannotBeCreatedIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        MentorException e = assertThrows(MentorException.class, () -> RunDirectory.create(file.resolve("run"), false));
        assertTrue(e.getMessage().startsWith("out: ") && e.getMessage().contains("plain-file"), e.getMessage());
    }

    @Test
    void leftoversOfInterruptedWritesAreDeletedWithTheRunOnForce() throws Exception {
        Path root = dir.resolve("run");
        Files.createDirectories(root);
        for (String name : new String[] {"checkpoint.ckpt", "checkpoint.prev.ckpt", "checkpoint.ckpt.tmp", "checkpoint.ckpt.damaged",
            "checkpoint-finetune.prev.ckpt", "metrics.json.tmp", "model.ckpt.tmp"}) {
            Files.writeString(root.resolve(name), "x");
        }
        Files.writeString(root.resolve("notes.txt"), "mine");
        RunDirectory.create(root, true);
        try (var left = Files.list(root)) {
            assertTrue(left.map(p -> p.getFileName().toString()).toList().equals(java.util.List.of("notes.txt")));
        }
        assertFalse(RunDirectory.hasCheckpoint(root));
    }
}
