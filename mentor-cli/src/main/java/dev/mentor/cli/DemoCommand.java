package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.data.FashionMnistSource;
import dev.mentor.method.StudentTraining;
import dev.mentor.run.Experiment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mentor demo}: the showcase of the main job. On Fashion-MNIST with 1,000 labels (installed from
 * Debian's package when it is missing and the machine allows it) it runs {@code mentor fit} — the
 * supervised baseline, then Noisy Student started from it, the better on validation kept — with
 * progress bars, then prints each stage's test accuracy against the baseline and writes the HTML report.
 * It first times a few training steps to say how long it will take here, and offers {@code --quick}
 * when the machine is slow. An interrupted demo continues where it stopped when run again with the
 * same {@code --out}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run Mentor's main job on Fashion-MNIST with 1,000 labels: mentor fit (the supervised baseline, then Noisy "
                + "Student started from it; the better on validation is kept), about 10 minutes on 2 cores, then a results table "
                + "and an HTML report.",
            "Run it again with the same --out to continue an interrupted demo."})
final class DemoCommand extends Subcommand {
    /** The baseline's steps at the demo's budget (batch 64); the other stages' are shares of it (see {@link Fit#plan}). */
    static final int STEPS = 1600;
    /**
     * The demo's candidate: Noisy Student. Fit's other default candidates are left out of the demo: supervised-longer
     * (its steps again on the labels alone), and UDA: from the
     * baseline at μ = 7 it trains at about 330 images/s here, 400 steps in about 11 minutes, more than
     * the demo's whole budget (docs/RESULTS.md, issue 20).
     */
    static final List<String> CANDIDATES = List.of(StudentTraining.NOISY_STUDENT.name());
    /** {@code --quick} trains this share of the budget. */
    static final int QUICK_DIVISOR = 4;

    @Option(names = "--out", description = "Folder for the demo's runs and report (default: runs/demo-DATA-TIME, e.g. runs/demo-fashion-mnist-20261208-013000)")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--labels", defaultValue = "1000", description = "Labeled images (default: ${DEFAULT-VALUE})")
    int labels;

    @Option(names = "--data", defaultValue = "fashion-mnist", description = "Data, as for train (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--validation-per-class", defaultValue = "100", description = "Validation images per class (default: ${DEFAULT-VALUE})")
    int validationPerClass;

    @Option(names = "--quick", description = "A quarter of the budget: for a slow or busy machine (the gains are smaller)")
    boolean quick;

    @Option(names = "--steps", description = "The baseline's steps instead of the demo's " + STEPS + " (the other stages' scale with it)")
    Integer steps;

    @Mixin
    Verbose verbose;

    @Override
    public Integer call() {
        PrintWriter err = err();
        if (steps != null && steps < 1) {
            throw new MentorException("--steps: must be at least 1, got " + steps);
        }
        if (steps != null && quick) {
            throw new MentorException("--quick and --steps: give one, not both");
        }
        if (FashionMnistSource.NAME.equals(data)) {
            ensureFashionMnist(err);
        }
        int baselineSteps = steps != null ? steps : quick ? STEPS / QUICK_DIVISOR : STEPS;
        Path root = out != null ? out : Experiment.defaultDirectory("demo", data);
        Fit.checkOut(root);
        if (!java.nio.file.Files.exists(root.resolve(Fit.STAGES))) {
            DemoSpeed.announce(baselineSteps, quick, err);
        }
        List<String> dataArguments = List.of("--data", data, "--labels", Integer.toString(labels), "--validation-per-class",
                Integer.toString(validationPerClass), "--seed", Long.toString(seed));
        Fit fit = new Fit(new Fit.Settings(dataArguments, "cnn-small", baselineSteps, 0, root, CANDIDATES), err);
        err.printf("demo: mentor fit on %s with %,d labels, cnn-small, seed %d, into %s%n", data, labels, seed, root);
        err.println("  the same as: ./mentor fit " + String.join(" ", dataArguments) + " --model cnn-small --steps " + baselineSteps
                + " --candidates " + String.join(",", CANDIDATES) + " --out " + root);
        FitCommand.run(fit, "Mentor demo: " + data + ", " + String.format("%,d", labels) + " labels", root, continuation(root), err,
                out());
        return 0;
    }

