package dev.mentor.spark;

import picocli.CommandLine.Option;

/**
 * The {@code --master} option of this module's own commands ({@link LabelPool}, {@link PackPool}), a picocli mixin, and
 * the master it comes to when not given: the one spark-submit set ({@code spark.master}), else {@code local[*]}.
 */
final class SparkMaster {
    @Option(names = "--master", paramLabel = "MASTER", description = "Spark master (default: spark-submit's, else local[*])")
    String master;

    /** The master to run on. */
    String resolve() {
        return master != null ? master : System.getProperty("spark.master", "local[*]");
    }
}
