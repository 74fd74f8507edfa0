package dev.mentor.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import dev.mentor.MentorException;
import dev.mentor.augment.Image;
import dev.mentor.data.Fingerprint;
import dev.mentor.data.ImageFiles;
import dev.mentor.run.DistributedLabelingJob;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructField;

/**
 * A Parquet pool: rows with an id (text or integer) and the bytes of an image file (PNG or JPEG), decoded
 * on the executors as folder images are. Rows go to {@code ceil(images / shard size)} shards by a hash of
 * their id ({@code pmod(xxhash64(id), shards)}), and within a shard in id order; so a rerun over the same
 * rows divides them the same way. A row without an id cannot be named in the artifact: it is counted,
 * not labeled.
 */
final class ParquetPlan implements PoolPlan {
    private final Dataset<Row> rows;
    private final String location;
    private final String idColumn;
    private final String imageColumn;
    private final long images;
    private final long withoutId;
    private final int shards;
    private final String fingerprint;

    private ParquetPlan(Dataset<Row> rows, String location, String idColumn, String imageColumn, long images, long withoutId,
            int shards, String fingerprint) {
        this.rows = rows;
        this.location = location;
        this.idColumn = idColumn;
        this.imageColumn = imageColumn;
        this.images = images;
        this.withoutId = withoutId;
        this.shards = shards;
        this.fingerprint = fingerprint;
    }

    static ParquetPlan of(SparkSession spark, DistributedLabelingJob.Pool pool, int shardSize) {
        Dataset<Row> rows;
        try {
            rows = spark.read().parquet(pool.location());
        } catch (RuntimeException e) { // AnalysisException: no such path, not Parquet
            throw new MentorException("--unlabeled: " + pool + " cannot be read as Parquet (" + firstLine(e.getMessage()) + ")", e);
        }
        DataType id = type(rows, pool.idColumn(), "--id-column", pool);
        if (!(id.equals(DataTypes.StringType) || id instanceof IntegralType)) {
            throw new MentorException("--id-column: column '" + pool.idColumn() + "' of " + pool + " is " + id.simpleString()
                    + ", not text or an integer");
        }
        DataType image = type(rows, pool.imageColumn(), "--image-column", pool);
        if (!(image instanceof BinaryType)) {
            throw new MentorException("--image-column: column '" + pool.imageColumn() + "' of " + pool + " is " + image.simpleString()
                    + ", not binary (an image file's bytes)");
        }
        Dataset<Row> selected = rows.select(col(pool.idColumn()).cast(DataTypes.StringType).as("id"), col(pool.imageColumn()).as("image"));
        long all = selected.count();
        long withoutId = selected.filter(col("id").isNull()).count();
        long images = all - withoutId;
        if (images == 0) {
            throw new MentorException("--unlabeled: " + pool + " holds no rows" + (withoutId > 0 ? " with an id" : ""));
        }
        Fingerprint f = new Fingerprint();
        f.update(Long.toString(all));
        String[] files = rows.inputFiles();
        Arrays.sort(files);
        for (String file : files) {
            f.update(file.substring(file.lastIndexOf('/') + 1));
        }
        int shards = (int) Math.max(1, (images + shardSize - 1) / shardSize);
        return new ParquetPlan(selected.filter(col("id").isNotNull()), pool.location(), pool.idColumn(), pool.imageColumn(), images,
                withoutId, shards, f.hex());
    }

    private static DataType type(Dataset<Row> rows, String column, String option, DistributedLabelingJob.Pool pool) {
        for (StructField field : rows.schema().fields()) {
            if (field.name().equals(column)) {
                return field.dataType();
            }
        }
        throw new MentorException(option + ": " + pool + " has no column '" + column + "' (its columns: "
                + String.join(", ", rows.schema().fieldNames()) + ")");
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    @Override
    public long images() {
        return images;
    }

    @Override
    public int shards() {
        return shards;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public long rowsWithoutId() {
        return withoutId;
    }

    @Override
    public String sharding() {
        return "pmod(xxhash64(id), " + shards + "), in id order within a shard";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", "parquet");
        d.put("location", location);
        d.put("id_column", idColumn);
        d.put("image_column", imageColumn);
        return d;
    }

    /** Labels {@code missing}: the rows of those shards, grouped by shard and sorted by id within each. */
    List<ShardSummary> label(ShardJob job, Broadcast<TeacherPackage> teacher, List<Integer> missing) {
        JavaRDD<Row> grouped = rows.withColumn("shard", pmod(xxhash64(col("id")), lit((long) shards)).cast(DataTypes.IntegerType))
                .filter(col("shard").isin(missing.toArray()))
                .repartition(missing.size(), col("shard"))
                .sortWithinPartitions("shard", "id")
                .select("shard", "id", "image")
                .javaRDD();
        return grouped.mapPartitions(partition -> Executors.labeler(job, teacher).label(images(partition)).iterator()).collect();
    }

    /** A task's rows {@code (shard, id, image)} as pool images. */
    private static Iterator<PoolImage> images(Iterator<Row> rows) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public PoolImage next() {
                Row row = rows.next();
                return new BytesImage(row.getInt(0), row.getString(1), row.isNullAt(2) ? null : (byte[]) row.get(2));
            }
        };
    }

    private record BytesImage(int shard, String id, byte[] bytes) implements PoolImage {
        @Override
        public Image decode() {
            if (bytes == null) {
                throw new MentorException(id + ": no image bytes (null)");
            }
            return ImageFiles.decode(bytes, id);
        }
    }
}
