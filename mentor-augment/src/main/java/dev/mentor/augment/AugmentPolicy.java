package dev.mentor.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An augmentation policy, parsed once from its spelling ({@link Policies}: {@code weak}, {@code
 * weak+randaugment:n=2,m=9}, {@code strong:cutout=0.25}, ...) and validated then: a bad name, key or value is
 * an {@link IllegalArgumentException} from {@link #parse} quoting it, never later. The policy does not depend
 * on the images; {@link #augmentation(int)} builds it for images of a width (which sets the crop padding).
 * Its text ({@link #toString()}) is the spelling it was parsed from, unchanged, which is what a run records.
 */
public final class AugmentPolicy {
    /** No augmentation. */
    public static final AugmentPolicy NONE = parse("none");
    /** The standard weak view: a random flip and a 12.5% reflect-padded crop. */
    public static final AugmentPolicy WEAK = parse("weak");

    /** The width a policy is built at once when parsed, so that every value is checked; any width would do. */
    private static final int CHECK_WIDTH = 32;

    private final String text;
    private final List<Step> steps;

    /**
     * One policy of a chain, applied in order.
     *
     * @param text the step as written (options in the order given)
     * @param name the policy's name, lower case ({@code randaugment})
     * @param options its options by key, lower case, values as written
     */
    public record Step(String text, String name, Map<String, String> options) {
        public Step {
            options = Map.copyOf(options);
        }
    }

    private AugmentPolicy(String text, List<Step> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    /**
     * The policy {@code text} spells; policies joined with {@code +} apply left to right.
     *
     * @throws IllegalArgumentException quoting the text and naming the bad key or value
     */
    public static AugmentPolicy parse(String text) {
        String whole = text == null ? "" : text.strip();
        List<Step> steps = new ArrayList<>();
        if (whole.contains("+")) {
            for (String part : whole.split("\\+", -1)) {
                if (part.isBlank()) {
                    throw new IllegalArgumentException("'" + whole + "': empty policy around '+'");
                }
                steps.add(Policies.step(part.strip()));
            }
        } else {
            steps.add(Policies.step(whole));
        }
        AugmentPolicy policy = new AugmentPolicy(text, steps);
        policy.augmentation(CHECK_WIDTH);
        return policy;
    }

    /** The steps, in the order they apply. */
    public List<Step> steps() {
        return steps;
    }

    /** Whether the policy leaves images as they are ({@code none}). */
    public boolean isNone() {
        return steps.stream().allMatch(s -> s.name().equals("none"));
    }

    /** Whether any step may mirror an image: {@code weak}, {@code flip}, or {@code strong} without {@code flip=false}. */
    public boolean flips() {
        return steps.stream().anyMatch(Policies::flips);
    }

    /** This policy followed by {@code next} ({@code THIS+NEXT}). */
    public AugmentPolicy then(AugmentPolicy next) {
        return parse(text + "+" + next.text);
    }

    /** The augmentation for images {@code width} pixels wide. */
    public Augmentation augmentation(int width) {
        Augmentation chain = null;
        for (Step step : steps) {
            Augmentation next = Policies.build(step, width);
            chain = chain == null ? next : chain.andThen(next);
        }
        return chain;
    }

    /** The spelling the policy was parsed from. */
    @Override
    public String toString() {
        return text;
    }

    /** Policies are equal when spelled the same. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AugmentPolicy other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
