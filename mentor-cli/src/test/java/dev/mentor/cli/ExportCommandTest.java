package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.data.DataOptions;
import dev.mentor.data.DataSources;
import dev.mentor.data.ImageSet;
import dev.mentor.io.Safetensors.Tensor;
import dev.mentor.io.Safetensors;
import dev.mentor.model.TorchReference;
import dev.mentor.ndarray.NativeArrays;
import dev.mentor.train.Learner;
import dev.mentor.train.SavedModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mentor export}: models trained for a few steps on a small IDX set are exported, and a
 * PyTorch module written in this test's resources (from the reference modules' structure) loads the
 * file with {@code load_state_dict(strict=True)} and predicts what Mentor predicts. The PyTorch half
 * needs a {@code python3} with {@code torch} (Debian: {@code apt-get install python3-torch}) and is
 * skipped without one.
 */
class ExportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODELS = List.of("cnn-small", "resnet-20", "wrn-10-2");
    @TempDir
    static Path dir;
    static Path data;
    static final Map<String, Path> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void train() throws Exception {
        data = CliFixture.idx(dir.resolve("idx"), 96, 24, 3);
        for (String model : MODELS) {
            Path run = dir.resolve("run-" + model);
            CliFixture.Result trained = CliFixture.run("train", "supervised", "--data", "idx:" + data, "--model", model,
                    "--validation-per-class", "0", "--epochs", "2", "--batch-size", "16", "--lr", "0.05", "--out", run.toString());
            assertEquals(0, trained.code(), trained.err());
            RUNS.put(model, run);
        }
    }

    @Test
    void writesTheReferenceStateDictWithTheModelsValuesAndMetadata() throws Exception {
        Path out = dir.resolve("cnn.safetensors");
        CliFixture.Result r = CliFixture.run("export", "--checkpoint", RUNS.get("cnn-small").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("CnnSmall(c=1, n=3)"), r.out());
        SavedModel saved = SavedModel.read(RUNS.get("cnn-small"));
        Safetensors.Contents file = Safetensors.read(out);
        List<TorchReference.Entry> reference = TorchReference.stateDict(saved.spec());
        assertEquals(reference.stream().map(TorchReference.Entry::key).toList(), List.copyOf(file.tensors().keySet()));
        for (TorchReference.Mapped m : TorchReference.map(saved.spec(), saved.weights(), "m").values()) {
            Tensor t = file.tensors().get(m.entry().key());
            assertArrayEquals(m.entry().shape(), t.shape(), m.entry().key());
            if (m.values() == null) {
                assertArrayEquals(new long[] {0L}, t.longs(), m.entry().key());
            } else {
                assertArrayEquals(m.values(), t.floats(), m.entry().key());
            }
        }
        Map<String, String> meta = file.metadata();
        assertEquals("cnn-small", meta.get("architecture"));
        assertEquals("1", meta.get("mapping_version"));
        assertEquals("[1,16,16]", meta.get("input_shape"));
        assertEquals(saved.classNames(), List.of(JSON.readValue(meta.get("class_names"), String[].class)));
        assertArrayEquals(saved.normalization().mean(), JSON.readValue(meta.get("normalization_mean"), float[].class));
        assertArrayEquals(saved.normalization().std(), JSON.readValue(meta.get("normalization_std"), float[].class));
    }

    @Test
    void anExistingOutIsKeptWithoutForce() throws Exception {
        Path out = dir.resolve("kept.safetensors");
        Files.writeString(out, "keep me");
        CliFixture.Result refused = CliFixture.run("export", "--checkpoint", RUNS.get("cnn-small").toString(), "--out", out.toString());
        assertEquals(2, refused.code());
        assertEquals(1, refused.err().lines().count(), refused.err());
        assertTrue(refused.err().contains("--out") && refused.err().contains("--force"), refused.err());
        assertEquals("keep me", Files.readString(out));
        CliFixture.Result forced = CliFixture.run("export", "--checkpoint", RUNS.get("cnn-small").toString(), "--out", out.toString(),
                "--force");
        assertEquals(0, forced.code(), forced.err());
        assertEquals(18, Safetensors.read(out).tensors().size());
    }

    @Test
    void badOptionsAreOneLineNamingTheOption() {
        String run = RUNS.get("cnn-small").toString();
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("--format", new String[] {"export", "--checkpoint", run, "--format", "onnx", "--out", dir.resolve("a").toString()});
        cases.put("torchscript-state", new String[] {"export", "--checkpoint", run, "--format", "torchscript-state", "--out",
            dir.resolve("b").toString()});
        cases.put("no-such-run", new String[] {"export", "--checkpoint", dir.resolve("no-such-run").toString(), "--out",
            dir.resolve("c").toString()});
        cases.put("no-such-folder", new String[] {"export", "--checkpoint", run, "--out", dir.resolve("no-such-folder/m.safetensors").toString()});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            CliFixture.Result r = CliFixture.run(c.getValue());
            assertEquals(2, r.code(), c.getKey() + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(c.getKey()), r.err());
        }
    }

    /** The export in PyTorch: the same logits (within 1e-4), hence the same top-1 as evaluate and predict. */
    @ParameterizedTest
    @ValueSource(strings = {"cnn-small", "resnet-20", "wrn-10-2"})
    void pytorchLoadsTheExportAndPredictsWhatMentorPredicts(String model) throws Exception {
        String python = pythonWithTorch();
        assumeTrue(python != null, "skipped: no python3 with torch (tried $MENTOR_TEST_PYTHON, python3, /usr/bin/python3);"
                + " apt-get install python3-torch to run the PyTorch round trip");
        Path run = RUNS.get(model);
        Path exported = dir.resolve(model + ".safetensors");
        CliFixture.Result r = CliFixture.run("export", "--checkpoint", run.toString(), "--out", exported.toString());
        assertEquals(0, r.code(), r.err());

        ImageSet test = DataSources.parse("idx:" + data, new DataOptions(null, null, 0)).load().test();
        int n = test.size();
        int volume = test.channels() * test.height() * test.width();
        float[] pixels = new float[n * volume];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            byte[] px = test.image(i).pixelsReadOnly();
            for (int j = 0; j < volume; j++) {
                pixels[i * volume + j] = px[j] & 0xFF;
            }
            labels[i] = test.label(i);
        }
        Path inputs = dir.resolve(model + "-inputs.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("pixels", Tensor.f32(pixels, n, test.channels(), test.height(), test.width()));
        tensors.put("labels", Tensor.i64(labels, n));
        Safetensors.write(inputs, tensors, Map.of());

        Path script = dir.resolve("torch_load_export.py");
        try (InputStream in = ExportCommandTest.class.getResourceAsStream("torch_load_export.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path result = dir.resolve(model + "-torch.json");
        Process p = new ProcessBuilder(python, script.toString(), exported.toString(), inputs.toString(), result.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), log);
        JsonNode torch = JSON.readTree(result.toFile());
        float[][] torchLogits = JSON.treeToValue(torch.get("logits"), float[][].class);

        SavedModel saved = SavedModel.read(run);
        float[] mentorLogits;
        try (NDManager manager = NDManager.newBaseManager(); Learner learner = saved.load(manager)) {
            float[] normalised = new float[n * volume];
            for (int i = 0; i < n; i++) {
                saved.normalization().write(test.image(i), normalised, i * volume);
            }
            NDArray x = NativeArrays.create(manager, normalised, new Shape(n, test.channels(), test.height(), test.width()));
            mentorLogits = learner.infer(x).get(0).toFloatArray();
        }
        int classes = saved.spec().classes();
        assertEquals(n, torchLogits.length);
        double maxDifference = 0;
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        int correct = 0;
        int[] torchTop1 = new int[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                maxDifference = Math.max(maxDifference, Math.abs(torchLogits[i][c] - mentorLogits[i * classes + c]));
                low = Math.min(low, mentorLogits[i * classes + c]);
                high = Math.max(high, mentorLogits[i * classes + c]);
            }
            torchTop1[i] = argmax(torchLogits[i]);
            float[] row = java.util.Arrays.copyOfRange(mentorLogits, i * classes, (i + 1) * classes);
            assertEquals(argmax(row), torchTop1[i], model + ": top-1 of test image " + i);
            correct += torchTop1[i] == labels[i] ? 1 : 0;
        }
        System.out.printf("export round trip %s: torch %s %s, %d keys, %d test images, logits in [%.3f, %.3f],"
                + " max |logit difference| %.3g, top-1 %d/%d%n", model, torch.get("torch").asText(), torch.get("module").asText(),
                torch.get("keys").asInt(), n, low, high, maxDifference, correct, n);
        assertTrue(maxDifference <= 1e-4, model + ": logits differ by up to " + maxDifference);
        assertTrue(high - low > 0.1, model + ": logits span only " + (high - low) + ", too little for the comparison to mean much");

        CliFixture.Result evaluated = CliFixture.run("evaluate", "--checkpoint", run.toString());
        assertEquals(0, evaluated.code(), evaluated.err());
        assertEquals(JSON.readTree(evaluated.out()).get("top1").asDouble(), correct / (double) n, 1e-12, "evaluate's top-1");

        List<String> args = new ArrayList<>(List.of("predict", "--checkpoint", run.toString()));
        for (int i = 0; i < 6; i++) {
            Path png = dir.resolve(model + "-test-" + i + ".png");
            writePng(test.image(i).pixelsReadOnly(), test.width(), test.height(), png);
            args.add(png.toString());
        }
        CliFixture.Result predicted = CliFixture.run(args.toArray(String[]::new));
        assertEquals(0, predicted.code(), predicted.err());
        JsonNode predictions = JSON.readTree(predicted.out());
        for (int i = 0; i < 6; i++) {
            assertEquals(torchTop1[i], predictions.get(i).get("index").asInt(), model + ": predict on test image " + i);
        }
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    private static void writePng(byte[] gray, int width, int height, Path file) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, gray);
        ImageIO.write(image, "png", file.toFile());
    }

    /** The first of $MENTOR_TEST_PYTHON, python3 and /usr/bin/python3 that imports torch, or null. */
    private static String pythonWithTorch() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("MENTOR_TEST_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.add("python3");
        candidates.add("/usr/bin/python3");
        for (String python : candidates) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // not installed: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
