package dev.mentor.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;

/**
 * A pool divided into shards, fixed by the pool alone so that a rerun divides it the same way: how many
 * images, how many shards, a fingerprint of what the pool holds, and the tasks that label given shards.
 */
interface PoolPlan {
    long images();

    int shards();

    /** A digest of the pool's listing: the same pool gives the same one, a changed pool another. */
    String fingerprint();

    /** How the pool is divided, for the manifest. */
    String sharding();

    /** More of the pool's description for the manifest (its kind, location, columns). */
    Map<String, Object> describe();

    /** Rows the pool has that cannot be labeled at all (a Parquet row without an id); 0 for folders. */
    default long rowsWithoutId() {
        return 0;
    }

    /** The shards of {@code shards} whose summary is not in {@code out}: those left to label. */
    static List<Integer> missing(Path out, int shards) {
        List<Integer> missing = new ArrayList<>();
        for (int k = 0; k < shards; k++) {
            if (!Files.isRegularFile(Artifact.summary(out, k))) {
                missing.add(k);
            }
        }
        return missing;
    }
}
