package dev.mentor.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.MentorException;
import java.util.Arrays;

/**
 * The machine's practical FP32 peak as the training engine reaches it: the rate of a large square
 * matrix product {@code NDArray.matMul} (PyTorch's GEMM, same threads as training),
 * {@code 2·n³ / t}. Two products warm up; the fastest of the timed repetitions counts, as a peak
 * should (on a shared machine the slower ones measure the neighbours).
 */
public final class PeakFlops {
    /** Square size used by default: 2048 (48 MB of operands, 17 GFLOP per product). */
    public static final int DEFAULT_SIZE = 2048;
    public static final int DEFAULT_REPETITIONS = 5;
    private static final int WARM_UP = 2;

    private PeakFlops() {}

    /**
     * @param size rows and columns of both operands
     * @param repetitions timed products; the best counts
     * @param medianGigaflops median rate of the repetitions, for the spread
     */
    public record Result(int size, int repetitions, double bestSeconds, double gigaflops, double medianGigaflops) {}

    public static Result measure() {
        return measure(DEFAULT_SIZE, DEFAULT_REPETITIONS);
    }

    public static Result measure(int size, int repetitions) {
        if (size < 1 || repetitions < 1) {
            throw new MentorException("peak flops: size and repetitions must be >= 1, got " + size + " and " + repetitions);
        }
        double[] seconds = new double[repetitions];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomNormal(new Shape(size, size));
            NDArray b = manager.randomNormal(new Shape(size, size));
            for (int i = 0; i < WARM_UP + repetitions; i++) {
                long start = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    if (i >= WARM_UP) {
                        seconds[i - WARM_UP] = (System.nanoTime() - start) / 1e9;
                    }
                }
            }
        }
        double flop = 2.0 * size * size * size;
        double best = Arrays.stream(seconds).min().orElseThrow();
        return new Result(size, repetitions, best, flop / best / 1e9, flop / Stats.median(seconds) / 1e9);
    }
}
