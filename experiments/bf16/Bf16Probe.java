import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.mentor.loss.Losses;
import dev.mentor.model.MemoryFormat;
import dev.mentor.model.ModelSpec;
import dev.mentor.ndarray.Bf16;
import dev.mentor.ndarray.Scalars;
import dev.mentor.train.Learner;
import dev.mentor.train.OptimizerConfig;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Issue 19 item 2: can Mentor train in bfloat16 with DJL 0.35.1, and is it faster on this CPU?
 * Run through experiments/bf16/run.sh, which builds Mentor's jar; the TorchScript cast module is Mentor's own
 * ({@link dev.mentor.ndarray.Bf16}, which {@code --precision bf16} uses).
 *
 * <ul>
 *   <li>{@code totype}: {@code NDArray.toType(BFLOAT16)}; DJL's native dtype table has no bfloat16,
 *       so this ends the JVM (run.sh runs it in a child and reports the exit).
 *   <li>{@code mechanics}: whether a cast keeps autograd: through {@code toType} (no: DJL runs it under
 *       a no-grad guard) and through the TorchScript module (yes), back to float32 by index_put_.
 *   <li>{@code kernels}: a 3×3 convolution (forward; forward + backward) and a matrix product in
 *       float32 and bfloat16, channels-last, batch 128, interleaved rounds.
 *   <li>{@code train MODELS}: Mentor's training step (Nesterov SGD, cross-entropy, batch 128,
 *       1×28×28) in float32 and in a bf16 prototype: convolution and linear weights cast per forward
 *       (float32 masters and optimizer state), BatchNorm with float32 parameters and statistics, logits
 *       back to float32 before the loss; the logits' agreement first, then interleaved rounds.
 * </ul>
 */
public final class Bf16Probe {
    private static NDManager scope;

    /** A bf16 copy that keeps autograd (the TorchScript module), owned by the current scope. */
    private static NDArray bf16(NDArray x) {
        return Bf16.of(x, scope);
    }

    /** A float32 copy that keeps autograd: index_put_ into zeros (toType would cut the graph). */
    private static NDArray float32(NDArray x) {
        NDArray y = scope.zeros(x.getShape());
        y.set(new NDIndex("..."), x);
        return y;
    }

    /** Autocast at the parameter store: convolution and linear weights and biases in bf16. */
    private static final class Bf16Store extends ParameterStore {
        Bf16Store(NDManager manager) {
            super(manager, false);
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            NDArray value = super.getValue(parameter, device, training);
            Parameter.Type type = parameter == null ? null : parameter.getType();
            return type == Parameter.Type.WEIGHT || type == Parameter.Type.BIAS ? bf16(value) : value;
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        if (mode.equals("totype")) {
            try (NDManager m = NDManager.newBaseManager()) {
                System.out.println("toType(BFLOAT16) returned " + m.ones(new Shape(2)).toType(DataType.BFLOAT16, false).getDataType());
            }
            return;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            scope = m;
            switch (mode) {
                case "mechanics" -> mechanics(m);
                case "kernels" -> kernels(m, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
                case "train" -> train(m, args[1].split(","), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                default -> throw new IllegalArgumentException("mode: totype, mechanics, kernels or train, got " + mode);
            }
        }
    }

    private static void mechanics(NDManager m) {
        Engine engine = Engine.getInstance();
        String[] cases = {"w.toType(FLOAT16).toType(FLOAT32)", "w.mul(w).toType(FLOAT64)",
                "bf16 module(w), then toType(FLOAT32)", "bf16 module(w) squared, then index_put_ into float32"};
        for (int c = 0; c < cases.length; c++) {
            NDArray w = m.randomNormal(new Shape(3));
            w.setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray y = switch (c) {
                    case 0 -> w.toType(DataType.FLOAT16, false).toType(DataType.FLOAT32, false);
                    case 1 -> w.mul(w).toType(DataType.FLOAT64, false);
                    case 2 -> bf16(w).toType(DataType.FLOAT32, false);
                    default -> float32(bf16(w).mul(bf16(w)));
                };
                collector.backward(y.sum());
                System.out.printf("%s: gradient %s (2w = %s)%n", cases[c], Arrays.toString(w.getGradient().toFloatArray()),
                        Arrays.toString(w.add(w).toFloatArray()));
            } catch (RuntimeException e) {
                System.out.printf("%s: no gradient: %s%n", cases[c], e.getMessage());
            }
        }
        NDArray x = bf16(m.randomNormal(new Shape(8, 4, 5, 5)));
        NDArray mean = m.zeros(new Shape(4));
        NDArray out = x.getNDArrayInternal().batchNorm(x, mean, m.ones(new Shape(4)), m.ones(new Shape(4)),
                m.zeros(new Shape(4)), -1, 0.9f, 1e-5f, true).singletonOrThrow();
        System.out.printf("batch norm of a bf16 input with float32 parameters: output %s (DJL names bf16 'unknown'), "
                + "running mean %s %s%n", out.getDataType(), mean.getDataType(), Arrays.toString(mean.toFloatArray()));
    }

    private static void kernels(NDManager m, int rounds, int iterations) {
        Engine engine = Engine.getInstance();
        int[][] convs = {{16, 28}, {32, 14}, {64, 7}};
        for (int r = 1; r <= rounds; r++) {
            for (int[] c : convs) {
                NDArray x = MemoryFormat.CHANNELS_LAST.apply(m.randomNormal(new Shape(128, c[0], c[1], c[1])));
                NDArray w = m.randomNormal(new Shape(c[0], c[0], 3, 3));
                StringBuilder line = new StringBuilder(String.format("round %d conv3x3 %d->%d %dx%d:", r, c[0], c[0], c[1], c[1]));
                for (boolean half : new boolean[] {false, true}) {
                    NDArray xi = half ? bf16(x) : x;
                    NDArray wi = half ? bf16(w) : w;
                    double forward = millis(m, iterations, () -> conv(xi, wi));
                    w.setRequiresGradient(true);
                    double both = millis(m, iterations, () -> {
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray y = conv(half ? bf16(x) : x, half ? bf16(w) : w);
                            collector.backward((half ? float32(y) : y).sum());
                        }
                        return w.getGradient();
                    });
                    w.setRequiresGradient(false);
                    line.append(String.format(" %s forward %.1f ms, forward+backward %.1f ms;", half ? "bf16" : "fp32", forward, both));
                }
                System.out.println(line);
            }
            NDArray a = m.randomNormal(new Shape(128, 3136));
            NDArray b = m.randomNormal(new Shape(3136, 128));
            NDArray ab = bf16(a);
            NDArray bb = bf16(b);
            System.out.printf("round %d matmul 128x3136 by 3136x128: fp32 %.2f ms, bf16 %.2f ms%n", r,
                    millis(m, 5 * iterations, () -> a.matMul(b)), millis(m, 5 * iterations, () -> ab.matMul(bb)));
            System.out.flush();
        }
    }

