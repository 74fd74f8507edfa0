package dev.mentor.io;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many times this process has read each model file whole: a run should read its teacher's {@code
 * model.ckpt} once, however many things it learns from it (its check, its weights, its fingerprint), and a
 * test holds it to that ({@code TeacherReadsTest}). Readers of model files call {@link #read}; the count
 * is per absolute, normalised path, for the life of the process.
 */
public final class FileReads {
    private static final Map<Path, LongAdder> COUNTS = new ConcurrentHashMap<>();

    private FileReads() {}

    /** Notes one whole read of {@code file}. */
    public static void read(Path file) {
        COUNTS.computeIfAbsent(key(file), k -> new LongAdder()).increment();
    }

    /** How many times {@code file} has been read whole by this process. */
    public static long of(Path file) {
        LongAdder count = COUNTS.get(key(file));
        return count == null ? 0 : count.sum();
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
