package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThroughputCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void printsTheRateLast() {
        int code = run("bench", "throughput", "--model", "cnn-small", "--batch-size", "4", "--steps", "2",
                "--rounds", "1", "--warmup-steps", "1", "--warmup-seconds", "0", "--warmup-max-seconds", "0");
        assertEquals(0, code, err.toString());
        String[] lines = out.toString().strip().split("\\R");
        assertTrue(lines[lines.length - 1].matches("img/s: \\d+\\.\\d"), out.toString());
        assertTrue(out.toString().contains("round 1: warm-up 1 steps"), out.toString());
    }

    @Test
    void missingPeerIsAOneLineErrorNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("peer_train.py");
        int code = run("bench", "throughput", "--peer", missing.toString());
        assertEquals(2, code);
        assertEquals("mentor: --peer: " + missing + ": no such file", err.toString().strip());
    }
}
