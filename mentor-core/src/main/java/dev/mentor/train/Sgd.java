package dev.mentor.train;

import ai.djl.ndarray.NDArray;
import dev.mentor.ndarray.Scalars;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with {@code torch.optim.SGD} semantics (dampening 0):
 * <pre>
 *   g = grad + weightDecay · w          (only for parameters that decay)
 *   b = momentum · b + g                (b = g at the first step)
 *   d = nesterov ? g + momentum · b : b
 *   w = w − lr · d
 * </pre>
 * The learning rate is applied outside the buffer, so a schedule changes the step size at once (DJL's
 * built-in SGD keeps the rate inside the buffer and diverges from PyTorch under schedules).
 */
final class Sgd implements Optimizer {
    private static final String MOMENTUM = "momentum/";
    private final OptimizerConfig config;
    private final Map<String, NDArray> buffers = new HashMap<>();

    Sgd(OptimizerConfig config) {
        this.config = config;
    }

    @Override
    public void step(List<NamedParameter> parameters, float learningRate) {
        float momentum = (float) config.momentum();
        float decay = (float) config.weightDecay();
        for (NamedParameter named : parameters) {
            if (!named.trainable()) {
                continue;
            }
            NDArray w = named.parameter().getArray();
            try (NDArray g = w.getGradient()) {
                if (decay != 0 && config.decays(named)) {
                    try (NDArray scaled = Scalars.mul(w, decay)) {
                        g.addi(scaled);
                    }
                }
                if (momentum == 0) {
                    w.subi(Scalars.muli(g, learningRate));
                } else {
                    NDArray b = buffers.get(named.name());
                    if (b == null) {
                        b = OptimizerState.detachedCopy(g);
                        buffers.put(named.name(), b);
                    } else {
                        Scalars.muli(b, momentum).addi(g);
                    }
                    if (config.nesterov()) {
                        try (NDArray look = Scalars.mul(b, momentum)) {
                            g.addi(look);
                        }
                        w.subi(Scalars.muli(g, learningRate));
                    } else {
                        try (NDArray d = Scalars.mul(b, learningRate)) {
                            w.subi(d);
                        }
                    }
                }
                g.subi(g);
            }
        }
    }

    @Override
    public Map<String, float[]> state() {
        return OptimizerState.export(MOMENTUM, buffers);
    }

    @Override
    public void loadState(Map<String, float[]> state, List<NamedParameter> parameters) {
        OptimizerState.restore(state, MOMENTUM, buffers, parameters);
    }

    @Override
    public void close() {
        OptimizerState.closeAll(buffers);
    }
}
