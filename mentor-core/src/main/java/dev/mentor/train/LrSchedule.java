package dev.mentor.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.mentor.Choices;
import java.util.Locale;

/**
 * The shape of a run's learning rate after its linear warm-up ({@code --lr-schedule}); in config.json as its text.
 * <ul>
 *   <li>{@link #COSINE}: a half cosine from the peak down to 0 at the last step, {@code η·½(1 + cos(πp))} at progress p
 *       through the steps after the warm-up: Mentor's default, and MPL's reference code's.</li>
 *   <li>{@link #FIXMATCH}: {@code η·cos(7πp/16)}, FixMatch's paper (§3, "cosine learning rate decay") and USB's
 *       {@code get_cosine_schedule_with_warmup(num_cycles=7/16)}: it falls more slowly and ends at cos(7π/16) ≈ 0.195 of
 *       the peak rather than at 0. The papers use it without warm-up ({@code --warmup-steps 0}).</li>
 * </ul>
 */
public enum LrSchedule {
    COSINE,
    FIXMATCH;

    /** {@code cosine} or {@code fixmatch}, as {@code --lr-schedule} takes it (any case); anything else is a one-line error about lr_schedule. */
    @JsonCreator
    public static LrSchedule parse(String text) {
        return Choices.parse("lr_schedule", text, values(), LrSchedule::text);
    }

    /** The rate per step: {@code warmupSteps} of linear warm-up to {@code base}, then this shape to step {@code totalSteps}. */
    public Schedule schedule(double base, long warmupSteps, long totalSteps) {
        return switch (this) {
            case COSINE -> Schedule.cosine(base, warmupSteps, totalSteps, 0);
            case FIXMATCH -> Schedule.cosineCycles(base, warmupSteps, totalSteps, 7.0 / 16);
        };
    }

    /** The shape in a few words, for the line a run starts with. */
    public String describe() {
        return switch (this) {
            case COSINE -> "a half cosine to 0 after the warm-up";
            case FIXMATCH -> "FixMatch's lr·cos(7πk/16K) after the warm-up, ending at 0.195·lr";
        };
    }

    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return text();
    }
}
