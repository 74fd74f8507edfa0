package dev.mentor.train;

import dev.mentor.MentorException;
import java.util.function.DoubleUnaryOperator;

/**
 * A learning rate per optimizer step. {@link #cosine} is the schedule Mentor gives every method by default (MPL's
 * reference code's): linear warm-up from 0, then a half cosine down to {@code finalFraction} of the base rate.
 * FixMatch's paper and USB use no warm-up and cos(7πk/16K), which ends near 0.2 of the base rate: {@link #cosineCycles}
 * with 7/16 ({@link LrSchedule#FIXMATCH}).
 */
@FunctionalInterface
public interface Schedule {
    float at(long step);

    /**
     * A weight's linear ramp-up: {@code min(1, (step + 1) / steps)}, 1 from the first step when {@code steps}
     * is 0 (UDA's λ_u, mutual learning's mimicry weight).
     */
    static double linearRamp(long step, long steps) {
        return steps == 0 ? 1 : Math.min(1.0, (step + 1.0) / steps);
    }

    static Schedule constant(double rate) {
        return step -> (float) rate;
    }

    /**
     * Rate 0 for the first {@code waitSteps} steps, then {@code then} counted from the end of the wait:
     * the Meta Pseudo Labels student, which waits for the teacher before it learns.
     */
    static Schedule delayed(long waitSteps, Schedule then) {
        if (waitSteps < 0) {
            throw MentorException.of("student_wait_steps", "must be >= 0, got " + waitSteps);
        }
        return step -> step < waitSteps ? 0f : then.at(step - waitSteps);
    }

    /**
     * Linear warm-up as {@link #cosine}'s, then {@code base·cos(π·cycles·p)} at progress p through the steps after it
     * (clamped at 0): FixMatch's paper's decay with {@code cycles} 7/16, as USB's and FixMatch's reference code's
     * {@code get_cosine_schedule_with_warmup(num_cycles=7/16)} compute it (the transformers library's function of that
     * name is a different curve, ½(1 + cos(2π·cycles·p))).
     *
     * @param cycles in (0, ½]: the decay runs the cosine from 0 to π·cycles
     */
    static Schedule cosineCycles(double base, long warmupSteps, long totalSteps, double cycles) {
        if (!(cycles > 0 && cycles <= 0.5)) {
            throw new MentorException("schedule: need 0 < cycles <= 0.5, got " + cycles);
        }
        return warmedUp(base, warmupSteps, totalSteps, progress -> Math.max(0, Math.cos(Math.PI * cycles * progress)));
    }

    /**
     * @param base the peak rate
     * @param warmupSteps steps of linear warm-up (rate at step s is base·(s+1)/warmupSteps)
     * @param totalSteps the step at which the cosine reaches its end
     * @param finalFraction the fraction of {@code base} at the end, 0 for a full decay
     */
    static Schedule cosine(double base, long warmupSteps, long totalSteps, double finalFraction) {
        return warmedUp(base, warmupSteps, totalSteps, progress -> finalFraction + (1 - finalFraction) * (0.5 * (1 + Math.cos(Math.PI * progress))));
    }

    /**
     * Linear warm-up to {@code base} (rate at step s is base·(s+1)/warmupSteps), then {@code base·decay(p)} at progress p in
     * [0, 1] through the steps after it: the part {@link #cosine} and {@link #cosineCycles} share, checked once here.
     */
    private static Schedule warmedUp(double base, long warmupSteps, long totalSteps, DoubleUnaryOperator decay) {
        if (base <= 0 || Double.isNaN(base)) {
            throw MentorException.of("learning_rate", "must be > 0, got " + base);
        }
        if (warmupSteps < 0 || totalSteps <= 0 || warmupSteps > totalSteps) {
            throw new MentorException("schedule: need 0 <= warm-up steps (" + warmupSteps + ") <= total steps (" + totalSteps + ")");
        }
        return step -> {
            if (step < warmupSteps) {
                return (float) (base * (step + 1) / warmupSteps);
            }
            double progress = Math.min(1.0, (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps));
            return (float) (base * decay.applyAsDouble(progress));
        };
    }
}
