package dev.mentor.cli;

import dev.mentor.Deadline;
import dev.mentor.Interrupted;
import dev.mentor.Interruption;
import dev.mentor.MentorException;
import dev.mentor.eval.Evaluation;
import dev.mentor.io.RecordFormat;
import dev.mentor.method.Supervised;
import dev.mentor.report.ResultsTable;
import dev.mentor.report.RunReader;
import dev.mentor.report.RunSummary;
import dev.mentor.run.RunDirectory;
import dev.mentor.run.SelfTrainingDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A set of runs — methods × label budgets × seeds — trained one after another through the ordinary
 * {@code mentor train} commands, each into {@code OUT/runs/METHOD-lLABELS-sSEED}. A run whose folder
 * already holds a finished run is skipped, one interrupted after a checkpoint is resumed, so a long
 * suite continues where it stopped. The results go to {@code results.json}, {@code results.md} and
 * {@code report.html} in {@code OUT}.
 */
final class Suite {
    static final String RUNS = "runs";
    static final String RESULTS_JSON = "results.json";
    static final String RESULTS_MD = "results.md";
    static final String REPORT = "report.html";

    /**
     * What every run of the suite shares.
     *
     * @param steps every method's step budget instead of its recipe's, or null
     * @param pretrained the backbone transfer fine-tunes, or null (then transfer cannot run)
     * @param warmStart whether the {@link SuiteRecipe#warmStarts warm-starting} methods start from the
     *     supervised run of the same labels and seed (when it learned: {@link #startsWarm})
     */
    record Settings(String data, String model, int validationPerClass, Integer steps, Path pretrained, boolean warmStart, Path out) {}

    /**
     * {@code results.json}: what the suite shared, the table (mean ± std per method and labels) and every run.
     */
    record Results(SharedSettings settings, List<ResultsTable.Entry> results, List<RunEntry> runs) {
        /** Version 1; snake_case like the suite's results always were, now under format and version. */
        static final RecordFormat FILE = RecordFormat.lenient("suite-results", 1, RecordFormat.Legacy.SNAKE_CASE);

        void write(Path file) {
            FILE.write(file, this);
        }

        static Results read(Path file) {
            return FILE.read(file, Results.class);
        }
    }

    /** The settings every run of the suite shared, as {@code results.json} records them. */
    record SharedSettings(String data, String model, int validationPerClass, boolean warmStart, int batchSize, double learningRate) {}

    /**
     * One run of {@code results.json}.
     *
     * @param init the run its model started from, or null
     * @param command the command line that trains it again
     */
    record RunEntry(String run, String method, int labels, long seed, int steps, String init, Double testAccuracy, double wallSeconds,
            Double trainImagesPerSecond, String folder, String command) {}

    /** One run of the plan. */
    record Run(SuiteRecipe recipe, int labels, long seed) {
        String name() {
            return recipe.name() + "-l" + labels + "-s" + seed;
        }
    }

    /** A run's outcome: its summary, its command, and whether this invocation trained it. */
    record Outcome(Run run, RunSummary summary, List<String> command, boolean trained) {}

    private final Settings settings;
    private final PrintWriter log;

    Suite(Settings settings, PrintWriter log) {
        this.settings = settings;
        this.log = log;
    }

