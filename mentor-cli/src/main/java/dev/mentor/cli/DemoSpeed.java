package dev.mentor.cli;

import dev.mentor.bench.Throughput;
import dev.mentor.bench.Timing;
import dev.mentor.bench.WarmUp;
import dev.mentor.bench.Workload;
import java.io.PrintWriter;

/**
 * How long the demo will take here: a few seconds of cnn-small training steps on a random batch give this
 * machine's speed now, and the demo's plan gives the images it will train. When that is more than the 10
 * minutes the demo is sized for, it says by how much and offers {@code --quick}.
 */
final class DemoSpeed {
    private DemoSpeed() {}

    /** The time the demo is sized for. */
    static final double BUDGET_SECONDS = 600;

    /**
     * Images the demo trains for a baseline of {@code steps} steps: the baseline's batches of 64 labeled
     * images, then Noisy Student's half as many steps of 64 labeled and 192 pseudo-labeled images
     * ({@link Fit#plan}). Validation, pseudo-labeling the pool and testing come on top: on the one demo
     * measured end to end (docs/RESULTS.md, issue 20) they were about a tenth of its time.
     */
    static long images(int steps) {
        return steps * 64L + (steps / 2) * 256L;
    }

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

    /** Prints the expected time of a demo whose baseline trains {@code steps} steps; offers --quick when it is over budget. */
    static void announce(int steps, boolean quick, PrintWriter err) {
        err.println("demo: timing a few training steps to estimate how long this takes here...");
        double speed = probe();
        double seconds = images(steps) / speed;
        err.printf("demo: cnn-small trains at %,.0f img/s here now: %,d training images, about %s%n", speed, images(steps), minutes(seconds));
        if (seconds > BUDGET_SECONDS && !quick) {
            err.printf("demo: that is %.1fx the %s the demo is sized for (the machine is busy, or slower); "
                    + "'./mentor demo --quick' trains a quarter of the budget in about %s (smaller gains)%n", seconds / BUDGET_SECONDS,
                    minutes(BUDGET_SECONDS), minutes(seconds / DemoCommand.QUICK_DIVISOR));
        }
        err.flush();
    }

    private static String minutes(double seconds) {
        return seconds < 90 ? String.format("%.0f s", seconds) : String.format("%.0f minutes", seconds / 60);
    }
}
