package dev.mentor.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mentor.MentorException;
import dev.mentor.io.Json;
import dev.mentor.teacher.PseudoLabels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * Reads a finished artifact's labeled rows without Spark (Parquet's own reader), shard by shard, one
 * row at a time: for comparing it with a single-process artifact and for consumers on one machine. A
 * row's distribution is given over every class: fp16 and fp32 as stored, top-K with the classes not
 * stored at 0.
 */
public final class SparkArtifact {
    /** One labeled image. */
    public record Row(int shard, String id, int label, float confidence, float[] distribution) {}

    private final Path out;
    private final JsonNode manifest;
    private final int classes;
    private final String encoding;

    private SparkArtifact(Path out, JsonNode manifest) {
        this.out = out;
        this.manifest = manifest;
        this.classes = manifest.get("classes").asInt();
        this.encoding = manifest.get("distribution").asText();
    }

    /** The artifact in {@code out}; every shard must be finished. */
    public static SparkArtifact open(Path out) {
        Path file = out.resolve(Artifact.MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new MentorException(out + ": no " + Artifact.MANIFEST + "; not an artifact of mentor pseudo-label --spark");
        }
        JsonNode manifest = Json.read(file);
        int shards = manifest.get("shards").asInt();
        for (int k = 0; k < shards; k++) {
            if (!Files.isRegularFile(Artifact.summary(out, k))) {
                throw new MentorException(out + ": shard " + k + " of " + shards + " is not finished; run the labeling again to finish it");
            }
        }
        return new SparkArtifact(out, manifest);
    }

    public JsonNode manifest() {
        return manifest;
    }

    public int classes() {
        return classes;
    }

    /** Every labeled row, shard after shard, in each shard's order. */
    public void forEach(Consumer<Row> consumer) {
        int shards = manifest.get("shards").asInt();
        for (int k = 0; k < shards; k++) {
            Path part = Artifact.shardFolder(out, Artifact.LABELS, k).resolve(Artifact.PART);
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                    new org.apache.hadoop.fs.Path(part.toAbsolutePath().toUri())).build()) {
                for (Group g = reader.read(); g != null; g = reader.read()) {
                    consumer.accept(new Row(k, g.getString("id", 0), g.getInteger("label", 0), g.getFloat("confidence", 0), distribution(g)));
                }
            } catch (IOException e) {
                throw new MentorException(part + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
    }

    /**
     * The artifact's labels as the core's {@link PseudoLabels}, one row per id of {@code ids} in that order, for a
     * consumer of the single-process artifact (Noisy Student's rounds): the artifact must be of the teacher with
     * {@code teacherFingerprint}, hold every id exactly once and no other, and have skipped no image. fp16
     * distributions are taken as stored (their sums miss 1 by less than the 1e-3 allowed); top-K ones are
     * renormalised over their K classes.
     */
    public PseudoLabels toPseudoLabels(String teacherFingerprint, List<String> ids) {
        String hint = " (delete " + out + " to label the pool again)";
        String made = manifest.at("/teacher/fingerprint").asText();
        if (!made.equals(teacherFingerprint)) {
            throw new MentorException(out + ": pseudo-labels of another teacher (fingerprint " + made + ", not " + teacherFingerprint + ")" + hint);
        }
        int shards = manifest.get("shards").asInt();
        for (int k = 0; k < shards; k++) {
            ShardSummary summary = SparkReport.readSummary(out, k);
            if (summary.skippedTotal() > 0) {
                List<String> first = summary.examples().get(0);
                throw new MentorException(out + ": the labeling skipped images of the pool (" + first.get(0) + ": " + first.get(1) + ", "
                        + first.get(2) + "); a student needs every image of its pool labeled" + hint);
            }
        }
        Map<String, Integer> position = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            position.put(ids.get(i), i);
        }
        float[] probabilities = new float[ids.size() * classes];
        boolean[] seen = new boolean[ids.size()];
        boolean top = encoding.startsWith("top-");
        forEach(row -> {
            Integer i = position.get(row.id());
            if (i == null || seen[i]) {
                throw new MentorException(out + ": pseudo-labels of another pool (" + (i == null ? "image " + row.id() + " is not in it"
                        : "image " + row.id() + " comes twice") + ")" + hint);
            }
            seen[i] = true;
            float[] p = row.distribution();
            float sum = 0;
            for (float v : p) {
                sum += v;
            }
            for (int c = 0; c < classes; c++) {
                probabilities[i * classes + c] = top ? p[c] / sum : p[c];
            }
        });
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new MentorException(out + ": pseudo-labels of another pool (image " + ids.get(i) + " of the pool is missing)" + hint);
            }
        }
        return new PseudoLabels(ids, probabilities, classes);
    }

    private float[] distribution(Group g) {
        float[] p = new float[classes];
        if (encoding.startsWith("top-")) {
            Group top = g.getGroup("top_classes", 0);
            Group probabilities = g.getGroup("top_probabilities", 0);
            for (int i = 0; i < top.getFieldRepetitionCount("list"); i++) {
                p[top.getGroup("list", i).getInteger("element", 0)] = probabilities.getGroup("list", i).getFloat("element", 0);
            }
            return p;
        }
        ByteBuffer bytes = ByteBuffer.wrap(g.getBinary("distribution", 0).getBytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < classes; c++) {
            p[c] = encoding.equals("fp16") ? Half.toFloat(bytes.getShort()) : bytes.getFloat();
        }
        return p;
    }
}
