package dev.mentor.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.mentor.MentorException;
import dev.mentor.model.ModelFlops;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Mentor and the PyTorch peer measured alternately (A B A B ...), so that both see the same machine
 * state: on a shared or throttled machine a comparison of two separate runs measures the neighbours.
 * Mentor stays in this JVM: it warms up fully before its first round (see {@link WarmUp}) and briefly,
 * as the peer does, before each later one. The peer subprocess inherits this process's environment. With {@link Plan#peak()} the engine's matrix-multiply peak is measured right
 * after Mentor's steps in every round, so FLOP/s fractions compare numbers taken seconds apart.
 */
public final class SideBySide {
    private SideBySide() {}

    /**
     * @param rounds how many times each side is measured
     * @param steps Mentor's timed steps per round
     * @param peerSteps the peer's timed steps per round (after its own 3 warm-up steps)
     * @param threads intra-op threads of both sides
     * @param warmUp Mentor's warm-up before the first round
     * @param rewarm Mentor's warm-up before each later round
     * @param peak whether to measure {@link PeakFlops} in every round
     */
    public record Plan(int rounds, int steps, int peerSteps, int threads, WarmUp warmUp, WarmUp rewarm, boolean peak) {
        public Plan {
            if (rounds < 1) {
                throw MentorException.of("rounds", "must be >= 1, got " + rounds);
            }
            if (steps < 1) {
                throw MentorException.of("steps", "must be >= 1, got " + steps);
            }
            if (peerSteps < 1) {
                throw MentorException.of("peer_steps", "must be >= 1, got " + peerSteps);
            }
            if (threads < 1) {
                throw MentorException.of("threads", "must be >= 1, got " + threads);
            }
        }
    }

    /** One round: Mentor's warm-up and timed steps, then the peak and the peer when asked for. */
    public record Round(int number, Throughput.WarmedUp warmUp, Timing mentor, Optional<PeakFlops.Result> peak,
            Optional<PeerRunner.Result> peer) {
        /** Mentor's rate over the peer's. */
        public OptionalDouble ratio() {
            return peer.map(p -> OptionalDouble.of(mentor.imagesPerSecond() / p.imagesPerSecond()))
                    .orElse(OptionalDouble.empty());
        }
    }

    /** All rounds, with their medians. */
    public record Report(List<Round> rounds) {
        public double medianImagesPerSecond() {
            return Stats.median(rounds.stream().mapToDouble(r -> r.mentor().imagesPerSecond()).toArray());
        }

        public OptionalDouble medianPeerImagesPerSecond() {
            double[] rates = rounds.stream().flatMap(r -> r.peer().stream()).mapToDouble(PeerRunner.Result::imagesPerSecond).toArray();
            return rates.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Stats.median(rates));
        }

        public OptionalDouble medianRatio() {
            double[] ratios = rounds.stream().flatMapToDouble(r -> r.ratio().stream()).toArray();
            return ratios.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Stats.median(ratios));
        }

        /** Median over rounds of the training FLOP/s as a fraction of that round's peak. */
        public OptionalDouble medianPeakFraction(ModelFlops flops) {
            double[] fractions = rounds.stream().filter(r -> r.peak().isPresent())
                    .mapToDouble(r -> flops.trainingFlops() * r.mentor().imagesPerSecond() / 1e9 / r.peak().get().gigaflops())
                    .toArray();
            return fractions.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Stats.median(fractions));
        }

        public OptionalDouble medianPeakGigaflops() {
            double[] peaks = rounds.stream().flatMap(r -> r.peak().stream()).mapToDouble(PeakFlops.Result::gigaflops).toArray();
            return peaks.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Stats.median(peaks));
        }

        /** Median over rounds of each peak kernel's best rate, in the order measured. */
        public Map<String, Double> medianKernelGigaflops() {
            Map<String, List<Double>> byName = new LinkedHashMap<>();
            rounds.stream().flatMap(r -> r.peak().stream()).flatMap(p -> p.kernels().stream())
                    .forEach(k -> byName.computeIfAbsent(k.name(), n -> new ArrayList<>()).add(k.gigaflops()));
            Map<String, Double> medians = new LinkedHashMap<>();
            byName.forEach((name, rates) -> medians.put(name, Stats.median(rates.stream().mapToDouble(Double::doubleValue).toArray())));
            return medians;
        }
    }

    /** Sets PyTorch's intra-op thread count of this JVM (as {@code torch.set_num_threads}). */
    public static void useThreads(int threads) {
        Engine.getInstance();
        JniUtils.setNumThreads(threads);
    }

    /** "intra-op/inter-op" thread counts of this JVM's PyTorch. */
    public static String threads() {
        Engine.getInstance();
        return JniUtils.getNumThreads() + " intra-op, " + JniUtils.getNumInteropThreads() + " inter-op";
    }

    /**
     * Runs the plan; {@code onRound} sees each round as soon as it is done.
     *
     * @param peer the peer to alternate with, or empty to measure Mentor alone
     */
    public static Report run(Throughput mentor, Optional<PeerRunner> peer, Plan plan, Consumer<Round> onRound) {
        useThreads(plan.threads());
        List<Round> rounds = new ArrayList<>();
        for (int number = 1; number <= plan.rounds(); number++) {
            Throughput.WarmedUp warmUp = mentor.warmUp(number == 1 ? plan.warmUp() : plan.rewarm());
            Timing timed = mentor.run(plan.steps());
            Optional<PeakFlops.Result> peak = plan.peak() ? Optional.of(PeakFlops.measure()) : Optional.empty();
            Optional<PeerRunner.Result> peerResult =
                    peer.map(p -> p.run(mentor.workload(), plan.peerSteps(), plan.threads()));
            Round round = new Round(number, warmUp, timed, peak, peerResult);
            rounds.add(round);
            onRound.accept(round);
        }
        return new Report(List.copyOf(rounds));
    }
}
