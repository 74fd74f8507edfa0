package dev.mentor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.method.ConsistencyConfig;
import dev.mentor.method.MplConfig;
import dev.mentor.method.MplSign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shorter run guards what a long one must show: Meta Pseudo Labels (two learners, three gradient
 * collectors a step, then a fine-tuning phase) keeps the same number of native arrays alive from epoch
 * to epoch, and its resident memory does not climb, as recorded in {@code memory.jsonl}.
 */
class MemoryLogTest {
    @TempDir
    Path dir;

    @Test
    void metaPseudoLabelsKeepsAFlatArrayCountAndResidentMemoryInBothPhases() throws Exception {
        ExperimentConfig config = TinyRuns.config(dir, 6, 0.9);
        MplFactory factory = new MplFactory(new MplConfig(new ConsistencyConfig(2, 1, 0.6, 0.4, 3, true), 0.1, MplSign.THEORY, 1,
                0.05, 2, 3, null, 0.01, null), line -> {});
        Path run = dir.resolve("run");
        new Experiment(config, factory, line -> {}).run(RunDirectory.create(run, false), false, List.of());
        List<MemoryLog.Epoch> rows = MemoryLog.read(run.resolve(MemoryLog.FILE));
        List<MemoryLog.Epoch> main = rows.stream().filter(r -> r.phase().equals("mpl")).toList();
        List<MemoryLog.Epoch> finetune = rows.stream().filter(r -> r.phase().equals("finetune")).toList();
        assertEquals(6, main.size());
        assertEquals(3, finetune.size());
        for (List<MemoryLog.Epoch> phase : List.of(main, finetune)) {
            List<Integer> arrays = phase.stream().map(MemoryLog.Epoch::nativeArrays).toList();
            assertTrue(arrays.get(0) > 0, "arrays " + arrays);
            assertEquals(1, arrays.subList(1, arrays.size()).stream().distinct().count(), "native arrays per epoch: " + arrays);
        }
        List<Long> resident = main.stream().map(MemoryLog.Epoch::residentMb).toList();
        assertTrue(resident.get(0) > 0, "resident " + resident);
        assertTrue(Files.readString(run.resolve(MemoryLog.FILE)).startsWith("{\"format\":\"mentor-memory\",\"version\":1,\"phase\":\"mpl\","
                + "\"epoch\":1,\"step\":"));
        long growth = resident.get(resident.size() - 1) - resident.get(1);
        assertTrue(growth < 48, "resident memory grew by " + growth + " MB over four epochs of six tiny steps: " + resident);
    }
}
