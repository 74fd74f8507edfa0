package dev.mentor.bench;

/**
 * A run of training steps and what the JVM did meanwhile: time spent by the JIT compiler and the
 * garbage collector (both in milliseconds, summed over their threads). Near-zero JIT time during
 * timed steps is the sign of a steady state.
 */
public record Timing(int steps, int batchSize, double seconds, long compileMillis, long gcMillis) {
    public double imagesPerSecond() {
        return steps * (double) batchSize / seconds;
    }
}
