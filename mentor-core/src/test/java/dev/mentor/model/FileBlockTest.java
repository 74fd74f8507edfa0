package dev.mentor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.mentor.MentorException;
import dev.mentor.testing.PretrainedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TorchScript and ONNX fixtures give, through Mentor, the outputs PyTorch gave for the same inputs. */
class FileBlockTest {
    private static final Shape IMAGE = new Shape(1, 16, 16);

    static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            float tolerance = 1e-5f * Math.max(1f, Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], tolerance, what + " [" + i + "]");
        }
    }

    private static float[] run(FileBlock block, NDManager manager) {
        NDList out = block.forward(new ParameterStore(manager, false), new NDList(PretrainedFixtures.input(manager)), false);
        return out.singletonOrThrow().toFloatArray();
    }

    @Test
    void torchScriptFilesMatchPyTorch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String name : new String[] {"features.pt", "features-scripted.pt"}) {
                for (Trainability trainability : Trainability.values()) {
                    TorchScriptBlock block = TorchScriptBlock.load(PretrainedFixtures.file(name), IMAGE, trainability, manager);
                    assertEquals(32, block.outputWidth());
                    assertClose(PretrainedFixtures.expected("features"), run(block, manager), name);
                    block.close();
                }
            }
            TorchScriptBlock classifier = TorchScriptBlock.load(PretrainedFixtures.file("classifier.pt"), IMAGE, Trainability.FROZEN, manager);
            assertEquals(4, classifier.outputWidth());
            assertClose(PretrainedFixtures.expected("logits"), run(classifier, manager), "classifier.pt");
        }
    }

    @Test
    void onnxFilesMatchPyTorch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            OnnxBlock features = OnnxBlock.load(PretrainedFixtures.file("features.onnx"), IMAGE, manager);
            assertEquals(32, features.outputWidth());
            assertClose(PretrainedFixtures.expected("features"), run(features, manager), "features.onnx");
            OnnxBlock classifier = OnnxBlock.load(PretrainedFixtures.file("classifier.onnx"), IMAGE, manager);
            assertClose(PretrainedFixtures.expected("logits"), run(classifier, manager), "classifier.onnx");
        }
    }

    @Test
    void outputsOfAnInferenceForwardAreOrdinaryArraysOfTheInputsManager() {
        try (NDManager manager = NDManager.newBaseManager(); NDManager step = manager.newSubManager()) {
            FileBlock[] blocks = {
                TorchScriptBlock.load(PretrainedFixtures.file("features.pt"), IMAGE, Trainability.TRAINABLE, manager),
                OnnxBlock.load(PretrainedFixtures.file("features.onnx"), IMAGE, manager)
            };
            for (FileBlock block : blocks) {
                NDArray x = PretrainedFixtures.input(step);
                NDArray out = block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
                assertEquals(step, out.getManager(), block.format().toString());
                assertEquals("PyTorch", out.getManager().getEngine().getEngineName());
                NDArray sum = out.mul(2).sum();
                assertEquals(2 * out.sum().getFloat(), sum.getFloat(), 1e-3f);
            }
        }
    }

    @Test
    void aSavedTorchScriptModuleLoadsBackWithTheSameOutputs(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            TorchScriptBlock block = TorchScriptBlock.load(PretrainedFixtures.file("features-scripted.pt"), IMAGE, Trainability.TRAINABLE, manager);
            Path copy = dir.resolve("copy.pt");
            block.save(copy);
            assertTrue(Files.size(copy) > 1000);
            TorchScriptBlock again = TorchScriptBlock.load(copy, IMAGE, Trainability.FROZEN, manager);
            assertClose(PretrainedFixtures.expected("features"), run(again, manager), "saved copy");
        }
    }

    @Test
    void aFileOfTheWrongKindOrShapeIsAClearError(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pt"), "not a model");
        Path junkOnnx = Files.writeString(dir.resolve("junk.onnx"), "not a model");
        try (NDManager manager = NDManager.newBaseManager()) {
            MentorException e = assertThrows(MentorException.class, () -> TorchScriptBlock.load(junk, IMAGE, Trainability.FROZEN, manager));
            assertTrue(e.getMessage().contains("junk.pt") && e.getMessage().contains("TorchScript"), e.getMessage());
            e = assertThrows(MentorException.class, () -> OnnxBlock.load(junkOnnx, IMAGE, manager));
            assertTrue(e.getMessage().contains("junk.onnx") && e.getMessage().contains("ONNX"), e.getMessage());
            e = assertThrows(MentorException.class,
                    () -> TorchScriptBlock.load(PretrainedFixtures.file("features.pt"), new Shape(3, 16, 16), Trainability.FROZEN, manager));
            assertTrue(e.getMessage().contains("3x16x16"), e.getMessage());
        }
    }
}
