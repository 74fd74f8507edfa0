package dev.mentor.augment;

import java.util.List;

/**
 * Builds an augmentation from its command-line spelling: {@code none}, {@code weak} (random flip and
 * a 12.5% reflect-padded crop), {@code crop} (the crop alone), {@code flip} (the flip alone).
 */
public final class Policies {
    public static final List<String> NAMES = List.of("none", "weak", "crop", "flip");

    private Policies() {}

    /**
     * @param spec the policy's spelling
     * @param width image width, which sets the crop padding
     * @throws IllegalArgumentException naming the bad spec
     */
    public static Augmentation parse(String spec, int width) {
        return switch (spec) {
            case "none" -> Augmentation.NONE;
            case "weak" -> WeakAugment.standard(width, true);
            case "crop" -> WeakAugment.standard(width, false);
            case "flip" -> new WeakAugment(true, 0, false);
            default -> throw new IllegalArgumentException("unknown augmentation '" + spec + "' (expected one of " + String.join(", ", NAMES) + ")");
        };
    }
}
