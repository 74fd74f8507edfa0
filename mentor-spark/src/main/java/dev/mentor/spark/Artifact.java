package dev.mentor.spark;

import java.nio.file.Path;

/**
 * The layout of a distributed pseudo-label artifact in its folder:
 * <pre>
 *   pseudo-labels.spark.json         what made it: teacher, pool, sharding, encoding ({@link ArtifactManifest})
 *   labels/shard=K/part.parquet      one row per labeled image: id, label, confidence, distribution, teacher
 *   skipped/shard=K/part.parquet     one row per skipped image: id, reason, detail
 *   shards/K.json                    shard K is finished: its counts ({@link ShardSummary}); written last
 *   report.json, report.txt          the whole pool's counts, histograms and skipped images
 * </pre>
 * {@code spark.read.parquet("OUT/labels")} reads every shard with its number as column {@code shard}.
 * A shard without its {@code shards/K.json} is labeled again by the next run; files whose names start
 * with a dot are a writer's temporaries, which readers of Parquet folders ignore.
 */
final class Artifact {
    static final String MANIFEST = "pseudo-labels.spark.json";
    static final String LABELS = "labels";
    static final String SKIPPED = "skipped";
    static final String SHARDS = "shards";
    static final String REPORT_JSON = dev.mentor.run.PseudoLabelRun.REPORT_JSON;
    static final String REPORT_TEXT = dev.mentor.run.PseudoLabelRun.REPORT_TEXT;
    static final String PART = "part.parquet";

    private Artifact() {}

    static Path shardFolder(Path out, String dataset, int shard) {
        return out.resolve(dataset).resolve("shard=" + shard);
    }

    static Path summary(Path out, int shard) {
        return out.resolve(SHARDS).resolve(shard + ".json");
    }
}
