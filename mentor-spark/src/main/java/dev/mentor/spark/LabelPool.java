package dev.mentor.spark;

import dev.mentor.run.DistributedLabelingJob;
import dev.mentor.run.SelfTrainingDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The driver's main class for {@code spark-submit}: the options of {@code mentor pseudo-label --spark},
 * the master given by spark-submit (or {@code --master}, or {@code local[*]}). Configuration errors print
 * one line naming the option and exit 2 (the stack trace only with {@code --verbose}); an internal error
 * exits 1.
 *
 * <pre>
 *   spark-submit --master spark://HOST:7077 --class dev.mentor.spark.LabelPool \
 *       --jars "$(ls mentor-spark/target/lib/*.jar | paste -sd,)" mentor-spark/target/mentor-spark-0.1.0-SNAPSHOT.jar \
 *       --teacher RUN --unlabeled folder:POOL --out DIR
 * </pre>
 */
@Command(name = "mentor-spark-label", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Pseudo-label a pool with a finished Mentor run on Apache Spark; rerun to finish what is left.")
public final class LabelPool implements Callable<Integer> {
    @Option(names = "--teacher", required = true, paramLabel = "RUN_DIR", description = "A finished run directory; a "
            + "self-training run's folder stands for the model it chose")
    Path teacher;

    @Option(names = "--unlabeled", required = true, paramLabel = "POOL", description = "folder:DIR or parquet:PATH")
    String unlabeled;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the artifact")
    Path out;

    @Mixin
    SparkMaster master;

    @Option(names = "--distribution", defaultValue = "fp16", description = "fp16, fp32 or top-K (default: ${DEFAULT-VALUE})")
    String distribution;

    @Option(names = "--shard-size", defaultValue = "4096", description = "Images per shard (default: ${DEFAULT-VALUE})")
    int shardSize;

    @Option(names = "--threads", defaultValue = "0", description = "Engine threads per executor; 0: its cores (default)")
    int threads;

    @Option(names = "--wrong-shape", defaultValue = "resize",
            description = "An image of another size or channel count: resize (as mentor pseudo-label) or skip")
    String wrongShape;

    @Option(names = "--id-column", defaultValue = "id", description = "A Parquet pool's id column (default: ${DEFAULT-VALUE})")
    String idColumn;

    @Option(names = "--image-column", defaultValue = "image", description = "A Parquet pool's image-bytes column (default: ${DEFAULT-VALUE})")
    String imageColumn;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, e.g. spark.executor.memory=4g")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--force", description = "Replace an artifact of another teacher, pool or layout in --out")
    boolean force;

    @Option(names = "--verbose", description = "Show stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        String where = master.resolve();
        DistributedLabelingJob job = new DistributedLabelingJob(SelfTrainingDirectory.modelFolder(teacher), DistributedLabelingJob.Pool.parse(unlabeled, idColumn, imageColumn),
                out, where, DistributedLabelingJob.Distribution.parse(distribution), shardSize, threads,
                DistributedLabelingJob.WrongShape.parse(wrongShape), force, settings);
        new SparkLabeling().label(job, System.err::println);
        System.out.print(Files.readString(out.resolve(Artifact.REPORT_TEXT)));
        System.out.flush();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code. */
    static int run(String[] args, PrintWriter err) {
        return CommandLines.execute(new LabelPool(), args, err);
    }
}
