package dev.mentor.model;

import dev.mentor.MentorException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Floating-point operations of a model of the zoo, computed analytically from its spec, per image.
 * Counted: the multiply-adds of convolutions, {@code 2·Cin·Cout·k·k·Hout·Wout} (depthwise:
 * {@code 2·C·k·k·Hout·Wout}), and of linear layers, {@code 2·in·out} (squeeze-and-excitation's 1×1
 * convolutions on pooled features count as linear layers), as two FLOPs each. Not counted: biases, BatchNorm, activations, pooling, residual
 * additions, dropout and the loss (all linear in the activation size, a few percent of the total).
 * Training costs {@link #TRAINING_FACTOR} times the forward pass (forward, gradient of the input,
 * gradient of the weights), the usual convention (Kaplan et al. 2020; MLPerf).
 *
 * <p>The layer list mirrors {@link Models}; its parameter count ({@link #parameters()}) must equal the
 * real model's, which the tests check, so the two cannot drift apart unnoticed.
 */
public final class ModelFlops {
    /** Training FLOPs per forward FLOP. */
    public static final int TRAINING_FACTOR = 3;
    private static final Pattern WRN = Pattern.compile("wrn-(\\d+)-(\\d+)");

    /** What a layer is. Only convolutions and linear layers carry FLOPs here. */
    public enum Kind { CONVOLUTION, DEPTHWISE, LINEAR, BATCH_NORM }

    /**
     * One layer with the size of its output.
     *
     * @param in input channels or features
     * @param out output channels or features
     * @param kernel kernel height and width (1 for linear and norm layers)
     * @param height output height (1 for linear layers)
     * @param width output width (1 for linear layers)
     * @param bias whether the layer has a bias
     */
    public record Layer(String name, Kind kind, int in, int out, int kernel, int height, int width, boolean bias) {
        /** Forward FLOPs per image: two per multiply-add. */
        public long flops() {
            return switch (kind) {
                case CONVOLUTION -> 2L * in * out * kernel * kernel * height * width;
                case DEPTHWISE -> 2L * out * kernel * kernel * height * width;
                case LINEAR -> 2L * in * out;
                case BATCH_NORM -> 0;
            };
        }

        /** Trainable values. */
        public long parameters() {
            return switch (kind) {
                case CONVOLUTION, LINEAR -> (long) in * out * kernel * kernel + (bias ? out : 0);
                case DEPTHWISE -> (long) out * kernel * kernel + (bias ? out : 0);
                case BATCH_NORM -> 2L * out;
            };
        }
    }

    private final List<Layer> layers;

    private ModelFlops(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** The layers of the spec's architecture at the spec's image size. */
    public static ModelFlops of(ModelSpec spec) {
        Models.check(spec.architecture());
        Builder b = new Builder(spec.channels(), spec.height(), spec.width());
        String name = spec.architecture();
        Matcher wrn = WRN.matcher(name);
        if (name.equals("cnn-small")) {
            cnnSmall(b, spec.classes());
        } else if (name.equals("resnet-20")) {
            resNetCifar(b, 3, spec.classes());
        } else if (name.equals("efficientnet-b0")) {
            efficientNetB0(b, spec.classes());
        } else if (wrn.matches()) {
            wideResNet(b, Integer.parseInt(wrn.group(1)), Integer.parseInt(wrn.group(2)), spec.classes());
        } else {
            throw new MentorException("flops: no FLOP count for model '" + name + "'");
        }
        return new ModelFlops(b.layers);
    }

    public List<Layer> layers() {
        return layers;
    }

    /** Forward FLOPs per image (convolutions and linear layers). */
    public long forwardFlops() {
        return layers.stream().mapToLong(Layer::flops).sum();
    }

    /** Training FLOPs per image: {@link #TRAINING_FACTOR} × forward. */
    public long trainingFlops() {
        return TRAINING_FACTOR * forwardFlops();
    }

    /** Trainable values of the listed layers; equals the real model's count. */
    public long parameters() {
        return layers.stream().mapToLong(Layer::parameters).sum();
    }

    private static void cnnSmall(Builder b, int classes) {
        for (int filters : new int[] {32, 64}) {
            b.conv("conv" + filters, filters, 3, 1, 1, true).norm();
            b.pool(2);
        }
        b.linear("hidden", b.channels * b.height * b.width, 128).linear("head", 128, classes);
    }

    private static void resNetCifar(Builder b, int unitsPerStage, int classes) {
        b.conv("stem", 16, 3, 1, 1, false).norm();
        residualStages(b, unitsPerStage, new int[] {16, 32, 64}, Activation.POST);
        b.linear("head", b.channels, classes);
    }

    private static void wideResNet(Builder b, int depth, int widen, int classes) {
        b.conv("stem", 16, 3, 1, 1, false);
        residualStages(b, (depth - 4) / 6, new int[] {16 * widen, 32 * widen, 64 * widen}, Activation.PRE);
        b.norm().linear("head", b.channels, classes);
    }

    /** Where a residual unit's BatchNorms stand: after each convolution and the shortcut (ResNet), or before each convolution (WRN). */
    private enum Activation { POST, PRE }

    /**
     * The CIFAR ResNets' three stages of {@code units} units each ({@code stageS.unitU}): two 3×3 convolutions to the stage's
     * width, the first unit of stages 2 and 3 halving the size, and a 1×1 shortcut where a unit changes the width or the size.
     */
    private static void residualStages(Builder b, int units, int[] widths, Activation activation) {
        for (int stage = 0; stage < 3; stage++) {
            for (int u = 0; u < units; u++) {
                int stride = stage > 0 && u == 0 ? 2 : 1;
                String unit = "stage" + (stage + 1) + ".unit" + (u + 1);
                int in = b.channels;
                int height = b.height;
                int width = b.width;
                if (activation == Activation.PRE) {
                    b.norm();
                }
                b.conv(unit + ".conv1", widths[stage], 3, stride, 1, false).norm().conv(unit + ".conv2", widths[stage], 3, 1, 1, false);
                if (activation == Activation.POST) {
                    b.norm();
                }
                if (in != widths[stage] || stride != 1) {
                    b.shortcut(unit + ".shortcut", in, height, width, stride);
                    if (activation == Activation.POST) {
                        b.norm();
                    }
                }
            }
        }
    }

    /** {@link EfficientNet}: stem, MBConv blocks (expand, depthwise, squeeze-excitation, project), head. */
    private static void efficientNetB0(Builder b, int classes) {
        b.conv("stem", EfficientNet.STEM_CHANNELS, 3, EfficientNet.STEM_STRIDE, 1, false).norm();
        int block = 0;
        for (EfficientNet.Stage stage : EfficientNet.B0) {
            for (int r = 0; r < stage.repeats(); r++) {
                String unit = "block" + block++;
                int in = b.channels;
                int expanded = in * stage.expandRatio();
                if (expanded != in) {
                    b.conv(unit + ".expand", expanded, 1, 1, 0, false).norm();
                }
                b.depthwise(unit + ".depthwise", stage.kernel(), r == 0 ? stage.stride() : 1).norm();
                int squeezed = Math.max(1, in / 4);
                b.side(unit + ".se.fc1", expanded, squeezed).side(unit + ".se.fc2", squeezed, expanded);
                b.conv(unit + ".project", stage.channels(), 1, 1, 0, false).norm();
            }
        }
        b.conv("headConv", EfficientNet.HEAD_CHANNELS, 1, 1, 0, false).norm();
        b.linear("head", b.channels, classes);
    }

    /** Tracks the activation shape along the main path while layers are appended. */
    private static final class Builder {
        final List<Layer> layers = new ArrayList<>();
        int channels;
        int height;
        int width;

        Builder(int channels, int height, int width) {
            this.channels = channels;
            this.height = height;
            this.width = width;
        }

        Builder conv(String name, int filters, int kernel, int stride, int padding, boolean bias) {
            height = (height + 2 * padding - kernel) / stride + 1;
            width = (width + 2 * padding - kernel) / stride + 1;
            layers.add(new Layer(name, Kind.CONVOLUTION, channels, filters, kernel, height, width, bias));
            channels = filters;
            return this;
        }

        Builder depthwise(String name, int kernel, int stride) {
            int padding = kernel / 2;
            height = (height + 2 * padding - kernel) / stride + 1;
            width = (width + 2 * padding - kernel) / stride + 1;
            layers.add(new Layer(name, Kind.DEPTHWISE, channels, channels, kernel, height, width, false));
            return this;
        }

        /** A linear layer with bias beside the main path (its shape is unchanged). */
        Builder side(String name, int in, int out) {
            layers.add(new Layer(name, Kind.LINEAR, in, out, 1, 1, 1, true));
            return this;
        }

        Builder norm() {
            layers.add(new Layer("norm", Kind.BATCH_NORM, channels, channels, 1, height, width, false));
            return this;
        }

        Builder linear(String name, int in, int out) {
            layers.add(new Layer(name, Kind.LINEAR, in, out, 1, 1, 1, true));
            channels = out;
            height = 1;
            width = 1;
            return this;
        }

        /**
         * A 1×1 projection shortcut from an earlier activation ({@code in} channels at
         * {@code height}×{@code width}) to the current one; the main path's shape is unchanged.
         */
        Builder shortcut(String name, int in, int height, int width, int stride) {
            int outHeight = (height - 1) / stride + 1;
            int outWidth = (width - 1) / stride + 1;
            layers.add(new Layer(name, Kind.CONVOLUTION, in, channels, 1, outHeight, outWidth, false));
            return this;
        }

        Builder pool(int size) {
            height /= size;
            width /= size;
            return this;
        }
    }
}