    /** The runs for these methods, labels and seeds, with the runs they learn from added, in an order that trains those first. */
    static List<Run> plan(List<String> methods, List<Integer> labels, List<Long> seeds, boolean warmStart) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String method : methods) {
            for (SuiteRecipe r = SuiteRecipe.of(method); r != null; r = r.requires(warmStart)) {
                wanted.add(r.name());
            }
        }
        List<Run> runs = new ArrayList<>();
        for (int l : labels) {
            for (long seed : seeds) {
                for (SuiteRecipe recipe : SuiteRecipe.ALL) {
                    if (wanted.contains(recipe.name())) {
                        runs.add(new Run(recipe, l, seed));
                    }
                }
            }
        }
        return runs;
    }

    Path folder(Run run) {
        return settings.out().resolve(RUNS).resolve(run.name());
    }

    int steps(Run run) {
        if (settings.steps() != null) {
            return settings.steps();
        }
        return run.recipe().steps();
    }

    /**
     * The run's command line, with its folder. A warm-starting method's command starts from the
     * supervised run ({@code --init}) when {@link #startsWarm} says so, which reads that finished run: call
     * this after it trained.
     */
    List<String> command(Run run) {
        SuiteRecipe recipe = run.recipe();
        Path prerequisite = recipe.requires() == null ? null : folder(new Run(recipe.requires(), run.labels(), run.seed()));
        Path supervised = folder(new Run(SuiteRecipe.of(Supervised.DESCRIPTOR), run.labels(), run.seed()));
        Path init = settings.warmStart() && recipe.warmStarts() && startsWarm(RunReader.read(supervised)) ? supervised : null;
        List<String> command = new ArrayList<>(recipe.arguments(settings, run.labels(), run.seed(), steps(run), prerequisite, init));
        command.addAll(List.of("--out", folder(run).toString()));
        return command;
    }

    /**
     * The run a finished run's model started from (its config.json's {@code init}, a self-training run's in
     * {@code experiment}), or null for a fresh start: given by the suite (--init) or chosen by the method
     * (a distilled student of its teacher's architecture starts from the teacher).
     */
    static String initOf(Path run) {
        try {
            return SelfTrainingDirectory.experimentOf(run).init();
        } catch (MentorException e) {
            return null;
        }
    }

    /**
     * Whether a method starts from this supervised run: when it learned, at least twice chance on the
     * validation split. A run that did not is no better a start than fresh weights (its BatchNorm
     * statistics and the large weights of a diverged run are worse), so the method starts fresh; the
     * results say which it did ({@code init} of each run).
     */
    static boolean startsWarm(RunSummary supervised) {
        Double validation = supervised.validationAccuracy();
        return validation != null && Evaluation.learned(validation, supervised.classNames().size());
    }

    /** Trains (or skips, or resumes) every run in order; a failed run stops the suite with an error naming it. */
    List<Outcome> run(List<Run> plan, PrintWriter commandOut) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Run run = plan.get(i);
            Path folder = folder(run);
            List<String> command = command(run);
            String header = String.format("[%d/%d] %s, %,d labels, seed %d", i + 1, plan.size(), run.recipe().name(), run.labels(), run.seed());
            boolean trained = train(command.subList(0, command.size() - 2), folder, run.recipe().selfTraining(), header,
                    run.recipe().description(), commandOut, log);
            outcomes.add(new Outcome(run, RunReader.read(folder), command, trained));
        }
        return outcomes;
    }

    /**
     * Trains one run of a plan through its {@code mentor train} command into {@code folder}: skipped when
     * the folder holds a finished run, resumed when it holds an interrupted one, started afresh otherwise.
     * A stop request ends the plan ({@link Interrupted}); a failed run stops it with an error naming the run.
     *
     * @param command the command line without its folder ({@code --out})
     * @param selfTraining whether the run is a self-training folder of rounds
     * @return whether this call trained (rather than skipped) the run
     */
    static boolean train(List<String> command, Path folder, boolean selfTraining, String header, String description,
            PrintWriter commandOut, PrintWriter log) {
        if (RunReader.isFinished(folder)) {
            log.println(header + ": finished before, skipped (" + folder + ")");
            return false;
        }
        List<String> args = new ArrayList<>(command);
        if (resumable(selfTraining, folder)) {
            args.addAll(List.of("--resume", folder.toString()));
            log.println(header + ": resuming " + folder);
        } else {
            args.addAll(List.of("--out", folder.toString(), "--force"));
            log.println(header + " — " + description);
            log.println("  ./mentor " + String.join(" ", command) + " --out " + folder);
        }
        log.flush();
        int code = Main.run(args.toArray(String[]::new), commandOut, log);
        Interruption.Request stop = Interruption.pending();
        if (stop != null) {
            throw new Interrupted(stop, 0, -1);
        }
        if (code == Deadline.EXIT_CODE && Deadline.passed() != null) {
            // a deadline (fit's time budget) stopped the run before its first evaluation: the folder holds no finished run
            return true;
        }
        if (code != 0) {
            throw new MentorException(folder.getFileName() + ": the run failed (exit code " + code + ", its error is above); "
                    + "run the same command again to resume");
        }
        return true;
    }

    private static boolean resumable(boolean selfTraining, Path folder) {
        return selfTraining ? Files.isRegularFile(folder.resolve(SelfTrainingDirectory.CONFIG))
                : Files.isRegularFile(folder.resolve(RunDirectory.CHECKPOINT)) || Files.isRegularFile(folder.resolve(RunDirectory.CONFIG));
    }

    /** Writes {@code results.json} and {@code results.md}, and returns the table. */
    ResultsTable writeResults(List<Outcome> outcomes) {
        List<RunSummary> summaries = outcomes.stream().map(Outcome::summary).toList();
        ResultsTable table = ResultsTable.of(summaries);
        List<RunEntry> runs = new ArrayList<>();
        for (Outcome o : outcomes) {
            runs.add(new RunEntry(o.run().name(), o.run().recipe().name(), o.run().labels(), o.run().seed(), steps(o.run()),
                    initOf(o.summary().directory()), o.summary().testAccuracy(), o.summary().wallSeconds(), o.summary().imagesPerSecond(),
                    o.summary().directory().toString(), "./mentor " + String.join(" ", o.command())));
        }
        new Results(new SharedSettings(settings.data(), settings.model(), settings.validationPerClass(), settings.warmStart(),
                SuiteRecipe.BATCH_SIZE, SuiteRecipe.LEARNING_RATE), table.entries(), runs).write(settings.out().resolve(RESULTS_JSON));
        StringBuilder md = new StringBuilder("# Results\n\n");
        md.append(String.format("Data %s, model %s, batch %d, learning rate %s, %d validation images per class; test accuracy is "
                + "the model each run returned, its last or the one it kept on validation (mean ± sample std over seeds), wall "
                + "time and training images/s are means over the runs (they depend on the machine's load).%s%n%n", settings.data(), settings.model(), SuiteRecipe.BATCH_SIZE,
                SuiteRecipe.LEARNING_RATE, settings.validationPerClass(), settings.warmStart()
                        ? " FixMatch, FlexMatch, FreeMatch, UDA and MPL start from the supervised run of their labels and seed when it learned "
                                + "(`--init` in their commands): their steps come on top of its."
                        : ""));
        md.append(table.toMarkdown()).append("\n## Commands\n\n```\n");
        md.append(outcomes.stream().map(o -> "./mentor " + String.join(" ", o.command())).collect(Collectors.joining("\n")));
        md.append("\n```\n");
        try {
            Files.writeString(settings.out().resolve(RESULTS_MD), md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MentorException("--out: cannot write " + settings.out().resolve(RESULTS_MD) + " (" + e.getMessage() + ")");
        }
        return table;
    }

    /** Refuses an --out that holds something other than an earlier suite's files. */
    static void checkOut(Path out) {
        checkOut(out, Set.of(RUNS, RESULTS_JSON, RESULTS_MD, REPORT), "a suite");
    }

    /**
     * Refuses an --out that is a file, or a folder holding files other than {@code ours}: what an earlier
     * run of the same command ({@code what}, e.g. "a suite") wrote, which it continues.
     */
    static void checkOut(Path out, Set<String> ours, String what) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new MentorException("--out: " + out + " exists and is not a directory");
        }
        if (!Files.isDirectory(out)) {
            return;
        }
        try (Stream<Path> entries = Files.list(out)) {
            List<String> foreign = entries.map(p -> p.getFileName().toString()).filter(n -> !ours.contains(n)).sorted().toList();
            if (!foreign.isEmpty()) {
                throw new MentorException("--out: " + out + " holds files " + what + " does not write (" + String.join(", ", foreign)
                        + "); choose another folder");
            }
        } catch (IOException e) {
            throw new MentorException("--out: cannot list " + out + " (" + e.getMessage() + ")");
        }
    }
}
