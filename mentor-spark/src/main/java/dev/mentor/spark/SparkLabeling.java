package dev.mentor.spark;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.mentor.Interrupted;
import dev.mentor.Interruption;
import dev.mentor.MentorException;
import dev.mentor.io.Json;
import dev.mentor.run.DistributedLabelingJob;
import dev.mentor.run.DistributedPseudoLabeling;
import dev.mentor.teacher.PseudoLabels;
import dev.mentor.train.SavedModel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Pseudo-labels a pool on Apache Spark (the {@code spark} {@link DistributedPseudoLabeling}): checks the
 * options, the teacher and the output folder before starting Spark, divides the pool into shards ({@link
 * FolderPlan}, {@link ParquetPlan}), ships the teacher's files as a broadcast, labels the shards not yet
 * finished in {@code OUT} ({@link ShardLabeler} on the executors, one task a shard) and adds up the
 * report from the shards' summaries. The driver never holds the labels: its memory is the pool's listing
 * (a folder) and one summary per shard.
 */
public final class SparkLabeling implements DistributedPseudoLabeling {
    /** The launcher's list of the jars an executor needs beside Spark, for a cluster whose executors lack them. */
    static final String JARS_PROPERTY = "mentor.spark.jars";

    @Override
    public String engine() {
        return "spark";
    }

    @Override
    public DistributedLabelingJob.Summary label(DistributedLabelingJob job, Consumer<String> log) {
        long started = System.nanoTime();
        // model.ckpt read once: the driver's model and the executors' copy are the same bytes
        byte[] model = readTeacher(job.teacher(), SavedModel::readBytes);
        SavedModel saved = readTeacher(job.teacher(), run -> SavedModel.parse(SavedModel.file(run), model));
        TeacherPackage teacher = TeacherPackage.of(job.teacher(), saved, model);
        if (Files.exists(job.out()) && !Files.isDirectory(job.out())) {
            throw new MentorException("--out: " + job.out() + " exists and is not a directory");
        }
        checkReachable(job.master());
        FolderPlan folder = job.pool().kind() == DistributedLabelingJob.Pool.Kind.FOLDER
                ? FolderPlan.of(Path.of(job.pool().location()), saved, job.shardSize()) : null;
        try (SparkSession spark = session(job)) {
            PoolPlan plan = folder != null ? folder : ParquetPlan.of(spark, job.pool(), job.shardSize());
            ArtifactManifest manifest = ArtifactManifest.of(job, saved, teacher.fingerprint(), plan);
            manifest.prepare(job.out(), job.force());
            List<Integer> missing = PoolPlan.missing(job.out(), plan.shards());
            log.accept(String.format("labeling %,d images of %s with %s on %s: %d of %d shards to do -> %s", plan.images(), job.pool(),
                    job.teacher(), job.master(), missing.size(), plan.shards(), job.out()));
            List<ShardSummary> done = new ArrayList<>();
            long jobStarted = System.nanoTime();
            if (!missing.isEmpty()) {
                JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
                Broadcast<TeacherPackage> shipped = context.broadcast(teacher);
                ShardJob shardJob = ShardJob.of(job, teacher.fingerprint(), saved.spec());
                Thread progress = progress(job.out(), plan.shards(), log);
                int engineThreads = engineThreadsBefore(job.master());
                try {
                    done = folder != null ? folder.label(context, shardJob, shipped, missing)
                            : ((ParquetPlan) plan).label(shardJob, shipped, missing);
                } catch (Exception e) { // Spark throws its checked SparkException undeclared
                    Interruption.Request stop = Interruption.pending();
                    if (stop != null) { // Ctrl-C: tasks stopped between two batches; finished shards are kept
                        throw new Interrupted(stop, 0, -1).continuedBy("the same command (it labels the shards left)");
                    }
                    throw failed(e);
                } finally {
                    progress.interrupt();
                    if (engineThreads > 0 && JniUtils.getNumThreads() != engineThreads) {
                        JniUtils.setNumThreads(engineThreads);
                    }
                }
                shipped.destroy();
            }
            double seconds = (System.nanoTime() - jobStarted) / 1e9;
            long imagesNow = done.stream().mapToLong(ShardSummary::images).sum();
            SparkReport report = SparkReport.of(job.out(), manifest.content(), plan.shards(), done.size(), seconds, imagesNow);
            report.write(job.out());
            if (report.labeled() == 0) {
                throw new MentorException("--unlabeled: none of the " + report.images() + " images of " + job.pool()
                        + " could be labeled; " + job.out().resolve(Artifact.REPORT_TEXT) + " says why");
            }
            log.accept(String.format("pseudo-labeled %,d images (%,d skipped) in %.1f s -> %s", report.labeled(), report.skipped(),
                    (System.nanoTime() - started) / 1e9, job.out()));
            return new DistributedLabelingJob.Summary(report.images(), report.labeled(), report.skipped(), plan.shards(), done.size(),
                    seconds);
        }
    }

