package dev.mentor.cli;

import dev.mentor.bench.MplBench;
import dev.mentor.bench.Workload;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mentor bench mpl}: steps per second of Meta Pseudo Labels and the median cost of each phase of
 * its step, beside a one-model UDA step on the same batches. Prints {@code img/s: N} last.
 */
@Command(name = "mpl", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Meta Pseudo Labels step cost on random images: steps/s and each phase's median ms "
                + "(batches prepared before timing; their preparation is timed apart).", "Last line: img/s: N (labeled + unlabeled)"})
final class BenchMplCommand extends Subcommand {
    @Option(names = "--model", defaultValue = "cnn-small", description = "Architecture of teacher and student (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--channels", defaultValue = "1", description = "Image channels (default: ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--size", defaultValue = "28", description = "Image height and width (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--batch-size", defaultValue = "64", description = "Labeled images per step, B (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--unlabeled-ratio", defaultValue = "7", description = "μ: μ·B unlabeled images per step (default: ${DEFAULT-VALUE})")
    int unlabeledRatio;

    @Option(names = "--steps", defaultValue = "20", description = "Timed steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--warmup-steps", defaultValue = "5", description = "Untimed steps first (default: ${DEFAULT-VALUE})")
    int warmupSteps;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of images, initialisation and draws (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    Verbose verbose;

    @Override
    public Integer call() {
        MplBench.Result r = MplBench.measure(new Workload(model, channels, size, batchSize), unlabeledRatio, warmupSteps, steps, seed);
        PrintWriter out = out();
        out.printf(Locale.ROOT, "mentor mpl %s %dx%dx%d batch=%d unlabeled=%d (weak + strong) steps=%d after %d warm-up%n",
                model, channels, size, size, batchSize, r.unlabeledBatch(), r.steps(), warmupSteps);
        out.printf(Locale.ROOT, "batch preparation (augmentation, one thread, not in the step): %.1f ms/step%n", r.preparationMillis());
        out.printf(Locale.ROOT, "%-26s %10s %7s%n", "phase", "median ms", "share");
        double sum = r.phaseMillis().values().stream().mapToDouble(Double::doubleValue).sum();
        r.phaseMillis().forEach((name, ms) -> out.printf(Locale.ROOT, "%-26s %10.1f %6.1f%%%n", name, ms, 100 * ms / sum));
        out.printf(Locale.ROOT, "%-26s %10.1f%n", "mpl step", r.stepMillis());
        out.printf(Locale.ROOT, "%-26s %10.1f   (one model on the same batches: MPL costs %.2fx)%n", "uda step", r.udaStepMillis(),
                r.stepMillis() / r.udaStepMillis());
        out.printf(Locale.ROOT, "steps/s: %.2f%n", r.stepsPerSecond());
        out.printf(Locale.ROOT, "img/s: %.1f%n", r.imagesPerSecond());
        return 0;
    }
}
