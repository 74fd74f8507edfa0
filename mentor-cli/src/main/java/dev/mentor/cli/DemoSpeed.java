package dev.mentor.cli;

import dev.mentor.bench.Throughput;
import dev.mentor.bench.Timing;
import dev.mentor.bench.WarmUp;
import dev.mentor.bench.Workload;
import java.io.PrintWriter;

/**
 * How long the demo will take here: a few seconds of cnn-small training steps on a random batch, timed,
 * against the same probe and the demo's wall time on a quiet 2-core machine. On a slower or busier
 * machine the demo says by how much and offers {@code --quick}.
 */
final class DemoSpeed {
    private DemoSpeed() {}

    /**
     * The probe's cnn-small training images/s (batch 64, 28×28×1, 2 threads) on a quiet 2-core machine
     * (AMD EPYC, this project's CI kind), measured with {@link #probe} the day the demo's time below was
     * (docs/RESULTS.md, issue 20).
     */
    static final double REFERENCE_IMAGES_PER_SECOND = 3300;
    /** The demo's wall time at its full budget on that machine, measured (docs/RESULTS.md, issue 20). */
    static final double REFERENCE_SECONDS = 600;
    /** Slower than the reference by more than this and the demo offers {@code --quick}. */
    static final double SLOW = 1.3;

    /**
     * Training images/s of cnn-small here, now: a warm-up of at least 2 s (the first steps build oneDNN's
     * kernels and wait for the JIT: a probe of 0.5 s measured 53 img/s on a machine that trains at
     * thousands), then at least 2 s of timed steps.
     */
    static double probe() {
        try (Throughput throughput = Throughput.open(new Workload("cnn-small", 1, 28, 64))) {
            throughput.warmUp(new WarmUp(10, 2.0, 6.0));
            Timing timing = throughput.run(10);
            int steps = 10;
            while (timing.seconds() < 2.0 && steps < 800) {
                steps *= 2;
                timing = throughput.run(steps);
            }
            return timing.imagesPerSecond();
        }
    }

    /** Prints the expected time of a demo whose baseline trains {@code steps} steps; offers --quick when slow. */
    static void announce(int steps, boolean quick, PrintWriter err) {
        err.println("demo: timing a few training steps to estimate how long this takes here...");
        double speed = probe();
        double slower = REFERENCE_IMAGES_PER_SECOND / speed;
        double seconds = REFERENCE_SECONDS * slower * steps / DemoCommand.STEPS;
        err.printf("demo: cnn-small trains at %,.0f img/s here (a quiet 2-core machine: %,.0f): about %s%n", speed,
                REFERENCE_IMAGES_PER_SECOND, minutes(seconds));
        if (slower > SLOW && !quick) {
            err.printf("demo: this machine is %.1fx slower than a quiet 2-core machine now (busy, or fewer cores); "
                    + "'./mentor demo --quick' trains a quarter of the budget in about %s (smaller gains)%n", slower,
                    minutes(seconds / DemoCommand.QUICK_DIVISOR));
        }
        err.flush();
    }

    private static String minutes(double seconds) {
        return seconds < 90 ? String.format("%.0f s", seconds) : String.format("%.0f minutes", seconds / 60);
    }
}
