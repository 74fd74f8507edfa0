package dev.mentor.cli;

import dev.mentor.Deadline;
import dev.mentor.MentorException;
import dev.mentor.io.AtomicFiles;
import dev.mentor.io.RecordFormat;
import dev.mentor.method.Distillation;
import dev.mentor.method.FixMatch;
import dev.mentor.method.FlexMatch;
import dev.mentor.method.MethodDescriptor;
import dev.mentor.method.MethodInfo;
import dev.mentor.method.StudentTraining;
import dev.mentor.method.Supervised;
import dev.mentor.method.Uda;
import dev.mentor.model.ModelFlops;
import dev.mentor.model.ModelSpec;
import dev.mentor.report.RunReader;
import dev.mentor.report.RunSummary;
import dev.mentor.run.FinalMetrics;
import dev.mentor.run.RoundRecord;
import dev.mentor.run.Rounds;
import dev.mentor.run.RunDirectory;
import dev.mentor.run.SelfTrainingDirectory;
import dev.mentor.train.Precision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@code mentor fit}'s pipeline: the supervised baseline first, then candidates that learn from it and
 * from the unlabeled pool, each an ordinary {@code mentor train} command into {@code OUT/stages/NAME};
 * then the candidate with the highest validation accuracy — the baseline unless another beats it — is
 * the result, copied to {@code OUT} (so {@code OUT} is a finished run that evaluate, predict, {@code
 * --teacher} and {@code --init} take), with {@code fit.json} saying what was chosen and why.
 *
 * <p>Choosing reads validation accuracy only ({@link #choose}); test accuracy is reported, never used.
 * With a time budget, before each candidate its steps and those of the candidates after it are scaled to fill the time
 * left ({@link #stepFactor}), estimated from the baseline's measured speed; a candidate that does not fit even at the
 * smallest factor is skipped and the reason recorded; a stage still training when the time budget runs out stops before its
 * next step ({@link Deadline}) with the model of its last evaluation, and is a candidate only if it had one. Like a suite, a fit run again with the same {@code --out} skips
 * finished stages and resumes an interrupted one.
 */
final class Fit {
    static final String STAGES = "stages";
    static final String FIT_JSON = "fit.json";
    static final String REPORT = "report.html";
    /**
     * {@code OUT/stages/plan.json}: the factor each stage was started with and the stage each consistency stage and Noisy
     * Student's first round started from, so a fit run again rebuilds its commands.
     */
    static final String PLAN = "plan.json";

    /**
     * {@link #PLAN}'s content: each started stage's factor on its default steps, and the stage each consistency stage and
     * Noisy Student's first round started from (the best so far when it started; absent in plans of fits from before that:
     * the baseline).
     */
    record Plan(Map<String, Double> stepFactors, Map<String, String> starts) {
        static final RecordFormat FILE = RecordFormat.lenient("fit-plan", 1, RecordFormat.Legacy.SNAKE_CASE);

        Plan {
            stepFactors = Map.copyOf(stepFactors);
            starts = starts == null ? Map.of() : Map.copyOf(starts);
        }
    }
    /** Files of the chosen stage's run copied into the fit's folder, which makes it a finished run. */
    private static final List<String> RESULT_FILES = List.of(RunDirectory.MODEL, RunDirectory.CONFIG, RunDirectory.MANIFEST,
            RunDirectory.FINAL, RunDirectory.EPOCHS);

    /**
     * What every stage shares.
     *
     * @param data the data and split options of every stage, as command-line words
     * @param model the architecture of every stage
     * @param steps the baseline's optimizer steps; the candidates' budgets are shares of it
     * @param timeBudgetSeconds the whole fit's time budget, or 0 for none
     * @param candidates the stages tried after the baseline, some of {@link #CANDIDATES}, in that order
     * @param largeModel a larger architecture for a Noisy Student student, distilled back into {@code model}
     *     ({@link #LARGE_STAGES}); null for none
     * @param rounds Noisy Student's rounds when it is a candidate: round r (a stage {@code noisy-student-r} after the
     *     first) is taught by the model of round r−1 and starts from it
     * @param precision every stage's {@code --precision}
     * @param ensemble architectures of other baselines ({@link #ensembleStage}), trained after the baseline as it was, whose
     *     mean prediction with each Noisy Student round's teacher labels the round's pool when that is better on validation
     *     ({@code train noisy-student --ensemble}); teachers only, never the result. Empty for none
     */
    record Settings(List<String> data, String model, int steps, long timeBudgetSeconds, Path out, List<String> candidates,
            String largeModel, int rounds, Precision precision, List<String> ensemble) {
        Settings(List<String> data, String model, int steps, long timeBudgetSeconds, Path out, List<String> candidates) {
            this(data, model, steps, timeBudgetSeconds, out, candidates, null, 1, Precision.FP32, List.of());
        }

        Settings {
            data = List.copyOf(data);
            precision = precision == null ? Precision.FP32 : precision;
            candidates = List.copyOf(candidates);
            ensemble = ensemble == null ? List.of() : List.copyOf(ensemble);
            for (String member : ensemble) {
                try {
                    dev.mentor.model.Models.check(member);
                } catch (MentorException e) {
                    throw new MentorException("--ensemble: " + e.detail());
                }
                if (member.equals(model)) {
                    throw new MentorException("--ensemble: " + member + " is --model, whose baseline is trained anyway (at the same "
                            + "seed it would be the same model); give other architectures, e.g. resnet-20");
                }
            }
            if (new java.util.HashSet<>(ensemble).size() != ensemble.size()) {
                throw new MentorException("--ensemble: names an architecture twice: " + String.join(",", ensemble));
            }
            if (!ensemble.isEmpty() && !candidates.contains(roundStage(1))) {
                throw new MentorException("--ensemble: its baselines label Noisy Student's pool, but --candidates ("
                        + String.join(",", candidates) + ") does not have noisy-student");
            }
            if (largeModel != null && flopsRatio(largeModel, model) <= 1) {
                throw new MentorException("--large-model: " + largeModel + " is not larger than --model " + model
                        + " (in FLOPs per image); give a larger architecture, e.g. resnet-20 or wrn-28-2");
            }
            if (steps < 1) {
                throw new MentorException("--steps: must be at least 1, got " + steps);
            }
            if (rounds < 1 || rounds > MAX_ROUNDS) {
                throw new MentorException("--rounds: must be from 1 to " + MAX_ROUNDS + ", got " + rounds);
            }
            for (String c : candidates) {
                if (!CANDIDATES.contains(c)) {
                    throw new MentorException("--candidates: unknown '" + c + "' (expected some of " + String.join(", ", CANDIDATES) + ")");
                }
            }
            if (rounds > 1 && !candidates.contains(roundStage(1))) {
                throw new MentorException("--rounds: " + rounds + " rounds of Noisy Student, but --candidates (" + String.join(",", candidates)
                        + ") does not have noisy-student");
            }
        }
    }

    /**
     * The stages of {@code --large-model}, after the candidates: a Noisy Student student of the large
     * architecture learns from the baseline's pseudo-labels (Noisy Student's students are equal or larger),
     * then is distilled back into {@code --model}, starting from the baseline, on the labels and the pool.
     * The large student itself is not a result (it is larger than asked for); its distillation is a candidate.
     */
    static final List<String> LARGE_STAGES = List.of("noisy-student-large", "distill-back");

    /** The stage of {@code --ensemble}'s baseline of {@code architecture}: {@code supervised-ARCHITECTURE}. */
    static String ensembleStage(String architecture) {
        return Supervised.DESCRIPTOR.name() + "-" + architecture;
    }

    private static boolean isEnsembleStage(String stage) {
        return stage.startsWith(Supervised.DESCRIPTOR.name() + "-") && !stage.equals(LONGER);
    }

    /**
     * The candidate that trains the baseline's recipe on the labels alone for longer: from scratch, for the baseline's steps
     * and as many again (times the time budget's factor), in one schedule. It is what more time without the pool gives.
     * Supervised training keeps gaining past a short baseline (issue 17's matrix: with 1,000 labels, 1,000 steps gave 1.8
     * points more than 500), so a candidate that learns from the pool must beat this to be chosen, and Noisy Student's
     * first round is taught by it when it is better.
     */
    static final String LONGER = "supervised-longer";

    /** The most Noisy Student rounds a fit runs (the paper's students stop gaining after three or four). */
    static final int MAX_ROUNDS = 8;

    /** The stage of Noisy Student's round {@code round}: {@code noisy-student}, then {@code noisy-student-2}, ... */
    static String roundStage(int round) {
        return round == 1 ? StudentTraining.NOISY_STUDENT.name() : StudentTraining.NOISY_STUDENT.name() + "-" + round;
    }

    /** The candidates a fit knows, in the order it tries them. */
    private static final List<MethodDescriptor<?>> CANDIDATE_METHODS = List.of(StudentTraining.NOISY_STUDENT, Uda.DESCRIPTOR,
            FixMatch.DESCRIPTOR, FlexMatch.DESCRIPTOR);
    static final List<String> CANDIDATES = java.util.stream.Stream.concat(java.util.stream.Stream.of(LONGER),
            CANDIDATE_METHODS.stream().map(MethodInfo::name)).toList();

    /**
     * One stage.
     *
     * @param cost the stage's time over the baseline's (for the time estimate): its steps over the baseline's times a
     *     step's time over a baseline step's ({@link #stepCost}: measured by an earlier stage of its kind, or the default)
     * @param selfTraining whether its folder holds rounds (its model is the round the run chose, {@code --final})
     * @param eligible whether it may be the fit's result (not when it is larger than {@code --model} or of another architecture)
     * @param teacher the earlier stage whose model teaches it, when that is not the baseline: it is skipped unless that
     *     stage finished; null for none
     */
    record Stage(String name, String description, List<String> command, double cost, boolean selfTraining, boolean eligible,
            String teacher) {
        Stage(String name, String description, List<String> command, double cost, boolean selfTraining) {
            this(name, description, command, cost, selfTraining, true, null);
        }

        /** The optimizer steps its command asks for (a self-training stage's: each student's). */
        int steps() {
            int i = command.indexOf("--steps");
            return i < 0 ? 0 : Integer.parseInt(command.get(i + 1));
        }
    }

    /**
     * A stage's outcome.
     *
     * @param summary the finished run, or null when the stage was skipped
     * @param skipped why it was skipped, or null
     * @param stopped why it ended before its budget (the time budget), or null; with no summary, it ended before its
     *     first evaluation and is no candidate
     * @param trainedSteps the steps a stopped stage trained (its stopped round's, for self-training), or null
     */
    record Outcome(Stage stage, RunSummary summary, String skipped, String stopped, Long trainedSteps) {
        Outcome(Stage stage, RunSummary summary, String skipped) {
            this(stage, summary, skipped, null, null);
        }

        /** A stage that ran: {@code stop} says why it ended before its budget, or is null when it trained every step. */
        static Outcome ran(Stage stage, RunSummary summary, Stop stop) {
            return new Outcome(stage, summary, null, stop == null ? null : stop.why(), stop == null ? null : stop.steps());
        }

        Double validation() {
            return summary == null ? null : summary.validationAccuracy();
        }
    }

    /** Why a stage ended before its budget, and the steps it had trained then (null when it is not known). */
    record Stop(String why, Long steps) {}

    /** The chosen stage and why. */
    record Choice(String stage, String why) {}

    /**
     * {@code fit.json}: the chosen stage, why, and every stage's outcome.
     *
     * @param modelFrom the folder the result's model was copied from, relative to the fit's
     * @param timeBudgetSeconds the time budget, or null for none
     * @param seconds the whole fit's wall time
     */
    record Summary(String chosen, String why, String model, String modelFrom, String chosenBy, Long timeBudgetSeconds, double seconds,
            List<StageResult> stages) {
        /** Version 1; snake_case like fit.json always was, now under format and version. */
        static final RecordFormat FILE = RecordFormat.lenient("fit", 1, RecordFormat.Legacy.SNAKE_CASE);

        void write(Path file) {
            FILE.write(file, this);
        }

        static Summary read(Path file) {
            return FILE.read(file, Summary.class);
        }
    }

    /**
     * One stage of {@code fit.json}.
     *
     * @param result why the stage is not a result though it trained ({@code noisy-student-large}), or null
     * @param command the command line that trains it again
     * @param skipped why the stage was skipped, or null when it trained (then the accuracies and time are its)
     * @param stopped why the stage ended before its budget (the time budget ran out: its model is its last evaluation's, or
     *     with no accuracies it had none and is no candidate), or null when it trained every step
     * @param stepFactor its steps over its default steps, chosen before it started to fill the time left ({@link #stepFactor}),
     *     or null without a time budget or when an earlier run of the fit had finished it
     */
    record StageResult(String stage, String result, String description, String command, String skipped, String stopped,
            Double stepFactor, Integer steps, Long trainedSteps, Double validationAccuracy, Double testAccuracy, Double wallSeconds) {}

    /** Batch of every stage: the suite's. */
    static final int BATCH_SIZE = SuiteRecipe.BATCH_SIZE;

    /**
     * With a time budget, the candidates' steps are their defaults times a factor that fills the time left after the
     * baseline ({@link #stepFactor}), at most this many times (issue 18's table measures 1×, 4× and 16×)...
     */
    static final double MAX_STEP_FACTOR = 16;
    /** ...and at least this fraction of them; a candidate that does not fit even then is skipped. */
    static final double MIN_STEP_FACTOR = 0.25;
    /** The share of the time left the scaled candidates are planned to take: the rest covers loading and estimate errors. */
    static final double TIME_MARGIN = 0.9;
    /**
     * A Noisy Student step's time over a baseline step's (256 images against 64), and a consistency method's (64 labeled
     * and two views of 448 unlabeled images), until a stage of the kind has run in this fit and measured its own
     * ({@link #stepCost}). Student: 3.0 in a 60-minute fit on Fashion-MNIST with cnn-small (session 13: 778 s for 7,082
     * student steps against 59 s for the baseline's 1,600 steps and its evaluations), 2.7 with resnet-20 (session 15).
     * Consistency: 20 in that fit under glibc's malloc; 8–11 (median 10) since tcmalloc, over issue 17's matrix runs of
     * 500 steps (session 17). Student images cost less than the baseline's (evaluation is a smaller share of a longer
     * epoch); consistency images more (RandAugment on every strong view).
     */
    static final double STUDENT_STEP_COST = 3.0;
    static final double CONSISTENCY_STEP_COST = 10.0;
    private static final String STUDENT = "student";
    private static final String CONSISTENCY = "consistency";

    private final Settings settings;
    private final PrintWriter log;
    private final LongSupplier clock;
    /**
     * The stage each consistency stage and Noisy Student's first round starts from, once chosen ({@link #bestSoFar}); the
     * baseline until then.
     */
    private final Map<String, String> starts = new HashMap<>();
    /** A kind's ({@link #STUDENT}, {@link #CONSISTENCY}) step time over a baseline step's, as the last stage of it measured. */
    private final Map<String, Double> stepCosts = new HashMap<>();

    Fit(Settings settings, PrintWriter log) {
        this(settings, log, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime} (a test gives its own) */
    Fit(Settings settings, PrintWriter log, LongSupplier clock) {
        this.settings = settings;
        this.log = log;
        this.clock = clock;
    }

    Path stageFolder(String name) {
        return settings.out().resolve(STAGES).resolve(name);
    }

    /**
     * The default pipeline. The baseline trains {@code steps} steps; supervised-longer trains its recipe from scratch for
     * those and as many again (times the time budget's factor). Noisy Student's first round is taught by the better of the two on
     * validation, and its student starts from that model (warm start: a few hundred steps then refine rather than
     * relearn) and learns labeled and pseudo-labeled images under RandAugment and dropout for half the baseline's steps at
     * three pseudo-labeled images per labeled one. UDA starts from the best model so far on validation (the baseline,
     * supervised-longer, a Noisy Student round or an earlier consistency stage that beat it), for a quarter of the baseline's steps at μ = 7
     * (two views of 7 unlabeled images per labeled one), and returns its start when it ends below it; so do FixMatch and
     * FlexMatch, when asked for. Only the settings' candidates are planned.
     */
    List<Stage> plan() {
        return plan(1);
    }

    /** The pipeline with every candidate's steps (and so its cost) {@code factor} times its default; the baseline's unchanged. */
    List<Stage> plan(double factor) {
        return allStages(factor).stream().filter(s -> s.name().equals(Supervised.DESCRIPTOR.name()) || settings.candidates().contains(s.name())
                || laterRound(s.name()) // later rounds exist only with noisy-student a candidate (Settings)
                || isEnsembleStage(s.name()) // exist only with --ensemble
                || settings.largeModel() != null && LARGE_STAGES.contains(s.name())).toList();
    }

    private List<Stage> allStages(double factor) {
        int steps = settings.steps();
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage(Supervised.DESCRIPTOR.name(), "the baseline: cross-entropy on the labeled images, weak augmentation",
                baseline(settings.model()), 1, false));
        Path baseline = stageFolder(Supervised.DESCRIPTOR.name());
        List<String> members = new ArrayList<>();
        for (String architecture : settings.ensemble()) {
            // the baseline's recipe with another architecture: fixed steps, whatever the factor (a baseline, not a candidate)
            String name = ensembleStage(architecture);
            stages.add(new Stage(name, "an ensemble member: the baseline's recipe with " + architecture + "; labels Noisy Student's pool "
                    + "with each round's teacher when their mean is better on validation", baseline(architecture),
                    flopsRatio(architecture, settings.model(), "ensemble"), false, false, null));
            // a round is taught with the members that finished by the time it starts (run() plans it again then)
            if (RunReader.isFinished(stageFolder(name))) {
                members.add(stageFolder(name).toString());
            }
        }
        // trained from scratch on one schedule of the longer length: continuing the baseline with a second warm-up and decay
        // ended 1.2 points below that on fm100 (docs/RESULTS.md, session 21)
        int longerSteps = steps + scaled(steps, factor);
        stages.add(new Stage(LONGER, "the baseline's recipe for its steps and as many again: what the labels alone give in more "
                + "time", train(Supervised.DESCRIPTOR, longerSteps, "--warmup-steps", Integer.toString(Math.max(1, longerSteps / 20))),
                1 + factor, false));
        int studentSteps = scaled(steps / 2, factor);
        for (int round = 1; round <= settings.rounds(); round++) {
            // round 1 is taught by the best model so far (the baseline, or its longer training when that beat it); each later
            // round by the round before, whose folder of rounds stands for the model its run chose; the student starts from its
            // teacher
            String before = round == 1 ? null : roundStage(round - 1);
            Path teacher = round == 1 ? startOf(roundStage(1)) : stageFolder(before);
            String description = round == 1 ? startText(roundStage(1)) + " labels the pool; a noised student, started from it"
                    : "round " + round + ": " + before + "'s model labels the pool; a noised student, started from it";
            List<String> command = train(StudentTraining.NOISY_STUDENT, studentSteps, "--teacher", teacher.toString(), "--init",
                    teacher.toString(), "--rounds", "1", "--models", settings.model(), "--augment", SuiteRecipe.STUDENT_AUGMENT, "--dropout",
                    Double.toString(SuiteRecipe.STUDENT_DROPOUT), "--student-steps", Integer.toString(studentSteps));
            // a round started before keeps the members it was started with (its run reads them from its config)
            List<String> ensemble = startedWith(roundStage(round), members);
            if (!ensemble.isEmpty()) {
                command.addAll(List.of("--ensemble", String.join(",", ensemble)));
            }
            stages.add(new Stage(roundStage(round), description + ", learns labeled + pseudo-labeled images (RandAugment, dropout 0.4)"
                    + (ensemble.isEmpty() ? "" : "; the ensemble labels with the teacher when better on validation"),
                    command, 0.5 * stepCost(STUDENT) * factor, true, true, before));
        }
        int udaSteps = scaled(steps / 4, factor);
        String uda = Uda.DESCRIPTOR.name();
        stages.add(new Stage(uda, "UDA started from " + startText(uda) + ": the sharpened weak-view prediction is the strong view's target",
                train(Uda.DESCRIPTOR, udaSteps, "--init", startOf(uda).toString(), "--unlabeled-ratio", "7", "--threshold", "0.8",
                        "--temperature", "0.4", "--uda-steps", Integer.toString(Math.max(1, udaSteps / 10))),
                0.25 * stepCost(CONSISTENCY) * factor, false));
        String fixMatch = FixMatch.DESCRIPTOR.name();
        stages.add(new Stage(fixMatch, "FixMatch started from " + startText(fixMatch) + ": the weak view's confident hard pseudo-label is the "
                + "strong view's target", train(FixMatch.DESCRIPTOR, udaSteps, "--init", startOf(fixMatch).toString(), "--unlabeled-ratio", "7",
                        "--threshold", "0.95"), 0.25 * stepCost(CONSISTENCY) * factor, false));
        String flexMatch = FlexMatch.DESCRIPTOR.name();
        stages.add(new Stage(flexMatch, "FlexMatch started from " + startText(flexMatch) + ": FixMatch with per-class thresholds from curriculum "
                + "pseudo-labeling", train(FlexMatch.DESCRIPTOR, udaSteps, "--init", startOf(flexMatch).toString(), "--unlabeled-ratio", "7"),
                0.25 * stepCost(CONSISTENCY) * factor, false));
        if (settings.largeModel() != null) {
            double large = flopsRatio(settings.largeModel(), settings.model());
            // --final last: the large student is distill-back's teacher (round-1) whatever its validation accuracy
            Path largeStudent = stageFolder("noisy-student-large");
            stages.add(new Stage("noisy-student-large", "the baseline labels the pool; a noised " + settings.largeModel()
                    + " student learns labeled + pseudo-labeled images (RandAugment, dropout 0.4); larger than asked for, "
                    + "so only a teacher for distill-back",
                    train(StudentTraining.NOISY_STUDENT, studentSteps, "--teacher", baseline.toString(), "--rounds", "1", "--final", "last",
                            "--models", settings.model() + "," + settings.largeModel(), "--augment", SuiteRecipe.STUDENT_AUGMENT,
                            "--dropout", Double.toString(SuiteRecipe.STUDENT_DROPOUT), "--student-steps", Integer.toString(studentSteps)),
                    0.5 * stepCost(STUDENT) * large * factor, true, false, null));
            stages.add(new Stage("distill-back", "the " + settings.largeModel() + " student distilled into " + settings.model()
                    + ", started from the baseline, on the labels and the pool",
                    train(Distillation.DESCRIPTOR, scaled(steps, factor), "--teacher", largeStudent.resolve("round-1").toString(), "--init",
                            baseline.toString()), (2 + large) * factor, false, true, "noisy-student-large"));
        }
        return stages;
    }

    /**
     * The ensemble a Noisy Student round stage was started with (its run reads it from its saved config when resumed), or
     * {@code members} when it has not started, is no candidate, or its config cannot be read (the command is then only
     * what fit.json shows).
     */
    private List<String> startedWith(String stage, List<String> members) {
        Path folder = stageFolder(stage);
        if (!settings.candidates().contains(roundStage(1)) || !Files.isRegularFile(folder.resolve(SelfTrainingDirectory.CONFIG))) {
            return members;
        }
        try {
            return SelfTrainingDirectory.readConfig(folder).selfTraining().ensemble();
        } catch (MentorException e) {
            return members;
        }
    }

    /** A kind's step time over a baseline step's: measured by a stage of this fit, or the default. */
    private double stepCost(String kind) {
        return stepCosts.getOrDefault(kind, kind.equals(STUDENT) ? STUDENT_STEP_COST : CONSISTENCY_STEP_COST);
    }

    /**
     * The kind of a stage whose step time estimates its kind's ({@link #stepCosts}), or null (the baseline, the large stages).
     * The consistency candidates (UDA, FixMatch, FlexMatch) share one: the same images a step, the same augmentation.
     */
    private String kind(String stage) {
        return stage.equals(roundStage(1)) || laterRound(stage) ? STUDENT : startsFromBest(stage) ? CONSISTENCY : null;
    }

    /** Whether a stage is a Noisy Student round after the first ({@code noisy-student-2}, ...). */
    private static boolean laterRound(String stage) {
        return stage.matches(roundStage(1) + "-\\d+");
    }

    /**
     * A finished stage's step time over the baseline's: its wall time over the steps it trained (a stopped stage's own count),
     * against the baseline's; NaN when either is unknown.
     */
    static double measuredStepCost(double seconds, long steps, double baselineSeconds, long baselineSteps) {
        return seconds > 0 && steps > 0 && baselineSeconds > 0 && baselineSteps > 0 ? (seconds / steps) / (baselineSeconds / baselineSteps)
                : Double.NaN;
    }

    /**
     * Records what a finished stage measured: its kind's later stages are planned with it (said when a time budget plans
     * them). Its fixed costs (labeling the pool, checking a start) count as steps, as they did in the defaults' measurement.
     * Package-private for tests.
     */
    void measured(String stage, double cost) {
        String kind = kind(stage);
        if (kind != null && Double.isFinite(cost)) {
            if (settings.timeBudgetSeconds() > 0) {
                log.println(String.format("  %s: a step took %.1f baseline steps (planned at %.1f); later %s stages are planned with it",
                        stage, cost, stepCost(kind), kind));
            }
            stepCosts.put(kind, cost);
        }
    }

    /** The run folder that trained a stage's steps: a self-training stage's last round (its student), else the stage's own. */
    private static Path trainedRun(Path folder) {
        Path rounds = folder.resolve(SelfTrainingDirectory.ROUNDS);
        if (!Files.isRegularFile(rounds)) {
            return folder;
        }
        List<RoundRecord> records = Rounds.read(rounds).rounds();
        return folder.resolve("round-" + records.get(records.size() - 1).round());
    }

    private static long orZero(Long steps) {
        return steps == null ? 0 : steps;
    }

    /**
     * The folder a consistency stage or Noisy Student's first round starts from: the stage chosen for it ({@link #starts}),
     * or the baseline.
     */
    private Path startOf(String stage) {
        return stageFolder(starts.getOrDefault(stage, Supervised.DESCRIPTOR.name()));
    }

    private String startText(String stage) {
        String start = starts.get(stage);
        return start == null || start.equals(Supervised.DESCRIPTOR.name()) ? "the baseline" : start + " (the best model so far on validation)";
    }

    /**
     * The stages that start from the best model so far: the methods whose recipe starts from a trained model (the consistency
     * methods; a command of theirs trains its own start without {@code --init}), and Noisy Student's first round, whose
     * teacher it is too. Later rounds start from their teacher, the round before.
     */
    private static boolean startsFromBest(String stage) {
        return stage.equals(roundStage(1)) || CANDIDATE_METHODS.stream().anyMatch(m -> m.name().equals(stage) && m.recipe().warmStarts());
    }

    /** The stage with the highest validation accuracy so far, as {@link #choose} would pick it now: the baseline on ties. */
    static String bestSoFar(List<Outcome> outcomes) {
        return outcomes.isEmpty() || outcomes.get(0).validation() == null ? Supervised.DESCRIPTOR.name() : choose(outcomes).stage();
    }

    private static int scaled(int steps, double factor) {
        return Math.max(1, (int) Math.round(steps * factor));
    }

    /**
     * The factor on the candidates' default steps that fills the time left after the baseline: {@link #TIME_MARGIN} of
     * {@code leftSeconds} over their default time ({@code defaultCost} baseline times, from the baseline's measured
     * {@code baselineSeconds}), within [{@link #MIN_STEP_FACTOR}, {@link #MAX_STEP_FACTOR}].
     */
    static double stepFactor(double leftSeconds, double baselineSeconds, double defaultCost) {
        if (!(baselineSeconds > 0) || !(defaultCost > 0)) {
            return 1;
        }
        double factor = TIME_MARGIN * Math.max(0, leftSeconds) / (defaultCost * baselineSeconds);
        return Math.max(MIN_STEP_FACTOR, Math.min(MAX_STEP_FACTOR, factor));
    }

    /**
     * How many times {@code large}'s forward FLOPs per image are {@code model}'s, on a 28×28 grey image of
     * 10 classes (the ratio of two architectures hardly depends on the image): the time estimate's factor.
     */
    static double flopsRatio(String large, String model) {
        return flopsRatio(large, model, "large_model");
    }

    /** {@link #flopsRatio(String, String)}; an error is within {@code component}. */
    private static double flopsRatio(String other, String model, String component) {
        try {
            return (double) ModelFlops.of(new ModelSpec(other, 1, 28, 28, 10, 0, 0)).forwardFlops()
                    / ModelFlops.of(new ModelSpec(model, 1, 28, 28, 10, 0, 0)).forwardFlops();
        } catch (MentorException e) {
            throw e.within(component);
        }
    }

    /** The baseline's command for {@code model}: supervised, the fit's steps, a warm-up of a twentieth of them. */
    private List<String> baseline(String model) {
        int steps = settings.steps();
        return train(model, Supervised.DESCRIPTOR, steps, "--warmup-steps", Integer.toString(Math.max(1, steps / 20)));
    }

    private List<String> train(MethodInfo method, int steps, String... extra) {
        return train(settings.model(), method, steps, extra);
    }

    private List<String> train(String model, MethodInfo method, int steps, String... extra) {
        List<String> command = new ArrayList<>(List.of("train", method.name()));
        command.addAll(settings.data());
        command.addAll(List.of("--model", model, "--batch-size", Integer.toString(BATCH_SIZE),
                "--lr", Double.toString(SuiteRecipe.LEARNING_RATE), "--steps", Integer.toString(steps)));
        if (settings.precision() != Precision.FP32) {
            command.addAll(List.of("--precision", settings.precision().text()));
        }
        command.addAll(List.of(extra));
        return command;
    }

    /**
     * Runs the pipeline (skipping finished stages, resuming an interrupted one), chooses, and writes the result. With a
     * time budget, a stage still training when it runs out stops before its next step ({@link Deadline}).
     */
    List<Outcome> run(PrintWriter commandOut) {
        long started = clock.getAsLong();
        if (settings.timeBudgetSeconds() <= 0) {
            return run(commandOut, started);
        }
        long end = started + settings.timeBudgetSeconds() * 1_000_000_000L;
        Deadline.set(String.format("the time budget of %d s ran out", settings.timeBudgetSeconds()), () -> clock.getAsLong() >= end);
        try {
            return run(commandOut, started);
        } finally {
            Deadline.clear();
        }
    }

    private List<Outcome> run(PrintWriter commandOut, long started) {
        Path planFile = settings.out().resolve(STAGES).resolve(PLAN);
        Plan saved = Files.isRegularFile(planFile) ? Plan.FILE.read(planFile, Plan.class) : null;
        Map<String, Double> factors = new HashMap<>(saved != null ? saved.stepFactors() : Map.of());
        // the starts an earlier run of the fit chose, before planning: a started stage's command names the start it began from
        starts.putAll(saved != null ? saved.starts() : Map.of());
        List<Stage> plan = plan();
        List<Outcome> outcomes = new ArrayList<>();
        double baselineSeconds = Double.NaN;
        long baselineSteps = 0;
        for (int i = 0; i < plan.size(); i++) {
            Stage stage = plan.get(i);
            Path folder = stageFolder(stage.name());
            String header = String.format("[%d/%d] %s", i + 1, plan.size(), stage.name());
            if (i > 0 && startsFromBest(stage.name()) && !(Files.isDirectory(folder) && starts.containsKey(stage.name()))) {
                // a consistency stage not started yet starts from the best model so far, chosen again on every run of the fit
                // (an earlier stage may have finished since); one started by a fit from before starts were recorded, from the baseline
                String start = Files.isDirectory(folder) ? Supervised.DESCRIPTOR.name() : bestSoFar(outcomes);
                starts.put(stage.name(), start);
                Plan.FILE.write(planFile, new Plan(factors, starts));
                plan = replan(plan, i, factors.getOrDefault(stage.name(), 1.0));
                stage = plan.get(i);
                if (!start.equals(Supervised.DESCRIPTOR.name())) {
                    log.println(header + ": starts from " + start + ", the best model so far on validation");
                }
            }
            if (!settings.ensemble().isEmpty() && STUDENT.equals(kind(stage.name())) && !Files.isDirectory(folder)) {
                // its --ensemble names the members that finished by now (a time budget may have skipped one)
                plan = replan(plan, i, factors.getOrDefault(stage.name(), 1.0));
                stage = plan.get(i);
            }
            if (isEnsembleStage(stage.name()) && !RunReader.isFinished(folder) && plan.stream().filter(s -> STUDENT.equals(kind(s.name())))
                    .allMatch(s -> Files.isRegularFile(stageFolder(s.name()).resolve(SelfTrainingDirectory.CONFIG)))) {
                // an earlier run of the fit started every round without it (the budget skipped it then): it would teach none
                String why = "every Noisy Student round started without it in an earlier run of this fit";
                log.println(header + ": skipped, " + why);
                outcomes.add(new Outcome(stage, null, why));
                continue;
            }
            if (i > 0 && factors.containsKey(stage.name()) && Files.isDirectory(folder)) {
                // started by an earlier run of the fit: its command is the one it was started with (a resumed run reads its config)
                plan = replan(plan, i, factors.get(stage.name()));
                stage = plan.get(i);
            } else if (i > 0 && settings.timeBudgetSeconds() > 0 && !RunReader.isFinished(folder) && isEnsembleStage(stage.name())) {
                // a baseline for the ensemble: fixed steps, worth its time only if a Noisy Student round can follow it
                double left = settings.timeBudgetSeconds() - (clock.getAsLong() - started) / 1e9;
                // (with supervised-longer, which runs between them, at its shortest too, when planned)
                List<Stage> defaults = plan();
                double round = defaults.stream().filter(s -> s.name().equals(roundStage(1)) || s.name().equals(LONGER))
                        .mapToDouble(Stage::cost).sum();
                String after = defaults.stream().anyMatch(s -> s.name().equals(LONGER)) ? "supervised-longer and the shortest Noisy Student round"
                        : "the shortest Noisy Student round";
                double estimate = (stage.cost() + MIN_STEP_FACTOR * round) * baselineSeconds;
                if (estimate > left) {
                    String why = String.format("estimated %.0f s with %s after it (%.1f× the baseline's "
                            + "%.0f s) but %.0f s of the time budget are left", estimate, after, stage.cost() + MIN_STEP_FACTOR * round,
                            baselineSeconds, Math.max(0, left));
                    log.println(header + ": skipped, " + why);
                    outcomes.add(new Outcome(stage, null, why));
                    continue;
                }
            } else if (i > 0 && settings.timeBudgetSeconds() > 0 && !RunReader.isFinished(folder)) {
                double left = settings.timeBudgetSeconds() - (clock.getAsLong() - started) / 1e9;
                // re-planned before every candidate: a stage that took more or less than its estimate shifts the time of the rest
                // the defaults' cost with the step costs measured so far (planned again: an earlier stage may have measured its kind)
                // (an ensemble's baselines, whose steps are fixed, come before every candidate, so none is among them)
                List<Stage> defaults = plan();
                double defaultCost = defaults.subList(i, defaults.size()).stream().mapToDouble(Stage::cost).sum();
                double factor = stepFactor(left, baselineSeconds, defaultCost);
                plan = replan(plan, i, factor);
                stage = plan.get(i);
                factors.put(stage.name(), factor);
                Plan.FILE.write(planFile, new Plan(factors, starts));
                log.println(String.format("%s: %.0f s of the time budget left: it and the candidates after it train %.2f× their default "
                        + "steps (estimated %.0f s at the baseline's speed)", header, Math.max(0, left), factor, factor * defaultCost * baselineSeconds));
                double estimate = stage.cost() * baselineSeconds;
                if (estimate > left) {
                    String why = String.format("estimated %.0f s (%.1f× the baseline's %.0f s) but %.0f s of the time budget are left",
                            estimate, stage.cost(), baselineSeconds, Math.max(0, left));
                    log.println(header + ": skipped, " + why);
                    outcomes.add(new Outcome(stage, null, why));
                    continue;
                }
            }
            String noTeacher = stage.teacher() == null ? null : whyNoTeacher(stage.teacher(), folder);
            if (noTeacher != null) {
                log.println(header + ": skipped, " + noTeacher);
                outcomes.add(new Outcome(stage, null, noTeacher));
                continue;
            }
            Suite.train(stage.command(), folder, stage.selfTraining(), header, stage.description(), commandOut, log);
            if (!RunReader.isFinished(folder)) {
                // the time budget ran out before the stage's first evaluation: there is no model whose accuracy is known
                if (i == 0) {
                    throw MentorException.of("time_budget", "ran out before the baseline's first evaluation (" + folder + "); give "
                            + "a longer budget or fewer --steps");
                }
                String why = "the time budget ran out before its first evaluation: not a candidate (" + folder + " can be resumed)";
                log.println(header + ": stopped, " + why);
                outcomes.add(Outcome.ran(stage, null, new Stop(why, null)));
                continue;
            }
            RunSummary summary = RunReader.read(folder);
            Stop stopped = stoppedBy(folder);
            if (stopped != null) {
                log.println(header + ": " + stopped.why());
            }
            if (i == 0) {
                baselineSeconds = summary.wallSeconds();
                baselineSteps = orZero(FinalMetrics.read(folder.resolve(RunDirectory.FINAL)).steps());
            } else {
                // the run that trained the stage's steps (a Noisy Student stage's student round): its own steps and its whole
                // wall time, earlier processes' epochs included when it was resumed
                FinalMetrics trained = FinalMetrics.read(trainedRun(folder).resolve(RunDirectory.FINAL));
                measured(stage.name(), measuredStepCost(trained.wallSeconds(), orZero(trained.steps()), baselineSeconds, baselineSteps));
            }
            outcomes.add(Outcome.ran(stage, summary, stopped));
        }
        Choice choice = choose(outcomes);
        Path chosen = modelFolder(outcomes.stream().filter(o -> o.stage().name().equals(choice.stage())).findFirst().orElseThrow());
        copyResult(chosen);
        writeFitJson(outcomes, choice, chosen, factors, (clock.getAsLong() - started) / 1e9);
        return outcomes;
    }

    /** {@code current}'s stages before {@code from}, then the pipeline's from there on at {@code factor} times their default steps. */
    List<Stage> replan(List<Stage> current, int from, double factor) {
        List<Stage> next = new ArrayList<>(current.subList(0, from));
        next.addAll(plan(factor).subList(from, current.size()));
        return next;
    }

    /**
     * The stage with the highest validation accuracy; the baseline (the first stage) on ties and
     * whenever no other stage has a validation accuracy above it. Reads validation accuracy only.
     */
    static Choice choose(List<Outcome> outcomes) {
        Outcome baseline = outcomes.get(0);
        Double base = baseline.validation();
        if (base == null) {
            throw new MentorException("fit: the baseline has no validation accuracy to choose by; give --validation-per-class > 0");
        }
        Outcome best = baseline;
        for (Outcome o : outcomes.subList(1, outcomes.size())) {
            if (o.stage().eligible() && o.validation() != null && o.validation() > best.validation()) {
                best = o;
            }
        }
        if (best == baseline) {
            return new Choice(baseline.stage().name(), String.format("no candidate beat the baseline's validation accuracy (%.2f%%)",
                    100 * base));
        }
        return new Choice(best.stage().name(), String.format("highest validation accuracy: %.2f%% against the baseline's %.2f%% (%+.2f points)",
                100 * best.validation(), 100 * base, 100 * (best.validation() - base)));
    }

    /** The folder holding a stage's final model: the run, or the round a self-training run chose ({@code --final}). */
    private static Path modelFolder(Outcome outcome) {
        return SelfTrainingDirectory.modelFolder(outcome.summary().directory());
    }

    /**
     * Why the stage in {@code folder} cannot start from its teacher stage, or null when it can: the teacher did not finish,
     * or (for a stage not yet started) it is a self-training run that kept its own teacher (round 0), so this stage would
     * be taught by that same model again, as Noisy Student's round before was, with the same start and seed.
     */
    private String whyNoTeacher(String teacher, Path folder) {
        Path teacherFolder = stageFolder(teacher);
        if (!RunReader.isFinished(teacherFolder)) {
            return "its teacher, " + teacher + ", did not finish";
        }
        Path model = SelfTrainingDirectory.modelFolder(teacherFolder);
        if (!Files.isDirectory(folder) && (!model.startsWith(teacherFolder) || model.equals(teacherFolder.resolve("round-0")))) {
            return teacher + " kept its own teacher (its student was not better on validation): this round would repeat it";
        }
        return null;
    }

    /**
     * Why a finished stage ended before its budget ({@link FinalMetrics#stopped}: the time budget), from its run's
     * {@code metrics.json} or, for a self-training run, the first of its rounds' that says so, with the steps that run
     * trained; null when it trained every step.
     */
    static Stop stoppedBy(Path folder) {
        List<Path> runs = new ArrayList<>();
        Path rounds = folder.resolve(SelfTrainingDirectory.ROUNDS);
        if (Files.isRegularFile(rounds)) {
            Rounds.read(rounds).rounds().forEach(r -> runs.add(folder.resolve("round-" + r.round())));
        } else {
            runs.add(folder);
        }
        for (Path run : runs) {
            Path metrics = run.resolve(RunDirectory.FINAL);
            FinalMetrics m = Files.isRegularFile(metrics) ? FinalMetrics.read(metrics) : null;
            if (m != null && m.stopped() != null) {
                return new Stop((run.equals(folder) ? "" : run.getFileName() + ": ") + m.stopped(), m.steps());
            }
        }
        return null;
    }

    private void copyResult(Path chosen) {
        for (String name : RESULT_FILES) {
            Path from = chosen.resolve(name);
            if (!Files.isRegularFile(from)) {
                continue;
            }
            Path to = settings.out().resolve(name);
            try {
                AtomicFiles.copy(from, to);
            } catch (IOException e) {
                throw new MentorException("--out: cannot write " + to + " (" + e.getMessage() + ")");
            }
        }
    }

    private void writeFitJson(List<Outcome> outcomes, Choice choice, Path chosen, Map<String, Double> factors, double seconds) {
        List<StageResult> stages = new ArrayList<>();
        for (Outcome o : outcomes) {
            RunSummary s = o.summary();
            stages.add(new StageResult(o.stage().name(), o.stage().eligible() ? null : notAResult(o.stage().name()),
                    o.stage().description(), "./mentor " + String.join(" ", o.stage().command()) + " --out " + stageFolder(o.stage().name()),
                    s == null ? o.skipped() : null, o.stopped(), factors.get(o.stage().name()), o.stage().steps(), o.trainedSteps(),
                    s == null ? null : s.validationAccuracy(),
                    s == null ? null : s.testAccuracy(),
                    s == null ? null : s.wallSeconds()));
        }
        new Summary(choice.stage(), choice.why(), settings.model(), settings.out().relativize(chosen).toString(),
                "validation accuracy (the test split is reported, never used to choose)",
                settings.timeBudgetSeconds() > 0 ? settings.timeBudgetSeconds() : null, seconds, stages)
                .write(settings.out().resolve(FIT_JSON));
    }

    /** Why a stage that trained is not the fit's result ({@code fit.json}'s {@code result}). */
    private static String notAResult(String stage) {
        return isEnsembleStage(stage) ? "no: another architecture than --model, a teacher only"
                : "no: larger than --model, a teacher only";
    }

    /** Refuses an --out that holds something other than an earlier fit's files. */
    static void checkOut(Path out) {
        Set<String> ours = new java.util.HashSet<>(RESULT_FILES);
        ours.addAll(List.of(STAGES, FIT_JSON, REPORT));
        Suite.checkOut(out, ours, "a fit");
    }
}
