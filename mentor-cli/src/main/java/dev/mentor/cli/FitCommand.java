package dev.mentor.cli;

import dev.mentor.Interrupted;
import dev.mentor.MentorException;
import dev.mentor.report.RunSummary;
import dev.mentor.run.Experiment;
import dev.mentor.train.Precision;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mentor fit}: the main job on a user's own data. Trains the supervised baseline, then the
 * candidates that learn from it and the unlabeled pool, and keeps the one best on the validation split
 * — never a model worse on validation than the baseline it trained first.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Give me the best model for my labels and unlabeled images: trains the supervised baseline, then the same "
                + "recipe for twice its steps, Noisy Student taught by and started from the better of the two, and UDA started from "
                + "the best so far, and keeps the one with the highest validation accuracy (the baseline unless another beats it). OUT holds the chosen model as a finished run, fit.json (every stage, what was chosen and why), "
                + "report.html, and each stage's run in OUT/stages/.",
            "Run it again with the same --out to continue an interrupted fit."})
final class FitCommand extends Subcommand {
    @Option(names = "--data", required = true, description = "The labeled images: folder:DIR (DIR/train/<class>/*.png), idx:DIR, "
            + "fashion-mnist, cifar10:DIR or cifar100:DIR")
    String data;

    @Option(names = "--unlabeled", description = "Unlabeled pool folder:DIR (default: the training images left after the labeled budget)")
    String unlabeled;

    @Option(names = "--labels", description = "Labeled budget drawn from --data, balanced over classes (default: every image is labeled)")
    Integer labels;

    @Option(names = "--labels-per-class", description = "Labeled images per class drawn from --data")
    Integer labelsPerClass;

    @Option(names = "--classes", split = ",", paramLabel = "C", description = "Keep only these classes (original indices)")
    List<Integer> classes;

    @Option(names = "--image-size", description = "Resize images to this square size")
    Integer imageSize;

    @Option(names = "--test-split", description = "Fraction held out as test when a folder has no test/ (e.g. 0.2)")
    Double testSplit;

    @Option(names = "--validation-per-class", defaultValue = "100",
            description = "Validation images per class, carved from the labeled data (a fifth of a class with fewer than five times as many); every choice is made on them (default: ${DEFAULT-VALUE})")
    int validationPerClass;

    @Option(names = "--model", defaultValue = "cnn-small", description = "Architecture of the result (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--steps", defaultValue = "1600", description = "The baseline's optimizer steps (batch 64); the candidates' "
            + "budgets are shares of it (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--candidates", split = ",", defaultValue = "supervised-longer,noisy-student,uda", paramLabel = "STAGE",
            description = "The stages tried after the baseline, some of supervised-longer (the baseline's recipe trained longer on the "
                    + "labels alone: a candidate from the pool is chosen only when it beats that too), noisy-student, uda, fixmatch, "
                    + "flexmatch (default: ${DEFAULT-VALUE}); the consistency methods' two views of 7 unlabeled images per labeled one "
                    + "make their steps the costliest")
    List<String> candidates;

    @Option(names = "--large-model", paramLabel = "MODEL", description = "Also train a Noisy Student student of this larger "
            + "architecture (e.g. resnet-20) and distill it back into --model, started from the baseline (default: none)")
    String largeModel;

    @Option(names = "--rounds", defaultValue = "1", description = "Noisy Student's rounds, when it is a candidate: each round's "
            + "model labels the pool for the next round's student, which starts from it; every round is a candidate (default: "
            + "${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--ensemble", split = ",", paramLabel = "MODEL", description = "Also train baselines of these other "
            + "architectures (e.g. resnet-20), as the baseline was: each Noisy Student round's pool is labeled by the mean "
            + "prediction of its teacher and them when that is more accurate on validation (see train noisy-student's "
            + "--ensemble). Teachers only, never the result (default: none)")
    List<String> ensemble;

    @Option(names = "--precision", defaultValue = "fp32", description = "Every stage's number format in training: fp32, or bf16 "
            + "(see train's --precision): several times faster on a CPU with AVX-512 BF16 or AMX, so a time budget trains more "
            + "steps (default: ${DEFAULT-VALUE})")
    String precision;

    @Option(names = "--time-budget", paramLabel = "DURATION", description = "The fit's time, e.g. 30m, 1h, 90s. Before each "
            + "candidate, its steps and those of the candidates after it are scaled (0.25× to 16× their defaults) to fill the time "
            + "left, estimated from the baseline's measured speed; a candidate that still does not fit is skipped, and a stage still training when the time runs "
            + "out stops between two steps with the model of its last evaluation, a candidate only if it had one (default: "
            + "none: the default steps)")
    String timeBudget;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the split and of every stage (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "The fit's folder (default: runs/fit-MODEL-TIME)")
    Path out;

    @Mixin
    Verbose verbose;

    @Override
    public Integer call() {
        PrintWriter err = err();
        long budget = timeBudget == null ? 0 : parseDuration(timeBudget, "--time-budget").toSeconds();
        Path root = out != null ? out : Experiment.defaultDirectory("fit", model);
        Fit.checkOut(root);
        Fit fit = new Fit(new Fit.Settings(dataArguments(), model, steps, budget, root, candidates, largeModel, rounds,
                Precision.parse(precision), ensemble), err);
        err.printf("fit: %s, %s, seed %d, into %s%n", data, model, seed, root);
        run(fit, "Mentor fit: " + data, root, "the same ./mentor fit command (with --out " + root + "): finished stages are kept", err,
                out());
        return 0;
    }