    /** The command that continues this demo where it stopped: the options that were given, and its folder. */
    String continuation(Path root) {
        StringBuilder command = new StringBuilder("./mentor demo --out ").append(root);
        if (!FashionMnistSource.NAME.equals(data)) {
            command.append(" --data ").append(data);
        }
        if (labels != 1000) {
            command.append(" --labels ").append(labels);
        }
        if (seed != 0) {
            command.append(" --seed ").append(seed);
        }
        if (validationPerClass != 100) {
            command.append(" --validation-per-class ").append(validationPerClass);
        }
        if (steps != null) {
            command.append(" --steps ").append(steps);
        }
        if (quick) {
            command.append(" --quick");
        }
        return command.toString();
    }

    /** Runs a command and returns its exit code: apt-get in the demo, a stand-in in tests. */
    @FunctionalInterface
    interface Installer {
        int run(List<String> command) throws IOException, InterruptedException;
    }

    /** The Debian package that holds Fashion-MNIST, in /usr/share/datasets/fashion-mnist. */
    static final String PACKAGE = "dataset-fashion-mnist";

    /** Makes sure Fashion-MNIST is in one of the default places, installing Debian's package when it may. */
    private static void ensureFashionMnist(PrintWriter err) {
        FashionMnistSource source = new FashionMnistSource(
                FashionMnistSource.defaultSearchDirectories(System.getenv(), Path.of(System.getProperty("user.home"))));
        boolean mayInstall = "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/apt-get"));
        obtain(source, mayInstall, DemoCommand::apt, err);
    }

    /**
     * The demo's data step: returns where Fashion-MNIST is; when it is nowhere and {@code mayInstall},
     * installs {@link #PACKAGE} with {@code installer} (after {@code apt-get update} when the package
     * lists are stale or empty, as on a new machine), then looks again.
     */
    static Path obtain(FashionMnistSource source, boolean mayInstall, Installer installer, PrintWriter err) {
        Path found = source.locate();
        if (found != null) {
            return found;
        }
        if (!mayInstall) {
            throw new MentorException("demo: Fashion-MNIST not found in " + source.searchDirectories() + "; install it with 'sudo apt-get "
                    + "install " + PACKAGE + "' (Debian) or put its four IDX files in ~/.mentor/datasets/fashion-mnist");
        }
        err.println("demo: Fashion-MNIST not found; installing Debian's " + PACKAGE + " (apt-get install -y " + PACKAGE + ")...");
        List<String> install = List.of("apt-get", "install", "-y", "-q", PACKAGE);
        if (run(installer, install, err) != 0) {
            err.println("demo: retrying after apt-get update...");
            run(installer, List.of("apt-get", "update", "-q"), err);
            int code = run(installer, install, err);
            if (code != 0) {
                throw new MentorException("demo: apt-get install " + PACKAGE + " failed (exit code " + code + "); install it by hand "
                        + "or put the four IDX files of Fashion-MNIST in ~/.mentor/datasets/fashion-mnist");
            }
        }
        found = source.locate();
        if (found == null) {
            throw new MentorException("demo: " + PACKAGE + " is installed, but Fashion-MNIST is still not in " + source.searchDirectories());
        }
        err.println("demo: Fashion-MNIST installed in " + found);
        return found;
    }

    private static int run(Installer installer, List<String> command, PrintWriter err) {
        try {
            return installer.run(command);
        } catch (IOException e) {
            err.println("demo: " + String.join(" ", command) + " could not run: " + e.getMessage());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MentorException("demo: interrupted while running " + String.join(" ", command));
        }
    }

    private static int apt(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = builder.start();
        p.getOutputStream().close();
        return p.waitFor();
    }
}
