package dev.mentor.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mentor.MentorException;
import dev.mentor.io.AtomicFiles;
import dev.mentor.io.Json;
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
 * each loaded, and this run's time and throughput. Written as {@code report.json} and {@code report.txt}.
 */
final class SparkReport {
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final long images;
    private final long labeled;
    private final long skipped;

    private SparkReport(Map<String, Object> manifest, List<ShardSummary> shards, int labeledNow, double seconds,
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
        Map<String, Map<String, Object>> executors = new TreeMap<>();
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
            Map<String, Object> executor = executors.computeIfAbsent(s.executor(), k -> new LinkedHashMap<>());
            executor.merge("shards", 1, (a, b) -> (Integer) a + (Integer) b);
            executor.merge("teacher_loads", s.teacherLoads(), (a, b) -> Math.max((Integer) a, (Integer) b));
            executor.put("threads", s.threads());
        }
        this.images = images;
        this.labeled = labeled;
        this.skipped = total(skipped);
        json.put("images", images);
        json.put("labeled", labeled);
        json.put("skipped", this.skipped);
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (ShardSummary.Skip r : ShardSummary.Skip.values()) {
            reasons.put(r.label, skipped[r.ordinal()]);
        }
        json.put("skipped_by_reason", reasons);
        json.put("skipped_examples", examples);
        json.put("skipped_list", Artifact.SKIPPED + "/ (Parquet: id, reason, detail)");
        json.put("resized", resized);
        json.put("rows_without_id", ((Map<?, ?>) manifest.get("pool")).get("rows_without_id"));
        Map<String, Long> perClass = new LinkedHashMap<>();
        for (int c = 0; c < classes.length; c++) {
            perClass.put(classNames.get(c), classes[c]);
        }
        json.put("class_counts", perClass);
        json.put("confidence_histogram", histogram);
        json.put("shards", shards.size());
        json.put("shards_labeled_now", labeledNow);
        json.put("images_labeled_now", imagesNow);
        json.put("seconds", seconds);
        json.put("images_per_second", seconds > 0 ? imagesNow / seconds : 0);
        json.put("executors", executors);
        json.put("teacher", manifest.get("teacher"));
        json.put("pool", manifest.get("pool"));
        json.put("distribution", manifest.get("distribution"));
    }

    /** The report of the artifact in {@code out}, whose {@code shards} are all finished. */
    static SparkReport of(Path out, Map<String, Object> manifest, int shards, int labeledNow, double seconds, long imagesNow) {
        List<ShardSummary> summaries = new ArrayList<>(shards);
        for (int k = 0; k < shards; k++) {
            summaries.add(readSummary(out, k));
        }
        return new SparkReport(manifest, summaries, labeledNow, seconds, imagesNow);
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

    long images() {
        return images;
    }

    long labeled() {
        return labeled;
    }

    long skipped() {
        return skipped;
    }

    Map<String, Object> json() {
        return json;
    }

    String text() {
        StringBuilder t = new StringBuilder();
        t.append(String.format("pool: %,d images in %d shards; labeled %,d, skipped %,d, resized %,d%n", images, json.get("shards"),
                labeled, skipped, (Long) json.get("resized")));
        @SuppressWarnings("unchecked")
        Map<String, Long> reasons = (Map<String, Long>) json.get("skipped_by_reason");
        reasons.forEach((reason, n) -> {
            if (n > 0) {
                t.append(String.format("  skipped, %s: %,d%n", reason, n));
            }
        });
        @SuppressWarnings("unchecked")
        List<List<String>> examples = (List<List<String>>) json.get("skipped_examples");
        for (List<String> e : examples) {
            t.append("    ").append(e.get(0)).append(": ").append(e.get(1)).append(" (").append(e.get(2)).append(")\n");
        }
        if (skipped > examples.size()) {
            t.append("    ... every skipped image is in ").append(Artifact.SKIPPED).append("/\n");
        }
        t.append("per class:\n");
        @SuppressWarnings("unchecked")
        Map<String, Long> perClass = (Map<String, Long>) json.get("class_counts");
        perClass.forEach((name, n) -> t.append(String.format("  %-20s %,10d%n", name, n)));
        long[] histogram = (long[]) json.get("confidence_histogram");
        t.append("confidence:\n");
        for (int b = 0; b < histogram.length; b++) {
            t.append(String.format("  [%.2f, %.2f) %,10d%n", b / (double) histogram.length, (b + 1) / (double) histogram.length, histogram[b]));
        }
        t.append(String.format("this run: %d shards, %,d images in %.1f s (%.1f images/s)%n", json.get("shards_labeled_now"),
                json.get("images_labeled_now"), json.get("seconds"), json.get("images_per_second")));
        return t.toString();
    }

    void write(Path out) {
        Json.write(out.resolve(Artifact.REPORT_JSON), json);
        try {
            AtomicFiles.writeString(out.resolve(Artifact.REPORT_TEXT), text());
        } catch (IOException e) {
            throw new MentorException(out.resolve(Artifact.REPORT_TEXT) + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
