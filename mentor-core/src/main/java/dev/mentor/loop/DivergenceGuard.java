package dev.mentor.loop;

import dev.mentor.train.StepResult;
import java.util.Arrays;
import java.util.Map;

/**
 * Notices a loss that explodes without (yet) turning NaN or infinite: {@link #PERSIST} steps in a row whose loss is more
 * than {@link #FACTOR} times the median of the last {@link #WINDOW} steps' losses (once {@link #MIN_HISTORY} steps are
 * known), or than {@link #FACTOR} times {@link #FLOOR} when the median is smaller (a loss near 0 is noisy in ratio: 1e-4
 * to 1e-2 is no explosion), and above the cross-entropy of a uniform guess over the classes, ln K. A median is robust to
 * the loss's ordinary noise and to the slow rise of a consistency term as its mask opens; a twenty-fold jump that stays
 * is neither. Issue 17's distillation went 19 → 44 → 813 in three steps and trained on to 27.6% with nothing said.
 *
 * <p>Why the last two conditions: a model that has memorised a few labeled images (4 per class) has a median loss near
 * 0.04, and one batch at the peak of the warm-up can score 1.5 and the next 0.05 again. That fired the guard at step
 * 209 of an ordinary supervised run (session 20, two seeds of 6,000 steps on 40 labels): no loss below what guessing
 * scores is an explosion, and one that does not last is a hard batch.
 */
final class DivergenceGuard {
    static final int WINDOW = 50;
    static final int MIN_HISTORY = 5;
    static final double FACTOR = 20;
    /** The smallest median the ratio is taken against: the cross-entropy of a 95%-confident right answer. */
    static final double FLOOR = 0.05;
    /** Steps in a row the loss must stay exploded for the run to stop. */
    static final int PERSIST = 2;

    private final double[] recent = new double[WINDOW];
    private final double chance;
    private long count;
    private int exploded;

    /** A guard for a model of {@code classes} classes (at least 2). */
    DivergenceGuard(int classes) {
        this.chance = Math.log(Math.max(2, classes));
    }

    /** Records the step's loss; returns why the run must stop, or null. */
    String check(long step, StepResult result) {
        double loss = result.loss();
        String problem = null;
        if (count >= MIN_HISTORY) {
            double median = median();
            // a total that can be negative (an MPL teacher's feedback term) has no meaningful ratio
            boolean jumped = median > 0 && loss > FACTOR * Math.max(median, FLOOR) && loss > chance;
            exploded = jumped ? exploded + 1 : 0;
            if (exploded >= PERSIST) {
                problem = String.format("the loss jumped to %.4g, %.0f times its median %.4g over the last %d steps, for %d steps in a "
                        + "row%s", loss, loss / median, median, Math.min(count, WINDOW), exploded, largestComponent(result.components()));
            }
        }
        recent[(int) (count % WINDOW)] = loss;
        count++;
        return problem;
    }

    private double median() {
        double[] window = Arrays.copyOf(recent, (int) Math.min(count, WINDOW));
        Arrays.sort(window);
        int n = window.length;
        return n % 2 == 1 ? window[n / 2] : (window[n / 2 - 1] + window[n / 2]) / 2;
    }

    private static String largestComponent(Map<String, Float> components) {
        Map.Entry<String, Double> largest = largestLossTerm(components);
        return largest == null ? "" : String.format(" (largest component '%s': %.4g)", largest.getKey(), largest.getValue());
    }

    /**
     * The largest of a step's (or an epoch's mean) loss components, or null: timings ({@code ms_...}),
     * ratios, weights and thresholds are reported beside the loss terms but are not terms themselves.
     */
    static Map.Entry<String, Double> largestLossTerm(Map<String, ? extends Number> components) {
        return components.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("ms_") && !e.getKey().endsWith("_ratio") && !e.getKey().endsWith("_weight")
                        && !e.getKey().endsWith("_threshold"))
                .map(e -> Map.entry(e.getKey(), e.getValue().doubleValue()))
                .max(Map.Entry.comparingByValue()).orElse(null);
    }
}
