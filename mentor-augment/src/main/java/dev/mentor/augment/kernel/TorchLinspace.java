package dev.mentor.augment.kernel;

/**
 * {@code torch.linspace(start, end, steps)} in float32, bit for bit as PyTorch 1.13's CPU kernel
 * computes it with its AVX2 code path (the reference machine's): the first {@code 16·⌊steps/16⌋} values
 * come in 8-lane vectors {@code base + k·step}, whose base is {@code fma(step, i, start)} below the
 * halfway index and {@code fma(-step, steps - i - 1, end)} above it; the rest are scalar with the same
 * fused rules. torchvision's magnitude tables ({@code _augmentation_space}) are such linspaces, so this
 * gives exactly the magnitudes torchvision's RandAugment uses. Valid for {@code steps} below PyTorch's
 * parallel grain size (32768).
 */
public final class TorchLinspace {
    private static final int LANES = 8;

    private TorchLinspace() {}

    /** Value {@code index} of {@code torch.linspace(start, end, steps)} (float32). */
    public static float at(double start, double end, int steps, int index) {
        if (steps < 1 || index < 0 || index >= steps) {
            throw new IllegalArgumentException("index " + index + " out of a linspace of " + steps + " steps");
        }
        float s = (float) start;
        float e = (float) end;
        if (steps == 1) {
            return s;
        }
        float step = (e - s) / (float) (steps - 1);
        int vectorized = steps / (2 * LANES) * (2 * LANES);
        if (index < vectorized) {
            int base = index / LANES * LANES;
            return scalar(s, e, step, steps, base) + (float) (index - base) * step;
        }
        return scalar(s, e, step, steps, index);
    }

    /** The whole linspace. */
    public static float[] of(double start, double end, int steps) {
        float[] values = new float[steps];
        for (int i = 0; i < steps; i++) {
            values[i] = at(start, end, steps, i);
        }
        return values;
    }

    private static float scalar(float start, float end, float step, int steps, int index) {
        return index < steps / 2
                ? Math.fma(step, (float) index, start)
                : Math.fma(-step, (float) (steps - index - 1), end);
    }
}
