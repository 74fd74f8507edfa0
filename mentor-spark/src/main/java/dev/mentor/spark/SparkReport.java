package dev.mentor.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mentor.MentorException;
import dev.mentor.io.AtomicFiles;
import dev.mentor.io.Json;
import dev.mentor.io.RecordFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report of a whole artifact, added up from its shards' summaries (so the driver holds one shard's
 * counts at a time, whatever the pool's size): images, labeled, skipped by reason with the first skipped
 * images, resized, per class, the confidence histogram, the executors that worked and how many teachers
 * each loaded, and this run's time and throughput. Written as {@code report.json} (a run record, {@link
 * #FILE}) and {@code report.txt}.
 *
 * @param skippedExamples the first skipped images as {@code [id, reason, detail]}
 * @param skippedList where every skipped image is listed
 * @param rowsWithoutId a Parquet pool's rows without an id (null for a folder)
 * @param classCounts labeled images per top-1 class, by class name
 * @param confidenceHistogram labeled images per confidence bin of width 1/{@value ShardSummary#BINS}
 * @param executors each process that labeled shards, by {@code executor-id@host/pid}
 * @param teacher the teacher as the artifact's manifest names it
 * @param pool the pool as the artifact's manifest describes it
 */
record SparkReport(long images, long labeled, long skipped, Map<String, Long> skippedByReason, List<List<String>> skippedExamples,
        String skippedList, long resized, Long rowsWithoutId, Map<String, Long> classCounts, long[] confidenceHistogram, int shards,
        int shardsLabeledNow, long imagesLabeledNow, double seconds, double imagesPerSecond, Map<String, Executor> executors,
        Map<String, Object> teacher, Map<String, Object> pool, String distribution) {

    /**
     * {@code report.json} of a Spark artifact: version 1. An earlier build's was the same snake_case keys
     * without format and version.
     */
    static final RecordFormat FILE = RecordFormat.lenient("spark-pseudo-label-report", 1, RecordFormat.Legacy.SNAKE_CASE);

    /**
     * One executor process.
     *
     * @param shards shards it labeled
     * @param teacherLoads the most teachers it had loaded
     * @param threads the engine threads its teacher ran with
     */
    record Executor(int shards, int teacherLoads, int threads) {}

    private static SparkReport sum(Map<String, Object> manifest, List<ShardSummary> shards, int labeledNow, double seconds,
            long imagesNow) {
        @SuppressWarnings("unchecked")
        List<String> classNames = (List<String>) manifest.get("class_names");
        long images = 0;
        long labeled = 0;
        long resized = 0;
        long[] skipped = new long[ShardSummary.Skip.values().length];
        long[] classes = new long[classNames.size()];
        long[] histogram = new long[ShardSummary.BINS];
        List<List<String>> examples = new ArrayList<>();
        Map<String, Executor> executors = new TreeMap<>();
        for (ShardSummary s : shards) {
            images += s.images();
            labeled += s.labeled();
            resized += s.resized();
            for (int r = 0; r < skipped.length; r++) {
                skipped[r] += s.skipped()[r];
            }
            for (int c = 0; c < classes.length; c++) {
                classes[c] += s.classCounts()[c];
            }
            for (int b = 0; b < histogram.length; b++) {
                histogram[b] += s.confidenceHistogram()[b];
            }
            for (List<String> e : s.examples()) {
                if (examples.size() < 2 * ShardSummary.EXAMPLES) {
                    examples.add(e);
                }
            }
            Executor seen = executors.get(s.executor());
            executors.put(s.executor(), seen == null ? new Executor(1, s.teacherLoads(), s.threads())
                    : new Executor(seen.shards() + 1, Math.max(seen.teacherLoads(), s.teacherLoads()), s.threads()));
        }
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (ShardSummary.Skip r : ShardSummary.Skip.values()) {
            reasons.put(r.label, skipped[r.ordinal()]);
        }
        Map<String, Long> perClass = new LinkedHashMap<>();
        for (int c = 0; c < classes.length; c++) {
            perClass.put(classNames.get(c), classes[c]);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> pool = (Map<String, Object>) manifest.get("pool");
        @SuppressWarnings("unchecked")
        Map<String, Object> teacher = (Map<String, Object>) manifest.get("teacher");
        Object rowsWithoutId = pool.get("rows_without_id");
        return new SparkReport(images, labeled, total(skipped), reasons, examples, Artifact.SKIPPED + "/ (Parquet: id, reason, detail)",
                resized, rowsWithoutId == null ? null : ((Number) rowsWithoutId).longValue(), perClass, histogram, shards.size(), labeledNow,
                imagesNow, seconds, seconds > 0 ? imagesNow / seconds : 0, executors, teacher, pool, (String) manifest.get("distribution"));
    }

    /** The report of the artifact in {@code out}, whose {@code shards} are all finished. */
    static SparkReport of(Path out, Map<String, Object> manifest, int shards, int labeledNow, double seconds, long imagesNow) {
        List<ShardSummary> summaries = new ArrayList<>(shards);
        for (int k = 0; k < shards; k++) {
            summaries.add(readSummary(out, k));
        }
        return sum(manifest, summaries, labeledNow, seconds, imagesNow);
    }

    static ShardSummary readSummary(Path out, int shard) {
        Path file = Artifact.summary(out, shard);
        JsonNode node = Json.read(file);
        try {
            return Json.MAPPER.treeToValue(node, ShardSummary.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new MentorException(file + ": not a shard summary (" + e.getMessage() + "); delete it to label the shard again", e);
        }
    }

    private static long total(long[] values) {
        long t = 0;
        for (long v : values) {
            t += v;
        }
        return t;
    }

    String text() {
        StringBuilder t = new StringBuilder();
        t.append(String.format("pool: %,d images in %d shards; labeled %,d, skipped %,d, resized %,d%n", images, shards, labeled, skipped,
                resized));
        skippedByReason.forEach((reason, n) -> {
            if (n > 0) {
                t.append(String.format("  skipped, %s: %,d%n", reason, n));
            }
        });
        for (List<String> e : skippedExamples) {
            t.append("    ").append(e.get(0)).append(": ").append(e.get(1)).append(" (").append(e.get(2)).append(")\n");
        }
        if (skipped > skippedExamples.size()) {
            t.append("    ... every skipped image is in ").append(Artifact.SKIPPED).append("/\n");
        }
        t.append("per class:\n");
        classCounts.forEach((name, n) -> t.append(String.format("  %-20s %,10d%n", name, n)));
        t.append("confidence:\n");
        for (int b = 0; b < confidenceHistogram.length; b++) {
            t.append(String.format("  [%.2f, %.2f) %,10d%n", b / (double) confidenceHistogram.length,
                    (b + 1) / (double) confidenceHistogram.length, confidenceHistogram[b]));
        }
        t.append(String.format("this run: %d shards, %,d images in %.1f s (%.1f images/s)%n", shardsLabeledNow, imagesLabeledNow, seconds,
                imagesPerSecond));
        return t.toString();
    }

    /** The report in {@code out}'s {@code report.json}, of this build or an earlier one. */
    static SparkReport read(Path out) {
        return FILE.read(out.resolve(Artifact.REPORT_JSON), SparkReport.class);
    }

    void write(Path out) {
        FILE.write(out.resolve(Artifact.REPORT_JSON), this);
        try {
            AtomicFiles.writeString(out.resolve(Artifact.REPORT_TEXT), text());
        } catch (IOException e) {
            throw new MentorException(out.resolve(Artifact.REPORT_TEXT) + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
