package dev.mentor.run;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The provenance of a run: software versions, machine and threads, seed, data fingerprint and split sizes. */
public final class Manifest {
    public static final String MENTOR_VERSION = "0.1.0";

    private Manifest() {}

    static Map<String, Object> of(ExperimentConfig config, Experiment.Prepared prepared) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mentor_version", MENTOR_VERSION);
        m.put("djl_version", Engine.getDjlVersion());
        m.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        m.put("java_version", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        // results are bit-identical only at the same thread counts (OMP_NUM_THREADS sets the intra-op one)
        m.put("intra_op_threads", JniUtils.getNumThreads());
        m.put("inter_op_threads", JniUtils.getNumInteropThreads());
        m.put("started", Instant.now().toString());
        m.put("seed", config.seed());
        m.put("data", prepared.data().name());
        m.put("data_fingerprint", prepared.data().fingerprint());
        m.put("labeled", prepared.labeled().size());
        m.put("unlabeled", prepared.unlabeled().size());
        m.put("validation", prepared.validation().size());
        m.put("test", prepared.data().hasTest() ? prepared.data().test().size() : 0);
        return m;
    }
}
