package dev.mentor.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.mentor.MentorException;
import dev.mentor.loss.Losses;
import dev.mentor.train.Learner;
import dev.mentor.train.OptimizerConfig;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Training throughput on one fixed random batch with the recipe of the PyTorch peer: Nesterov SGD
 * (lr 0.03, momentum 0.9, weight decay 5e-4 on every parameter) and cross-entropy. One instance keeps
 * its model between calls, so a JVM warmed up once can be timed again and again (alternating with the
 * peer). Typical use: {@code warmUp(plan)} then {@code run(steps)}.
 */
public final class Throughput implements AutoCloseable {
    private static final float LEARNING_RATE = 0.03f;
    private static final OptimizerConfig PEER_SGD =
            new OptimizerConfig("sgd", 0.9, true, 5e-4, true, 0.9, 0.999, 1e-8);

    private final Workload workload;
    private final NDManager manager;
    private final Learner learner;
    private final NDArray images;
    private final NDArray targets;

    private Throughput(Workload workload) {
        this.workload = workload;
        this.manager = NDManager.newBaseManager();
        this.learner = Learner.create(workload.spec(), PEER_SGD, 0, manager, 0);
        learner.model().setInputFormat(workload.memoryFormat());
        learner.precision(workload.precision());
        Shape shape = new Shape(workload.batchSize(), workload.channels(), workload.size(), workload.size());
        this.images = manager.randomNormal(shape);
        NDArray labels = manager.randomInteger(0, Workload.CLASSES, new Shape(workload.batchSize()), DataType.INT32);
        this.targets = labels.oneHot(Workload.CLASSES);
    }

    /** Builds and initialises the model of the workload and its random batch. */
    public static Throughput open(Workload workload) {
        return new Throughput(workload);
    }

    public Workload workload() {
        return workload;
    }

    /** Trainable values of the model (the peer prints the same count). */
    public long parameters() {
        return learner.parameterCount();
    }

    /**
     * What a warm-up did.
     *
     * @param compilerQuiet whether it ended on a full window in which the JIT compiler was quiet (false
     *     when it ran into the plan's maximum, or the plan does not wait for the compiler)
     */
    public record WarmedUp(Timing timing, boolean compilerQuiet) {}

    /** Trains as long as the plan says (see {@link WarmUp}); returns what was done. */
    public WarmedUp warmUp(WarmUp plan) {
        Probe probe = new Probe();
        int steps = 0;
        while (!plan.reachedMinimum(steps, probe.seconds())) {
            step();
            steps++;
        }
        boolean quiet = false;
        while (!quiet && probe.seconds() < plan.maximumSeconds()) {
            Probe window = new Probe();
            int windowSteps = 0;
            do {
                step();
                steps++;
                windowSteps++;
            } while (!WarmUp.fullWindow(windowSteps, window.seconds()) && probe.seconds() < plan.maximumSeconds());
            Timing w = window.timing(windowSteps, workload.batchSize());
            quiet = WarmUp.fullWindow(windowSteps, w.seconds()) && WarmUp.quiet(w.compileMillis(), w.seconds());
        }
        return new WarmedUp(probe.timing(steps, workload.batchSize()), quiet);
    }

    /** Times {@code steps} training steps. */
    public Timing run(int steps) {
        if (steps <= 0) {
            throw MentorException.of("steps", "must be > 0, got " + steps);
        }
        Probe probe = new Probe();
        for (int i = 0; i < steps; i++) {
            step();
        }
        return probe.timing(steps, workload.batchSize());
    }

    /**
     * One step; the input is copied into the step's scope (keeping its memory format) so every
     * activation is freed with it.
     */
    private void step() {
        try (NDManager scope = learner.manager().newSubManager()) {
            NDArray input = images.duplicate();
            input.attach(scope);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = learner.forward(input, true).get(0);
                collector.backward(Losses.softCrossEntropy(logits, targets));
            }
            learner.step(LEARNING_RATE);
        }
    }

    @Override
    public void close() {
        learner.close();
        manager.close();
    }

    /** Wall time, JIT and GC time since construction. */
    private static final class Probe {
        private final long start = System.nanoTime();
        private final long compile = compileMillis();
        private final long gc = gcMillis();

        double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }

        Timing timing(int steps, int batchSize) {
            return new Timing(steps, batchSize, seconds(), compileMillis() - compile, gcMillis() - gc);
        }

        private static long compileMillis() {
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        }

        private static long gcMillis() {
            long total = 0;
            for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
                total += Math.max(0, bean.getCollectionTime());
            }
            return total;
        }
    }
}
