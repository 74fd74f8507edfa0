package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.train.Checkpoint;
import dev.mentor.train.SavedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The methods with state beyond their weights — {@code train freematch} and {@code train flexmatch}
 * (their thresholds' statistics), {@code train fixmatch --distribution-alignment} (its moving average of
 * the model's predictions) — from the command line: they train, their state is in the checkpoint, and a
 * run stopped after its first checkpoint resumes to the weights of an uninterrupted one (which needs the
 * state restored: reset, it would mask or weight other images).
 */
class MethodStateCommandTest {
    @RegisterExtension
    static final TinyIdx IDX = new TinyIdx(160, 40, 4);

    private static String[] train(String run, Path out, String... extra) {
        String method = run.replaceFirst("-(aligned|calibrated)$", "");
        List<String> a = new ArrayList<>(List.of("train", method, "--data", IDX.spec(), "--labels-per-class", "4",
                "--validation-per-class", "5", "--batch-size", "8", "--unlabeled-ratio", "2", "--steps", "24", "--seed", "6",
                "--out", out.toString()));
        // statistics that move within 24 steps: a short average for FreeMatch, a τ the tiny model reaches for FlexMatch
        a.addAll(method.equals("freematch") ? List.of("--ema-momentum", "0.9") : List.of("--threshold", "0.5"));
        if (run.equals("fixmatch-aligned")) {
            a.add("--distribution-alignment");
        }
        if (run.endsWith("-calibrated")) {
            a.add("--calibrate-thresholds");
        }
        a.addAll(Arrays.asList(extra));
        return a.toArray(String[]::new);
    }

    private static JsonNode lastEpoch(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"freematch", "flexmatch", "fixmatch-aligned", "freematch-calibrated", "flexmatch-calibrated"})
    void trainsKeepsItsStateInTheCheckpointAndResumesBitIdentically(String run) throws Exception {
        String method = run.replace("-calibrated", "");
        Path straight = IDX.dir().resolve(run + "-straight");
        CliFixture.Result r = CliFixture.run(train(run, straight));
        assertEquals(0, r.code(), r.err());
        Map<String, float[]> arrays = Checkpoint.read(straight.resolve("checkpoint.ckpt")).arrays();
        JsonNode components = lastEpoch(straight).get("components");
        assertTrue(components.has("mask_ratio"), components.toString());
        if (method.equals("freematch")) {
            float threshold = arrays.get("method-state/global_threshold")[0];
            assertTrue(threshold > 0.25f && threshold < 1f, "the global threshold moved from 1/4: " + threshold);
            assertEquals(4, arrays.get("method-state/class_expectation").length);
            assertTrue(components.has("fairness"), components.toString());
        } else if (method.equals("fixmatch-aligned")) {
            float[] model = arrays.get("method-state/alignment_model");
            double sum = 0;
            for (float p : model) {
                sum += p;
            }
            assertEquals(4, model.length);
            assertEquals(1.0, sum, 1e-4, "a distribution: " + Arrays.toString(model));
        } else {
            float[] remembered = arrays.get("method-state/remembered_class");
            assertEquals(160 - 16 - 20, remembered.length, "one class per pool image (the images neither labeled nor validation)");
            assertTrue(Arrays.stream(toDoubles(remembered)).anyMatch(c -> c >= 0), "some pool images passed τ");
            assertTrue(components.has("mean_threshold") && components.has("pool_used_ratio"), components.toString());
        }

        Path stopped = IDX.dir().resolve(run + "-stopped");
        CliFixture.Result first = CliFixture.runStoppedAtFirstCheckpoint(stopped, train(run, stopped));
        assertEquals(130, first.code(), first.err());
        CliFixture.Result resumed = CliFixture.run("train", method.replace("-aligned", ""), "--resume", stopped.toString());
        assertEquals(0, resumed.code(), resumed.err());
        Map<String, float[]> expected = SavedModel.read(straight).weights();
        Map<String, float[]> actual = SavedModel.read(stopped).weights();
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            assertTrue(Arrays.equals(e.getValue(), actual.get(e.getKey())), e.getKey() + " differs after the stop and resume");
        }
    }

    private static double[] toDoubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    @Test
    void freeMatchRefusesAFixedThreshold() {
        CliFixture.Result r = CliFixture.run(train("freematch", IDX.dir().resolve("fixed"), "--threshold", "0.9"));
        assertEquals(2, r.code());
        assertEquals("mentor: --threshold: FreeMatch adapts its thresholds; see --ema-momentum instead", r.err().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"freematch", "flexmatch", "mpl"})
    void onlyFixMatchAndUdaAlignTheirTargets(String method) {
        Path out = IDX.dir().resolve("aligned-" + method);
        CliFixture.Result r = CliFixture.run("train", method, "--data", IDX.spec(), "--labels-per-class", "4", "--steps", "2",
                "--distribution-alignment", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("mentor: --distribution-alignment: only fixmatch and uda align their targets, not " + method, r.err().strip());
        assertTrue(!Files.exists(out));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixmatch", "freematch", "mpl"})
    void aBadStrongViewIsOneLineNamingTheOptionBeforeAnythingIsWritten(String method) {
        Path out = IDX.dir().resolve("bad-strong-" + method);
        CliFixture.Result r = CliFixture.run("train", method, "--data", IDX.spec(), "--labels-per-class", "4", "--steps", "2",
                "--strong-augment", "strong:cutout=0.5..0.25", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("mentor: --strong-augment: 'strong:cutout=0.5..0.25': cutout must be a fraction or a range LOW..HIGH of "
                + "fractions in [0, 1], low first, got '0.5..0.25'", r.err().strip());
        assertTrue(!Files.exists(out));
        CliFixture.Result mirrored = CliFixture.run("train", method, "--data", IDX.spec(), "--labels-per-class", "4", "--steps", "2",
                "--no-flip", "--strong-augment", "strong:cutout=0..0.5", "--out", out.toString());
        assertEquals(2, mirrored.code(), mirrored.err());
        assertEquals("mentor: --strong-augment: 'strong:cutout=0..0.5' mirrors images, but --no-flip is given: add flip=false to it",
                mirrored.err().strip());
        assertTrue(!Files.exists(out));
    }
}
