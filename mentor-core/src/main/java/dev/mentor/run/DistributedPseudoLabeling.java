package dev.mentor.run;

import dev.mentor.teacher.PseudoLabels;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Pseudo-labeling of a pool on a distributed engine: the same teacher, decoding and batches as {@link
 * PseudoLabelRun}, spread over many processes. An implementation is a service ({@link ServiceLoader}):
 * mentor-spark provides {@code spark}; the core and the command line never depend on it, and only find
 * it when its jars are on the classpath.
 */
public interface DistributedPseudoLabeling {
    /** The engine's name, as the command line's option names it ({@code spark}). */
    String engine();

    /**
     * Labels {@code job}'s pool into {@code job.out()}, skipping the shards a previous run finished, and
     * returns what was done; {@code log} receives progress lines. The user's errors (options, files, an
     * unreachable cluster) are {@link dev.mentor.MentorException}s naming the option.
     */
    DistributedLabelingJob.Summary label(DistributedLabelingJob job, Consumer<String> log);

    /**
     * The labels of this engine's finished artifact in {@code folder}, one row per id of {@code ids} in that order,
     * or null when the folder holds no artifact of this engine. The artifact must be of the teacher with {@code
     * teacherFingerprint} and hold every one of {@code ids} and no other image; otherwise a {@link
     * dev.mentor.MentorException} names what differs (a skipped image, another teacher, another pool).
     */
    PseudoLabels read(Path folder, String teacherFingerprint, List<String> ids);

    /**
     * How this engine's finished artifact in {@code folder} stores each distribution ({@code fp16}, {@code fp32},
     * {@code top-K}: {@link DistributedLabelingJob.Distribution}), or null when the folder holds no artifact of this
     * engine.
     */
    String distribution(Path folder);

    /** Deletes this engine's artifact in {@code folder}, if it holds one, and nothing else. */
    void delete(Path folder);

    /** Every implementation on the classpath. */
    static List<DistributedPseudoLabeling> all() {
        return ServiceLoader.load(DistributedPseudoLabeling.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The implementation for {@code engine} on the classpath, if any. */
    static Optional<DistributedPseudoLabeling> find(String engine) {
        return ServiceLoader.load(DistributedPseudoLabeling.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.engine().equals(engine)).findFirst();
    }
}
