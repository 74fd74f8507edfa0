package dev.mentor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.data.DataSpec;
import dev.mentor.method.Supervised;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.StepResult;
import dev.mentor.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped and resumed reports the wall time of all its processes in {@code metrics.json}, not only
 * the last one's: session 12 found a matrix run resumed for its last epoch reporting 29 s for a run of
 * several minutes.
 */
class ResumedWallTimeTest {
    @TempDir
    Path dir;

    /** Makes every step of the first process slow, then stops it after its second epoch. */
    record SlowThenCrash(long millisPerStep, int crashAfter, int[] seen) implements TrainingListener {
        @Override
        public void onStep(int epoch, long stepInEpoch, long stepsPerEpoch, StepResult result, int images) {
            try {
                Thread.sleep(millisPerStep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onEpoch(EpochMetrics metrics) {
            if (++seen[0] == crashAfter) {
                throw new IllegalStateException("stopped after epoch " + crashAfter);
            }
        }
    }

    @Test
    void aResumedRunCountsTheEpochsEarlierProcessesTrained() throws Exception {
        Path data = SyntheticData.idx(dir.resolve("idx"), 160, 40, 4);
        ExperimentConfig config = new ExperimentConfig(DataSpec.idx(data), null, null, null, null, 40, null, 5, "cnn-small", -1, 0, 3,
                8, 0.05, 0, OptimizerConfig.sgd(5e-4), 0, "weak", 0, 0, 0.5, 3, 1);
        Path run = dir.resolve("run");
        MethodFactory supervised = context -> new Supervised(context.newLearner(0));
        // 40 labels at batch 8: 5 steps an epoch, 2 epochs before the stop, at least 400 ms a step
        assertThrows(IllegalStateException.class, () -> new Experiment(config, supervised, line -> {})
                .run(RunDirectory.create(run, false), false, List.of(new SlowThenCrash(400, 2, new int[1]))));
        RunResult resumed = new Experiment(config, supervised, line -> {}).run(RunDirectory.resume(run), true, List.of());

        List<EpochMetrics> epochs = resumed.history();
        assertEquals(3, epochs.size());
        double firstTwo = epochs.get(0).seconds() + epochs.get(1).seconds();
        assertTrue(firstTwo >= 4.0, "the slow epochs took " + firstTwo + " s");
        FinalMetrics metrics = FinalMetrics.read(run.resolve(RunDirectory.FINAL));
        assertTrue(metrics.wallSeconds() >= firstTwo + epochs.get(2).seconds(),
                "wall time " + metrics.wallSeconds() + " s must include the stopped process's epochs (" + firstTwo + " s)");
        assertEquals(metrics.wallSeconds(), resumed.seconds(), 1e-9);
    }

    @Test
    void earlierSecondsSumsOnlyTheRestoredEpochs() {
        List<EpochMetrics> history = List.of(epoch(1, 2.5), epoch(2, 4.0), epoch(3, 100));
        assertEquals(6.5, Experiment.earlierSeconds(history, 2), 1e-12);
        assertEquals(0, Experiment.earlierSeconds(history, 0), 1e-12);
    }

    private static EpochMetrics epoch(int n, double seconds) {
        return new EpochMetrics(n, n * 5L, 1, java.util.Map.of(), 0.05, 0.5, 1, 100, seconds);
    }
}
