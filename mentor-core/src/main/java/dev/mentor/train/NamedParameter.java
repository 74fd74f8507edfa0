package dev.mentor.train;

import ai.djl.nn.Parameter;

/**
 * A parameter with its path in the model ({@code backbone_01Conv2d_weight}): the stable name under which
 * checkpoints and optimizer state store it, and by which weight decay recognises biases and norms.
 */
public record NamedParameter(String name, Parameter parameter) {
    /** Whether this is a bias or a normalisation scale/shift (excluded from decay by default). */
    public boolean isNormOrBias() {
        return name.endsWith("bias") || name.endsWith("beta") || name.endsWith("gamma");
    }

    public boolean trainable() {
        return parameter.requiresGradient();
    }
}
