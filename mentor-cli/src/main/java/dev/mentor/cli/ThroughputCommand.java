package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.bench.Throughput;
import dev.mentor.model.Models;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mentor bench throughput}: training images per second on random data, the recipe of the PyTorch
 * peer, so the two can be run side by side. Prints {@code img/s: N} as its last line.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Training throughput on random data (Nesterov SGD, cross-entropy). Last line: img/s: N")
final class ThroughputCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "cnn-small", description = "Architecture (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--batch-size", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--steps", defaultValue = "30", description = "Timed steps after 3 warm-up steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--channels", defaultValue = "1", description = "Image channels (default: ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--size", defaultValue = "28", description = "Image height and width (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--verbose", description = "Show stack traces of errors")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (batchSize <= 0 || steps <= 0) {
            throw new MentorException("--batch-size and --steps must be > 0, got " + batchSize + " and " + steps);
        }
        Models.check(model);
        Throughput.Result r = Throughput.measure(model, channels, size, batchSize, steps);
        var out = spec.commandLine().getOut();
        out.printf("mentor %s params=%d batch=%d steps=%d threads=%s%n", r.model(), r.parameters(), r.batchSize(),
                r.steps(), System.getProperty("ai.djl.pytorch.num_threads", "default"));
        out.printf("img/s: %.1f%n", r.imagesPerSecond());
        return 0;
    }
}
