package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.data.DataSources;
import dev.mentor.data.DataOptions;
import dev.mentor.method.Supervised;
import dev.mentor.run.Experiment;
import dev.mentor.run.ExperimentConfig;
import dev.mentor.run.RunDirectory;
import dev.mentor.run.RunResult;
import dev.mentor.train.OptimizerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mentor demo}: the main job. On Fashion-MNIST (installed through Debian's package when it is
 * missing and the machine allows it) it trains the supervised baseline with 1,000 labels and with all
 * labels, and ends with a table of test accuracy and time. Sized to finish within 10 minutes on 2 cores.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run Mentor's showcase on Fashion-MNIST and print a results table.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", description = "Folder for the demo's runs (default: runs/demo-TIME)")
    Path out;

    @Option(names = "--force", description = "Overwrite runs already in --out")
    boolean force;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--verbose", description = "Show stack traces of errors")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private record Row(String method, String labels, String model, RunResult result) {}

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        ensureFashionMnist(err);
        Path root = out != null ? out : Experiment.defaultDirectory("demo", "fashion-mnist");
        List<Row> rows = new ArrayList<>();
        err.println("== 1/2: supervised baseline, cnn-small, 1,000 labels (100 per class) ==");
        rows.add(new Row("supervised", "1,000", "cnn-small",
                supervised(root.resolve("supervised-1000"), 1000, 40, err)));
        err.println("== 2/2: supervised, cnn-small, all labels ==");
        rows.add(new Row("supervised", "all (59,000)", "cnn-small",
                supervised(root.resolve("supervised-all"), null, 3, err)));
        stdout.println();
        stdout.printf("%-12s %-14s %-10s %10s %9s%n", "method", "labels", "model", "test acc", "time");
        for (Row r : rows) {
            stdout.printf("%-12s %-14s %-10s %9.2f%% %8.0fs%n", r.method(), r.labels(), r.model(),
                    100 * r.result().testAccuracy(), r.result().seconds());
        }
        stdout.println("runs: " + root);
        return 0;
    }

    private RunResult supervised(Path dir, Integer labels, int epochs, PrintWriter err) {
        ExperimentConfig config = new ExperimentConfig("fashion-mnist", null, null, null, null, labels, null, 100,
                "cnn-small", -1, 0, epochs, labels == null ? 128 : 64, 0.05, 0, OptimizerConfig.sgd(5e-4), 0,
                "weak", 0, 0, 0.5, seed, 1);
        RunDirectory directory = RunDirectory.create(dir, force);
        return new Experiment(config, c -> new Supervised(c.newLearner(0)), err::println)
                .run(directory, false, List.of(new ConsoleProgress(err)));
    }

    /** Installs Debian's dataset-fashion-mnist when Fashion-MNIST is nowhere and apt-get can run. */
    private static void ensureFashionMnist(PrintWriter err) {
        try {
            DataSources.parse("fashion-mnist", DataOptions.defaults());
            return;
        } catch (MentorException missing) {
            if (!canInstall()) {
                throw missing;
            }
        }
        err.println("Fashion-MNIST not found: installing the Debian package dataset-fashion-mnist (apt-get install -y dataset-fashion-mnist)...");
        if (!runApt(err, "apt-get", "install", "-y", "dataset-fashion-mnist")) {
            err.println("retrying after apt-get update...");
            runApt(err, "apt-get", "update");
            if (!runApt(err, "apt-get", "install", "-y", "dataset-fashion-mnist")) {
                throw new MentorException("demo: could not install dataset-fashion-mnist with apt-get; install it by hand or put the four IDX files in ~/.mentor/datasets/fashion-mnist");
            }
        }
        DataSources.parse("fashion-mnist", DataOptions.defaults());
    }

    private static boolean canInstall() {
        return "root".equals(System.getProperty("user.name")) && Path.of("/usr/bin/apt-get").toFile().canExecute();
    }

    private static boolean runApt(PrintWriter err, String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            return p.waitFor() == 0;
        } catch (IOException e) {
            err.println("apt-get failed: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
