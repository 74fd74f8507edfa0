package dev.mentor.model;

import dev.mentor.MentorException;

/**
 * What a model is built for and how it is regularised.
 *
 * @param architecture a name from {@link Models#NAMES}, e.g. {@code cnn-small}, {@code wrn-28-2}
 * @param channels image channels (1 or 3)
 * @param height image height in pixels
 * @param width image width in pixels
 * @param classes number of classes of the head
 * @param dropout dropout rate before the head; {@code -1} means the architecture's default
 * @param stochasticDepth the stochastic-depth rate (Huang et al. 2016) that each architecture scales
 *     over its residual units: the ResNets give it to the last unit, linearly less to earlier ones;
 *     EfficientNet gives unit i of n the rate·i/n, as its paper does; 0 disables it and {@code -1}
 *     means the architecture's default (0.2 for {@code efficientnet-b0}, 0 for the others)
 */
public record ModelSpec(
        String architecture, int channels, int height, int width, int classes, double dropout,
        double stochasticDepth) {

    public ModelSpec {
        if (channels != 1 && channels != 3) {
            throw new MentorException("model: images must have 1 or 3 channels, got " + channels);
        }
        if (height < 8 || width < 8) {
            throw new MentorException("model: images must be at least 8x8, got " + height + "x" + width);
        }
        if (classes < 2) {
            throw new MentorException("model: need at least 2 classes, got " + classes);
        }
        if (dropout != -1 && (dropout < 0 || dropout >= 1)) {
            throw MentorException.of("dropout", "must be in [0, 1), got " + dropout);
        }
        if (stochasticDepth != -1 && (stochasticDepth < 0 || stochasticDepth >= 1)) {
            throw MentorException.of("stochastic_depth", "must be in [0, 1), got " + stochasticDepth);
        }
    }

    /** The dropout rate to use, {@code fallback} when the spec leaves it to the architecture. */
    public float dropoutOr(float fallback) {
        return dropout == -1 ? fallback : (float) dropout;
    }

    /** The stochastic-depth rate to use, {@code fallback} when the spec leaves it to the architecture. */
    public double stochasticDepthOr(double fallback) {
        return stochasticDepth == -1 ? fallback : stochasticDepth;
    }
}
