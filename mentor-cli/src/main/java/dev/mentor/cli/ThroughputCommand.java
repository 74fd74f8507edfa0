package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.augment.AugmentBench;
import dev.mentor.augment.Policies;
import dev.mentor.bench.Environment;
import dev.mentor.bench.PeakFlops;
import dev.mentor.bench.PeerRunner;
import dev.mentor.bench.SideBySide;
import dev.mentor.bench.Stats;
import dev.mentor.bench.Throughput;
import dev.mentor.bench.Timing;
import dev.mentor.bench.WarmUp;
import dev.mentor.bench.Workload;
import dev.mentor.model.MemoryFormat;
import dev.mentor.model.ModelFlops;
import dev.mentor.report.ThroughputResult;
import dev.mentor.train.Precision;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code mentor bench throughput}: training images per second on random data with the recipe of the
 * PyTorch peer; with {@code --peer}, Mentor and the peer alternate round by round in one command and
 * each round's ratio is printed. Prints {@code img/s: N} (Mentor's median over rounds) as its last line.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Training throughput on random data (Nesterov SGD, cross-entropy), optionally side by side "
                + "with the PyTorch peer (rounds alternate: Mentor, peer, Mentor, peer, ...).",
                "Last line: img/s: N (Mentor's median over rounds)"})
