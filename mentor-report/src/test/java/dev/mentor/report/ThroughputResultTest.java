package dev.mentor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench throughput --json}'s file: written and read by {@link ThroughputResult}; an earlier build's reads too. */
class ThroughputResultTest {
    @TempDir
    Path dir;

    @Test
    void anEarlierBuildsFileReadsAndIsWrittenAgainAsARecord() throws Exception {
        Path file = dir.resolve("speed.json");
        Files.writeString(file, """
                {"model": "resnet-20", "batch_size": 128, "threads": 2, "memory_format": "channels-last", "peer": null,
                 "rounds": [{"mentor_images_per_second": 600.0, "peer_images_per_second": null},
                            {"mentor_images_per_second": 620.0, "peer_images_per_second": null},
                            {"mentor_images_per_second": 640.0, "peer_images_per_second": null}],
                 "median_mentor_images_per_second": 620.0, "median_peer_images_per_second": null}
                """);
        ThroughputResult earlier = ThroughputResult.read(file);
        assertEquals(new ThroughputResult("resnet-20", 128, 2, "channels-last", null, List.of(new ThroughputResult.Round(600, null),
                new ThroughputResult.Round(620, null), new ThroughputResult.Round(640, null)), 620.0, null), earlier);
        assertEquals(620, earlier.medianMentor());
        assertTrue(Double.isNaN(earlier.medianPeer()));
        earlier.write(file);
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\n  \"format\" : \"mentor-throughput\",\n  \"version\" : 1,\n  \"model\" : \"resnet-20\",\n  "
                + "\"batch_size\" : 128,") && text.contains("\"mentor_images_per_second\" : 600.0")
                && text.contains("\"median_peer_images_per_second\" : null"), text);
        assertEquals(earlier, ThroughputResult.read(file));
        Files.writeString(file, "{\"model\": \"cnn-small\", \"rounds\": [{\"mentor_images_per_second\": 1.0}]}");
        ThroughputResult bare = ThroughputResult.read(file);
        assertEquals("", bare.memoryFormat());
        assertNull(bare.medianMentorImagesPerSecond());
    }
}
