package dev.mentor.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The finished runs whose predictions label images: a teacher alone, or a teacher with the runs of an ensemble
 * ({@code --ensemble}). Each is read as a {@link dev.mentor.teacher.RunTeacher} in turn (un-noised, inference mode); an
 * image's distribution is the arithmetic mean of theirs (an ensemble's prediction), so a teacher alone gives exactly its own.
 *
 * @param teacher the teacher run (a self-training round's: the round before's model)
 * @param ensemble the other runs, in order; empty for the teacher alone
 */
public record Labelers(Path teacher, List<Path> ensemble) {
    public Labelers {
        ensemble = List.copyOf(ensemble);
        if (new HashSet<>(all(teacher, ensemble)).size() != 1 + ensemble.size()) {
            throw new IllegalArgumentException("an ensemble names a run twice: " + all(teacher, ensemble));
        }
    }

    /** The teacher alone. */
    public static Labelers of(Path teacher) {
        return new Labelers(teacher, List.of());
    }

    /** The teacher, then the ensemble's runs. */
    public List<Path> all() {
        return all(teacher, ensemble);
    }

    private static List<Path> all(Path teacher, List<Path> ensemble) {
        List<Path> all = new ArrayList<>(1 + ensemble.size());
        all.add(teacher);
        all.addAll(ensemble);
        return all;
    }

    public boolean isEnsemble() {
        return !ensemble.isEmpty();
    }

    /** The teacher's path, or {@code mean of TEACHER, RUN, ...} for an ensemble. */
    public String describe() {
        return isEnsemble() ? "mean of " + String.join(", ", all().stream().map(Path::toString).toList()) : teacher.toString();
    }
}
