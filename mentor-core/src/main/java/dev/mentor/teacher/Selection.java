package dev.mentor.teacher;

import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.Switch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which pseudo-labeled images a student trains on (Noisy Student, Xie et al. 2020, §3 "data filtering
 * and balancing"): images whose confidence is below {@code minConfidence} (compared as a float, the
 * confidences' type) are dropped; then, when
 * balancing, every class (by hard label) is brought to a target count — a class with more images keeps
 * its most confident ones, a class with fewer repeats its images (each ⌊target/k⌋ times, the most
 * confident {@code target mod k} once more). A class left with no image stays empty.
 *
 * <p>When the threshold keeps no image at all — a weak or collapsed teacher whose confidences are all
 * low, or a threshold set for another data set — the round does not stop: it falls back to the most
 * confident {@link #FALLBACK_SHARE} of each predicted class (at least one image), and says so in
 * {@link #fallback}.
 *
 * @param positions pool positions of the selected images, a position repeated once per copy; grouped
 *     by class, most confident first
 * @param keptPerClass images per class that passed the confidence filter
 * @param selectedPerClass images per class after balancing (copies counted)
 * @param target the per-class target, or 0 without balancing
 * @param fallback why and how the selection fell back when the threshold kept nothing, or null
 */
public record Selection(int[] positions, int[] keptPerClass, int[] selectedPerClass, int target, OptionText fallback) {
    /** The share of each predicted class kept, most confident first, when the threshold keeps nothing. */
    public static final double FALLBACK_SHARE = 0.1;

    /**
     * @param minConfidence images whose hard label has a lower probability are dropped; 0 keeps all
     * @param balance whether to bring every class to {@code perClass} images
     * @param perClass the per-class target; 0 means the mean count per class after filtering
     */
    public record Options(double minConfidence, Switch balance, int perClass) {
        public Options {
            if (!(minConfidence >= 0 && minConfidence <= 1)) {
                throw MentorException.of("min_confidence", "must be in [0, 1], got " + minConfidence);
            }
            if (perClass < 0) {
                throw MentorException.of("balance_per_class", "must be >= 0 (0: the mean count per class after filtering), got " + perClass);
            }
            if (balance == null) {
                throw MentorException.of("balance", "expected on or off, got nothing");
            }
        }
    }

    public Selection {
        positions = positions.clone();
        keptPerClass = keptPerClass.clone();
        selectedPerClass = selectedPerClass.clone();
    }

    @Override
    public int[] positions() {
        return positions.clone();
    }

    @Override
    public int[] keptPerClass() {
        return keptPerClass.clone();
    }

    @Override
    public int[] selectedPerClass() {
        return selectedPerClass.clone();
    }

    public int size() {
        return positions.length;
    }

    public int kept() {
        return IntStream.of(keptPerClass).sum();
    }

    /** Filters and balances {@code labels}; when the threshold keeps nothing, falls back as the class comment says. */
    public static Selection of(PseudoLabels labels, Options options) {
        int classes = labels.classes();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        float threshold = (float) options.minConfidence();
        float highest = 0;
        for (int i = 0; i < labels.size(); i++) {
            float confidence = labels.confidence(i);
            highest = Math.max(highest, confidence);
            if (confidence >= threshold) {
                byClass.get(labels.label(i)).add(i);
            }
        }
        Comparator<Integer> mostConfidentFirst = Comparator.<Integer>comparingDouble(i -> -labels.confidence(i))
                .thenComparingInt(i -> i);
        byClass.forEach(list -> list.sort(mostConfidentFirst));
        OptionText fallback = null;
        if (byClass.stream().allMatch(List::isEmpty)) {
            if (labels.size() == 0) {
                throw MentorException.of("unlabeled", "the pool is empty: there is nothing to pseudo-label");
            }
            for (int i = 0; i < labels.size(); i++) {
                byClass.get(labels.label(i)).add(i);
            }
            byClass.forEach(list -> list.sort(mostConfidentFirst));
            for (int c = 0; c < classes; c++) {
                List<Integer> all = byClass.get(c);
                int keep = all.isEmpty() ? 0 : Math.max(1, (int) Math.ceil(FALLBACK_SHARE * all.size()));
                byClass.set(c, new ArrayList<>(all.subList(0, keep)));
            }
            fallback = OptionText.naming("{}", "min_confidence").then(String.format(" %s keeps none of the %d pseudo-labeled images (the most "
                    + "confident has %.3f): kept the most confident %.0f%% of each predicted class instead", options.minConfidence(),
                    labels.size(), highest, 100 * FALLBACK_SHARE));
        }
        int[] kept = byClass.stream().mapToInt(List::size).toArray();
        int keptTotal = IntStream.of(kept).sum();
        int target = !options.balance().on() ? 0
                : options.perClass() > 0 ? options.perClass() : Math.max(1, (int) Math.round((double) keptTotal / classes));
        int[] selected = new int[classes];
        int[] positions = new int[target == 0 ? keptTotal : target * (int) IntStream.of(kept).filter(k -> k > 0).count()];
        int n = 0;
        for (int c = 0; c < classes; c++) {
            List<Integer> images = byClass.get(c);
            int count = target == 0 ? images.size() : images.isEmpty() ? 0 : target;
            for (int j = 0; j < count; j++) {
                positions[n++] = images.get(repeatedIndex(j, images.size(), count));
            }
            selected[c] = count;
        }
        return new Selection(Arrays.copyOf(positions, n), kept, selected, target, fallback);
    }

    /**
     * The image of copy {@code j} of {@code count} drawn from {@code k} images sorted most confident
     * first: the first {@code count} when there are enough, else round after round through all of them
     * (so the most confident {@code count mod k} get one copy more).
     */
    private static int repeatedIndex(int j, int k, int count) {
        return count <= k ? j : j % k;
    }
}