    /**
     * With a local master the executors are this process, and a task sets the engine's thread count process-wide ({@link
     * ExecutorTeacher}): the count before the job, put back after it, so what this process does next (a distillation trains
     * after labeling its pool) runs on the threads it would have; 0 on a cluster, whose executors are processes of their own.
     */
    private static int engineThreadsBefore(String master) {
        if (!master.startsWith("local")) {
            return 0;
        }
        Engine.getInstance();
        return JniUtils.getNumThreads();
    }

    /** A thread that says every 30 s how many shards are finished (their summaries in {@code out}), while the job runs. */
    private static Thread progress(Path out, int shards, Consumer<String> log) {
        Thread thread = new Thread(() -> {
            long started = System.nanoTime();
            long last = -1;
            try {
                while (true) {
                    Thread.sleep(30_000);
                    long finished;
                    try (var files = Files.list(out.resolve(Artifact.SHARDS))) {
                        finished = files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
                    }
                    if (finished != last) {
                        log.accept(String.format("%d of %d shards finished (%.0f s)", finished, shards, (System.nanoTime() - started) / 1e9));
                        last = finished;
                    }
                }
            } catch (InterruptedException | IOException e) {
                // the job ended, or the folder cannot be listed: no more progress lines
            }
        }, "mentor-spark-progress");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public PseudoLabels read(Path folder, String teacherFingerprint, List<String> ids) {
        if (!Files.isRegularFile(folder.resolve(Artifact.MANIFEST))) {
            return null;
        }
        return SparkArtifact.open(folder).toPseudoLabels(teacherFingerprint, ids);
    }

    @Override
    public String distribution(Path folder) {
        Path manifest = folder.resolve(Artifact.MANIFEST);
        return Files.isRegularFile(manifest) ? Json.read(manifest).path("distribution").asText(null) : null;
    }

    @Override
    public void delete(Path folder) {
        try {
            ArtifactManifest.clear(folder);
        } catch (IOException e) {
            throw new MentorException(folder + ": cannot delete its Spark artifact (" + e.getMessage() + ")", e);
        }
    }

    private static <T> T readTeacher(Path run, java.util.function.Function<Path, T> read) {
        try {
            return read.apply(run);
        } catch (MentorException e) {
            throw "checkpoint".equals(e.component()) ? e.about("teacher") : e.within("teacher");
        }
    }

    /** A standalone master that does not answer is a configuration error, said at once (Spark itself retries for a minute). */
    static void checkReachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        IOException last = null;
        for (String address : master.substring("spark://".length()).split(",")) {
            int colon = address.lastIndexOf(':');
            if (colon < 0) {
                throw new MentorException("--spark: " + master + " names no port (spark://HOST:PORT)");
            }
            int port;
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new MentorException("--spark: " + master + " has no valid port (spark://HOST:PORT)");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address.substring(0, colon), port), 5000);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new MentorException("--spark: cannot reach the master " + master + " (" + last.getMessage() + ")");
    }

    private static SparkSession session(DistributedLabelingJob job) {
        SparkSession.Builder builder = SparkSession.builder().appName("mentor pseudo-label").master(job.master())
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false");
        for (Map.Entry<String, String> setting : job.settings().entrySet()) {
            builder.config(setting.getKey(), setting.getValue());
        }
        if (job.master().startsWith("local")) { // everything in this process: no address but loopback
            builder.config("spark.driver.host", job.settings().getOrDefault("spark.driver.host", "127.0.0.1"));
            builder.config("spark.driver.bindAddress", job.settings().getOrDefault("spark.driver.bindAddress", "127.0.0.1"));
        }
        // what spark-submit's --conf gave (system properties) or --conf here, plus what DJL needs to stay offline
        String options = job.settings().getOrDefault("spark.executor.extraJavaOptions",
                System.getProperty("spark.executor.extraJavaOptions", ""));
        builder.config("spark.executor.extraJavaOptions", (options + " -Doffline=true -Dai.djl.offline=true").trim());
        String jars = System.getProperty(JARS_PROPERTY);
        if (!job.master().startsWith("local") && jars != null && !job.settings().containsKey("spark.jars")
                && !job.settings().containsKey("spark.executor.extraClassPath") && System.getProperty("spark.jars") == null) {
            builder.config("spark.jars", jars);
        }
        try {
            return builder.getOrCreate();
        } catch (RuntimeException e) {
            throw new MentorException("--spark: cannot start Spark on " + job.master() + " (" + rootMessage(e) + ")", e);
        }
    }

    /** A failed job as one line: its first cause that says something. */
    private static MentorException failed(Exception e) {
        return new MentorException("spark: the labeling job failed (" + rootMessage(e) + "); rerun to continue with the shards left", e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        return message.lines().findFirst().orElse("");
    }
}
