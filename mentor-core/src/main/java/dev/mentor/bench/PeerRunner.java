package dev.mentor.bench;

import dev.mentor.MentorException;
import dev.mentor.train.Precision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the PyTorch throughput peer ({@code peer_train.py ARCH --batch B --steps N --threads T
 * --channels C --size S}) as a subprocess and reads the {@code img/s: N} line it prints last. The peer
 * warms up with its own 3 steps. Problems the user can fix (no such script, a Python without torch, a
 * peer that fails) are a {@link MentorException} naming the path.
 */
public final class PeerRunner {
    private static final String RATE_PREFIX = "img/s:";
    private final Path python;
    private final Path script;

    PeerRunner(Path python, Path script) { // tests build the command line without a torch to check
        this.python = python;
        this.script = script;
    }

    /** The peer's own description of the run (its first line) and its rate. */
    public record Result(String description, double imagesPerSecond) {}

    /**
     * Checks that {@code script} is a file and that {@code python} can import torch, so a broken setup
     * fails before the long measurement rather than after it.
     */
    public static PeerRunner open(Path python, Path script) {
        if (!Files.isRegularFile(script)) {
            throw MentorException.of("peer", script + ": no such file");
        }
        PeerRunner runner = new PeerRunner(python, script);
        Output check = runner.execute(List.of(python.toString(), "-c", "import torch"));
        if (check.exitCode() != 0) {
            throw MentorException.of("peer", python + " cannot import torch, which " + script + " needs ("
                    + lastLine(check.text()) + ")");
        }
        return runner;
    }

    public Path script() {
        return script;
    }

    /** Runs the peer on the same workload and returns its rate. */
    public Result run(Workload workload, int steps, int threads) {
        Output output = execute(command(workload, steps, threads));
        return parse(output.text(), output.exitCode(), script);
    }

    /** The peer's command line for a workload. */
    public List<String> command(Workload workload, int steps, int threads) {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(), workload.model(),
                "--batch", Integer.toString(workload.batchSize()), "--steps", Integer.toString(steps),
                "--threads", Integer.toString(threads), "--channels", Integer.toString(workload.channels()),
                "--size", Integer.toString(workload.size())));
        if (workload.precision() == Precision.BF16) {
            command.add("--bf16"); // torch.autocast("cpu", bfloat16): the peer's form of the same mixed precision
        }
        return List.copyOf(command);
    }

    /**
     * Reads the peer's output: the last {@code img/s: N} line is the rate, the first line starting with
     * {@code torch } its description.
     */
    static Result parse(String output, int exitCode, Path script) {
        String description = "";
        Double rate = null;
        for (String line : output.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith(RATE_PREFIX)) {
                try {
                    rate = Double.parseDouble(trimmed.substring(RATE_PREFIX.length()).strip());
                } catch (NumberFormatException e) {
                    throw MentorException.of("peer", script + " printed a malformed rate: '" + trimmed + "'");
                }
            } else if (description.isEmpty() && trimmed.startsWith("torch ")) {
                description = trimmed;
            }
        }
        if (exitCode != 0 || rate == null) {
            throw MentorException.of("peer", script + " printed no '" + RATE_PREFIX + " N' line (exit code "
                    + exitCode + "): " + lastLine(output));
        }
        if (!(rate > 0) || rate.isInfinite()) {
            throw MentorException.of("peer", script + " printed a rate that is not a positive number: " + rate);
        }
        return new Result(description, rate);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "no output" : last;
    }

    private record Output(String text, int exitCode) {}

    private Output execute(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String text;
            try (InputStream in = process.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Output(text, process.waitFor());
        } catch (IOException e) {
            throw MentorException.of("python", "cannot run " + python + " for the peer " + script + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MentorException.of("peer", "interrupted while running " + script, e);
        }
    }
}