    private static NDArray conv(NDArray x, NDArray w) {
        return Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
    }

    /** Milliseconds per call after 2 untimed calls; each call's arrays are freed with its scope. */
    private static double millis(NDManager m, int iterations, Supplier<NDArray> op) {
        long start = 0;
        for (int i = 0; i < iterations + 2; i++) {
            if (i == 2) {
                start = System.nanoTime();
            }
            try (NDManager s = m.newSubManager()) {
                scope = s;
                op.get().attach(s);
            }
        }
        scope = m;
        return (System.nanoTime() - start) / 1e6 / iterations;
    }

    private static void train(NDManager m, String[] models, int rounds, int steps) {
        OptimizerConfig sgd = new OptimizerConfig("sgd", 0.9, true, 5e-4, true, 0.9, 0.999, 1e-8);
        for (String name : models) {
            ModelSpec spec = new ModelSpec(name, 1, 28, 28, 10, -1, 0);
            try (Learner learner = Learner.create(spec, sgd, 0, m, 0)) {
                Bf16Store store = new Bf16Store(learner.manager());
                NDArray images = m.randomNormal(new Shape(128, 1, 28, 28));
                NDArray targets = m.randomInteger(0, 10, new Shape(128), DataType.INT32).oneHot(10);
                try (NDManager s = m.newSubManager()) {
                    scope = s;
                    NDArray x = images.duplicate();
                    x.attach(s);
                    NDArray reference = learner.forward(x, false).get(0);
                    NDArray half = float32(learner.model().forward(store, new NDList(bf16(x)), false).get(0));
                    System.out.printf("%s inference logits: max |fp32 - bf16| %.4f, max |fp32| %.3f%n", name,
                            reference.sub(half).abs().max().getFloat(), reference.abs().max().getFloat());
                }
                NDArray first = learner.parameters().get(0).parameter().getArray();
                NDArray[] gradients = new NDArray[2];
                for (int p = 0; p < 2; p++) {
                    try (NDManager s = m.newSubManager()) {
                        scope = s;
                        NDArray x = images.duplicate();
                        x.attach(s);
                        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            NDArray logits = p == 1
                                    ? float32(learner.model().forward(store, new NDList(bf16(x)), false).get(0))
                                    : learner.forward(x, false).get(0);
                            collector.backward(Losses.softCrossEntropy(logits, targets));
                        }
                        NDArray gradient = first.getGradient();
                        gradient.attach(s);
                        gradients[p] = gradient.duplicate();
                        gradients[p].attach(m);
                        Scalars.muli(gradient, 0);
                    }
                }
                System.out.printf("%s gradient of %s (%s): |bf16 - fp32| / |fp32| = %.4f%n", name,
                        learner.parameters().get(0).name(), gradients[1].getDataType(),
                        gradients[1].sub(gradients[0]).norm().getFloat() / gradients[0].norm().getFloat());
                for (int r = 1; r <= rounds; r++) {
                    for (boolean bf16 : new boolean[] {false, true}) {
                        long start = 0;
                        for (int i = 0; i <= steps; i++) {
                            if (i == 1) {
                                start = System.nanoTime();
                            }
                            try (NDManager s = learner.manager().newSubManager()) {
                                scope = s;
                                NDArray x = images.duplicate();
                                x.attach(s);
                                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                                    NDArray logits = bf16
                                            ? float32(learner.model().forward(store, new NDList(bf16(x)), true).get(0))
                                            : learner.forward(x, true).get(0);
                                    collector.backward(Losses.softCrossEntropy(logits, targets));
                                }
                                learner.step(0.03f);
                            }
                        }
                        double seconds = (System.nanoTime() - start) / 1e9;
                        System.out.printf("%s round %d %s: %.1f img/s (%d steps of 128 after 1 untimed)%n", name, r,
                                bf16 ? "bf16" : "fp32", steps * 128 / seconds, steps);
                        System.out.flush();
                    }
                }
                System.out.printf("%s after training: first weight %s%n", name,
                        learner.parameters().get(0).parameter().getArray().getDataType());
            }
            scope = m;
        }
    }
}
