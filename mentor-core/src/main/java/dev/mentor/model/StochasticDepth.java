package dev.mentor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.mentor.ndarray.Bf16;
import dev.mentor.ndarray.Scalars;

/**
 * Stochastic depth (Huang et al., 2016), per sample as timm's {@code drop_path}: in training a
 * residual branch is dropped for a sample with probability {@code p} and kept branches are scaled by
 * 1/(1 - p), so inference needs no rescaling.
 */
final class StochasticDepth {
    private StochasticDepth() {}

    static NDArray apply(NDArray branch, float dropProbability, boolean training) {
        if (!training || dropProbability <= 0f) {
            return branch;
        }
        float keep = 1f - dropProbability;
        Shape maskShape = new Shape(branch.getShape().get(0), 1, 1, 1);
        NDArray mask = Scalars.divi(Scalars.lt(branch.getManager().randomUniform(0f, 1f, maskShape), keep).toType(DataType.FLOAT32, false), keep);
        // a bfloat16 branch (DJL names it UNKNOWN and cannot cast to it) takes a bfloat16 mask, or the product would turn float32
        return branch.mul(branch.getDataType() == DataType.FLOAT32 ? mask : Bf16.of(mask, branch.getManager()));
    }
}
