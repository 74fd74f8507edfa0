package dev.mentor.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mentor.MentorException;
import dev.mentor.io.Json;
import dev.mentor.run.DistributedLabelingJob;
import dev.mentor.run.Manifest;
import dev.mentor.train.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code pseudo-labels.spark.json}: what an artifact was made by and how it is laid out — the teacher
 * (run, architecture, fingerprint), the pool (kind, location, images, fingerprint of its listing), the
 * input shape, the sharding, the distribution's encoding and the class names. A rerun continues the
 * artifact only when every one of these that fixes its rows is the same; otherwise it refuses, or with
 * {@code --force} starts it anew.
 */
final class ArtifactManifest {
    static final String FORMAT = "mentor-pseudo-labels-spark";
    static final int VERSION = 1;
    /** The entries a rerun must find unchanged to continue an artifact. */
    private static final List<String> IDENTITY = List.of("format", "version", "teacher/fingerprint", "pool/images",
            "pool/fingerprint", "input", "shards", "shard_size", "distribution", "wrong_shape");

    private final Map<String, Object> content;

    private ArtifactManifest(Map<String, Object> content) {
        this.content = content;
    }

    static ArtifactManifest of(DistributedLabelingJob job, SavedModel saved, String fingerprint, PoolPlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        Map<String, Object> teacher = new LinkedHashMap<>();
        teacher.put("run", job.teacher().toAbsolutePath().toString());
        teacher.put("architecture", saved.spec().architecture());
        teacher.put("fingerprint", fingerprint);
        teacher.put("data_fingerprint", Manifest.dataFingerprint(job.teacher()));
        m.put("teacher", teacher);
        Map<String, Object> pool = new LinkedHashMap<>(plan.describe());
        pool.put("images", plan.images());
        pool.put("rows_without_id", plan.rowsWithoutId());
        pool.put("fingerprint", plan.fingerprint());
        m.put("pool", pool);
        m.put("input", List.of(saved.spec().channels(), saved.spec().height(), saved.spec().width()));
        m.put("wrong_shape", job.wrongShape().name().toLowerCase(java.util.Locale.ROOT));
        m.put("shards", plan.shards());
        m.put("shard_size", job.shardSize());
        m.put("sharding", plan.sharding());
        m.put("batch_size", dev.mentor.run.PseudoLabelRun.BATCH_SIZE);
        m.put("distribution", job.distribution().toString());
        m.put("distribution_layout", layout(job.distribution()));
        m.put("classes", saved.spec().classes());
        m.put("class_names", saved.classNames());
        return new ArtifactManifest(m);
    }

    private static String layout(DistributedLabelingJob.Distribution distribution) {
        return switch (distribution.kind()) {
            case FP16 -> "distribution: binary, one little-endian IEEE 754 half float per class, in class order";
            case FP32 -> "distribution: binary, one little-endian IEEE 754 float per class, in class order";
            case TOP_K -> "top_classes: array<int> and top_probabilities: array<float>, the " + distribution.k()
                    + " most probable classes, most probable first";
        };
    }

    /**
     * Makes {@code out} hold this artifact: a new folder gets the manifest; a folder with an artifact of the
     * same identity is continued; another artifact is refused unless {@code force}, which deletes it first.
     */
    void prepare(Path out, boolean force) {
        Path file = out.resolve(Artifact.MANIFEST);
        try {
            if (Files.exists(file)) {
                JsonNode existing = Json.read(file);
                JsonNode mine = Json.MAPPER.readTree(Json.line(content)); // as it reads back from the file
                for (String key : IDENTITY) {
                    JsonNode theirs = existing.at("/" + key);
                    JsonNode ours = mine.at("/" + key);
                    if (!theirs.equals(ours)) {
                        if (!force) {
                            throw new MentorException("--out: " + out + " holds pseudo-labels made with another " + key.replace('/', ' ')
                                    + " (" + theirs + ", now " + ours + "); use --force to replace them");
                        }
                        clear(out);
                        break;
                    }
                }
            } else if (Files.isDirectory(out.resolve(Artifact.LABELS)) || Files.isRegularFile(out.resolve(Artifact.REPORT_JSON))) {
                if (!force) {
                    throw new MentorException("--out: " + out + " holds files of an artifact without its " + Artifact.MANIFEST
                            + "; use --force to replace them");
                }
                clear(out);
            }
            Files.createDirectories(out.resolve(Artifact.SHARDS));
            Json.write(file, content);
        } catch (IOException e) {
            throw new MentorException("--out: cannot prepare " + out + " (" + e.getMessage() + ")", e);
        }
    }

    /** Deletes the artifact's files and folders in {@code out}, nothing else. */
    static void clear(Path out) throws IOException {
        for (String name : List.of(Artifact.LABELS, Artifact.SKIPPED, Artifact.SHARDS)) {
            Path dir = out.resolve(name);
            if (Files.exists(dir)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                        Files.delete(p);
                    }
                }
            }
        }
        for (String name : List.of(Artifact.MANIFEST, Artifact.REPORT_JSON, Artifact.REPORT_TEXT)) {
            Files.deleteIfExists(out.resolve(name));
        }
    }

    Map<String, Object> content() {
        return content;
    }
}
