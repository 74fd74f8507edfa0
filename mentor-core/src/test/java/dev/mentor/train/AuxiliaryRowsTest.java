package dev.mentor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.augment.WeakAugment;
import dev.mentor.augment.mix.CutMix;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.testing.SyntheticData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-image rows computed before training ride along with the batches, aligned with their images. */
class AuxiliaryRowsTest {
    private static final ArrayImageSet SET = SyntheticData.squares(30, 3, 1, 12, 4);
    private static final Normalization NORM = new Normalization(new float[] {0.5f}, new float[] {0.25f});

    /** Row i is (i, -i). */
    private static final TargetSource ROWS = new TargetSource() {
        @Override
        public int classes() {
            return 2;
        }

        @Override
        public void write(int index, float[] out, int offset) {
            out[offset] = index;
            out[offset + 1] = -index;
        }
    };

    @Test
    void eachImageGetsItsOwnRowAndTheImagesAreAsWithoutRows() {
        BatchStream with = new BatchStream(SET, 8, 3, List.of(WeakAugment.standard(12, true)), NORM, TargetSource.oneHot(SET), null, ROWS);
        BatchStream without = new BatchStream(SET, 8, 3, List.of(WeakAugment.standard(12, true)), NORM, TargetSource.oneHot(SET));
        for (long k = 0; k < 6; k++) {
            HostBatch batch = with.batch(k);
            assertArrayEquals(without.batch(k).views()[0], batch.views()[0]);
            assertNull(without.batch(k).auxiliary());
            for (int i = 0; i < batch.size(); i++) {
                assertEquals(batch.indices()[i], batch.auxiliary()[2 * i]);
                assertEquals(-batch.indices()[i], batch.auxiliary()[2 * i + 1]);
            }
        }
    }

    @Test
    void aStepSeesTheRowsAsAnArray() {
        BatchStream stream = new BatchStream(SET, 4, 1, List.of(WeakAugment.standard(12, true)), NORM, TargetSource.oneHot(SET), null, ROWS);
        HostBatch batch = stream.batch(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            StepContext context = new StepContext(manager, batch, null, new Shape(1, 12, 12), 0.1f, 0, 0);
            assertEquals(new Shape(4, 2), context.labeledAuxiliary().getShape());
            assertArrayEquals(batch.auxiliary(), context.labeledAuxiliary().toFloatArray());
            StepContext plain = new StepContext(manager, new BatchStream(SET, 4, 1, List.of(WeakAugment.standard(12, true)), NORM,
                    TargetSource.oneHot(SET)).batch(0), null, new Shape(1, 12, 12), 0.1f, 0, 0);
            assertThrows(IllegalStateException.class, plain::labeledAuxiliary);
        }
    }

    @Test
    void rowsCannotRideAlongWithMixedImages() {
        assertThrows(IllegalArgumentException.class, () -> new BatchStream(SET, 8, 3, List.of(WeakAugment.standard(12, true)), NORM,
                TargetSource.oneHot(SET), new CutMix(1.0), ROWS));
    }
}
