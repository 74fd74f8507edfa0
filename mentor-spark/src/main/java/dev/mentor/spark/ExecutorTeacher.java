package dev.mentor.spark;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.mentor.data.ImageSet;
import dev.mentor.eval.Predictor;
import dev.mentor.run.PseudoLabelRun;
import dev.mentor.teacher.RunTeacher;
import dev.mentor.train.SavedModel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The teacher inside one executor process: loaded once per JVM (the first task that needs it writes the
 * shipped files and builds the model; every later task of any job with the same teacher reuses it) and
 * run by one task at a time, on as many engine threads as the process has task slots (set process-wide
 * before each batch). Tasks decode their images in parallel and queue for the model, so the process
 * never runs more compute threads than its cores. Predictions go through {@link Predictor} with {@link
 * PseudoLabelRun#BATCH_SIZE}, as {@code mentor pseudo-label}'s do.
 */
final class ExecutorTeacher {
    private static final ConcurrentHashMap<String, ExecutorTeacher> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private final Predictor predictor;

    private ExecutorTeacher(java.nio.file.Path run) {
        Engine.getInstance();
        SavedModel saved = SavedModel.read(run);
        NDManager manager = NDManager.newBaseManager(); // lives as long as the process, as the teacher does
        // loaded as PseudoLabelRun loads it: a RunTeacher (frozen), its learner run with the run's own normalisation
        RunTeacher teacher = new RunTeacher(run, saved, saved.normalization(), manager);
        this.predictor = new Predictor(teacher.learner(), saved.normalization(), PseudoLabelRun.BATCH_SIZE);
    }

    /** This process's teacher of {@code fingerprint}, loaded from {@code shipped} (only read when it is not loaded yet). */
    static ExecutorTeacher get(String fingerprint, Supplier<TeacherPackage> shipped) {
        noGradients();
        return LOADED.computeIfAbsent(fingerprint, f -> {
            LOADS.incrementAndGet();
            return new ExecutorTeacher(shipped.get().unpack());
        });
    }

    /** How many teachers this process has loaded. */
    static int loads() {
        return LOADS.get();
    }

    /** Row-major distributions of the images, one task at a time, on {@code threads} engine threads. */
    synchronized float[] probabilities(ImageSet images, int threads) {
        noGradients();
        if (JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
        return predictor.probabilities(images);
    }

    /**
     * PyTorch's gradient mode belongs to each thread and is on in a new one; DJL turns it off only in the
     * thread that starts the engine. A task thread of Spark's turns it off itself, or loading the weights
     * fails (an in-place write to a leaf that requires gradients) and every forward would record a graph.
     */
    private static void noGradients() {
        Engine.getInstance();
        if (JniUtils.isGradMode()) {
            JniUtils.setGradMode(false);
        }
    }
}
