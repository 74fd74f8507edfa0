package dev.mentor.run;

import dev.mentor.io.RecordFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A self-training run's {@code rounds.json}: every finished round's {@link RoundRecord}, rewritten after
 * each round, so a run whose last round is over says {@code complete}, and then which round's model is the
 * run's ({@code final_model}).
 *
 * @param method the self-training method ({@code noisy-student}, {@code pseudo-label})
 * @param complete whether every round the run asked for is finished
 * @param rounds the finished rounds, the teacher's (round 0) first
 * @param finalModel the round whose model is the run's and why, once the run is complete; null before, and in the
 *     files of builds that always returned the last round
 */
public record Rounds(String method, boolean complete, List<RoundRecord> rounds, Final finalModel) {
    /**
     * {@code rounds.json}: version 2 adds {@code final_model} (version 1's run returned its last round, as its reader
     * still says); its rounds in {@link RoundRecord#FILE}'s snake_case; an earlier build's is camelCase throughout,
     * without format or version.
     */
    public static final RecordFormat FILE = RecordFormat.lenient("rounds", 2, RecordFormat.Legacy.CAMEL_CASE);

    /**
     * Which round's model is the run's.
     *
     * @param rule {@code best} (highest validation accuracy, ties to the later round) or {@code last}
     * @param round the chosen round (0: the teacher)
     * @param role {@code teacher} or {@code student}
     * @param validationAccuracy the chosen model's, or null without a validation split
     * @param reason the choice in words, as the run's log said it
     * @param candidates every round that could be chosen: those whose validation accuracy is known
     */
    public record Final(String rule, int round, String role, Double validationAccuracy, String reason, List<Candidate> candidates) {
        public Final {
            candidates = candidates == null ? List.of() : List.copyOf(candidates);
        }
    }

    /** A round's model as a candidate for the run's: its validation accuracy. */
    public record Candidate(int round, String role, String model, Double validationAccuracy) {}

    public Rounds {
        rounds = rounds == null ? List.of() : List.copyOf(rounds);
    }

    /** Without a final model: a run not finished yet. */
    public Rounds(String method, boolean complete, List<RoundRecord> rounds) {
        this(method, complete, rounds, null);
    }

    /**
     * The round whose model is the run's: {@code final_model}'s, or the last when the file has none (a run of a build
     * that always returned its last round); null without rounds.
     */
    public RoundRecord finalRound() {
        if (rounds.isEmpty()) {
            return null;
        }
        if (finalModel != null) {
            for (RoundRecord r : rounds) {
                if (r.round() == finalModel.round()) {
                    return r;
                }
            }
        }
        return rounds.get(rounds.size() - 1);
    }

    /**
     * Chooses the run's model among {@code records} (the teacher's first) by {@code rule}. {@code BEST}: the highest
     * validation accuracy among the rounds that have one, the later round on ties; the last round when none has one
     * (no validation split). {@code LAST}: the last round. Reads validation accuracy only, never test accuracy.
     */
    public static Final choose(List<RoundRecord> records, SelfTrainingConfig.FinalModel rule) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no rounds to choose from");
        }
        List<Candidate> candidates = new ArrayList<>();
        RoundRecord best = null;
        for (RoundRecord r : records) {
            Double v = r.validationAccuracy();
            if (v == null || v.isNaN()) {
                continue;
            }
            candidates.add(new Candidate(r.round(), r.role(), r.model(), v));
            if (best == null || v >= best.validationAccuracy()) {
                best = r;
            }
        }
        RoundRecord last = records.get(records.size() - 1);
        String ruleName = rule.name().toLowerCase(Locale.ROOT);
        if (rule == SelfTrainingConfig.FinalModel.LAST) {
            return new Final(ruleName, last.round(), last.role(), last.validationAccuracy(),
                    "the last round's model, as asked" + against(last, candidates), candidates);
        }
        if (best == null) {
            return new Final(ruleName, last.round(), last.role(), null,
                    "the last round's model: no round has a validation accuracy to choose by (no validation split)", candidates);
        }
        String reason = best == last
                ? "the highest validation accuracy" + (candidates.size() > 1 ? " (ties go to the later round)" : "")
                : best.round() == 0
                        ? "no student beat the teacher on validation: the teacher is kept"
                        : "the highest validation accuracy; later rounds did not beat it";
        return new Final(ruleName, best.round(), best.role(), best.validationAccuracy(), reason + against(best, candidates),
                candidates);
    }

    /** The candidates' validation accuracies, the chosen one's first: {@code ; validation 84.20% against round 0 83.10%}. */
    private static String against(RoundRecord chosen, List<Candidate> candidates) {
        StringBuilder s = new StringBuilder();
        if (chosen.validationAccuracy() != null) {
            s.append(String.format(Locale.ROOT, "; validation %.2f%%", 100 * chosen.validationAccuracy()));
        }
        List<String> others = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.round() != chosen.round()) {
                others.add(String.format(Locale.ROOT, "round %d %.2f%%", c.round(), 100 * c.validationAccuracy()));
            }
        }
        if (!others.isEmpty()) {
            s.append(chosen.validationAccuracy() != null ? " against " : "; validation: ").append(String.join(", ", others));
        }
        return s.toString();
    }

    public void write(Path file) {
        FILE.write(file, this);
    }

    public static Rounds read(Path file) {
        return FILE.read(file, Rounds.class);
    }
}