final class ThroughputCommand extends Subcommand {
    @Option(names = "--model", defaultValue = "cnn-small", description = "Architecture (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--batch-size", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--steps", defaultValue = "30", description = "Timed steps per round (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--channels", defaultValue = "1", description = "Image channels (default: ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--size", defaultValue = "28", description = "Image height and width (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--memory-format", defaultValue = "channels-last", converter = MemoryFormatConverter.class,
            description = "Layout of the batch and so of the whole network: channels-last (NHWC strides, as training "
                    + "does) or contiguous (NCHW); the peer runs its script's default, contiguous (default: ${DEFAULT-VALUE})")
    MemoryFormat memoryFormat;

    @Option(names = "--threads", defaultValue = "2",
            description = "PyTorch intra-op threads, of Mentor and of the peer (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--warmup-steps", defaultValue = "10",
            description = "Warm-up before the first round: at least this many steps (default: ${DEFAULT-VALUE})...")
    int warmupSteps;

    @Option(names = "--warmup-seconds", defaultValue = "2",
            description = "...and at least this many seconds (default: ${DEFAULT-VALUE}), then until the JIT compiler is quiet...")
    double warmupSeconds;

    @Option(names = "--warmup-max-seconds", defaultValue = "60",
            description = "...but no longer than this in all (default: ${DEFAULT-VALUE}). Later rounds warm up 3 steps, as the peer")
    double warmupMaxSeconds;

    @Option(names = "--precision", defaultValue = "fp32", description = "fp32, or bf16 as train --precision (the peer then "
            + "runs under torch.autocast(\"cpu\", bfloat16)) (default: ${DEFAULT-VALUE})")
    String precision;

    @Option(names = "--rounds", defaultValue = "3", description = "Measurements of each side (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--peer", paramLabel = "PATH", description = "The PyTorch peer script (peer_train.py) to alternate with")
    Path peer;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch for --peer (default: ${DEFAULT-VALUE})")
    Path python;

    @Option(names = "--peer-steps", description = "The peer's timed steps per round, after its own 3 warm-up steps (default: --steps)")
    Integer peerSteps;

    @Option(names = "--flops", description = "Also print the model's training GFLOP/s and its fraction of the engine's peak (matMul and conv3x3), measured in every round")
    boolean flops;

    @Option(names = "--augment", paramLabel = "POLICY", description = "Also augment, on one thread after every round, "
            + "as many images as the round trained with this policy (e.g. weak+randaugment:n=2,m=9) and print what "
            + "augmenting a batch costs as a fraction of a training step")
    String augment;
    @Option(names = "--json", paramLabel = "FILE", description = "Also write the rounds as JSON, for mentor report --throughput")
    Path json;

    @Mixin
    Verbose verbose;

    @Override
    public Integer call() {
        if (augment != null) {
            checkPolicy(augment);
        }
        Workload workload = new Workload(model, channels, size, batchSize, memoryFormat, Precision.parse(precision));
        int peerStepCount = peerSteps != null ? peerSteps : steps;
        WarmUp warmUp = new WarmUp(warmupSteps, warmupSeconds, warmupMaxSeconds);
        SideBySide.Plan plan = new SideBySide.Plan(rounds, steps, peerStepCount, threads, warmUp, WarmUp.PEER, flops);
        Optional<ModelFlops> modelFlops = flops ? Optional.of(ModelFlops.of(workload.spec())) : Optional.empty();
        Optional<PeerRunner> runner = Optional.ofNullable(peer).map(p -> PeerRunner.open(python, p));
        PrintWriter out = out();
        try (Throughput mentor = Throughput.open(workload)) {
            SideBySide.useThreads(threads);
            out.printf("mentor %s params=%d batch=%d steps=%d threads=%s memory-format=%s precision=%s%n", model, mentor.parameters(),
                    batchSize, steps, SideBySide.threads(), memoryFormat.label(), workload.precision());
            out.printf("environment: %s%s; jvm: %s%n", Environment.variables(),
                    runner.isPresent() ? " (the peer inherits it)" : "", Environment.jvmFlags());
            out.printf("warm-up: first round >= %d steps and >= %.1f s, then until the JIT compiler works < %.0f%% of a "
                    + "window of >= %.0f s and >= %d steps (at most %.0f s in all); later rounds %d steps%n",
                    warmUp.minimumSteps(), warmUp.minimumSeconds(), 100 * WarmUp.QUIET_FRACTION, WarmUp.WINDOW_SECONDS,
                    WarmUp.WINDOW_STEPS, warmUp.maximumSeconds(), WarmUp.PEER.minimumSteps());
            runner.ifPresent(r -> out.printf("peer: %s, %d timed steps after its own %d warm-up steps, contiguous NCHW%n",
                    String.join(" ", r.command(workload, peerStepCount, threads)), peerStepCount, WarmUp.PEER.minimumSteps()));
            out.flush();
            List<Double> augmentShares = new ArrayList<>();
            SideBySide.Report report = SideBySide.run(mentor, runner, plan, round -> {
                printRound(out, round, modelFlops);
                if (augment != null) {
                    augmentShares.add(printAugmentCost(out, round));
                }
            });
            report.rounds().stream().flatMap(r -> r.peer().stream()).findFirst()
                    .ifPresent(p -> out.printf("peer: %s%n", p.description()));
            if (runner.isPresent()) {
                out.printf("median of %d rounds: mentor %.1f img/s, peer %.1f img/s, ratio %.2f%n", rounds,
                        report.medianImagesPerSecond(), report.medianPeerImagesPerSecond().orElseThrow(),
                        report.medianRatio().orElseThrow());
            }
            modelFlops.ifPresent(f -> printFlops(out, f, report));
            if (augment != null) {
                out.printf("augment %s: a batch of %d costs %.1f%% of a training step (median of %d rounds, one thread)%n",
                        augment, batchSize, 100 * Stats.median(augmentShares.stream().mapToDouble(Double::doubleValue).toArray()),
                        rounds);
            }
            if (json != null) {
                writeJson(report, runner.map(r -> String.join(" ", r.command(workload, peerStepCount, threads))).orElse(null));
            }
            out.printf("img/s: %.1f%n", report.medianImagesPerSecond());
        }
        return 0;
    }

    /** The workload and each round's rates, as {@code mentor report --throughput} reads them. */
    private void writeJson(SideBySide.Report report, String peerCommand) {
        String peerDescription = report.rounds().stream().flatMap(r -> r.peer().stream()).findFirst()
                .map(p -> p.description() + " (" + peerCommand + ")").orElse(null);
        List<ThroughputResult.Round> rounds = new ArrayList<>();
        for (SideBySide.Round round : report.rounds()) {
            rounds.add(new ThroughputResult.Round(round.mentor().imagesPerSecond(),
                    round.peer().map(PeerRunner.Result::imagesPerSecond).orElse(null)));
        }
        new ThroughputResult(model, batchSize, threads, memoryFormat.label(), peerDescription, rounds, report.medianImagesPerSecond(),
                report.medianPeerImagesPerSecond().isPresent() ? report.medianPeerImagesPerSecond().getAsDouble() : null).write(json);
    }

    /** Reads {@code --memory-format} values with their user-facing spelling. */
    static final class MemoryFormatConverter implements ITypeConverter<MemoryFormat> {
        @Override
        public MemoryFormat convert(String value) {
            return MemoryFormat.parse(value);
        }
    }

    private static void checkPolicy(String policy) {
        try {
            Policies.parse(policy, 32);
        } catch (IllegalArgumentException e) {
            throw new MentorException("--augment: " + e.getMessage());
        }
    }

    /** Augments as many images as the round trained; prints and returns the cost relative to a step. */
    private double printAugmentCost(PrintWriter out, SideBySide.Round round) {
        int images = round.mentor().steps() * batchSize;
        AugmentBench.Result r = AugmentBench.measure(augment, channels, size, size, images, round.number(),
                round.number() == 1 ? 2.0 : 0.0);
        double batchMillis = 1000.0 * batchSize / r.imagesPerSecond();
        double stepMillis = 1000.0 * batchSize / round.mentor().imagesPerSecond();
        double share = batchMillis / stepMillis;
        out.printf("round %d: augment %.0f img/s on one thread: %.2f ms per batch of %d against a %.1f ms training step "
                + "(%.1f%%)%n", round.number(), r.imagesPerSecond(), batchMillis, batchSize, stepMillis, 100 * share);
        out.flush();
        return share;
    }

    private static void printRound(PrintWriter out, SideBySide.Round round, Optional<ModelFlops> flops) {
        Timing w = round.warmUp().timing();
        Timing m = round.mentor();
        StringBuilder line = new StringBuilder(String.format(
                "round %d: warm-up %d steps %.2f s (jit %d ms%s); mentor %.1f img/s (%d steps %.2f s, jit %d ms, gc %d ms)",
                round.number(), w.steps(), w.seconds(), w.compileMillis(), round.warmUp().compilerQuiet() ? ", then quiet" : "",
                m.imagesPerSecond(), m.steps(), m.seconds(), m.compileMillis(), m.gcMillis()));
        round.peer().ifPresent(p -> line.append(String.format("; peer %.1f img/s; ratio %.2f", p.imagesPerSecond(),
                round.ratio().orElseThrow())));
        round.peak().ifPresent(p -> flops.ifPresent(f -> line.append(String.format(
                "; %.1f GFLOP/s of peak %.1f (%.0f%%)", gigaflops(f, m), p.gigaflops(), 100 * gigaflops(f, m) / p.gigaflops()))));
        out.println(line);
        out.flush();
    }

    private static void printFlops(PrintWriter out, ModelFlops f, SideBySide.Report report) {
        out.printf("flops: forward %.2f MFLOP/image (convolution and linear multiply-adds, 2 FLOPs each; BatchNorm, "
                + "activations, pooling, additions not counted), training %.2f MFLOP/image (%d x forward)%n",
                f.forwardFlops() / 1e6, f.trainingFlops() / 1e6, ModelFlops.TRAINING_FACTOR);
        double achieved = f.trainingFlops() * report.medianImagesPerSecond() / 1e9;
        StringBuilder kernels = new StringBuilder();
        report.medianKernelGigaflops().forEach((name, rate) ->
                kernels.append(kernels.length() == 0 ? "" : ", ").append(String.format("%s %.1f", name, rate)));
        out.printf("flops: peak kernels (best of %d per round, median over rounds, GFLOP/s): %s%n",
                PeakFlops.REPETITIONS, kernels);
        out.printf("flops: training %.1f GFLOP/s at the median rate; peak %.1f GFLOP/s (the faster kernel, median over "
                + "rounds); %.1f%% of peak (median over rounds of each round's fraction)%n", achieved,
                report.medianPeakGigaflops().orElseThrow(), 100 * report.medianPeakFraction(f).orElseThrow());
    }

    private static double gigaflops(ModelFlops f, Timing t) {
        return f.trainingFlops() * t.imagesPerSecond() / 1e9;
    }
}
