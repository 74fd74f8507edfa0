package dev.mentor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --master} of this module's commands: given, it is the master; not given, spark-submit's, else {@code local[*]}. */
class SparkMasterTest {
    private static SparkMaster parsed(String... args) {
        LabelPool command = new LabelPool();
        new CommandLine(command).parseArgs(Stream.concat(Stream.of("--teacher", "run", "--unlabeled", "folder:pool", "--out", "out"),
                Stream.of(args)).toArray(String[]::new));
        return command.master;
    }

    @Test
    void theGivenMasterWinsOverSparkSubmits() {
        String before = System.setProperty("spark.master", "spark://submit:7077");
        try {
            assertEquals("local[3]", parsed("--master", "local[3]").resolve());
            assertEquals("spark://submit:7077", parsed().resolve());
        } finally {
            restore(before);
        }
    }

    @Test
    void withoutEitherItIsEveryLocalCore() {
        String before = System.clearProperty("spark.master");
        try {
            assertEquals("local[*]", parsed().resolve());
        } finally {
            restore(before);
        }
    }

    @Test
    void packPoolTakesTheSameOption() {
        PackPool command = new PackPool();
        new CommandLine(command).parseArgs("--from", "dir", "--out", "pool.parquet", "--master", "local[2]");
        assertEquals("local[2]", command.master.resolve());
    }

    private static void restore(String value) {
        if (value == null) {
            System.clearProperty("spark.master");
        } else {
            System.setProperty("spark.master", value);
        }
    }
}
