package dev.mentor.spark;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.broadcast.Broadcast;

/** What a task learns about the executor process it runs in. */
final class Executors {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?])?");

    private Executors() {}

    /** The labeler of this executor for {@code job}. */
    static ShardLabeler labeler(ShardJob job, Broadcast<TeacherPackage> teacher) {
        SparkEnv env = SparkEnv.get();
        return new ShardLabeler(job, teacher::value, () -> slots(env.conf()), env.executorId() + "@"
                + env.blockManager().blockManagerId().host());
    }

    /**
     * The cores this process may use: {@code spark.executor.cores} when set, N of {@code local[N]}, the
     * {@code --cores} a standalone worker gave the executor, else every processor the JVM sees.
     */
    static int slots(SparkConf conf) {
        if (conf.contains("spark.executor.cores")) {
            return conf.getInt("spark.executor.cores", 1);
        }
        Matcher local = LOCAL.matcher(conf.get("spark.master", ""));
        if (local.matches()) {
            String n = local.group(1);
            return n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
        }
        List<String> arguments = List.of(ProcessHandle.current().info().arguments().orElse(new String[0]));
        int cores = arguments.indexOf("--cores");
        if (cores >= 0 && cores + 1 < arguments.size()) {
            try {
                return Integer.parseInt(arguments.get(cores + 1));
            } catch (NumberFormatException e) {
                // not the executor backend's option: fall through
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
