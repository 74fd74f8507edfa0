package dev.mentor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Batch normalisation over the channel axis of {@code (N, C, H, W)} inputs, as {@code nn.BatchNorm2d}
 * (also {@code (N, C)} as {@code nn.BatchNorm1d}). DJL's own BatchNorm reaches PyTorch's kernel
 * through two axis swaps and a temporary manager per call; this block calls the kernel directly,
 * which is PyTorch's native layout.
 */
final class BatchNorm2d extends AbstractBlock {
    private final float torchMomentum;
    private final float epsilon;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    /**
     * @param torchMomentum weight of the new batch statistic in the running estimate (PyTorch's meaning)
     */
    BatchNorm2d(float torchMomentum, float epsilon) {
        this.torchMomentum = torchMomentum;
        this.epsilon = epsilon;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
        runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optRequiresGrad(false).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape channels = new Shape(inputShapes[0].get(1));
        gamma.setShape(channels);
        beta.setShape(channels);
        runningMean.setShape(channels);
        runningVar.setShape(channels);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        var device = x.getDevice();
        // axis -1 makes DJL's PyTorch engine pass the input to torch.batch_norm unchanged (channel axis 1);
        // DJL's momentum is one minus PyTorch's.
        return x.getNDArrayInternal().batchNorm(x,
                store.getValue(runningMean, device, training), store.getValue(runningVar, device, training),
                store.getValue(gamma, device, training), store.getValue(beta, device, training),
                -1, 1f - torchMomentum, epsilon, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
