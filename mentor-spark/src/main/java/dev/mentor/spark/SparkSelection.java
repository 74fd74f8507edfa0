package dev.mentor.spark;

import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.when;

import dev.mentor.teacher.Selection;
import java.nio.file.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Noisy Student's filtering and class balancing ({@link Selection}'s rules) as Spark SQL over an artifact's
 * labeled rows, for pools whose labels do not fit one machine: rows whose confidence (a float) is below the
 * threshold are dropped; with balancing every class is brought to a target — its most confident rows when it
 * has more, each row {@code floor(target/k)} times and the most confident {@code target mod k} once more when
 * it has fewer; the target is {@code perClass}, or the mean count per class after filtering. When the threshold
 * keeps nothing, the most confident {@value Selection#FALLBACK_SHARE} of each predicted class is kept instead.
 * Ties in confidence go to the smaller id (the single-process order of a folder pool). Each selected row comes
 * once per copy, with its copy number in {@code copy}.
 */
public final class SparkSelection {
    private SparkSelection() {}

    /** The artifact's labeled rows: {@code spark.read().parquet(OUT/labels)}, with its {@code shard} column. */
    public static Dataset<Row> labels(SparkSession spark, Path out) {
        SparkArtifact.open(out); // every shard finished
        return spark.read().parquet(out.resolve(Artifact.LABELS).toString());
    }

    /**
     * The selected rows of {@code labels} (an artifact's rows, {@link #labels}) for an artifact of
     * {@code classes} classes; {@code perClass} 0 is the mean after filtering.
     */
    public static Dataset<Row> select(Dataset<Row> labels, int classes, double minConfidence, boolean balance, int perClass) {
        WindowSpec byClass = Window.partitionBy("label").orderBy(col("confidence").desc(), col("id"));
        Dataset<Row> kept = labels.filter(col("confidence").geq(lit((float) minConfidence).cast(DataTypes.FloatType)));
        if (kept.isEmpty()) {
            Dataset<Row> ranked = labels.withColumn("rank", row_number().over(byClass).minus(1))
                    .withColumn("k", count(lit(1)).over(Window.partitionBy("label")));
            kept = ranked.filter(col("rank").lt(greatest(lit(1), ceil(col("k").multiply(Selection.FALLBACK_SHARE)))))
                    .drop("rank", "k");
        }
        Dataset<Row> ranked = kept.withColumn("rank", row_number().over(byClass).minus(1))
                .withColumn("k", count(lit(1)).over(Window.partitionBy("label")));
        if (!balance) {
            return ranked.drop("rank", "k").withColumn("copy", lit(0));
        }
        long target = perClass > 0 ? perClass : Math.max(1, Math.round((double) kept.count() / classes));
        Column copies = when(col("k").geq(target), when(col("rank").lt(target), 1).otherwise(0))
                .otherwise(floor(lit(target).divide(col("k"))).plus(when(col("rank").lt(lit(target).mod(col("k"))), 1).otherwise(0)));
        return ranked.withColumn("copies", copies.cast(DataTypes.IntegerType)).filter(col("copies").gt(0))
                .withColumn("copy", explode(sequence(lit(0), col("copies").minus(1))))
                .drop("rank", "k", "copies");
    }
}
