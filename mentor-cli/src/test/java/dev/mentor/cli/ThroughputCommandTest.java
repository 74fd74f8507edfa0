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
    void measuresABf16Step() {
        int code = run("bench", "throughput", "--model", "cnn-small", "--batch-size", "4", "--steps", "2", "--precision", "bf16",
                "--rounds", "1", "--warmup-steps", "1", "--warmup-seconds", "0", "--warmup-max-seconds", "0");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("precision=bf16"), out.toString());
        assertTrue(out.toString().strip().lines().reduce((a, b) -> b).orElseThrow().matches("img/s: \\d+\\.\\d"), out.toString());
    }

    @Test
    void augmentCostIsMeasuredInEveryRoundAsAShareOfAStep() {
        int code = run("bench", "throughput", "--model", "cnn-small", "--batch-size", "4", "--steps", "2",
                "--rounds", "2", "--warmup-steps", "1", "--warmup-seconds", "0", "--warmup-max-seconds", "0",
                "--augment", "weak+randaugment:n=2,m=9");
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(text.matches("(?s).*round 1: augment \\d+ img/s on one thread: \\d+\\.\\d+ ms per batch of 4 .*"), text);
        assertTrue(text.contains("round 2: augment "), text);
        assertTrue(text.matches("(?s).*augment weak\\+randaugment:n=2,m=9: a batch of 4 costs \\d+\\.\\d% of a training step.*"), text);
    }

    @Test
    void badAugmentPolicyIsAOneLineError() {
        int code = run("bench", "throughput", "--augment", "randaugment:n=x");
        assertEquals(2, code);
        assertTrue(err.toString().strip().startsWith("mentor: --augment: "), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void missingPeerIsAOneLineErrorNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("peer_train.py");
        int code = run("bench", "throughput", "--peer", missing.toString());
        assertEquals(2, code);
        assertEquals("mentor: --peer: " + missing + ": no such file", err.toString().strip());
    }
}
