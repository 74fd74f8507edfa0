package dev.mentor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * Layer builders with PyTorch's conventions, so that a layer here is the layer of the same name in
 * the reference modules: convolutions without bias unless asked, BatchNorm momentum given the PyTorch
 * way (DJL's is one minus it), linear layers initialised like {@code nn.Linear}.
 */
final class Layers {
    /** He-normal, fan-out: {@code kaiming_normal_(mode="fan_out", nonlinearity="relu")}. */
    static final Initializer KAIMING_FAN_OUT =
            new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2);

    /** PyTorch's default for {@code nn.Linear} weights: U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
    static final Initializer TORCH_LINEAR = Layers::uniformFanIn;

    private Layers() {}

    static Block conv(int filters, int kernel, int stride, int padding, boolean bias) {
        Block conv = Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(bias)
                .build();
        conv.setInitializer(KAIMING_FAN_OUT, Parameter.Type.WEIGHT);
        return conv;
    }

    static Block conv3x3(int filters, int stride) {
        return conv(filters, 3, stride, 1, false);
    }

    static Block conv1x1(int filters, int stride) {
        return conv(filters, 1, stride, 0, false);
    }

    /**
     * A depthwise convolution ({@code groups = channels}: one k×k filter per channel), padded to keep
     * the size at stride 1, without bias, as {@code nn.Conv2d(c, c, k, stride, k // 2, groups=c)}.
     */
    static Block depthwise(int channels, int kernel, int stride) {
        Block conv = Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(channels)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optGroups(channels)
                .optBias(false)
                .build();
        conv.setInitializer(KAIMING_FAN_OUT, Parameter.Type.WEIGHT);
        return conv;
    }

    /** SiLU (swish with β = 1), {@code x · sigmoid(x)}, as {@code nn.SiLU}. */
    static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** {@link #silu} as a block, for sequential stems and heads. */
    static Block siluBlock() {
        return new LambdaBlock(list -> new NDList(silu(list.singletonOrThrow())), "SiLU");
    }

    /**
     * @param torchMomentum the momentum as PyTorch defines it (weight of the new batch statistic)
     */
    static Block batchNorm(float torchMomentum) {
        return new BatchNorm2d(torchMomentum, 1e-5f);
    }

    static Block linear(int units) {
        Block linear = Linear.builder().setUnits(units).build();
        linear.setInitializer(TORCH_LINEAR, Parameter.Type.WEIGHT);
        return linear;
    }

    private static NDArray uniformFanIn(NDManager manager, Shape shape, DataType dataType) {
        long fanIn = shape.size() / shape.get(0);
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        return manager.randomUniform(-bound, bound, shape, dataType);
    }
}
