package dev.mentor.run;

import ai.djl.ndarray.NDManager;
import dev.mentor.MentorException;
import dev.mentor.io.Json;
import dev.mentor.io.RecordFormat;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.TrainingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code memory.jsonl} of a run: after every epoch of a phase, the native arrays alive under the run's
 * manager, the JVM heap in use and the process's resident memory (VmRSS), each line an {@link Epoch} record.
 * A long run whose array count and resident memory stay flat frees what each step makes; a count that climbs
 * names the leak's phase and epoch. A resumed run drops the lines past the checkpoint it continues from, as
 * {@code metrics.jsonl} does; its later lines are the new process's.
 */
public final class MemoryLog implements TrainingListener {
    public static final String FILE = "memory.jsonl";
    /**
     * A line of {@code memory.jsonl}: version 1. An earlier build's lines were the same snake_case keys without
     * format and version; like {@code metrics.jsonl}'s, each line carries its own, since a resumed run keeps the
     * lines of the build that began it.
     */
    public static final RecordFormat LINE = RecordFormat.lenient("memory", 1, RecordFormat.Legacy.SNAKE_CASE);

    /**
     * One epoch's memory.
     *
     * @param phase the phase the epoch belongs to (the method's name, or a follow-up's)
     * @param nativeArrays native arrays alive under the watched manager (its sub-managers' included)
     * @param heapMb JVM heap in use, MiB
     * @param residentMb the process's resident memory (VmRSS), MiB, or null where /proc is missing
     */
    public record Epoch(String phase, int epoch, long step, int nativeArrays, long heapMb, Long residentMb) {}

    private final Path file;
    private final String phase;
    private final NDManager watched;

    /**
     * @param phase the phase the epochs belong to (the method's name, or a follow-up's)
     * @param watched the manager whose arrays (its sub-managers' included) are counted
     */
    public MemoryLog(Path file, String phase, NDManager watched) {
        this.file = file;
        this.phase = phase;
        this.watched = watched;
    }

    @Override
    public void onStart(List<EpochMetrics> done, int epochs, long stepsPerEpoch) {
        StringBuilder kept = new StringBuilder();
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Epoch row = LINE.parse(file.toString(), Json.MAPPER.readTree(line), Epoch.class);
                    if (!phase.equals(row.phase()) || row.epoch() <= done.size()) {
                        kept.append(line).append('\n');
                    }
                }
            } catch (IOException | MentorException e) {
                kept.setLength(0);
            }
        }
        write(kept.toString(), StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        Runtime runtime = Runtime.getRuntime();
        Epoch row = new Epoch(phase, metrics.epoch(), metrics.step(), watched.getManagedArrays().size(),
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, MemoryProbe.residentMegabytes());
        write(LINE.line(row) + "\n", StandardOpenOption.APPEND);
    }

    /** Every line of {@code file}, of this build or an earlier one; a line that is not one is a one-line error naming it. */
    public static List<Epoch> read(Path file) {
        return Json.readLines(file, (where, line) -> LINE.parse(where, line, Epoch.class));
    }

    private void write(String text, StandardOpenOption mode) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        } catch (IOException e) {
            throw new MentorException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
