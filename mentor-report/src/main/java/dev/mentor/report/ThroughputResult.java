package dev.mentor.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.MentorException;
import dev.mentor.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code mentor bench throughput --json FILE} wrote: the workload and each round's training images
 * per second of Mentor and, with {@code --peer}, of the PyTorch peer.
 *
 * @param peer the peer's description, or null when it did not run
 */
public record ThroughputResult(String model, int batchSize, int threads, String memoryFormat, String peer, List<Round> rounds) {
    public ThroughputResult {
        rounds = List.copyOf(rounds);
    }

    /** @param peer null when the peer did not run */
    public record Round(double mentor, Double peer) {}

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
        JsonNode rounds = json.path("rounds");
        if (!json.hasNonNull("model") || !rounds.isArray() || rounds.isEmpty()) {
            throw MentorException.of("throughput", file + " is not the output of mentor bench throughput --json (no model or rounds)");
        }
        List<Round> list = new ArrayList<>();
        for (JsonNode r : rounds) {
            JsonNode peer = r.path("peer_images_per_second");
            list.add(new Round(r.path("mentor_images_per_second").asDouble(), peer.isNumber() ? peer.asDouble() : null));
        }
        JsonNode peer = json.path("peer");
        return new ThroughputResult(json.get("model").asText(), json.path("batch_size").asInt(), json.path("threads").asInt(),
                json.path("memory_format").asText(""), peer.isTextual() ? peer.asText() : null, list);
    }

    public double medianMentor() {
        return median(rounds.stream().mapToDouble(Round::mentor).toArray());
    }

    /** NaN when the peer did not run. */
    public double medianPeer() {
        return rounds.stream().allMatch(r -> r.peer() != null) ? median(rounds.stream().mapToDouble(Round::peer).toArray()) : Double.NaN;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
