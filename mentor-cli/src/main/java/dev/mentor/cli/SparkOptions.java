package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.run.DistributedLabelingJob;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of a Spark labeling job that commands with {@code --spark} share ({@code pseudo-label}, {@code train
 * distill}): they mean something only with {@code --spark}, which each command declares with its own help.
 */
final class SparkOptions {
    @Option(names = "--shard-size", paramLabel = "N", description = "With --spark: images per shard, a multiple of 256 (default: 4096)")
    Integer shardSize;

    @Option(names = "--threads", paramLabel = "N", description = "With --spark: the teacher's engine threads per executor (default: its cores)")
    Integer threads;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "With --spark: a Spark setting, e.g. spark.executor.memory=4g")
    Map<String, String> settings = new LinkedHashMap<>();

    int shardSizeOrDefault() {
        return shardSize != null ? shardSize : DistributedLabelingJob.DEFAULT_SHARD_SIZE;
    }

    /** The engine threads per executor; 0 for its cores. */
    int threadsOrDefault() {
        return threads != null ? threads : 0;
    }

    /**
     * Refuses, in one line naming it, the first of these options or of the command's own {@code others} (option → whether
     * it was given) that was given without {@code --spark}.
     */
    void refuseWithoutSpark(Map<String, Boolean> others) {
        Map<String, Boolean> given = new LinkedHashMap<>(others);
        given.put("--shard-size", shardSize != null);
        given.put("--threads", threads != null);
        given.put("--spark-conf", !settings.isEmpty());
        given.entrySet().stream().filter(Map.Entry::getValue).findFirst().ifPresent(option -> {
            throw new MentorException(option.getKey() + ": only with --spark");
        });
    }
}
