package dev.mentor.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import dev.mentor.MentorException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model zoo. Names: {@code cnn-small}, {@code resnet-20}, {@code wrn-28-2} and any
 * {@code wrn-DEPTH-K} with DEPTH = 6n + 4, each matching the module of the same name in the PyTorch
 * throughput peer layer for layer; and {@code efficientnet-b0} ({@link EfficientNet}), torchvision's
 * with fewer downsamplings for small images.
 */
public final class Models {
    public static final List<String> NAMES = List.of("cnn-small", "resnet-20", "wrn-28-2", "wrn-DEPTH-K", "efficientnet-b0");
    private static final Pattern WRN = Pattern.compile("wrn-(\\d+)-(\\d+)");

    private Models() {}

    /** Builds the (uninitialised) classifier for a spec; unknown names are a {@link MentorException}. */
    public static Classifier create(ModelSpec spec) {
        String name = spec.architecture();
        if (name.equals("cnn-small")) {
            return cnnSmall(spec);
        }
        if (name.equals("resnet-20")) {
            return resNetCifar(spec, 3);
        }
        if (name.equals("efficientnet-b0")) {
            return EfficientNet.b0(spec);
        }
        Matcher m = WRN.matcher(name);
        if (m.matches()) {
            int depth = Integer.parseInt(m.group(1));
            int widen = Integer.parseInt(m.group(2));
            if (depth < 10 || (depth - 4) % 6 != 0 || widen < 1) {
                throw MentorException.of("model", name + " is not a wide ResNet: depth must be 6n+4 (10, 16, 22, 28, ...) and K >= 1");
            }
            return wideResNet(spec, depth, widen);
        }
        throw MentorException.of("model", "unknown model '" + name + "' (expected cnn-small, resnet-20, wrn-DEPTH-K such as wrn-28-2, or efficientnet-b0)");
    }

    /** Validates a model name without building it. */
    public static void check(String name) {
        create(new ModelSpec(name, 1, 28, 28, 10, -1, 0));
    }

    /**
     * Two conv-BN-ReLU-maxpool stages (32, 64 filters), dropout (default 0.25), a 128-unit hidden
     * layer whose ReLU output is the feature vector, and the head.
     */
    private static Classifier cnnSmall(ModelSpec spec) {
        SequentialBlock trunk = new SequentialBlock();
        for (int filters : new int[] {32, 64}) {
            trunk.add(Layers.conv(filters, 3, 1, 1, true))
                    .add(Layers.batchNorm(0.1f))
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        SequentialBlock neck = new SequentialBlock().add(Blocks.batchFlattenBlock());
        addDropout(neck, spec.dropoutOr(0.25f));
        neck.add(Layers.linear(128)).add(Activation.reluBlock());
        return new Classifier(trunk, neck, Layers.linear(spec.classes()));
    }

    /**
     * A multi-layer perceptron over vectors: {@code hiddenLayers} linear-ReLU layers of {@code width}
     * units (the last one's output is the feature vector), then a linear head of {@code outputs} units.
     * Reduced Meta Pseudo Labels' small teacher, which reads another model's outputs.
     */
    public static Classifier mlp(int hiddenLayers, int width, int outputs) {
        if (hiddenLayers < 1 || width < 1 || outputs < 1) {
            throw new IllegalArgumentException("an MLP needs >= 1 hidden layer, width and output, got "
                    + hiddenLayers + ", " + width + ", " + outputs);
        }
        SequentialBlock backbone = new SequentialBlock();
        for (int i = 0; i < hiddenLayers; i++) {
            backbone.add(Layers.linear(width)).add(Activation.reluBlock());
        }
        return new Classifier(backbone, Layers.linear(outputs));
    }

    /** ResNet-20 for small images: a 16-filter stem, three stages of n basic units (16, 32, 64). */
    private static Classifier resNetCifar(ModelSpec spec, int unitsPerStage) {
        SequentialBlock trunk = new SequentialBlock()
                .add(Layers.conv3x3(16, 1))
                .add(Layers.batchNorm(0.1f))
                .add(Activation.reluBlock());
        int total = 3 * unitsPerStage;
        int index = 0;
        int in = 16;
        int[] widths = {16, 32, 64};
        for (int stage = 0; stage < 3; stage++) {
            for (int u = 0; u < unitsPerStage; u++) {
                int stride = stage > 0 && u == 0 ? 2 : 1;
                trunk.add(new ResidualUnit(in, widths[stage], stride, dropPath(spec, index++, total)));
                in = widths[stage];
            }
        }
        return new Classifier(trunk, poolingNeck(spec), Layers.linear(spec.classes()));
    }

    /** WRN-depth-k: a 16-filter stem, three stages of (depth-4)/6 wide units, BN-LeakyReLU, pool. */
    private static Classifier wideResNet(ModelSpec spec, int depth, int widen) {
        int units = (depth - 4) / 6;
        int[] widths = {16 * widen, 32 * widen, 64 * widen};
        SequentialBlock trunk = new SequentialBlock().add(Layers.conv3x3(16, 1));
        int in = 16;
        int index = 0;
        for (int stage = 0; stage < 3; stage++) {
            for (int u = 0; u < units; u++) {
                int stride = stage > 0 && u == 0 ? 2 : 1;
                trunk.add(new WideUnit(in, widths[stage], stride, 0f, dropPath(spec, index++, 3 * units)));
                in = widths[stage];
            }
        }
        trunk.add(Layers.batchNorm(0.001f)).add(Activation.leakyReluBlock(WideUnit.LEAK));
        return new Classifier(trunk, poolingNeck(spec), Layers.linear(spec.classes()));
    }

    /** Global average pooling, then dropout when the spec asks for it. */
    private static SequentialBlock poolingNeck(ModelSpec spec) {
        SequentialBlock neck = new SequentialBlock().add(Pool.globalAvgPool2dBlock());
        addDropout(neck, spec.dropoutOr(0f));
        return neck;
    }

    private static void addDropout(SequentialBlock block, float rate) {
        if (rate > 0) {
            block.add(Dropout.builder().optRate(rate).build());
        }
    }

    /** Linearly increasing drop probability: unit i of n gets p·(i+1)/n (default p = 0). */
    private static float dropPath(ModelSpec spec, int index, int total) {
        return (float) (spec.stochasticDepthOr(0) * (index + 1) / total);
    }
}
