package dev.mentor.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.MentorException;
import dev.mentor.io.Json;
import dev.mentor.io.RecordFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One epoch's record, a line of {@code metrics.jsonl} (or of a later phase's {@code metrics-PHASE.jsonl}):
 * a whole {@link #LINE mentor-epoch} record, its own format and version included. Each line says its
 * version itself rather than the manifest saying it for the file, because a run started by one build and
 * resumed by another keeps the first one's manifest but has its epoch log rewritten by the second, and
 * because a line read alone ({@code tail -1}) is then still a complete record.
 *
 * @param epoch 1-based epoch number
 * @param step optimizer steps taken so far
 * @param trainLoss mean training loss over the epoch
 * @param components mean of each named loss component
 * @param learningRate the rate at the epoch's last step
 * @param validationAccuracy top-1 accuracy on the validation split (NaN without one, written {@code "NaN"})
 * @param validationNll negative log-likelihood on the validation split (NaN without one)
 * @param imagesPerSecond labeled + unlabeled training images per second of training time
 * @param seconds wall time of the epoch including validation
 */
public record EpochMetrics(int epoch, long step, double trainLoss, Map<String, Double> components,
        double learningRate, double validationAccuracy, double validationNll, double imagesPerSecond,
        double seconds) {
    /**
     * A line of the epoch log: version 1 in snake_case ({@code train_loss}, {@code validation_accuracy}); a
     * line of an earlier build has these components in camelCase ({@code trainLoss}) and no format or version.
     */
    public static final RecordFormat LINE = RecordFormat.lenient("epoch", 1, RecordFormat.Legacy.CAMEL_CASE);

    public EpochMetrics {
        components = components == null ? Map.of() : Map.copyOf(components);
    }

    /** This epoch as a line of the log (without its line break). */
    public String toLine() {
        return LINE.line(this);
    }

    /**
     * The epoch a line of a log holds, of this version or an earlier build's; a missing or null validation
     * value is NaN (no validation split), as a reader of the log always took it.
     *
     * @param where the file and line, which an error message starts with
     */
    public static EpochMetrics parse(String where, JsonNode line) {
        boolean legacy = LINE.versionOf(where, line) == 0;
        String loss = legacy ? "trainLoss" : "train_loss";
        if (!line.has("epoch") || !line.has(loss)) {
            throw new MentorException(where + ": not an epoch record (no epoch or " + loss + ")");
        }
        ObjectNode fields = ((ObjectNode) line).deepCopy();
        for (String key : legacy ? List.of("validationAccuracy", "validationNll") : List.of("validation_accuracy", "validation_nll")) {
            if (fields.path(key).isNull() || fields.path(key).isMissingNode()) {
                fields.put(key, Double.NaN);
            }
        }
        return LINE.parse(where, fields, EpochMetrics.class);
    }

    /** Every epoch of a log, in order; blank lines are skipped, anything else unreadable is a one-line error naming the file and line. */
    public static List<EpochMetrics> readLog(Path file) {
        return Json.readLines(file, EpochMetrics::parse);
    }
}
