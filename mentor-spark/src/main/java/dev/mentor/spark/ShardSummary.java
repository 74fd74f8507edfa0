package dev.mentor.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What labeling one shard did, written beside it as {@code shards/K.json} once its files are complete.
 *
 * @param images the shard's images
 * @param labeled images labeled
 * @param resized images converted or resized to the teacher's shape before labeling ({@code --wrong-shape resize})
 * @param skipped images skipped, by reason ({@link Skip})
 * @param classCounts labeled images per top-1 class
 * @param confidenceHistogram labeled images per confidence bin of width 1/{@value #BINS}
 * @param examples the first skipped images as {@code [id, reason, detail]}, at most {@value #EXAMPLES}
 * @param executor the process that labeled it: {@code executor-id@host/pid}
 * @param teacherLoads how many teachers that process had loaded when it finished the shard
 * @param threads the engine threads the teacher ran with
 */
record ShardSummary(int shard, long images, long labeled, long resized, long[] skipped, long[] classCounts,
        long[] confidenceHistogram, List<List<String>> examples, double seconds, String executor, int teacherLoads, int threads)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int BINS = 20;
    static final int EXAMPLES = 10;

    /** Why an image was skipped; the reason's name is what the skipped rows and the report say. */
    enum Skip {
        UNREADABLE("unreadable"), WRONG_SHAPE("wrong-shape"), INVALID_DISTRIBUTION("invalid-distribution");

        final String label;

        Skip(String label) {
            this.label = label;
        }
    }

    long skippedTotal() {
        long total = 0;
        for (long s : skipped) {
            total += s;
        }
        return total;
    }
}
