package dev.mentor.run;

import dev.mentor.data.DataSpec;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.OptimizerConfig;
import java.io.IOException;
import java.nio.file.Path;

/** The small run the library-level run tests train: a few epochs of cnn-small on a synthetic IDX set. */
final class TinyRuns {
    private TinyRuns() {}

    /**
     * A run of {@code epochs} epochs on 160 training and 40 test 16×16 squares of 4 classes (written into {@code dir}/idx):
     * 40 labels, 5 validation images a class, the model's default dropout, batches of 8, SGD at 0.05 with weight decay 5e-4
     * and no warm-up, an EMA of the weights at {@code ema} (0: none), weak augmentation, seed 3, one loader thread.
     */
    static ExperimentConfig config(Path dir, int epochs, double ema) throws IOException {
        return config(dir, epochs, ema, 3);
    }

    /** {@link #config(Path, int, double)} with another seed: another split of the same data. */
    static ExperimentConfig config(Path dir, int epochs, double ema, long seed) throws IOException {
        Path data = SyntheticData.idx(dir.resolve("idx"), 160, 40, 4);
        return new ExperimentConfig(DataSpec.idx(data), null, null, null, null, 40, null, 5, "cnn-small", -1, 0, epochs, 8, 0.05, 0,
                OptimizerConfig.sgd(5e-4), ema, "weak", 0, 0, 0.5, seed, 1);
    }
}
