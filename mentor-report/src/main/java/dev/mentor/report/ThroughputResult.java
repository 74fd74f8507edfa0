package dev.mentor.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.MentorException;
import dev.mentor.io.Json;
import dev.mentor.io.RecordFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code mentor bench throughput --json FILE} writes and {@code mentor report --throughput FILE} reads: the
 * workload and each round's training images per second of Mentor and, with {@code --peer}, of the PyTorch peer.
 *
 * @param peer the peer's description, or null when it did not run
 * @param medianMentorImagesPerSecond the median of the rounds' Mentor rates, as the command printed it
 * @param medianPeerImagesPerSecond the median of the peer's, or null when it did not run
 */
public record ThroughputResult(String model, int batchSize, int threads, String memoryFormat, String peer, List<Round> rounds,
        Double medianMentorImagesPerSecond, Double medianPeerImagesPerSecond) {
    /**
     * The {@code --json} file: version 1. An earlier build's had the same snake_case keys without format and version.
     */
    public static final RecordFormat FILE = RecordFormat.lenient("throughput", 1, RecordFormat.Legacy.SNAKE_CASE);

    public ThroughputResult {
        memoryFormat = memoryFormat == null ? "" : memoryFormat; // not written before memory formats were measured
        rounds = rounds == null ? List.of() : List.copyOf(rounds);
    }

    /** @param peerImagesPerSecond null when the peer did not run */
    public record Round(double mentorImagesPerSecond, Double peerImagesPerSecond) {}

    public void write(Path file) {
        FILE.write(file, this);
    }

    public static ThroughputResult read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw MentorException.of("throughput", file + " does not exist (write it with mentor bench throughput --json FILE)");
        }
        ObjectNode json;
        try {
            json = Json.read(file);
        } catch (MentorException e) {
            throw MentorException.of("throughput", file + " is not JSON");
        }
        ThroughputResult result = FILE.parse(file.toString(), json, ThroughputResult.class);
        if (result.model() == null || result.rounds().isEmpty()) {
            throw MentorException.of("throughput", file + " is not the output of mentor bench throughput --json (no model or rounds)");
        }
        return result;
    }

    public double medianMentor() {
        return median(rounds.stream().mapToDouble(Round::mentorImagesPerSecond).toArray());
    }

    /** NaN when the peer did not run. */
    public double medianPeer() {
        return rounds.stream().allMatch(r -> r.peerImagesPerSecond() != null)
                ? median(rounds.stream().mapToDouble(Round::peerImagesPerSecond).toArray()) : Double.NaN;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
