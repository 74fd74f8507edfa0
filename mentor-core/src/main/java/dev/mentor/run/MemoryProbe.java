package dev.mentor.run;

import ai.djl.ndarray.NDManager;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Watches memory across the stages of a multi-stage run: the native arrays alive under the stages'
 * parent manager at the end of each epoch (the last one is kept) and after the stage has closed
 * everything, with the JVM heap in use and the process's resident memory. Flat counts from stage to
 * stage show that nothing outlives a stage.
 */
public final class MemoryProbe implements TrainingListener {
    private final NDManager parent;
    private int arraysDuringTraining = -1;

    /**
     * @param arraysDuringTraining arrays alive under the parent at the end of the stage's last epoch
     * @param arraysAfter arrays alive under the parent once the stage is over (0 when all were released)
     * @param heapMegabytes JVM heap in use after a garbage collection
     * @param residentMegabytes the process's resident set (VmRSS), or null where /proc is missing
     */
    public record Reading(int arraysDuringTraining, int arraysAfter, long heapMegabytes, Long residentMegabytes) {}

    public MemoryProbe(NDManager parent) {
        this.parent = parent;
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        arraysDuringTraining = parent.getManagedArrays().size();
    }

    /** The reading after the stage. */
    public Reading read() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heap = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
        return new Reading(arraysDuringTraining, parent.getManagedArrays().size(), heap, residentMegabytes());
    }

    /** The process's resident set (VmRSS) in MB, or null where /proc is missing. */
    static Long residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
