package dev.mentor.run;

import dev.mentor.io.RecordFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * A self-training run's {@code rounds.json}: every finished round's {@link RoundRecord}, rewritten after
 * each round, so a run whose last round is over says {@code complete}.
 *
 * @param method the self-training method ({@code noisy-student}, {@code pseudo-label})
 * @param complete whether every round the run asked for is finished
 * @param rounds the finished rounds, the teacher's (round 0) first
 */
public record Rounds(String method, boolean complete, List<RoundRecord> rounds) {
    /**
     * {@code rounds.json}: version 1, its rounds in {@link RoundRecord#FILE}'s snake_case; an earlier build's
     * is camelCase throughout, without format or version.
     */
    public static final RecordFormat FILE = RecordFormat.lenient("rounds", 1, RecordFormat.Legacy.CAMEL_CASE);

    public Rounds {
        rounds = rounds == null ? List.of() : List.copyOf(rounds);
    }

    public void write(Path file) {
        FILE.write(file, this);
    }

    public static Rounds read(Path file) {
        return FILE.read(file, Rounds.class);
    }
}
