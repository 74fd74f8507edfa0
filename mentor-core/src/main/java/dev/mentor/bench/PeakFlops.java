package dev.mentor.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import dev.mentor.MentorException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The machine's practical FP32 peak as the training engine reaches it, with the engine's threads: the
 * rate of two large compute-bound kernels, each {@code FLOPs / t}, and the better of the two counts.
 * <ul>
 *   <li>a square matrix product {@code NDArray.matMul}, {@code 2·n³} FLOPs (PyTorch's BLAS GEMM);</li>
 *   <li>a 3×3 convolution, {@code 2·N·H·W·Cin·Cout·9} FLOPs (oneDNN, the library that runs the models'
 *       convolutions; on this CPU it uses AVX-512 where the BLAS GEMM does not, so the matrix product
 *       alone understates what the engine reaches and a model can exceed it).</li>
 * </ul>
 * Two calls warm up; the fastest of the timed repetitions counts, as a peak should (on a shared machine
 * the slower ones measure the neighbours).
 */
public final class PeakFlops {
    public static final int MATMUL_SIZE = 2048;
    public static final int REPETITIONS = 5;
    private static final int WARM_UP = 2;
    private static final int CONV_BATCH = 64;
    private static final int CONV_CHANNELS = 128;
    private static final int CONV_SIZE = 28;

    private PeakFlops() {}

    /** One kernel's rate: the best repetition, and the median for the spread. */
    public record Kernel(String name, double gigaflops, double medianGigaflops) {}

    /** The kernels measured; the peak is the fastest. */
    public record Result(List<Kernel> kernels) {
        public Kernel best() {
            return kernels.stream().max(Comparator.comparingDouble(Kernel::gigaflops)).orElseThrow();
        }

        public double gigaflops() {
            return best().gigaflops();
        }
    }

    /** Both kernels at their default sizes (about 1.5 s on two cores). */
    public static Result measure() {
        return new Result(List.of(matMul(MATMUL_SIZE, REPETITIONS),
                convolution(CONV_BATCH, CONV_CHANNELS, CONV_SIZE, REPETITIONS)));
    }

    /** {@code n×n · n×n}. */
    public static Kernel matMul(int n, int repetitions) {
        check(n, repetitions);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomNormal(new Shape(n, n));
            NDArray b = manager.randomNormal(new Shape(n, n));
            return time("matMul " + n + "x" + n, 2.0 * n * n * n, repetitions, () -> new NDList(a.matMul(b)));
        }
    }

    /** A 3×3 convolution, stride 1, padding 1, {@code channels → channels} on {@code batch × size × size}. */
    public static Kernel convolution(int batch, int channels, int size, int repetitions) {
        check(size, repetitions);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.randomNormal(new Shape(batch, channels, size, size));
            NDArray weight = manager.randomNormal(new Shape(channels, channels, 3, 3));
            double flop = 2.0 * batch * size * size * channels * channels * 9;
            String name = String.format("conv3x3 %d->%d %dx%d batch %d", channels, channels, size, size, batch);
            return time(name, flop, repetitions,
                    () -> Conv2d.conv2d(input, weight, null, new Shape(1, 1), new Shape(1, 1)));
        }
    }

    private static Kernel time(String name, double flop, int repetitions, Supplier<NDList> kernel) {
        double[] seconds = new double[repetitions];
        for (int i = 0; i < WARM_UP + repetitions; i++) {
            long start = System.nanoTime();
            try (NDList result = kernel.get()) {
                if (i >= WARM_UP) {
                    seconds[i - WARM_UP] = (System.nanoTime() - start) / 1e9;
                }
            }
        }
        double best = Arrays.stream(seconds).min().orElseThrow();
        return new Kernel(name, flop / best / 1e9, flop / Stats.median(seconds) / 1e9);
    }

    private static void check(int size, int repetitions) {
        if (size < 1 || repetitions < 1) {
            throw new MentorException("peak flops: size and repetitions must be >= 1, got " + size + " and " + repetitions);
        }
    }
}
