package dev.mentor.train;

import java.util.Map;

/**
 * What one training step reports: the total loss and its named components (e.g. {@code kd},
 * {@code ce}, {@code mask_ratio}), for logging and for the numerical guard.
 */
public record StepResult(float loss, Map<String, Float> components) {
    public StepResult {
        components = Map.copyOf(components);
    }

    public static StepResult of(float loss) {
        return new StepResult(loss, Map.of());
    }

    /**
     * The name of the first non-finite value, or null when all are finite: a component (alphabetically
     * first) when one is, as it names the culprit, else {@code loss}.
     */
    public String firstNonFinite() {
        String component = components.entrySet().stream().filter(e -> !Float.isFinite(e.getValue()))
                .map(Map.Entry::getKey).sorted().findFirst().orElse(null);
        return component != null ? component : Float.isFinite(loss) ? null : "loss";
    }
}
