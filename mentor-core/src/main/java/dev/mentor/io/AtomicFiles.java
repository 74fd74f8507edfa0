package dev.mentor.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one way Mentor writes a file that must never be seen half-written, whatever stops the process
 * (a kill, a full disk, a power cut): the bytes go to a temporary sibling with a name no other writer
 * uses, are forced to disk, the temporary is renamed over the target (atomically where the file system
 * can), and the folder is forced so the rename survives too. A failure deletes the temporary and leaves
 * the target as it was. Temporaries end in {@code .tmp}, which run folders know as leftovers.
 */
public final class AtomicFiles {
    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {}

    /** What writes a file's bytes. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code file} atomically with what {@code body} writes. */
    public static void write(Path file, Body body) throws IOException {
        Path temporary = writeTemporary(file, body);
        try {
            replace(temporary, file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Copies {@code from} to {@code to} atomically (a reader of {@code to} sees the old file or the whole new one). */
    public static void copy(Path from, Path to) throws IOException {
        write(to, out -> Files.copy(from, out));
    }

    /**
     * The first half of {@link #write}: the bytes in a new temporary sibling of {@code file}, forced to
     * disk; deleted again when writing fails. For writers that do more before the rename ({@link #replace}).
     */
    public static Path writeTemporary(Path file, Body body) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet() + ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(temporary);
                    BufferedOutputStream buffered = new BufferedOutputStream(raw, 1 << 16)) {
                body.write(buffered);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            return temporary;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** The second half of {@link #write}: renames {@code temporary} over {@code file} and forces the folder. */
    public static void replace(Path temporary, Path file) throws IOException {
        move(temporary, file);
        syncFolder(file);
    }

    /** Renames, atomically where the file system can. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Forces the entries of {@code file}'s folder (its renames) to disk where the platform allows it. */
    public static void syncFolder(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a folder; the rename is atomic all the same
        }
    }
}
