package dev.mentor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesAndReplacesWholeFilesAndLeavesNoTemporary() throws IOException {
        Path file = dir.resolve("a.json");
        AtomicFiles.writeString(file, "first");
        AtomicFiles.writeString(file, "second");
        assertEquals("second", Files.readString(file));
        AtomicFiles.copy(file, dir.resolve("b.json"));
        assertEquals("second", Files.readString(dir.resolve("b.json")));
        assertEquals(List.of("a.json", "b.json"), names());
    }

    /** A writer that fails half-way leaves the old file whole and deletes its temporary. */
    @Test
    void aFailedWriteLeavesTheTargetAsItWas() throws IOException {
        Path file = dir.resolve("a.json");
        AtomicFiles.writeString(file, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("a.json"), names());
    }

    /** Two writers of one file never share a temporary (a teacher cache can be written by two runs at once). */
    @Test
    void temporariesHaveNamesOfTheirOwn() throws IOException {
        Path file = dir.resolve("a.bin");
        Path one = AtomicFiles.writeTemporary(file, out -> out.write(1));
        Path two = AtomicFiles.writeTemporary(file, out -> out.write(2));
        assertTrue(!one.equals(two) && one.getFileName().toString().endsWith(".tmp"), one + " " + two);
        AtomicFiles.replace(two, file);
        AtomicFiles.replace(one, file);
        assertEquals(1, Files.readAllBytes(file)[0]);
        assertEquals(List.of("a.bin"), names());
    }
}
