package dev.mentor.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.MentorException;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.data.DataSpec;
import dev.mentor.model.ModelSpec;
import dev.mentor.ndarray.NativeArrays;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.Learner;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.SavedModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --init}: the run's model starts from a finished run's model.ckpt, bit for bit, or says why it cannot. */
class InitTest {
    private static final ArrayImageSet IMAGES = SyntheticData.squares(16, 4, 1, 16, 1);
    private static final ModelSpec SPEC = new ModelSpec("cnn-small", 1, 16, 16, 4, -1, 0);
    private static final Normalization NORMALIZATION = new Normalization(new float[] {0.3f}, new float[] {0.3f});

    @TempDir
    Path dir;

    private static ExperimentConfig config(String init, double ema, double dropout) {
        return new ExperimentConfig(DataSpec.parse("idx:unused"), null, null, null, null, 40, null, 5, "cnn-small", dropout, 0, 1, 8, 0.05, 0,
                OptimizerConfig.sgd(5e-4), ema, "weak", 0, 0, 0.5, 3, 1, 10L, null, init);
    }

    /** Writes a model with weights of seed 77 (not any run's seed) as a finished run's model.ckpt; returns the folder. */
    private Path savedRun(ModelSpec spec, NDManager manager) {
        Path run = dir.resolve("init-" + spec.architecture() + "-" + spec.classes());
        try (Learner learner = Learner.create(spec, OptimizerConfig.sgd(0), 0, manager, 77)) {
            run.toFile().mkdirs();
            SavedModel.save(learner, NORMALIZATION, List.of("a", "b", "c", "d", "e").subList(0, spec.classes()), run);
        }
        return run;
    }

    private static float[] logits(Learner learner, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = NativeArrays.create(scope, pixels(), new Shape(IMAGES.size(), 1, 16, 16));
            return learner.infer(x).get(0).toFloatArray();
        }
    }

    /**
     * The first forward after --init equals the saved model's, bit for bit, with and without a weight
     * average, and with dropout added (a noised student: a layer without parameters shifts the names).
     */
    @Test
    void theFirstForwardAfterInitIsBitIdenticalToTheSavedModels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path run = savedRun(SPEC, manager);
            SavedModel saved = SavedModel.read(run);
            for (double[] emaAndDropout : new double[][] {{0, -1}, {0.99, -1}, {0, 0.4}}) {
                double ema = emaAndDropout[0];
                double dropout = emaAndDropout[1];
                ModelSpec spec = new ModelSpec("cnn-small", 1, 16, 16, 4, dropout, 0);
                RunContext context = new RunContext(config(run.toString(), ema, dropout), IMAGES, IMAGES, IMAGES, spec, NORMALIZATION,
                        manager.newSubManager());
                RunContext fresh = new RunContext(config(null, ema, dropout), IMAGES, IMAGES, IMAGES, spec, NORMALIZATION,
                        manager.newSubManager());
                try (Learner reference = saved.load(manager); Learner started = context.newLearner(0); Learner scratch = fresh.newLearner(0)) {
                    float[] expected = logits(reference, manager);
                    assertArrayEquals(expected, logits(started, manager), 0f, "ema " + ema + ", dropout " + dropout);
                    assertFalse(Arrays.equals(expected, logits(scratch, manager)), "without --init the model differs");
                }
            }
        }
    }

    /**
     * MPL started with --init starts both its models from that run: session 12 found its teacher fresh beside a started
     * student, which then learned the fresh teacher's guesses and fell to chance within 16 steps.
     */
    @Test
    void mplStartsItsTeacherAndItsStudentFromInit() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path run = savedRun(SPEC, manager);
            RunContext context = new RunContext(config(run.toString(), 0, -1), IMAGES, IMAGES, IMAGES, SPEC, NORMALIZATION,
                    manager.newSubManager());
            dev.mentor.method.ConsistencyConfig uda = new dev.mentor.method.ConsistencyConfig(2, 1, 0.6, 0.4, 3, true);
            dev.mentor.method.Method mpl = new MplFactory(new dev.mentor.method.MplConfig(uda, 0.1, dev.mentor.method.MplSign.THEORY,
                    1, 0.05, 0, 0, null, 0.01, null), line -> { }).create(context);
            try (Learner reference = SavedModel.read(run).load(manager)) {
                float[] expected = logits(reference, manager);
                assertEquals(List.of("student", "teacher"), mpl.learners().keySet().stream().sorted().toList());
                mpl.learners().forEach((role, learner) -> assertArrayEquals(expected, logits(learner, manager), 0f, role));
            } finally {
                mpl.learners().values().forEach(Learner::close);
            }
        }
    }

    private static float[] pixels() {
        float[] pixels = new float[IMAGES.size() * 256];
        for (int i = 0; i < IMAGES.size(); i++) {
            for (int p = 0; p < 256; p++) {
                pixels[i * 256 + p] = (IMAGES.image(i).get(0, p / 16, p % 16) / 255f - 0.3f) / 0.3f;
            }
        }
        return pixels;
    }

    @Test
    void anotherArchitectureOrClassCountIsOneLineNamingInitAndTheMismatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path resnet = savedRun(new ModelSpec("resnet-20", 1, 16, 16, 4, -1, 0), manager);
            RunContext context = new RunContext(config(resnet.toString(), 0, -1), IMAGES, IMAGES, IMAGES, SPEC, NORMALIZATION,
                    manager.newSubManager());
            MentorException e = assertThrows(MentorException.class, () -> context.newLearner(0));
            assertEquals("init: " + resnet + " is a resnet-20 model; this run trains cnn-small", e.getMessage());
            Path five = savedRun(new ModelSpec("cnn-small", 1, 16, 16, 5, -1, 0), manager);
            RunContext classes = new RunContext(config(five.toString(), 0, -1), IMAGES, IMAGES, IMAGES, SPEC, NORMALIZATION,
                    manager.newSubManager());
            e = assertThrows(MentorException.class, () -> classes.newLearner(0));
            assertEquals("init: " + five + " was trained on 1x16x16 images of 5 classes; this run has 1x16x16 of 4", e.getMessage());
        }
    }

    /** What a student may start from by default: a Mentor run of its architecture, images and classes, or it says why not. */
    @Test
    void aRunCanStartOnlyAModelOfItsArchitectureAndData() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path same = savedRun(SPEC, manager);
            assertEquals(null, RunContext.cannotStart(same, SPEC));
            Path resnet = savedRun(new ModelSpec("resnet-20", 1, 16, 16, 4, -1, 0), manager);
            assertEquals("it is a resnet-20 model and this run trains cnn-small", RunContext.cannotStart(resnet, SPEC));
            Path five = savedRun(new ModelSpec("cnn-small", 1, 16, 16, 5, -1, 0), manager);
            assertEquals("it was trained on 1x16x16 images of 5 classes; this run has 1x16x16 of 4", RunContext.cannotStart(five, SPEC));
            assertEquals("it is not a finished Mentor run", RunContext.cannotStart(same.resolveSibling("nowhere"), SPEC));
        }
    }
}
