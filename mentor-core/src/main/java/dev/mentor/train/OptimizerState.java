package dev.mentor.train;

import ai.djl.ndarray.NDArray;
import dev.mentor.ndarray.NativeArrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Per-parameter optimizer buffers: detached arrays owned by the optimizer, saved by parameter name. */
final class OptimizerState {
    private OptimizerState() {}

    /** A copy of {@code source} that no step-scoped manager will close. */
    static NDArray detachedCopy(NDArray source) {
        NDArray copy = source.duplicate();
        copy.detach();
        return copy;
    }

    static NDArray detachedZeros(NDArray like) {
        NDArray zeros = like.zerosLike();
        zeros.detach();
        return zeros;
    }

    static Map<String, float[]> export(String prefix, Map<String, NDArray> buffers) {
        Map<String, float[]> state = new HashMap<>();
        buffers.forEach((name, b) -> state.put(prefix + name, b.toFloatArray()));
        return state;
    }

    static void restore(
            Map<String, float[]> state, String prefix, Map<String, NDArray> buffers, List<NamedParameter> parameters) {
        closeAll(buffers);
        for (NamedParameter p : parameters) {
            float[] values = state.get(prefix + p.name());
            if (values == null) {
                continue;
            }
            NDArray w = p.parameter().getArray();
            if (values.length != w.size()) {
                throw new IllegalStateException("optimizer state for " + p.name() + " has " + values.length
                        + " values, the parameter has " + w.size());
            }
            NDArray b = NativeArrays.create(w.getManager(), values, w.getShape());
            b.detach();
            buffers.put(p.name(), b);
        }
    }

    static void closeAll(Map<String, NDArray> buffers) {
        buffers.values().forEach(NDArray::close);
        buffers.clear();
    }
}
