package dev.mentor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.ndarray.NativeArrays;
import java.nio.FloatBuffer;

/**
 * Everything a method's step may use: the labeled batch (views and soft targets), the paired
 * unlabeled batch when the method asked for one, the learning rate and the step number. Arrays are
 * created lazily in the step's own manager, which is closed after the step, so nothing a step makes
 * outlives it. Their storage is PyTorch's own ({@link NativeArrays}).
 */
public final class StepContext {
    private final NDManager manager;
    private final HostBatch labeled;
    private final HostBatch unlabeled;
    private final Shape imageShape;
    private final float learningRate;
    private final long step;
    private final int epoch;

    public StepContext(NDManager manager, HostBatch labeled, HostBatch unlabeled, Shape imageShape,
            float learningRate, long step, int epoch) {
        this.manager = manager;
        this.labeled = labeled;
        this.unlabeled = unlabeled;
        this.imageShape = imageShape;
        this.learningRate = learningRate;
        this.step = step;
        this.epoch = epoch;
    }

    public NDManager manager() {
        return manager;
    }

    public float learningRate() {
        return learningRate;
    }

    public long step() {
        return step;
    }

    public int epoch() {
        return epoch;
    }

    public HostBatch labeledBatch() {
        return labeled;
    }

    public HostBatch unlabeledBatch() {
        if (unlabeled == null) {
            throw new IllegalStateException("this method did not ask for unlabeled batches");
        }
        return unlabeled;
    }

    /** View {@code v} of the labeled images as a {@code (batch, c, h, w)} array. */
    public NDArray labeledImages(int v) {
        return images(labeled, v);
    }

    /** The labeled batch's target distributions, {@code (batch, classes)}. */
    public NDArray labeledTargets() {
        int n = labeled.size();
        return NativeArrays.create(manager, FloatBuffer.wrap(labeled.targets()), new Shape(n, labeled.targets().length / n));
    }

    /**
     * The auxiliary rows that rode along with the labeled batch ({@code (batch, width)}, e.g. cached
     * teacher logits); only when the method supplied them ({@code Method#labeledAuxiliary}).
     */
    public NDArray labeledAuxiliary() {
        return auxiliary(labeled, "labeled");
    }

    /** As {@link #labeledAuxiliary()}, for the unlabeled batch. */
    public NDArray unlabeledAuxiliary() {
        return auxiliary(unlabeledBatch(), "unlabeled");
    }

    private NDArray auxiliary(HostBatch batch, String which) {
        if (batch.auxiliary() == null) {
            throw new IllegalStateException("the " + which + " batches carry no auxiliary rows");
        }
        int n = batch.size();
        return NativeArrays.create(manager, FloatBuffer.wrap(batch.auxiliary()), new Shape(n, batch.auxiliary().length / n));
    }

    /** View {@code v} of the unlabeled images. */
    public NDArray unlabeledImages(int v) {
        return images(unlabeledBatch(), v);
    }

    private NDArray images(HostBatch batch, int v) {
        return NativeArrays.create(manager, FloatBuffer.wrap(batch.views()[v]),
                new Shape(batch.size(), imageShape.get(0), imageShape.get(1), imageShape.get(2)));
    }
}
