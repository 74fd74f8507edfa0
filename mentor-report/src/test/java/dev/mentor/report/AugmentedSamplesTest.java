package dev.mentor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report draws each consistency run's own strong view: the one its method.json names, else the default. */
class AugmentedSamplesTest {
    @TempDir
    Path dir;

    @Test
    void aRunsStrongViewIsTheOneItsMethodJsonNames() throws IOException {
        Path data = idx(dir.resolve("idx"), 8, 16);
        Path spelled = Files.createDirectories(dir.resolve("spelled"));
        Files.writeString(spelled.resolve("method.json"), """
                {"format": "mentor-method", "version": 1, "unlabeled_ratio": 2, "unlabeled_loss_weight": 1.0,
                 "confidence_threshold": 0.95, "temperature": 0.0, "ramp_up_steps": 0, "horizontal_flip": true,
                 "distribution_alignment": false, "strong_augment": "strong:cutout=0..0.5"}
                """);
        Path nested = Files.createDirectories(dir.resolve("nested"));
        Files.writeString(nested.resolve("method.json"), """
                {"format": "mentor-method", "version": 1, "consistency": {"unlabeled_ratio": 2, "unlabeled_loss_weight": 1.0,
                 "confidence_threshold": 0.95, "temperature": 0.0, "ramp_up_steps": 0, "horizontal_flip": false,
                 "distribution_alignment": false, "strong_augment": "strong:flip=false,n=1"}, "warmup": true, "calibrate": false}
                """);
        Path earlier = Files.createDirectories(dir.resolve("earlier"));
        Files.writeString(earlier.resolve("method.json"), """
                {"unlabeledRatio": 2, "unlabeledLossWeight": 1.0, "confidenceThreshold": 0.8, "temperature": 0.4,
                 "rampUpSteps": 0, "horizontalFlip": true}
                """);
        Path earlierNoFlip = Files.createDirectories(dir.resolve("earlier-no-flip"));
        Files.writeString(earlierNoFlip.resolve("method.json"), """
                {"format": "mentor-method", "version": 1, "consistency": {"unlabeled_ratio": 2, "unlabeled_loss_weight": 1.0,
                 "confidence_threshold": 0.95, "temperature": 0.0, "ramp_up_steps": 0, "horizontal_flip": false,
                 "distribution_alignment": false}, "momentum": 0.999, "fairness_weight": 0.01}
                """);

        AugmentedSamples samples = AugmentedSamples.of(List.of(summary(spelled, "fixmatch", data),
                summary(nested, "flexmatch", data), summary(earlier, "uda", data), summary(earlierNoFlip, "freematch", data)));

        assertEquals(List.of(), samples.notes());
        assertEquals(4, samples.captions().size(), samples.captions().toString());
        assertTrue(samples.captions().get(0).contains("--strong-augment strong:cutout=0..0.5: each"), samples.captions().get(0));
        assertTrue(samples.captions().get(1).contains("--strong-augment strong:flip=false,n=1: each"), samples.captions().get(1));
        assertTrue(samples.captions().get(2).contains("--strong-augment strong: each"), samples.captions().get(2));
        assertTrue(samples.captions().get(3).contains("--strong-augment strong:flip=false: each"), samples.captions().get(3));
    }

    private static RunSummary summary(Path run, String method, Path data) {
        return new RunSummary(run, method, "cnn-small", "idx:" + data, "none", 8, 0, 0.5, 0.5, 1.0, 100.0, null, List.of(),
                new long[0][0], List.of(), List.of());
    }

    /** A 2-class IDX data set of {@code train} and {@code test} 8×8 images. */
    private static Path idx(Path folder, int test, int train) throws IOException {
        Files.createDirectories(folder);
        write(folder.resolve("train-images-idx3-ubyte.gz"), images(train));
        write(folder.resolve("train-labels-idx1-ubyte.gz"), labels(train));
        write(folder.resolve("t10k-images-idx3-ubyte.gz"), images(test));
        write(folder.resolve("t10k-labels-idx1-ubyte.gz"), labels(test));
        return folder;
    }

    private static byte[] images(int n) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x803);
        out.writeInt(n);
        out.writeInt(8);
        out.writeInt(8);
        for (int i = 0; i < n * 64; i++) {
            out.writeByte((i * 37) % 256);
        }
        return bytes.toByteArray();
    }

    private static byte[] labels(int n) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x801);
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeByte(i % 2);
        }
        return bytes.toByteArray();
    }

    private static void write(Path file, byte[] content) throws IOException {
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }
}
