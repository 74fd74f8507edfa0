package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A diverging run and an output folder that cannot be written, as the user sees them. */
class ReliabilityCommandTest {
    @RegisterExtension
    static final TinyIdx IDX = new TinyIdx(120, 20, 4);

    @Test
    void aHugeLearningRateStopsTheRunNamingTheStepAndTheLossComponentAndTheRunIsNotComplete() {
        Path out = IDX.dir().resolve("diverged");
        CliFixture.Result r = CliFixture.run("train", "fixmatch", "--data", IDX.spec(), "--labels", "40", "--validation-per-class", "5",
                "--epochs", "3", "--batch-size", "8", "--unlabeled-ratio", "2", "--lr", "1e30", "--init", "none", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        String last = r.err().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("mentor: training diverged (at|by) step \\d+ \\(epoch \\d\\): .*(loss component '\\w+' is|the loss is|weights).*"),
                last);
        assertTrue(last.contains("try a smaller --lr"), last);
        assertFalse(Files.exists(out.resolve("metrics.json")), "a stopped run has no final metrics");
        assertFalse(Files.exists(out.resolve("model.ckpt")), "a stopped run has no model");
        assertFalse(r.out().contains("test accuracy"), r.out());
    }

    /** The same rate stops the run's own start first: the error says so, with the flags as typed and the run's --resume. */
    @Test
    void aStartThatDivergesIsSaidAsTheRunsStart() {
        Path out = IDX.dir().resolve("diverged-start");
        CliFixture.Result r = CliFixture.run("train", "fixmatch", "--data", IDX.spec(), "--labels", "40", "--validation-per-class", "5",
                "--epochs", "3", "--batch-size", "8", "--unlabeled-ratio", "2", "--lr", "1e30", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        String last = r.err().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("mentor: its start, supervised in " + Training.startFolder(out) + ": training diverged"), last);
        assertTrue(last.contains("try a smaller --lr") && last.endsWith("The run continues as a whole with ./mentor train fixmatch --resume "
                + out + "; or give --init RUN_DIR or --init none"), last);
        assertFalse(Files.exists(out.resolve("metrics.json")), "a stopped run has no final metrics");
    }

    @Test
    void anOutputFolderThatCannotBeCreatedIsReportedBeforeTraining() throws Exception {
        Path file = Files.writeString(IDX.dir().resolve("a-file"), "not a folder");
        CliFixture.Result r = CliFixture.run("train", "supervised", "--data", IDX.spec(), "--labels", "40",
                "--validation-per-class", "5", "--epochs", "1", "--out", file.resolve("run").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("mentor: --out: ") && r.err().contains("a-file"), r.err());
    }
}
