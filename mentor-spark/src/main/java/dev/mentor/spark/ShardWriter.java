package dev.mentor.spark;

import dev.mentor.io.Json;
import dev.mentor.run.DistributedLabelingJob.Distribution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes one shard's files: its labeled rows and its skipped rows into hidden temporaries, renamed to
 * {@code part.parquet} when complete, then the shard's summary (atomically), which marks it finished. A
 * shard left half-written by a killed task has no summary and holds at most temporaries, which the next
 * attempt deletes.
 */
final class ShardWriter implements AutoCloseable {
    private static final MessageType SKIPPED = MessageTypeParser.parseMessageType(
            "message skipped { required binary id (STRING); required binary reason (STRING); required binary detail (STRING); }");

    private final ShardJob job;
    private final Path out;
    private final int shard;
    private final Path labelsTemporary;
    private final Path skippedTemporary;
    private final ParquetWriter<Group> labels;
    private final ParquetWriter<Group> skipped;
    private final SimpleGroupFactory labelRows;
    private final SimpleGroupFactory skippedRows;
    private final Binary teacher;
    private boolean committed;

    ShardWriter(ShardJob job, int shard) throws IOException {
        this.job = job;
        this.out = Path.of(job.out());
        this.shard = shard;
        Files.deleteIfExists(Artifact.summary(out, shard));
        Path labelFolder = clean(Artifact.shardFolder(out, Artifact.LABELS, shard));
        Path skippedFolder = clean(Artifact.shardFolder(out, Artifact.SKIPPED, shard));
        String unique = "." + UUID.randomUUID() + ".tmp";
        this.labelsTemporary = labelFolder.resolve(unique);
        this.skippedTemporary = skippedFolder.resolve(unique);
        MessageType labelSchema = labelSchema(job);
        this.labels = writer(labelsTemporary, labelSchema);
        this.skipped = writer(skippedTemporary, SKIPPED);
        this.labelRows = new SimpleGroupFactory(labelSchema);
        this.skippedRows = new SimpleGroupFactory(SKIPPED);
        this.teacher = Binary.fromString(job.fingerprint());
    }

    /** The labeled rows' schema for the job's distribution encoding. */
    static MessageType labelSchema(ShardJob job) {
        String distribution = job.encoding() == Distribution.Kind.TOP_K
                ? "required group top_classes (LIST) { repeated group list { required int32 element; } } "
                        + "required group top_probabilities (LIST) { repeated group list { required float element; } } "
                : "required binary distribution; ";
        return MessageTypeParser.parseMessageType("message labels { required binary id (STRING); required int32 label; "
                + "required float confidence; " + distribution + "required binary teacher (STRING); }");
    }

    /** The shard's folder, emptied of an earlier attempt's files. */
    private static Path clean(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        return folder;
    }

    private static ParquetWriter<Group> writer(Path file, MessageType schema) throws IOException {
        return ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).withConf(new Configuration(false))
                .withCompressionCodec(CompressionCodecName.SNAPPY).withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
    }

    /** One labeled image: its top-1 class, that class's probability and its distribution {@code p[offset, offset + classes)}. */
    void labeled(String id, int label, float[] p, int offset) throws IOException {
        Group row = labelRows.newGroup().append("id", id).append("label", label).append("confidence", p[offset + label]);
        int classes = job.classes();
        switch (job.encoding()) {
            case FP16 -> {
                ByteBuffer bytes = ByteBuffer.allocate(2 * classes).order(ByteOrder.LITTLE_ENDIAN);
                for (int c = 0; c < classes; c++) {
                    bytes.putShort(Half.fromFloat(p[offset + c]));
                }
                row.add("distribution", Binary.fromConstantByteArray(bytes.array()));
            }
            case FP32 -> {
                ByteBuffer bytes = ByteBuffer.allocate(4 * classes).order(ByteOrder.LITTLE_ENDIAN);
                for (int c = 0; c < classes; c++) {
                    bytes.putFloat(p[offset + c]);
                }
                row.add("distribution", Binary.fromConstantByteArray(bytes.array()));
            }
            case TOP_K -> {
                int[] top = TopK.of(p, offset, classes, job.topK());
                Group topClasses = row.addGroup("top_classes");
                Group topProbabilities = row.addGroup("top_probabilities");
                for (int c : top) {
                    topClasses.addGroup("list").append("element", c);
                    topProbabilities.addGroup("list").append("element", p[offset + c]);
                }
            }
            default -> throw new IllegalStateException("unknown encoding " + job.encoding());
        }
        row.add("teacher", teacher);
        labels.write(row);
    }

    void skipped(String id, ShardSummary.Skip reason, String detail) throws IOException {
        skipped.write(skippedRows.newGroup().append("id", id).append("reason", reason.label).append("detail", detail));
    }

    /** Closes both files, renames them into place and writes the summary that marks the shard finished. */
    void commit(ShardSummary summary) throws IOException {
        labels.close();
        skipped.close();
        Files.move(skippedTemporary, skippedTemporary.resolveSibling(Artifact.PART), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(labelsTemporary, labelsTemporary.resolveSibling(Artifact.PART), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.createDirectories(Artifact.summary(out, shard).getParent());
        Json.write(Artifact.summary(out, shard), summary);
        committed = true;
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            labels.close();
            skipped.close();
            Files.deleteIfExists(labelsTemporary);
            Files.deleteIfExists(skippedTemporary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
