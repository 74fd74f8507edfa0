package dev.mentor.run;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mentor.MentorException;
import dev.mentor.io.Json;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.TrainingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code memory.jsonl} of a run: after every epoch of a phase, the native arrays alive under the run's
 * manager, the JVM heap in use and the process's resident memory (VmRSS). A long run whose array count
 * and resident memory stay flat frees what each step makes; a count that climbs names the leak's phase
 * and epoch. A resumed run drops the lines past the checkpoint it continues from, as {@code
 * metrics.jsonl} does; its later lines are the new process's.
 */
public final class MemoryLog implements TrainingListener {
    public static final String FILE = "memory.jsonl";
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
                    JsonNode row = Json.MAPPER.readTree(line);
                    if (!row.path("phase").asText().equals(phase) || row.path("epoch").asInt() <= done.size()) {
                        kept.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                kept.setLength(0);
            }
        }
        write(kept.toString(), StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        Runtime runtime = Runtime.getRuntime();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("phase", phase);
        row.put("epoch", metrics.epoch());
        row.put("step", metrics.step());
        row.put("native_arrays", watched.getManagedArrays().size());
        row.put("heap_mb", (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        row.put("resident_mb", MemoryProbe.residentMegabytes());
        write(Json.line(row) + "\n", StandardOpenOption.APPEND);
    }

    private void write(String text, StandardOpenOption mode) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        } catch (IOException e) {
            throw new MentorException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
