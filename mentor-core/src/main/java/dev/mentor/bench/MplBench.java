package dev.mentor.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.MentorException;
import dev.mentor.augment.WeakAugment;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.method.ConsistencyConfig;
import dev.mentor.method.ConsistencyTraining;
import dev.mentor.method.MetaPseudoLabels;
import dev.mentor.method.Method;
import dev.mentor.method.MplConfig;
import dev.mentor.method.MplSign;
import dev.mentor.method.UdaTeacher;
import dev.mentor.train.BatchStream;
import dev.mentor.train.EngineSeed;
import dev.mentor.train.HostBatch;
import dev.mentor.train.Learner;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Schedule;
import dev.mentor.train.StepContext;
import dev.mentor.train.TargetSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The cost of a Meta Pseudo Labels step: steps per second and the median wall time of each phase
 * (teacher forward, student forward and backward, the student's two labeled measurements, its
 * update, teacher backward, teacher update), with the recipe of {@code train mpl} (Nesterov SGD,
 * μ·B unlabeled images in a weak and a strong view) on random images of 10 classes. Batches are
 * prepared before the clock starts, on one thread and timed apart (the host's augmentation cost per
 * step), so the phases are the models' work alone. A one-model UDA step on the same batches is timed
 * after it, as the reference MPL's second model is measured against.
 */
public final class MplBench {
    private static final int IMAGES = 1024;
    /** The phases of a step in the order they run (a step's components come unordered). */
    private static final List<String> PHASES = List.of("teacher_forward", "student_forward_backward", "student_measure",
            "student_update", "teacher_backward", "teacher_update");

    private MplBench() {}

    /**
     * @param phaseMillis median milliseconds of each phase, by name, in the order they run
     * @param stepMillis median milliseconds of a whole MPL step
     * @param udaStepMillis median milliseconds of a UDA step on the same batches
     * @param preparationMillis milliseconds to augment and normalise one step's batches on one thread
     */
    public record Result(Workload workload, int unlabeledBatch, int steps, Map<String, Double> phaseMillis,
            double stepMillis, double udaStepMillis, double preparationMillis) {
        public double stepsPerSecond() {
            return 1000 / stepMillis;
        }

        /** Labeled and unlabeled images per second (each unlabeled image counted once). */
        public double imagesPerSecond() {
            return stepsPerSecond() * (workload.batchSize() + unlabeledBatch);
        }
    }

    public static Result measure(Workload workload, int unlabeledRatio, int warmupSteps, int steps, long seed) {
        if (steps <= 0 || warmupSteps < 0) {
            throw MentorException.naming("{} and {}: need steps > 0 and warm-up >= 0, got " + steps + " and " + warmupSteps, "steps", "warmup_steps");
        }
        ConsistencyConfig consistency = new ConsistencyConfig(unlabeledRatio, 1, 0.8, 0.4, 0, true);
        MplConfig config = new MplConfig(consistency, 0.15, MplSign.THEORY, 1, 0.05, 0, 0, 0L, 1e-3, null);
        ArrayImageSet images = randomImages(workload, seed);
        Normalization normalization = new Normalization(fill(workload.channels(), 0.5f), fill(workload.channels(), 0.25f));
        try (NDManager manager = NDManager.newBaseManager()) {
            Learner teacher = Learner.create(workload.spec(), OptimizerConfig.sgd(5e-4), 0, manager, seed + 1);
            Learner student = Learner.create(workload.spec(), OptimizerConfig.sgd(5e-4), 0, manager, seed + 2);
            MetaPseudoLabels mpl = new MetaPseudoLabels(new UdaTeacher(teacher, consistency, config.labelSmoothing()), student,
                    config, Schedule.constant(0.05), () -> null, 0);
            BatchStream labeled = new BatchStream(images, workload.batchSize(), seed, List.of(WeakAugment.standard(workload.size(), true)),
                    normalization, TargetSource.oneHot(images));
            BatchStream unlabeled = new BatchStream(images, mpl.unlabeledBatchSize(workload.batchSize()), seed + 1,
                    mpl.unlabeledViews(), normalization, null);
            int total = warmupSteps + steps;
            long started = System.nanoTime();
            List<HostBatch[]> batches = new ArrayList<>();
            for (int s = 0; s < total; s++) {
                batches.add(new HostBatch[] {labeled.batch(s), unlabeled.batch(s)});
            }
            double preparation = (System.nanoTime() - started) / 1e6 / total;
            Map<String, double[]> phases = new LinkedHashMap<>();
            double[] mplSteps = time(mpl, student, workload, batches, warmupSteps, phases);
            Learner single = Learner.create(workload.spec(), OptimizerConfig.sgd(5e-4), 0, manager, seed + 3);
            double[] udaSteps = time(ConsistencyTraining.uda(single, consistency), single, workload, batches, warmupSteps, new LinkedHashMap<>());
            Map<String, Double> medians = new LinkedHashMap<>();
            PHASES.forEach(name -> medians.put(name, Stats.median(phases.remove("ms_" + name))));
            phases.forEach((name, values) -> medians.put(name.substring("ms_".length()), Stats.median(values)));
            return new Result(workload, mpl.unlabeledBatchSize(workload.batchSize()), steps, medians, Stats.median(mplSteps),
                    Stats.median(udaSteps), preparation);
        }
    }

    /** Runs every batch through {@code method}; returns the timed steps' milliseconds and fills each phase's. */
    private static double[] time(Method method, Learner scopeOwner, Workload workload, List<HostBatch[]> batches,
            int warmupSteps, Map<String, double[]> phases) {
        EngineSeed.forBenchmark();
        Shape imageShape = new Shape(workload.channels(), workload.size(), workload.size());
        int timed = batches.size() - warmupSteps;
        double[] millis = new double[timed];
        for (int s = 0; s < batches.size(); s++) {
            long started = System.nanoTime();
            Map<String, Float> components;
            try (NDManager scope = scopeOwner.manager().newSubManager()) {
                components = method.trainStep(new StepContext(scope, batches.get(s)[0], batches.get(s)[1], imageShape,
                        0.05f, s, 0)).components();
            }
            if (s >= warmupSteps) {
                int i = s - warmupSteps;
                millis[i] = (System.nanoTime() - started) / 1e6;
                components.forEach((name, value) -> {
                    if (name.startsWith("ms_")) {
                        phases.computeIfAbsent(name, n -> new double[timed])[i] = value;
                    }
                });
            }
        }
        return millis;
    }

    private static ArrayImageSet randomImages(Workload workload, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[IMAGES * workload.channels() * workload.size() * workload.size()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        int[] labels = new int[IMAGES];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            labels[i] = i % Workload.CLASSES;
        }
        for (int c = 0; c < Workload.CLASSES; c++) {
            names.add("class" + c);
        }
        return new ArrayImageSet(workload.channels(), workload.size(), workload.size(), pixels, labels, names);
    }

    private static float[] fill(int n, float value) {
        float[] a = new float[n];
        Arrays.fill(a, value);
        return a;
    }
}
