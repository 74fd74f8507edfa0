package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneAugmentCommandTest {
    @TempDir
    Path dir;

    @Test
    void searchesTheGridAndPicksTheBestValidationCellWithoutShowingTest() throws Exception {
        Path data = CliFixture.idx(dir.resolve("idx"), 80, 20, 4);
        Path out = dir.resolve("tune");
        CliFixture.Result r = CliFixture.run("tune", "augment", "--n", "1,2", "--m", "3", "--data", "idx:" + data,
                "--labels", "40", "--validation-per-class", "5", "--epochs", "1", "--batch-size", "8", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("winner: randaugment:n="), r.out());
        assertFalse(r.out().toLowerCase().contains("test"), r.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("tune.json").toFile());
        assertEquals(2, summary.get("cells").size());
        double best = Math.max(summary.get("cells").get(0).get("validation_accuracy").asDouble(),
                summary.get("cells").get(1).get("validation_accuracy").asDouble());
        assertEquals(best, summary.get("winner").get("validation_accuracy").asDouble(), 0);
        assertTrue(Files.isRegularFile(out.resolve("n2-m3/config.json")));
        assertTrue(Files.readString(out.resolve("n2-m3/config.json")).contains("weak+randaugment:n=2,m=3"));
    }

    @Test
    void refusesToSearchWithoutAValidationSplit() {
        CliFixture.Result r = CliFixture.run("tune", "augment", "--validation-per-class", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--validation-per-class"), r.err());
    }
}
