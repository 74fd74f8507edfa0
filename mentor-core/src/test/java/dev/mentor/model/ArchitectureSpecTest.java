package dev.mentor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.MentorException;
import dev.mentor.run.ExperimentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchitectureSpecTest {
    @TempDir
    Path dir;

    @Test
    void aSpecIsItsTextAndItsTextIsTheSpec() {
        for (String text : List.of("cnn-small", "resnet-20", "wrn-28-2", "wrn-16-8", "efficientnet-b0", "torchscript:/m/features.pt",
                "onnx:backbone.onnx")) {
            assertEquals(text, ArchitectureSpec.parse(text).toString(), text);
        }
    }

    @Test
    void aJavaUserBuildsTheSpecTheCommandLineParses() {
        assertEquals(ArchitectureSpec.parse("wrn-28-2"), ArchitectureSpec.zoo("wrn-28-2"));
        assertEquals(ArchitectureSpec.parse("torchscript:/m/f.pt"), ArchitectureSpec.backbone(ModelFormat.TORCHSCRIPT, Path.of("/m/f.pt")));
        ArchitectureSpec onnx = ArchitectureSpec.parse("onnx:/m/f.onnx");
        assertTrue(onnx.isFileModel());
        assertEquals(ModelFormat.ONNX, onnx.fileFormat());
        assertEquals(Path.of("/m/f.onnx"), onnx.file());
        assertFalse(ArchitectureSpec.zoo("cnn-small").isFileModel());
        assertThrows(IllegalStateException.class, () -> ArchitectureSpec.zoo("cnn-small").file());
    }

    @Test
    void aBadSpecIsAnErrorAboutTheModelQuotingIt() {
        assertEquals("model: unknown model 'vgg-16' (expected cnn-small, resnet-20, wrn-DEPTH-K such as wrn-28-2, or efficientnet-b0)",
                message(() -> ArchitectureSpec.parse("vgg-16")));
        assertEquals("model: wrn-27-2 is not a wide ResNet: depth must be 6n+4 (10, 16, 22, 28, ...) and K >= 1",
                message(() -> ArchitectureSpec.parse("wrn-27-2")));
        assertEquals("model: torchscript: needs the backbone file after the colon", message(() -> ArchitectureSpec.parse("torchscript:")));
        assertEquals("model: MENTOR_RUN is not a backbone file format (expected torchscript or onnx)",
                message(() -> new ArchitectureSpec("/runs/a", ModelFormat.MENTOR_RUN)));
        assertTrue(message(() -> ArchitectureSpec.parse(" ")).startsWith("model: no architecture given (expected cnn-small, "));
        MentorException e = assertThrows(MentorException.class, () -> new ExperimentConfig(dev.mentor.data.DataSpec.fashionMnist(), null,
                null, null, null, null, null, 0, "resnet-21", -1, -1, 1, 8, 0.1, 0, dev.mentor.train.OptimizerConfig.sgd(5e-4), 0, "weak",
                0, 0, 0.5, 0, 1));
        assertEquals("model", e.component());
    }

    @Test
    void configJsonRecordsTheTextAsItDidWhenTheModelWasAString() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals("\"torchscript:/m/f.pt\"", json.writeValueAsString(ArchitectureSpec.parse("torchscript:/m/f.pt")));
        assertEquals(ArchitectureSpec.zoo("resnet-20"), json.readValue("\"resnet-20\"", ArchitectureSpec.class));

        Path legacy = Path.of(ArchitectureSpecTest.class.getResource("/dev/mentor/run/legacy/before-steps/config.json").toURI());
        ExperimentConfig config = ExperimentConfig.read(legacy);
        assertEquals(ArchitectureSpec.zoo("cnn-small"), config.model());
        Path file = dir.resolve("config.json");
        config.write(file);
        String written = Files.readString(file);
        assertTrue(written.contains("\n  \"model\" : \"cnn-small\",\n"), written);
        assertEquals(config, ExperimentConfig.read(file));
        config.write(dir.resolve("again.json"));
        assertEquals(written, Files.readString(dir.resolve("again.json")));
        ExperimentConfig onFile = new ExperimentConfig(config.data(), null, null, null, null, null, null, 0, "torchscript:/m/f.pt", -1,
                -1, 1, 8, 0.1, 0, config.optimizer(), 0, "weak", 0, 0, 0.5, 0, 1);
        onFile.write(dir.resolve("file.json"));
        assertTrue(Files.readString(dir.resolve("file.json")).contains("\"model\" : \"torchscript:/m/f.pt\""));
        assertEquals(onFile, ExperimentConfig.read(dir.resolve("file.json")));
    }

    private static String message(org.junit.jupiter.api.function.Executable failing) {
        return assertThrows(MentorException.class, failing).getMessage();
    }
}
