package dev.mentor.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time of the phases of one step (teacher forward, student update, ...), reported as step
 * components {@code ms_PHASE} so the epoch log holds each phase's mean cost. PyTorch runs CPU
 * operations synchronously, so the time of a phase is the time of its operations.
 */
public final class PhaseTimer {
    private final Map<String, Float> millis = new LinkedHashMap<>();
    private long last = System.nanoTime();

    /** Charges the time since the previous lap (or since construction) to {@code phase}. */
    public void lap(String phase) {
        long now = System.nanoTime();
        millis.merge("ms_" + phase, (now - last) / 1e6f, Float::sum);
        last = now;
    }

    /** Milliseconds by component name, in the order the phases first ran. */
    public Map<String, Float> components() {
        return new LinkedHashMap<>(millis);
    }
}
