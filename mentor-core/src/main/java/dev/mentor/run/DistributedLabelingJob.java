package dev.mentor.run;

import dev.mentor.Choices;
import dev.mentor.MentorException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link DistributedPseudoLabeling} labels, with what, into where, and how the artifact stores it.
 *
 * @param teacher a finished run directory
 * @param pool the pool
 * @param out the artifact's folder
 * @param master where the engine runs ({@code local[*]}, {@code local[N]}, {@code spark://HOST:PORT}, ...)
 * @param distribution how each image's distribution is stored
 * @param shardSize images per shard: the unit of output files and of resumption; a multiple of {@link
 *     PseudoLabelRun#BATCH_SIZE}, so a shard's batches are the single-process run's batches
 * @param threads the engine's compute threads per executor process; 0 for one per task slot of that process
 * @param wrongShape what to do with an image of another size or channel count than the teacher's
 * @param force replace an artifact of another teacher, pool or layout instead of refusing
 * @param settings the engine's own settings ({@code spark.executor.memory=4g}), passed as given
 */
public record DistributedLabelingJob(Path teacher, Pool pool, Path out, String master, Distribution distribution, int shardSize,
        int threads, WrongShape wrongShape, boolean force, Map<String, String> settings) {
    public static final int DEFAULT_SHARD_SIZE = 16 * PseudoLabelRun.BATCH_SIZE;

    public DistributedLabelingJob {
        if (shardSize <= 0 || shardSize % PseudoLabelRun.BATCH_SIZE != 0) {
            throw MentorException.of("shard_size", "must be a positive multiple of " + PseudoLabelRun.BATCH_SIZE
                    + " (the teacher's batch), got " + shardSize);
        }
        if (threads < 0) {
            throw MentorException.of("threads", "must be 0 (one per task slot) or more, got " + threads);
        }
        if (master == null || master.isBlank()) {
            throw MentorException.of("master", "the master must not be empty (local[*], local[N] or spark://HOST:PORT)");
        }
        settings = Map.copyOf(new TreeMap<>(settings));
    }

    /** A pool: a folder of image files, or a Parquet dataset with an id and an image-bytes column. */
    public record Pool(Kind kind, String location, String idColumn, String imageColumn) {
        public enum Kind { FOLDER, PARQUET }

        /** {@code folder:DIR} or {@code parquet:PATH} (option {@code --unlabeled}). */
        public static Pool parse(String spec, String idColumn, String imageColumn) {
            int colon = spec == null ? -1 : spec.indexOf(':');
            String scheme = colon < 0 ? "" : spec.substring(0, colon);
            String location = colon < 0 ? "" : spec.substring(colon + 1);
            if (location.isEmpty() || !(scheme.equals("folder") || scheme.equals("parquet"))) {
                throw MentorException.of("unlabeled", "a distributed pool is folder:DIR or parquet:PATH, got '" + spec + "'");
            }
            return new Pool(scheme.equals("folder") ? Kind.FOLDER : Kind.PARQUET, location, idColumn, imageColumn);
        }

        public Pool {
            if (idColumn == null || idColumn.isBlank()) {
                throw MentorException.of("id_column", "must name a column, got '" + idColumn + "'");
            }
            if (imageColumn == null || imageColumn.isBlank()) {
                throw MentorException.of("image_column", "must name a column, got '" + imageColumn + "'");
            }
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(Locale.ROOT) + ":" + location;
        }
    }

    /**
     * How a distribution is stored: every class as a half-precision ({@code fp16}) or single-precision
     * ({@code fp32}) float, or only the {@code k} most probable classes with their probabilities.
     */
    public record Distribution(Kind kind, int k) {
        public enum Kind { FP16, FP32, TOP_K }

        public Distribution {
            if (kind == Kind.TOP_K ? k < 1 : k != 0) {
                throw MentorException.of("distribution", "top-K needs K >= 1, got " + k);
            }
        }

        /** {@code fp16}, {@code fp32} or {@code top-K}. */
        public static Distribution parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("fp16")) {
                return new Distribution(Kind.FP16, 0);
            }
            if (t.equals("fp32")) {
                return new Distribution(Kind.FP32, 0);
            }
            if (t.startsWith("top-")) {
                try {
                    return new Distribution(Kind.TOP_K, Integer.parseInt(t.substring(4)));
                } catch (NumberFormatException e) {
                    // falls through to the message below
                }
            }
            throw MentorException.of("distribution", "fp16, fp32 or top-K (e.g. top-3), got '" + text + "'");
        }

        @Override
        public String toString() {
            return kind == Kind.TOP_K ? "top-" + k : kind.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An image whose size or channel count is not the teacher's: converted and resized as {@code mentor
     * pseudo-label} does (and counted), or skipped and listed.
     */
    public enum WrongShape {
        RESIZE, SKIP;

        public static WrongShape parse(String text) {
            return Choices.parse("wrong_shape", text, values());
        }
    }

    /**
     * What a labeling did: the pool's images, those labeled and skipped (all shards, this run's and
     * earlier ones'), the shards in all and those this run labeled, and this run's seconds.
     */
    public record Summary(long images, long labeled, long skipped, int shards, int shardsLabeledNow, double seconds) {}
}
