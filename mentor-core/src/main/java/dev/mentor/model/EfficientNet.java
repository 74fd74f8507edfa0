package dev.mentor.model;

import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * EfficientNet-B0 (Tan &amp; Le, ICML 2019), the family of the Noisy Student and Meta Pseudo Labels
 * papers, as torchvision's {@code efficientnet_b0} builds it: a 3×3 stem conv (32 channels)-BN-SiLU;
 * the seven stages of {@link MBConv} blocks in {@link #B0}; a 1×1 conv to 1280 channels-BN-SiLU;
 * global average pooling (the 1280 features); dropout (default 0.2); the linear head. BatchNorm as
 * torchvision's (momentum 0.1, ε 1e-5).
 *
 * <p><b>Adapted to small images.</b> The paper's network downsamples five times (×32: 224 → 7). Here
 * the stem and the first block of stage 2 use stride 1 instead of 2, so it downsamples three times
 * (×8) in stages 3, 4 and 6: 28×28 → 28, 28, 14, 7, 4 and 32×32 → 32, 32, 16, 8, 4 after the stem and
 * stages 2, 3, 4 and 6. Strides carry no weights: the parameter count is torchvision's for the same
 * channels and classes (5,288,548 for 3 channels and 1,000 classes), which
 * {@code src/test/python/efficientnet_reference.py} prints.
 *
 * <p><b>Stochastic depth</b> ("drop connect"): block i of the 16 (from 0) drops its residual branch
 * per sample with probability rate·i/16, as the paper's code and torchvision do; the rate is
 * {@code --stochastic-depth} (default 0.2).
 */
public final class EfficientNet {
    /** Default dropout before the head. */
    public static final float DROPOUT = 0.2f;
    /** Default stochastic-depth rate. */
    public static final double STOCHASTIC_DEPTH = 0.2;
    /** Channels of the last 1×1 conv, the feature size. */
    public static final int HEAD_CHANNELS = 1280;
    /** Channels of the stem. */
    public static final int STEM_CHANNELS = 32;

    /**
     * One stage of MBConv blocks.
     *
     * @param expandRatio expansion of the input channels inside each block
     * @param channels output channels
     * @param repeats blocks in the stage
     * @param stride stride of the stage's first block, as adapted to small images
     * @param paperStride stride of the stage's first block in the paper (224×224 inputs)
     * @param kernel depthwise kernel size
     */
    public record Stage(int expandRatio, int channels, int repeats, int stride, int paperStride, int kernel) {}

    /** EfficientNet-B0's stages (Table 1 of the paper), with the strides used here and the paper's. */
    public static final List<Stage> B0 = List.of(
            new Stage(1, 16, 1, 1, 1, 3),
            new Stage(6, 24, 2, 1, 2, 3),
            new Stage(6, 40, 2, 2, 2, 5),
            new Stage(6, 80, 3, 2, 2, 3),
            new Stage(6, 112, 3, 1, 1, 5),
            new Stage(6, 192, 4, 2, 2, 5),
            new Stage(6, 320, 1, 1, 1, 3));

    /** Stride of the stem here (the paper's is 2). */
    public static final int STEM_STRIDE = 1;

    private EfficientNet() {}

    static Classifier b0(ModelSpec spec) {
        SequentialBlock trunk = new SequentialBlock()
                .add(Layers.conv(STEM_CHANNELS, 3, STEM_STRIDE, 1, false))
                .add(Layers.batchNorm(0.1f))
                .add(Layers.siluBlock());
        int total = B0.stream().mapToInt(Stage::repeats).sum();
        double rate = spec.stochasticDepthOr(STOCHASTIC_DEPTH);
        int in = STEM_CHANNELS;
        int index = 0;
        for (Stage stage : B0) {
            for (int r = 0; r < stage.repeats(); r++) {
                trunk.add(new MBConv(stage, in, r == 0 ? stage.stride() : 1, (float) (rate * index / total)));
                in = stage.channels();
                index++;
            }
        }
        trunk.add(Layers.conv1x1(HEAD_CHANNELS, 1))
                .add(Layers.batchNorm(0.1f))
                .add(Layers.siluBlock());
        SequentialBlock neck = new SequentialBlock().add(Pool.globalAvgPool2dBlock());
        float dropout = spec.dropoutOr(DROPOUT);
        if (dropout > 0) {
            neck.add(Dropout.builder().optRate(dropout).build());
        }
        return new Classifier(trunk, neck, Layers.linear(spec.classes()));
    }
}