    /**
     * Runs a fit's stages, then draws its report and prints the stages' table and the choice; shared with the demo.
     *
     * @param continuation how to continue the fit when it is stopped
     */
    static void run(Fit fit, String title, Path root, String continuation, PrintWriter err, PrintWriter stdout) {
        List<Fit.Outcome> outcomes;
        try {
            outcomes = fit.run(stdout);
        } catch (Interrupted stopped) {
            throw stopped.continuedBy(continuation);
        }
        finish(title, outcomes, root, err, stdout);
    }

    /** Draws the report and prints the stages' table and the choice. */
    private static void finish(String title, List<Fit.Outcome> outcomes, Path root, PrintWriter err, PrintWriter stdout) {
        // each stage a row of its own: the baseline and supervised-longer share a method, and so do Noisy Student's rounds
        List<RunSummary> summaries = outcomes.stream().filter(o -> o.summary() != null)
                .map(o -> o.summary().method().equals(o.stage().name()) ? o.summary() : o.summary().named(o.stage().name())).toList();
        err.println("drawing the report...");
        ReportCommand.write(title, summaries, null, true, root.resolve(Fit.REPORT), true);
        Fit.Choice choice = Fit.choose(outcomes);
        printTable(outcomes, choice, stdout);
        stdout.printf("%nchosen: %s — %s%nmodel: %s (a finished run: evaluate, predict, --teacher and --init take it)%n"
                + "fit: %s%nreport: %s%n", choice.stage(), choice.why(), root, root.resolve(Fit.FIT_JSON), root.resolve(Fit.REPORT));
    }

    /** The data and split options every stage gets, as command-line words. */
    List<String> dataArguments() {
        List<String> a = new ArrayList<>(List.of("--data", data));
        if (unlabeled != null) {
            a.addAll(List.of("--unlabeled", unlabeled));
        }
        if (labels != null) {
            a.addAll(List.of("--labels", labels.toString()));
        }
        if (labelsPerClass != null) {
            a.addAll(List.of("--labels-per-class", labelsPerClass.toString()));
        }
        if (classes != null) {
            a.addAll(List.of("--classes", String.join(",", classes.stream().map(String::valueOf).toList())));
        }
        if (imageSize != null) {
            a.addAll(List.of("--image-size", imageSize.toString()));
        }
        if (testSplit != null) {
            a.addAll(List.of("--test-split", testSplit.toString()));
        }
        a.addAll(List.of("--validation-per-class", Integer.toString(validationPerClass), "--seed", Long.toString(seed)));
        return a;
    }

    /** Each stage's validation and test accuracy, gain over the baseline on test, and time; the chosen one marked. */
    static void printTable(List<Fit.Outcome> outcomes, Fit.Choice choice, PrintWriter out) {
        out.println();
        String name = "%-" + Math.max(15, outcomes.stream().mapToInt(o -> o.stage().name().length()).max().orElse(0)) + "s";
        out.printf(name + " %11s %9s %9s %15s %8s%n", "stage", "steps", "val acc", "test acc", "test vs base", "time");
        Double base = outcomes.get(0).summary() == null ? null : outcomes.get(0).summary().testAccuracy();
        for (int i = 0; i < outcomes.size(); i++) {
            Fit.Outcome o = outcomes.get(i);
            if (o.summary() == null) {
                out.printf(name + " %11s %9s %9s %15s %8s  %s%n", o.stage().name(), steps(o), "-", "-", "-", "-",
                        o.skipped() != null ? "skipped: " + o.skipped() : "stopped: " + o.stopped());
                continue;
            }
            Double test = o.summary().testAccuracy();
            String gain = i == 0 ? "baseline" : base == null || test == null ? "n/a"
                    : String.format(Locale.ROOT, "%+.2f pts", 100 * (test - base));
            out.printf(name + " %11s %9s %9s %15s %7.0fs%s%n", o.stage().name(), steps(o), percent(o.summary().validationAccuracy()),
                    percent(test), gain,
                    o.summary().wallSeconds(), (o.stage().name().equals(choice.stage()) ? "  <- chosen (by validation)" : "")
                            + (o.stopped() != null ? "  (stopped by the time budget)" : "")
                            + (o.stage().eligible() ? "" : "  (a teacher only)"));
        }
    }

    /** The steps a stage's command asks for; a stopped stage's as "trained/planned" (each student's, for self-training). */
    private static String steps(Fit.Outcome o) {
        return o.trainedSteps() == null ? Integer.toString(o.stage().steps()) : o.trainedSteps() + "/" + o.stage().steps();
    }

    private static String percent(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * value);
    }

    /** A duration such as {@code 90s}, {@code 30m}, {@code 1h} or {@code 1h30m}; a bad one is an error naming the option. */
    static Duration parseDuration(String text, String option) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (!t.matches("(\\d+h)?(\\d+m)?(\\d+s)?") || t.isEmpty()) {
            throw new MentorException(option + ": expected a duration such as 90s, 30m, 1h or 1h30m, got '" + text + "'");
        }
        Duration d = Duration.ZERO;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([hms])").matcher(t);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        if (d.isZero()) {
            throw new MentorException(option + ": must be more than 0, got '" + text + "'");
        }
        return d;
    }
}
