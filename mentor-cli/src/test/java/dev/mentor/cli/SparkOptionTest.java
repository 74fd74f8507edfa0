package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pseudo-label --spark} without the mentor-spark module on the classpath (as here, and as {@code ./mentor}
 * runs when the command line has no --spark): one line saying how to get it; Spark's own options without
 * --spark are refused. (With the module, mentor-spark's tests cover the labeling.)
 */
class SparkOptionTest {
    @TempDir
    Path dir;

    private static void assertOneLine(CliFixture.Result r, String start) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("mentor: " + start), r.err());
    }

    @Test
    void sparkWithoutTheModuleSaysHowToGetIt() {
        assertOneLine(CliFixture.run("pseudo-label", "--teacher", dir.toString(), "--unlabeled", "folder:" + dir, "--out",
                dir.resolve("out").toString(), "--spark"), "--spark: Spark support (the mentor-spark module) is not on the classpath; ./mentor adds it");
        assertOneLine(CliFixture.run("pseudo-label", "--teacher", dir.toString(), "--unlabeled", "folder:" + dir, "--out",
                dir.resolve("out").toString(), "--spark", "spark://127.0.0.1:7077"), "--spark: Spark support");
    }

    @Test
    void sparkNeedsAFolderOrParquetPool() {
        assertOneLine(CliFixture.run("pseudo-label", "--teacher", dir.toString(), "--out", dir.resolve("out").toString(), "--spark"),
                "--unlabeled: --spark labels a folder:DIR or parquet:PATH pool");
        assertOneLine(CliFixture.run("pseudo-label", "--teacher", dir.toString(), "--unlabeled", "idx:" + dir, "--out",
                dir.resolve("out").toString(), "--spark"), "--unlabeled: a distributed pool is folder:DIR or parquet:PATH, got 'idx:");
    }

    @Test
    void sparkOptionsWithoutSparkAreRefused() {
        assertOneLine(CliFixture.run("pseudo-label", "--teacher", dir.toString(), "--out", dir.resolve("out").toString(),
                "--distribution", "fp32"), "--distribution: only with --spark");
        assertOneLine(CliFixture.run("pseudo-label", "--teacher", dir.toString(), "--out", dir.resolve("out").toString(),
                "--shard-size", "512"), "--shard-size: only with --spark");
    }
}
