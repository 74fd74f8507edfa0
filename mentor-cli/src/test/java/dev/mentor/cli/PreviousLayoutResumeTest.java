package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.io.Json;
import dev.mentor.io.RecordFormat;
import dev.mentor.report.RunReader;
import dev.mentor.report.RunSummary;
import dev.mentor.run.ExperimentConfig;
import dev.mentor.run.MethodOptions;
import dev.mentor.run.RoundRecord;
import dev.mentor.run.Rounds;
import dev.mentor.run.SelfTrainingDirectory;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.SavedModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --resume} of a run whose files the build before run records had versions wrote: camelCase
 * records (config.json, method.json, a line of metrics.jsonl, round.json, rounds.json) and snake_case
 * maps without format or version. The stopped run's files are rewritten as that build wrote them (its
 * records through the default Jackson mapper), then the run resumes to the weights of an uninterrupted one
 * and the report reads the folder, now part old layout (what a resumed run does not rewrite), part new.
 */
class PreviousLayoutResumeTest {
    @RegisterExtension
    static final TinyIdx IDX = new TinyIdx(160, 40, 4);

    private static String[] mutual(Path out) {
        return new String[] {"train", "mutual", "--data", IDX.spec(), "--labels", "16", "--validation-per-class", "5",
            "--batch-size", "8", "--steps", "24", "--seed", "4", "--out", out.toString()};
    }

    @Test
    void aRunOfThePreviousLayoutResumesToTheWeightsOfAnUninterruptedOne() throws Exception {
        Path straight = IDX.dir().resolve("mutual-straight");
        assertEquals(0, CliFixture.run(mutual(straight)).code());
        Path stopped = IDX.dir().resolve("mutual-stopped");
        CliFixture.Result first = CliFixture.runStoppedAtFirstCheckpoint(stopped, mutual(stopped));
        assertEquals(130, first.code(), first.err());
        toPreviousLayout(stopped, dev.mentor.method.MutualLearning.Options.class);
        String config = Files.readString(stopped.resolve("config.json"));
        assertTrue(config.contains("\"labelsPerClass\"") && !config.contains("\"format\""), config);

        CliFixture.Result resumed = CliFixture.run("train", "mutual", "--resume", stopped.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertSameWeights(straight, stopped);
        assertEquals(config, Files.readString(stopped.resolve("config.json")), "a resumed run keeps its config.json");
        assertTrue(Files.readString(stopped.resolve("metrics.jsonl")).startsWith("{\"format\":\"mentor-epoch\""),
                "the epoch log is rewritten from the checkpoint");
        RunSummary old = RunReader.read(stopped);
        RunSummary current = RunReader.read(straight);
        assertEquals(current.testAccuracy(), old.testAccuracy());
        assertEquals(current.labels(), old.labels());
        assertEquals(current.curves(), old.curves());
    }

    @Test
    void aSelfTrainingRunOfThePreviousLayoutKeepsItsFinishedRoundAndContinuesTheNext() throws Exception {
        String[] args = {"train", "noisy-student", "--data", IDX.spec(), "--labels", "40", "--validation-per-class", "5",
            "--epochs", "3", "--student-epochs", "3", "--rounds", "1", "--batch-size", "8", "--lr", "0.05", "--seed", "5"};
        Path straight = IDX.dir().resolve("ns-straight");
        assertEquals(0, CliFixture.run(with(args, "--out", straight.toString())).code());
        Path stopped = IDX.dir().resolve("ns-stopped");
        CliFixture.Result first = CliFixture.runStoppedAtFirstCheckpoint(stopped.resolve("round-1"),
                with(args, "--out", stopped.toString()));
        assertEquals(130, first.code(), first.err());
        assertTrue(Files.isRegularFile(stopped.resolve("round-0/round.json")) && !Files.exists(stopped.resolve("round-1/round.json")));
        Json.write(stopped.resolve("config.json"), SelfTrainingDirectory.readConfig(stopped));
        Json.write(stopped.resolve("rounds.json"), Rounds.read(stopped.resolve("rounds.json")));
        Json.write(stopped.resolve("round-0/round.json"), RoundRecord.read(stopped.resolve("round-0/round.json")));
        toPreviousLayout(stopped.resolve("round-0"), null);
        toPreviousLayout(stopped.resolve("round-1"), null);
        long teacherWritten = Files.getLastModifiedTime(stopped.resolve("round-0/model.ckpt")).toMillis();
        assertTrue(Files.readString(stopped.resolve("rounds.json")).contains("\"testAccuracy\""));

        CliFixture.Result resumed = CliFixture.run("train", "noisy-student", "--resume", stopped.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("finished before"), resumed.err());
        assertEquals(teacherWritten, Files.getLastModifiedTime(stopped.resolve("round-0/model.ckpt")).toMillis(), "the teacher trained again");
        assertSameWeights(straight.resolve("round-1"), stopped.resolve("round-1"));
        Rounds rounds = Rounds.read(stopped.resolve("rounds.json"));
        assertTrue(rounds.complete());
        assertEquals(Rounds.read(straight.resolve("rounds.json")).rounds().get(0).testAccuracy(), rounds.rounds().get(0).testAccuracy());
        assertEquals(RunReader.read(straight).testAccuracy(), RunReader.read(stopped).testAccuracy());
    }

    /**
     * Rewrites a run folder's record files as the build before versions wrote them: its records through the
     * default (camelCase) mapper, its maps (manifest.json, metrics.json) snake_case without format and version,
     * each reported model's accuracy a key of its own.
     */
    static void toPreviousLayout(Path run, Class<?> methodOptions) throws Exception {
        Json.write(run.resolve("config.json"), ExperimentConfig.read(run.resolve("config.json")));
        if (Files.isRegularFile(run.resolve("manifest.json"))) {
            ObjectNode manifest = Json.read(run.resolve("manifest.json"));
            manifest.remove(List.of(RecordFormat.FORMAT, RecordFormat.VERSION));
            Json.write(run.resolve("manifest.json"), manifest);
        }
        StringBuilder lines = new StringBuilder();
        for (EpochMetrics epoch : EpochMetrics.readLog(run.resolve("metrics.jsonl"))) {
            lines.append(Json.line(epoch)).append('\n');
        }
        Files.writeString(run.resolve("metrics.jsonl"), lines, StandardCharsets.UTF_8);
        if (Files.isRegularFile(run.resolve("metrics.json"))) {
            ObjectNode metrics = Json.read(run.resolve("metrics.json"));
            metrics.remove(List.of(RecordFormat.FORMAT, RecordFormat.VERSION));
            ObjectNode roles = (ObjectNode) metrics.remove("test_accuracy_by_role");
            roles.fields().forEachRemaining(role -> metrics.set(role.getKey() + "_test_accuracy", role.getValue()));
            Json.write(run.resolve("metrics.json"), metrics);
        }
        if (methodOptions != null) {
            Json.write(run.resolve("method.json"), MethodOptions.read(run.resolve("method.json"), methodOptions));
            assertFalse(Files.readString(run.resolve("method.json")).contains("\"format\""));
        }
    }

    private static void assertSameWeights(Path expected, Path actual) {
        Map<String, float[]> want = SavedModel.read(expected).weights();
        Map<String, float[]> got = SavedModel.read(actual).weights();
        assertEquals(want.keySet(), got.keySet());
        want.forEach((name, values) -> assertArrayEquals(values, got.get(name), 0f, name));
    }

    private static String[] with(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
