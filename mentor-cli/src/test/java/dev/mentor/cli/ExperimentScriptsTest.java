package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every script in {@code experiments/} parses ({@code bash -n}), and so do the launcher and CI's script. A queue
 * script is started in the background at a session's start and read by bash only as it runs: a syntax error in its
 * second half (an apostrophe inside {@code ${END:?...}} inside {@code $(( ))}) ended two sessions' queues after their
 * first run, and the measurement after it never started.
 */
class ExperimentScriptsTest {
    @Test
    void everyShellScriptParses() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path experiments = root.resolve("experiments");
        assertTrue(Files.isDirectory(experiments), "run from mentor-cli: " + experiments);
        List<Path> scripts = new ArrayList<>(List.of(root.resolve("mentor"), root.resolve(".ci").resolve("run")));
        try (Stream<Path> files = Files.walk(experiments)) {
            files.filter(f -> f.toString().endsWith(".sh")).sorted().forEach(scripts::add);
        }
        assertTrue(scripts.size() > 10, "found the experiments' scripts: " + scripts);
        List<String> broken = new ArrayList<>();
        for (Path script : scripts) {
            String why = parse(script);
            if (why != null) {
                broken.add(root.relativize(script) + ": " + why);
            }
        }
        assertEquals(List.of(), broken);
    }

    /** A script that fails to parse fails the test; a parse error's message names it. */
    @Test
    void anUnmatchedQuoteInsideArithmeticIsFound() throws Exception {
        Path script = Files.createTempFile("queue", ".sh");
        try {
            Files.writeString(script, "if [ $(( $(date -d \"${END:?give the session's end}\" +%s) )) -gt 0 ]; then\n  echo later\nfi\n");
            String why = parse(script);
            assertNotNull(why, "bash -n accepted it");
            assertTrue(why.contains("unexpected EOF"), why);
        } finally {
            Files.delete(script);
        }
    }

    /** bash -n's message for a script that does not parse, or null when it does. */
    private static String parse(Path script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash -n did not stop on " + script);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.exitValue() == 0 ? null : output.isEmpty() ? "exit " + p.exitValue() : output;
    }
}
