package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.report.ThroughputResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a tiny IDX set: {@code demo} (a few steps per method), its re-run, {@code bench suite}
 * with every recipe, its resumption, and {@code report} with its errors and a throughput result.
 */
class ShowcaseCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path data;
    static Path demo;
    static CliFixture.Result demoResult;

    @BeforeAll
    static void runTheDemo() throws Exception {
        data = CliFixture.idx(dir.resolve("idx"), 200, 40, 4);
        demo = dir.resolve("demo");
        demoResult = CliFixture.run("demo", "--data", "idx:" + data, "--labels", "40", "--validation-per-class", "5", "--steps", "2",
                "--out", demo.toString());
    }

    @Test
    void theDemoIsAFitAndEndsWithATableAndItsReport() throws Exception {
        assertEquals(0, demoResult.code(), demoResult.err());
        String out = demoResult.out();
        for (String stage : List.of("supervised", "noisy-student")) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(stage + " ") && l.matches(".*\\d+\\.\\d\\d% .*\\d+s.*")), stage + "\n" + out);
        }
        assertTrue(out.lines().anyMatch(l -> l.startsWith("supervised") && l.contains("baseline")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("noisy-student") && l.contains(" pts")), out);
        assertTrue(out.contains("chosen: "), out);
        assertTrue(out.contains("report: " + demo.resolve("report.html")), out);
        assertTrue(demoResult.err().contains("[2/2] noisy-student"), demoResult.err());
        assertTrue(demoResult.err().contains("cnn-small trains at"), "the speed probe: " + demoResult.err());
        JsonNode fit = JSON.readTree(demo.resolve("fit.json").toFile());
        assertEquals(2, fit.get("stages").size());
        // the candidate starts from the baseline, which is also its teacher
        Path baseline = demo.resolve("stages/supervised");
        String command = fit.get("stages").get(1).get("command").asText();
        assertTrue(command.contains("--init " + baseline) && command.contains("--teacher " + baseline), fit.toString());
        // the demo's folder is the chosen model as a finished run
        assertTrue(Files.isRegularFile(demo.resolve("model.ckpt")) && Files.isRegularFile(demo.resolve("metrics.json")));
        String html = Files.readString(demo.resolve("report.html"));
        assertTrue(html.contains("<section id=\"pseudo-labels\">") && html.contains("pseudo-label confidence"), "Noisy Student's labels");
        assertTrue(html.contains("under weak+randaugment:n=2,m=9"), "sample grids of the policies");
    }

    @Test
    void aSecondDemoIntoTheSameFolderTrainsNothingAgain() {
        assertEquals(0, demoResult.code(), demoResult.err());
        CliFixture.Result again = CliFixture.run("demo", "--data", "idx:" + data, "--labels", "40", "--validation-per-class", "5",
                "--steps", "2", "--out", demo.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(2, again.err().lines().filter(l -> l.contains("finished before, skipped")).count(), again.err());
        assertFalse(again.err().contains("epoch 1/"), again.err());
    }

    @Test
    void theSuiteRunsEveryRecipeAndGroupsSeedsAndLabels() throws Exception {
        Path suite = dir.resolve("suite");
        Path pretrained = demo.resolve("stages/supervised");
        CliFixture.Result result = CliFixture.run("bench", "suite", "--data", "idx:" + data, "--labels", "20,40", "--seeds", "2",
                "--validation-per-class", "5", "--steps", "1", "--methods", "supervised", "--out", suite.toString());
        assertEquals(0, result.code(), result.err());
        JsonNode rows = JSON.readTree(suite.resolve("results.json").toFile()).get("results");
        assertEquals(2, rows.size());
        assertEquals(20, Suite.Results.read(suite.resolve("results.json")).results().get(0).labels());
        assertEquals(20, rows.get(0).get("labels").asInt());
        assertEquals(2, rows.get(0).get("test_accuracies").size());
        assertTrue(rows.get(0).get("test_accuracy_std").isNumber());
        assertTrue(Files.readString(suite.resolve("results.md")).contains("./mentor train supervised --data idx:"));
        assertTrue(Files.readString(suite.resolve("report.html")).contains("alt=\"test accuracy against the number of labeled images\""));
        assertTrue(result.out().contains("| supervised | cnn-small | 20 | 2 |"), result.out());

        // every other recipe is a valid command line; the supervised runs are reused as the teachers
        CliFixture.Result all = CliFixture.run("bench", "suite", "--data", "idx:" + data, "--labels", "40", "--seeds", "1",
                "--validation-per-class", "5", "--steps", "1", "--pretrained", pretrained.toString(), "--out", suite.toString());
        assertEquals(0, all.code(), all.err());
        assertTrue(all.err().contains("[1/12] supervised, 40 labels, seed 0: finished before, skipped"), all.err());
        JsonNode methods = JSON.readTree(suite.resolve("results.json").toFile()).get("runs");
        assertEquals(List.of("supervised", "transfer", "self-distill", "mutual", "fixmatch", "flexmatch", "freematch", "uda", "pseudo-label",
                "noisy-student", "distill", "mpl"), methods.findValuesAsText("method"));
        // the consistency methods start from the supervised run when it learned (1 step here: it did not); the
        // distilled and Noisy Student students start from their teacher (the supervised run, of their architecture)
        // by their commands' own default, and results.json records it from the runs' configs
        boolean learned = Suite.startsWarm(dev.mentor.report.RunReader.read(suite.resolve("runs/supervised-l40-s0")));
        for (JsonNode run : methods) {
            String method = run.get("method").asText();
            boolean warm = List.of("fixmatch", "flexmatch", "freematch", "uda", "mpl").contains(method) && learned
                    || List.of("distill", "noisy-student").contains(method);
            assertEquals(warm, run.get("init").isTextual(), run.toString());
        }

        // an interrupted run (its final metrics not yet written) resumes from its checkpoint
        Path uda = suite.resolve("runs/uda-l40-s0");
        Files.delete(uda.resolve("metrics.json"));
        CliFixture.Result resumed = CliFixture.run("bench", "suite", "--data", "idx:" + data, "--labels", "40", "--seeds", "1",
                "--validation-per-class", "5", "--steps", "1", "--methods", "uda", "--out", suite.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("[2/2] uda, 40 labels, seed 0: resuming " + uda), resumed.err());
        assertTrue(Files.isRegularFile(uda.resolve("metrics.json")));
    }

    @Test
    void suiteErrorsAreOneLine() throws Exception {
        CliFixture.Result transfer = CliFixture.run("bench", "suite", "--methods", "transfer", "--out", dir.resolve("t").toString());
        assertEquals(2, transfer.code());
        assertEquals("mentor: --methods: transfer needs --pretrained PATH (the backbone it fine-tunes)", transfer.err().strip());
        CliFixture.Result unknown = CliFixture.run("bench", "suite", "--methods", "magic", "--out", dir.resolve("t").toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().strip().startsWith("mentor: --methods: unknown method 'magic'"), unknown.err());
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        CliFixture.Result refused = CliFixture.run("bench", "suite", "--methods", "supervised", "--out", foreign.toString());
        assertEquals(2, refused.code());
        assertEquals("mentor: --out: " + foreign + " holds files a suite does not write (notes.txt); choose another folder",
                refused.err().strip());
    }

    @Test
    void reportReadsRunsAndRefusesBadInput() throws Exception {
        assertEquals(0, demoResult.code(), demoResult.err());
        Path runs = demo.resolve("stages");
        Path out = dir.resolve("r/report.html");
        CliFixture.Result made = CliFixture.run("report", runs.resolve("supervised").toString(),
                runs.resolve("noisy-student").toString(), "--out", out.toString());
        assertEquals(0, made.code(), made.err());
        assertEquals("report: " + out + " (2 runs)", made.out().strip());
        String html = Files.readString(out);
        assertTrue(html.contains("noisy-student, round 1"));

        CliFixture.Result exists = CliFixture.run("report", runs.resolve("supervised").toString(), "--out", out.toString());
        assertEquals(2, exists.code());
        assertEquals("mentor: --out: " + out + " already exists (use --force to overwrite it)", exists.err().strip());
        assertEquals(html, Files.readString(out));

        Path notARun = Files.createDirectories(dir.resolve("not-a-run"));
        CliFixture.Result bad = CliFixture.run("report", notARun.toString(), "--out", dir.resolve("x.html").toString());
        assertEquals(2, bad.code());
        assertEquals("mentor: " + notARun + ": not a finished run (no metrics.json or rounds.json)", bad.err().strip());
        assertFalse(Files.exists(dir.resolve("x.html")));
    }

    @Test
    void throughputJsonBecomesTheReportsPeerChart() throws Exception {
        assertEquals(0, demoResult.code(), demoResult.err());
        Path script = Files.writeString(dir.resolve("peer.py"), "");
        // A stand-in interpreter: succeeds on "-c import torch", otherwise prints a description and a rate.
        Path python = dir.resolve("python");
        Files.writeString(python, "#!/bin/sh\n[ \"$1\" = -c ] && exit 0; echo 'torch fake'; echo 'img/s: 123.5'\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path json = dir.resolve("speed.json");
        CliFixture.Result bench = CliFixture.run("bench", "throughput", "--batch-size", "4", "--steps", "2", "--rounds", "2",
                "--warmup-steps", "1", "--warmup-seconds", "0", "--warmup-max-seconds", "0", "--peer", script.toString(),
                "--python", python.toString(), "--json", json.toString());
        assertEquals(0, bench.code(), bench.err());
        ThroughputResult speed = ThroughputResult.read(json);
        assertEquals(2, speed.rounds().size());
        assertEquals(123.5, speed.rounds().get(1).peerImagesPerSecond());
        Path out = dir.resolve("speed.html");
        CliFixture.Result made = CliFixture.run("report", demo.resolve("stages/supervised").toString(), "--throughput",
                json.toString(), "--no-samples", "--out", out.toString());
        assertEquals(0, made.code(), made.err());
        String html = Files.readString(out);
        assertTrue(html.contains("alt=\"training images per second, Mentor against the PyTorch peer\""));
        assertTrue(html.contains("peer 123.5 img/s"), "the peer's median");
    }
}
