package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        TuneAugmentCommand.Summary summary = TuneAugmentCommand.Summary.read(out.resolve(TuneAugmentCommand.FILE));
        assertEquals(2, summary.cells().size());
        double best = Math.max(summary.cells().get(0).validationAccuracy(), summary.cells().get(1).validationAccuracy());
        assertEquals(best, summary.winner().validationAccuracy(), 0);
        assertEquals(out.resolve("n1-m3").toString(), summary.cells().get(0).run());
        assertTrue(Files.readString(out.resolve(TuneAugmentCommand.FILE)).startsWith(
                "{\n  \"format\" : \"mentor-tune-augment\",\n  \"version\" : 1,\n  \"base_augment\" : \"weak\","));
        assertTrue(Files.isRegularFile(out.resolve("n2-m3/config.json")));
        assertTrue(Files.readString(out.resolve("n2-m3/config.json")).contains("weak+randaugment:n=2,m=3"));
    }

    @Test
    void aSummaryOfAnEarlierBuildReads() throws Exception {
        Path file = dir.resolve("tune.json");
        Files.writeString(file, """
                {"base_augment": "weak", "cells": [{"validation_accuracy": 0.5, "n": 1, "run": "/runs/n1-m9", "m": 9},
                  {"m": 9, "n": 2, "run": "/runs/n2-m9", "validation_accuracy": 0.625}],
                 "winner": {"validation_accuracy": 0.625, "m": 9, "n": 2}}
                """);
        TuneAugmentCommand.Summary summary = TuneAugmentCommand.Summary.read(file);
        assertEquals(new TuneAugmentCommand.Summary("weak", List.of(new TuneAugmentCommand.Summary.Searched(1, 9, 0.5, "/runs/n1-m9"),
                new TuneAugmentCommand.Summary.Searched(2, 9, 0.625, "/runs/n2-m9")), new TuneAugmentCommand.Summary.Winner(2, 9, 0.625)),
                summary);
        summary.write(file);
        assertEquals(summary, TuneAugmentCommand.Summary.read(file));
    }

    @Test
    void refusesToSearchWithoutAValidationSplit() {
        CliFixture.Result r = CliFixture.run("tune", "augment", "--validation-per-class", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--validation-per-class"), r.err());
    }
}
