package dev.mentor.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.mentor.MentorException;
import dev.mentor.augment.Augmentation;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.loop.TrainingLoop;
import dev.mentor.model.Classifier;
import dev.mentor.model.FileModels;
import dev.mentor.model.ModelFormat;
import dev.mentor.model.ModelSpec;
import dev.mentor.model.Trainability;
import dev.mentor.run.RunDirectory;
import dev.mentor.testing.PretrainedFixtures;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.BatchStream;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.Learner;
import dev.mentor.train.LoopConfig;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.SavedModel;
import dev.mentor.train.Schedule;
import dev.mentor.train.TargetSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfer from TorchScript and ONNX feature extractors: the head learns, a linear probe leaves the
 * backbone (BatchNorm statistics included) bit-identical, a fine-tune changes it and the run keeps
 * it, buffers included.
 */
class FileTransferTest {
    private static final ArrayImageSet TRAIN = SyntheticData.squares(64, 3, 1, 16, 5);
    private static final Normalization NORM = PretrainedFixtures.NORMALIZATION;

    /** What a short transfer run leaves: weights and backbone features before and after, and the epochs. */
    private record Outcome(Map<String, float[]> before, Map<String, float[]> after, float[] featuresBefore,
            float[] featuresAfter, List<EpochMetrics> history, float[] logits) {}

    private static Outcome transfer(String file, Transfer.Mode mode, int epochs, Path saveTo) {
        ModelFormat format = ModelFormat.of(PretrainedFixtures.file(file), "--pretrained");
        ModelSpec spec = FileModels.spec(format, 1, 16, 16, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            Classifier model = FileModels.classifier(spec, PretrainedFixtures.file(file),
                    mode == Transfer.Mode.FINE_TUNE ? Trainability.TRAINABLE : Trainability.FROZEN, manager);
            try (Learner learner = Learner.create(spec, model, OptimizerConfig.sgd(5e-4), manager, 1)) {
                Map<String, float[]> before = learner.weights();
                float[] featuresBefore = learner.infer(PretrainedFixtures.input(manager)).get(1).toFloatArray();
                Transfer method = new Transfer(learner, mode, 0.5, -1);
                BatchStream stream = new BatchStream(TRAIN, 16, 1, List.of(Augmentation.NONE), NORM, TargetSource.oneHot(TRAIN));
                List<EpochMetrics> history = new TrainingLoop(new LoopConfig(epochs, 0, 1, 1), method, stream, null,
                        Schedule.constant(0.05), null, NORM, List.of(), null).run(null);
                float[] featuresAfter = learner.infer(PretrainedFixtures.input(manager)).get(1).toFloatArray();
                float[] logits = learner.infer(PretrainedFixtures.input(manager)).get(0).toFloatArray();
                if (saveTo != null) {
                    SavedModel.save(learner, NORM, TRAIN.classNames(), saveTo);
                }
                return new Outcome(before, learner.weights(), featuresBefore, featuresAfter, history, logits);
            }
        }
    }

    private static boolean isHead(String name) {
        return name.contains("head_");
    }

    private static void assertLossFalls(List<EpochMetrics> history) {
        assertTrue(history.get(history.size() - 1).trainLoss() < history.get(0).trainLoss(), history.toString());
    }

    @Test
    void aLinearProbeOnTorchScriptTrainsTheHeadAndKeepsTheBackboneBitIdentical() {
        Outcome o = transfer("features-scripted.pt", Transfer.Mode.LINEAR_PROBE, 3, null);
        assertLossFalls(o.history());
        assertTrue(o.before().keySet().stream().anyMatch(n -> n.contains("conv1.weight")), o.before().keySet().toString());
        o.before().forEach((name, values) -> {
            if (isHead(name)) {
                assertFalse(Arrays.equals(values, o.after().get(name)), name + " should learn");
            } else {
                assertArrayEquals(values, o.after().get(name), 0f, name + " must not change");
            }
        });
        assertArrayEquals(o.featuresBefore(), o.featuresAfter(), 0f, "the backbone's outputs (its BatchNorm statistics) must not change");
    }

    @Test
    void aLinearProbeOnOnnxTrainsTheHead() {
        Outcome o = transfer("features.onnx", Transfer.Mode.LINEAR_PROBE, 3, null);
        assertLossFalls(o.history());
        assertTrue(o.before().keySet().stream().allMatch(FileTransferTest::isHead), "an ONNX backbone has no parameters: " + o.before().keySet());
        assertArrayEquals(o.featuresBefore(), o.featuresAfter(), 0f);
    }

    @Test
    void fineTuningTorchScriptTrainsTheBackboneAndTheRunKeepsItWithItsBuffers(@TempDir Path run) {
        Outcome o = transfer("features-scripted.pt", Transfer.Mode.FINE_TUNE, 3, run);
        assertLossFalls(o.history());
        assertTrue(o.before().entrySet().stream().anyMatch(e -> !isHead(e.getKey()) && !Arrays.equals(e.getValue(), o.after().get(e.getKey()))),
                "the backbone should learn");
        assertTrue(Files.isRegularFile(run.resolve("backbone.pt")) && Files.isRegularFile(run.resolve(RunDirectory.MODEL)));
        SavedModel saved = SavedModel.read(run);
        assertEquals("torchscript:backbone.pt", saved.spec().architecture());
        try (NDManager manager = NDManager.newBaseManager(); Learner reloaded = saved.load(manager)) {
            float[] logits = reloaded.infer(PretrainedFixtures.input(manager)).get(0).toFloatArray();
            assertArrayEquals(o.logits(), logits, 1e-5f, "the reloaded model (running statistics from backbone.pt) predicts as trained");
        }
    }

    @Test
    void anOnnxRunIsRebuiltFromItsCopyOfTheFile(@TempDir Path run) {
        Outcome o = transfer("features.onnx", Transfer.Mode.LINEAR_PROBE, 1, run);
        try (NDManager manager = NDManager.newBaseManager(); Learner reloaded = SavedModel.read(run).load(manager)) {
            assertArrayEquals(o.logits(), reloaded.infer(PretrainedFixtures.input(manager)).get(0).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void fineTuningAnOnnxBackboneIsRefused() {
        MentorException e = assertThrows(MentorException.class, () -> transfer("features.onnx", Transfer.Mode.FINE_TUNE, 1, null));
        assertTrue(e.getMessage().contains("linear-probe") && e.getMessage().contains("TorchScript"), e.getMessage());
    }

    @Test
    void aSpecCannotNameAFileOutsideItsRun() {
        ModelSpec escaping = new ModelSpec("torchscript:../elsewhere.pt", 1, 16, 16, 3, -1, 0);
        MentorException e = assertThrows(MentorException.class, () -> FileModels.file(escaping, Path.of("run")));
        assertTrue(e.getMessage().contains("run directory"), e.getMessage());
    }
}
