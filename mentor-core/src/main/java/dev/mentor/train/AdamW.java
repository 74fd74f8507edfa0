package dev.mentor.train;

import ai.djl.ndarray.NDArray;
import dev.mentor.ndarray.Scalars;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW (Loshchilov & Hutter, 2019) with {@code torch.optim.AdamW} semantics:
 * <pre>
 *   w = w − lr · weightDecay · w
 *   m = β1·m + (1−β1)·g ;  v = β2·v + (1−β2)·g²
 *   w = w − lr · (m / (1−β1^t)) / (sqrt(v / (1−β2^t)) + ε)
 * </pre>
 */
final class AdamW implements Optimizer {
    private static final String FIRST = "adam_m/";
    private static final String SECOND = "adam_v/";
    private final OptimizerConfig config;
    private final Map<String, NDArray> first = new HashMap<>();
    private final Map<String, NDArray> second = new HashMap<>();
    private long steps;

    AdamW(OptimizerConfig config) {
        this.config = config;
    }

    @Override
    public void step(List<NamedParameter> parameters, float learningRate) {
        steps++;
        float beta1 = (float) config.beta1();
        float beta2 = (float) config.beta2();
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        float stepSize = (float) (learningRate / correction1);
        float sqrtCorrection2 = (float) Math.sqrt(correction2);
        for (NamedParameter named : parameters) {
            if (!named.trainable()) {
                continue;
            }
            NDArray w = named.parameter().getArray();
            try (NDArray g = w.getGradient()) {
                if (config.weightDecay() != 0 && config.decays(named)) {
                    Scalars.muli(w, (float) (1 - learningRate * config.weightDecay()));
                }
                NDArray m = first.computeIfAbsent(named.name(), k -> OptimizerState.detachedZeros(w));
                NDArray v = second.computeIfAbsent(named.name(), k -> OptimizerState.detachedZeros(w));
                Scalars.muli(m, beta1);
                try (NDArray scaled = Scalars.mul(g, 1 - beta1)) {
                    m.addi(scaled);
                }
                Scalars.muli(v, beta2);
                try (NDArray sq = g.square()) {
                    v.addi(Scalars.muli(sq, 1 - beta2));
                }
                try (NDArray denom = v.sqrt()) {
                    Scalars.addi(Scalars.divi(denom, sqrtCorrection2), (float) config.epsilon());
                    try (NDArray update = m.div(denom)) {
                        w.subi(Scalars.muli(update, stepSize));
                    }
                }
                g.subi(g);
            }
        }
    }

    @Override
    public Map<String, float[]> state() {
        Map<String, float[]> state = new HashMap<>(OptimizerState.export(FIRST, first));
        state.putAll(OptimizerState.export(SECOND, second));
        state.put("adam_steps", new float[] {steps}); // exact up to 2^24 steps
        return state;
    }

    @Override
    public void loadState(Map<String, float[]> state, List<NamedParameter> parameters) {
        OptimizerState.restore(state, FIRST, first, parameters);
        OptimizerState.restore(state, SECOND, second, parameters);
        float[] s = state.get("adam_steps");
        steps = s == null ? 0 : (long) s[0];
    }

    @Override
    public void close() {
        OptimizerState.closeAll(first);
        OptimizerState.closeAll(second);
    }
}
