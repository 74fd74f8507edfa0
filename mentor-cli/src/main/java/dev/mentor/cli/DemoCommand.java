package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.data.DataSources;
import dev.mentor.data.DataOptions;
import dev.mentor.data.FashionMnistSource;
import dev.mentor.report.ResultsTable;
import dev.mentor.run.Experiment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mentor demo}: the showcase. On Fashion-MNIST with 1,000 labels (Fashion-MNIST installed through
 * Debian's package when it is missing and the machine allows it) it trains the supervised baseline, Noisy
 * Student (the baseline as teacher, one noised student), distillation (the Noisy Student's student into a
 * fresh model, on labeled and unlabeled images) and Meta Pseudo Labels, with progress bars; then prints
 * test accuracy, gain over the baseline and time per method, and writes the HTML report. It is the
 * {@link Suite} at its demo budgets, sized to finish within 10 minutes on 2 cores; an interrupted demo
 * continues where it stopped when run again with the same {@code --out}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run Mentor's showcase on Fashion-MNIST with 1,000 labels: supervised baseline, Noisy Student, distillation "
                + "and Meta Pseudo Labels (about 10 minutes on 2 cores), then a results table and an HTML report.",
            "Run it again with the same --out to continue an interrupted demo."})
final class DemoCommand implements Callable<Integer> {
    /** The demo's methods, in the order they train (each teacher before its students). */
    static final List<String> METHODS = List.of("supervised", "noisy-student", "distill", "mpl");

    @Option(names = "--out", description = "Folder for the demo's runs and report (default: runs/demo-TIME)")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--labels", defaultValue = "1000", description = "Labeled images (default: ${DEFAULT-VALUE})")
    int labels;

    @Option(names = "--data", defaultValue = "fashion-mnist", description = "Data, as for train (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--validation-per-class", defaultValue = "100", description = "Validation images per class (default: ${DEFAULT-VALUE})")
    int validationPerClass;

    @Option(names = "--steps", description = "Train every method this many steps instead of the demo's budgets (a smoke test)")
    Integer steps;

    @Option(names = "--verbose", description = "Show stack traces of errors")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (steps != null && steps < 1) {
            throw new MentorException("--steps: must be at least 1, got " + steps);
        }
        if (FashionMnistSource.NAME.equals(data)) {
            ensureFashionMnist(err);
        }
        Path root = out != null ? out : Experiment.defaultDirectory("demo", data);
        Suite.checkOut(root);
        Suite suite = new Suite(new Suite.Settings(data, "cnn-small", validationPerClass, Suite.Scale.DEMO, steps, null, root), err);
        List<Suite.Run> plan = Suite.plan(METHODS, List.of(labels), List.of(seed));
        err.printf("demo: %s with %,d labels, cnn-small, seed %d: %s, into %s%n", data, labels, seed,
                String.join(", ", METHODS), root);
        List<Suite.Outcome> outcomes = suite.run(plan, err);
        ResultsTable table = suite.writeResults(outcomes);
        err.println("drawing the report...");
        ReportCommand.write("Mentor demo: " + data + ", " + String.format("%,d", labels) + " labels",
                outcomes.stream().map(Suite.Outcome::summary).toList(), null, true, root.resolve(Suite.REPORT), true);
        stdout.println();
        stdout.printf("%-14s %10s %16s %9s%n", "method", "test acc", "vs supervised", "time");
        for (Suite.Outcome o : outcomes) {
            ResultsTable.Row row = table.find(o.summary().method(), o.summary().labels());
            double gain = row == null ? Double.NaN : table.gain(row);
            Double accuracy = o.summary().testAccuracy();
            stdout.printf("%-14s %10s %16s %8.0fs%n", o.run().recipe().method(),
                    accuracy == null ? "n/a" : String.format("%.2f%%", 100 * accuracy),
                    Double.isNaN(gain) ? "baseline" : ResultsTable.points(gain) + " pts", o.summary().wallSeconds());
        }
        stdout.printf("%nreport: %s%nresults: %s%n", root.resolve(Suite.REPORT), root.resolve(Suite.RESULTS_MD));
        return 0;
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
