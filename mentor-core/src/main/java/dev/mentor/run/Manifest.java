package dev.mentor.run;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.mentor.io.RecordFormat;
import dev.mentor.ndarray.NativeAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The provenance of a run, its {@code manifest.json}: software versions, machine and threads, seed, data
 * fingerprint and split sizes. The counts are boxed: a manifest written by hand or by an older build may
 * lack them, and a reader then falls back on the config.
 *
 * @param intraOpThreads PyTorch's intra-op threads: results are bit-identical only at the same thread
 *     counts ({@code OMP_NUM_THREADS} sets this one)
 * @param allocator the C allocator behind PyTorch's tensors ({@link NativeAllocator#label()}): the same run is several
 *     times slower under glibc's malloc than under tcmalloc, so a wall time means little without it; null in a manifest
 *     of a build before it was recorded
 * @param started when the run started (ISO-8601)
 * @param data the data source's name
 * @param dataFingerprint the digest of the data's bytes, which a run using this one's model checks its own data against
 * @param labeled labeled training images
 * @param unlabeled unlabeled pool images
 * @param validation validation images
 * @param test test images, 0 without a test split
 */
public record Manifest(String mentorVersion, String djlVersion, String engine, String javaVersion, String os, Integer cores,
        Integer intraOpThreads, Integer interOpThreads, String allocator, String started, long seed, String data, String dataFingerprint,
        Integer labeled, Integer unlabeled, Integer validation, Integer test) {
    public static final String MENTOR_VERSION = "0.1.0";

    /**
     * {@code manifest.json}: version 1. Its keys were snake_case before it had a version too, so a file
     * of an earlier build differs only in lacking {@code format} and {@code version}.
     */
    public static final RecordFormat FILE = RecordFormat.lenient("manifest", 1, RecordFormat.Legacy.SNAKE_CASE);

    /** The manifest of a new run of {@code config} on {@code prepared}, as {@link Experiment} writes it when it starts. */
    public static Manifest of(ExperimentConfig config, Experiment.Prepared prepared) {
        return new Manifest(MENTOR_VERSION, Engine.getDjlVersion(),
                Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion(), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(), NativeAllocator.current().label(), Instant.now().toString(), config.seed(),
                prepared.data().name(), prepared.data().fingerprint(), prepared.labeled().size(), prepared.unlabeled().size(),
                prepared.validation().size(), prepared.data().hasTest() ? prepared.data().test().size() : 0);
    }

    public void write(Path file) {
        FILE.write(file, this);
    }

    public static Manifest read(Path file) {
        return FILE.read(file, Manifest.class);
    }

    /** The data fingerprint the run in {@code folder} recorded, or null when it has no manifest or the manifest none. */
    public static String dataFingerprint(Path folder) {
        Path file = folder.resolve(RunDirectory.MANIFEST);
        return Files.isRegularFile(file) ? read(file).dataFingerprint() : null;
    }
}
