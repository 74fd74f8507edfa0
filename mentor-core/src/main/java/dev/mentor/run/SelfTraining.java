package dev.mentor.run;

import ai.djl.ndarray.NDManager;
import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.RunLog;
import dev.mentor.augment.Augmentation;
import dev.mentor.data.ImageSet;
import dev.mentor.data.ImageSets;
import dev.mentor.data.Subset;
import dev.mentor.method.StudentTraining;
import dev.mentor.method.Supervised;
import dev.mentor.model.ModelFlops;
import dev.mentor.model.ModelSpec;
import dev.mentor.teacher.PseudoLabelFile;
import dev.mentor.teacher.PseudoLabelReport;
import dev.mentor.teacher.PseudoLabelTargets;
import dev.mentor.teacher.PseudoLabels;
import dev.mentor.teacher.Selection;
import dev.mentor.teacher.ThresholdChoice;
import dev.mentor.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Self-training as a sequence of ordinary training runs (Noisy Student, Xie et al. 2020, Algorithm
 * 1): round 0 trains the teacher on the labeled images with noise; each round r ≥ 1 lets the model of
 * round r−1, un-noised, label the unlabeled pool ({@link PseudoLabelRun}), filters and balances the
 * labels ({@link Selection}) and trains a student — equal to or larger than its teacher — from scratch
 * on labeled ∪ pseudo-labeled images with noise ({@link StudentTraining}); the student is the next
 * round's teacher. The run's model is the one {@link SelfTrainingConfig#finalModel} names: by default (the
 * command line's) the best on the validation split among the teacher and every student, so a run never returns a
 * model worse on validation than its teacher ({@link Rounds#choose}). Every round is a checkpointed {@link Experiment} in its own folder of a {@link
 * SelfTrainingDirectory}, so an interrupted run continues at the round and epoch it had reached, and
 * every round's arrays live in a manager that is closed when the round ends.
 */
public final class SelfTraining {
    private final ExperimentConfig base;
    private final SelfTrainingConfig config;
    private final RunLog log;

    public SelfTraining(ExperimentConfig base, SelfTrainingConfig config, Consumer<String> log) {
        this.base = base;
        this.config = config;
        this.log = RunLog.of(log);
    }

    /** The data, split and pool of the run, checked against the teacher and the student sizes before anything is written. */
    public record Checked(Experiment.Prepared prepared, UnlabeledPool pool) {}

    /** Loads the data and checks the configuration: an external teacher's split and data, the students' sizes. */
    public Checked check() {
        Experiment.Prepared prepared = Experiment.prepare(base);
        if (config.teacher() != null) {
            checkTeacher(Path.of(config.teacher()), prepared);
        }
        for (String run : config.ensemble()) {
            checkRun(Path.of(run), prepared, "ensemble");
        }
        if (config.minConfidenceOnValidation() && prepared.validation().size() == 0) {
            throw MentorException.naming("{} auto: needs a validation split to choose on; give {} > 0", "min_confidence",
                    "validation_per_class");
        }
        if (!config.ensemble().isEmpty() && prepared.validation().size() == 0) {
            throw MentorException.naming("{}: chosen on the validation split round by round; give {} > 0", "ensemble",
                    "validation_per_class");
        }
        if (config.pseudoLabelsFrom() != null) {
            PseudoLabelRun.requireFolder(Path.of(config.pseudoLabelsFrom()), "pseudo_labels_from");
        }
        checkStudentSizes(prepared.data().train());
        return new Checked(prepared, UnlabeledPool.of(base, prepared));
    }

    /** {@link #check} then {@link #run(Checked, SelfTrainingDirectory, boolean, IntFunction, NDManager)}. */
    public List<RoundRecord> run(SelfTrainingDirectory directory, boolean resume,
            IntFunction<List<TrainingListener>> listeners, NDManager parent) {
        return run(check(), directory, resume, listeners, parent);
    }

    /**
     * Runs (or, with {@code resume}, continues) every round into {@code directory}.
     *
     * @param listeners the listeners of round r's training, made afresh for each round
     * @param parent the manager every round's arrays live under (in sub-managers closed with the round)
     * @return one record per round, the teacher's first
     */
    public List<RoundRecord> run(Checked checked, SelfTrainingDirectory directory, boolean resume,
            IntFunction<List<TrainingListener>> listeners, NDManager parent) {
        Experiment.Prepared prepared = checked.prepared();
        UnlabeledPool pool = checked.pool();
        Path external = config.teacher() == null ? null : Path.of(config.teacher());
        if (!resume) {
            directory.writeConfig(new SelfTrainingDirectory.Saved(base, config));
        }
        List<RoundRecord> records = new ArrayList<>();
        Path teacher = external;
        for (int round = 0; round <= config.rounds(); round++) {
            RoundRecord record;
            Path folder = round == 0 && external != null ? external : directory.round(round);
            if (round == 0 && external != null) {
                record = externalTeacher(external, prepared.data().train());
            } else if ((record = SelfTrainingDirectory.readRound(folder)) != null) {
                log.accept(String.format("round %d/%d: %s %s finished before (test %s)", round, config.rounds(),
                        record.role(), record.model(), percent(record.testAccuracy())));
            } else {
                record = round == 0 ? trainTeacher(folder, prepared, listeners.apply(0), parent)
                        : trainStudent(round, folder, teacher, prepared, pool, listeners.apply(round), parent);
                SelfTrainingDirectory.writeRound(folder, record);
            }
            records.add(record);
            if (round < config.rounds()) {
                directory.writeRounds(config.method(), config.rounds(), records);
            }
            teacher = folder;
        }
        Rounds.Final chosen = Rounds.choose(records, config.finalModel());
        log.accept(String.format("final model: round %d's %s %s, %s", chosen.round(), chosen.role(), records.get(chosen.round()).model(),
                chosen.reason()));
        directory.writeRounds(config.method(), records, chosen);
        return records;
    }

    private static String given(Object value) {
        return value == null ? "(not given)" : value.toString();
    }

    private RoundRecord trainTeacher(Path folder, Experiment.Prepared prepared, List<TrainingListener> listeners, NDManager parent) {
        long started = System.nanoTime();
        boolean resumed = RunDirectory.hasCheckpoint(folder);
        ExperimentConfig roundConfig = config.roundConfig(base, 0);
        log.accept(String.format("round 0/%d: teacher %s on %,d labeled images%s", config.rounds(), roundConfig.model(),
                prepared.labeled().size(), resumed ? " (resuming)" : ""));
        MemoryProbe probe = new MemoryProbe(parent);
        RunResult result = new Experiment(roundConfig, c -> new Supervised(c.newLearner(0)), log).returningItsOwnModel()
                .run(prepared, open(folder, resumed), resumed, with(listeners, probe), parent);
        return record(0, roundConfig, prepared.data().train(), folder, result, started, null, probe.read(), resumed);
    }

    private RoundRecord trainStudent(int round, Path folder, Path teacher, Experiment.Prepared prepared, UnlabeledPool pool,
            List<TrainingListener> listeners, NDManager parent) {
        long started = System.nanoTime();
        boolean resumed = RunDirectory.hasCheckpoint(folder);
        Path labelFolder = folder.resolve(SelfTrainingDirectory.PSEUDO_LABELS);
        Ensemble ensemble = chooseLabelers(round, teacher, labelFolder, prepared, parent);
        Labelers labelers = ensemble.labelers();
        PseudoLabels labels;
        if (round == 1 && config.pseudoLabelsFrom() != null) {
            labels = PseudoLabelRun.readGiven(prepared.models(), Path.of(config.pseudoLabelsFrom()), "pseudo_labels_from", teacher, pool,
                    false);
            log.accept(String.format("round 1: %,d pseudo-labels read from %s", labels.size(), config.pseudoLabelsFrom()));
            createDirectories(labelFolder);
        } else {
            labels = PseudoLabelRun.readMatching(prepared.models(), labelFolder, labelers, pool);
        }
        boolean reused = labels != null;
        if (!reused) {
            labels = PseudoLabelRun.label(prepared.models(), labelers, pool, labelFolder, parent, log);
        }
        double labelingSeconds = reused ? 0 : (System.nanoTime() - started) / 1e9;
        ThresholdChoice.Result choice = config.minConfidenceOnValidation()
                ? chooseThreshold(round, ensemble.validation() != null ? ensemble.validation() : validationLabels(labelers, prepared, parent),
                        prepared)
                : null;
        double threshold = choice == null ? config.minConfidence() : choice.threshold();
        Selection selection = Selection.of(labels, config.selection(threshold));
        if (selection.fallback() != null) {
            log.note(OptionText.text("round " + round + ": ").then(selection.fallback()));
        }
        RoundRecord.PseudoLabelSummary summary = new RoundRecord.PseudoLabelSummary(labels.size(),
                RoundRecord.orNull(PseudoLabelReport.accuracy(labels, null, pool.trueLabels())), selection.kept(), selection.size(),
                selection.target(), RoundRecord.orNull(PseudoLabelReport.accuracy(labels, selection.positions(), pool.trueLabels())),
                labelingSeconds, reused);
        writeSelection(labelFolder, selection, summary, threshold, choice, ensemble.choice());
        ExperimentConfig roundConfig = config.roundConfig(base, round, Budget.of(base, prepared.labeled().size()));
        ImageSet train = prepared.data().train();
        Augmentation inputNoise = Experiment.augmentation(roundConfig.augment(), train.width());
        PseudoLabelTargets targets = new PseudoLabelTargets(labels, selection.positions(), config.pseudoLabels());
        Experiment.Prepared data = prepared.with(prepared.labeled(), new Subset(pool.images(), selection.positions()));
        log.accept(String.format("round %d/%d: student %s on %,d labeled + %,d pseudo-labeled images (%s; %,d of %,d kept at "
                + "confidence >= %s%s)%s", round, config.rounds(), roundConfig.model(), prepared.labeled().size(), selection.size(),
                config.pseudoLabels().name().toLowerCase(java.util.Locale.ROOT), selection.kept(), labels.size(),
                threshold, selection.target() > 0 ? ", balanced to " + selection.target() + " per class" : "",
                resumed ? " (resuming)" : ""));
        MemoryProbe probe = new MemoryProbe(parent);
        RunResult result = new Experiment(roundConfig, c -> new StudentTraining(config.method(), c.newLearner(round), inputNoise,
                targets, config.pseudoRatio()), log).returningItsOwnModel()
                .run(data, open(folder, resumed), resumed, with(listeners, probe), parent);
        return record(round, roundConfig, train, folder, result, started, summary, probe.read(), resumed);
    }

    private static void createDirectories(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new MentorException(folder + ": cannot create (" + e.getMessage() + ")", e);
        }
    }

    private static RunDirectory open(Path folder, boolean resume) {
        // a round started but killed before its first checkpoint starts over: its leftovers are replaced
        return resume ? RunDirectory.resume(folder) : RunDirectory.create(folder, true);
    }

    private static List<TrainingListener> with(List<TrainingListener> listeners, TrainingListener probe) {
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(probe);
        return all;
    }

    private RoundRecord record(int round, ExperimentConfig roundConfig, ImageSet train, Path folder, RunResult result,
            long started, RoundRecord.PseudoLabelSummary labels, MemoryProbe.Reading memory, boolean resumed) {
        ModelFlops flops = ModelFlops.of(spec(roundConfig.model().toString(), train));
        double validation = result.history().get(result.history().size() - 1).validationAccuracy();
        return new RoundRecord(round, round == 0 ? "teacher" : "student", roundConfig.model().toString(), flops.parameters(),
                flops.forwardFlops(), result.history().size(), folder.toString(), RoundRecord.orNull(result.testAccuracy()),
                RoundRecord.orNull(validation), (System.nanoTime() - started) / 1e9, labels, memory, resumed);
    }

    private RoundRecord externalTeacher(Path teacher, ImageSet train) {
        FinalMetrics metrics = FinalMetrics.read(teacher.resolve(RunDirectory.FINAL));
        ExperimentConfig teacherConfig = RunDirectory.readConfig(teacher, "teacher");
        ModelFlops flops = ModelFlops.of(spec(teacherConfig.model().toString(), train));
        log.accept(String.format("round 0/%d: teacher %s from %s (test %s)", config.rounds(), teacherConfig.model(), teacher,
                percent(metrics.testAccuracy())));
        return new RoundRecord(0, "teacher", teacherConfig.model().toString(), flops.parameters(), flops.forwardFlops(), metrics.epochs(),
                teacher.toString(), metrics.testAccuracy(), metrics.validationAccuracy(), metrics.wallSeconds(), null, null, false);
    }

    /** A teacher run made elsewhere must be finished, of the first model, and on this run's data and split. */
    private void checkTeacher(Path teacher, Experiment.Prepared prepared) {
        ExperimentConfig t = checkRun(teacher, prepared, "teacher");
        if (!t.model().toString().equals(config.modelOf(0))) {
            throw MentorException.of("models", "the first model is the teacher's; " + teacher + " is a " + t.model()
                    + ", not a " + config.modelOf(0));
        }
    }

    /**
     * A run made elsewhere that labels this run's pool (the teacher, a run of the ensemble) must be finished and on this run's
     * data and split: its validation and test sets are this run's, so neither was in its training set. Returns its config;
     * refusals name {@code component}.
     */
    private ExperimentConfig checkRun(Path run, Experiment.Prepared prepared, String component) {
        if (!Files.isRegularFile(run.resolve(RunDirectory.MODEL)) || !Files.isRegularFile(run.resolve(RunDirectory.FINAL))) {
            throw MentorException.of(component, run + " is not a finished run (no " + RunDirectory.MODEL + " and "
                    + RunDirectory.FINAL + ")");
        }
        ExperimentConfig t = RunDirectory.readConfig(run, component);
        t.splitComponents(base).forEach((split, values) -> {
            if (!Objects.equals(values[0], values[1])) {
                throw MentorException.of(component, OptionText.text(run + " was trained with ").thenOption(split)
                        .then(" " + given(values[0]) + ", this run has " + given(values[1])
                                + " (the labeled, validation and test sets must be the " + component + "'s)"));
            }
        });
        String fingerprint = Manifest.dataFingerprint(run);
        if (fingerprint != null && !fingerprint.equals(prepared.data().fingerprint())) {
            throw MentorException.of(component, run + " was trained on data with fingerprint " + fingerprint
                    + ", " + base.data() + " now reads " + prepared.data().fingerprint());
        }
        return t;
    }

    /**
     * Who labels a round's pool, and the validation labels that chose it: without an ensemble the teacher alone (and no
     * validation labels); with one, the mean of the teacher and the ensemble's runs when it is more accurate on the
     * validation split than the teacher alone, else the teacher alone. A round's teacher improves round after round while
     * the ensemble's runs stay, so each round chooses again. A round resumed after it labeled its pool keeps the choice its
     * {@code selection.json} recorded (the artifact was made by it and the student trained on it); one stopped after its
     * artifact was written but before its {@code selection.json} takes the choice from the artifact's labelers (its
     * fingerprint), so a near-tie cannot flip under labels the student may have trained on. A run of the ensemble whose
     * outputs are no distributions (its training diverged) is left out, and said so.
     *
     * @param validation the chosen labelers' distributions of the validation split, or null when none were computed
     * @param choice what {@code selection.json} records, or null without an ensemble
     */
    private record Ensemble(Labelers labelers, PseudoLabels validation, SelectionRecord.EnsembleChoice choice) {}

    private Ensemble chooseLabelers(int round, Path teacher, Path labelFolder, Experiment.Prepared prepared, NDManager parent) {
        if (config.ensemble().isEmpty()) {
            return new Ensemble(Labelers.of(teacher), null, null);
        }
        Path recorded = labelFolder.resolve(SelfTrainingDirectory.SELECTION);
        if (Files.isRegularFile(labelFolder.resolve(PseudoLabelFile.HEADER)) && Files.isRegularFile(recorded)) {
            SelectionRecord.EnsembleChoice before = SelectionRecord.read(recorded).ensemble();
            if (before != null) {
                List<Path> runs = before.runs().stream().map(Path::of).toList();
                return new Ensemble(before.used() ? new Labelers(teacher, runs) : Labelers.of(teacher), null, before);
            }
        }
        int[] truth = ImageSets.labels(prepared.validation());
        List<PseudoLabels> members = new ArrayList<>();
        members.add(validationLabels(Labelers.of(teacher), prepared, parent));
        List<String> kept = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (String run : config.ensemble()) {
            try {
                members.add(validationLabels(Labelers.of(Path.of(run)), prepared, parent));
                kept.add(run);
            } catch (MentorException e) {
                if (!(e.getCause() instanceof IllegalArgumentException)) {
                    throw e; // unreadable or missing: an error, not a diverged run
                }
                log.note(OptionText.text("round " + round + ": ").thenOption("ensemble").then(" " + run + " is left out: " + e.detail()));
                leftOut.add(run + ": " + e.detail());
            }
        }
        double alone = members.get(0).accuracy(truth);
        if (kept.isEmpty()) {
            return new Ensemble(Labelers.of(teacher), members.get(0), new SelectionRecord.EnsembleChoice(List.of(), alone, alone, false, leftOut));
        }
        List<Path> others = kept.stream().map(Path::of).toList();
        PseudoLabels mean = PseudoLabels.mean(members);
        double together = mean.accuracy(truth);
        boolean used = together > alone;
        Boolean made = labeledBy(labelFolder, prepared, teacher, others);
        if (made != null && made != used) {
            log.note(OptionText.text("round " + round + ": its pool was labeled by " + (made ? "the ensemble's mean" : "the teacher alone")
                    + " before the run stopped (its selection.json was not written yet); that choice stays"));
            used = made;
        }
        log.accept(String.format("round %d: the pool is labeled by %s: on validation the teacher alone is %.2f%% right, its mean "
                + "with the ensemble's %d run%s %.2f%%", round, used ? "the ensemble's mean" : "the teacher alone", 100 * alone,
                others.size(), others.size() == 1 ? "" : "s", 100 * together));
        return new Ensemble(used ? new Labelers(teacher, others) : Labelers.of(teacher), used ? mean : members.get(0),
                new SelectionRecord.EnsembleChoice(kept, alone, together, used, leftOut));
    }

    /**
     * Whether the round's pool artifact, written before a stop, was made by the ensemble's mean (true) or the teacher alone
     * (false), by its fingerprint; null without an artifact or when it is neither's (reading it then says so).
     */
    private static Boolean labeledBy(Path labelFolder, Experiment.Prepared prepared, Path teacher, List<Path> others) {
        if (!Files.isRegularFile(labelFolder.resolve(PseudoLabelFile.HEADER))) {
            return null;
        }
        PseudoLabelFile.Header header = PseudoLabelFile.header(labelFolder);
        String made = header.teacher() == null ? null : header.teacher().fingerprint();
        if (PseudoLabelRun.fingerprint(prepared.models(), new Labelers(teacher, others)).equals(made)) {
            return true;
        }
        return PseudoLabelRun.fingerprint(prepared.models(), Labelers.of(teacher)).equals(made) ? false : null;
    }

    private static PseudoLabels validationLabels(Labelers labelers, Experiment.Prepared prepared, NDManager parent) {
        ImageSet validation = prepared.validation();
        List<String> ids = java.util.stream.IntStream.range(0, validation.size()).mapToObj(Integer::toString).toList();
        return PseudoLabelRun.predict(prepared.models(), labelers, validation, ids, parent);
    }

    /** Noisy Student's students are equal to or larger than their teachers, in compute per image. */
    private void checkStudentSizes(ImageSet train) {
        if (!config.method().equals(SelfTrainingConfig.NOISY_STUDENT)) {
            return;
        }
        for (int round = 1; round <= config.rounds(); round++) {
            ModelFlops teacher = ModelFlops.of(spec(config.modelOf(round - 1), train));
            ModelFlops student = ModelFlops.of(spec(config.modelOf(round), train));
            if (student.forwardFlops() < teacher.forwardFlops()) {
                throw MentorException.of("models", String.format("the student of round %d, %s (%.1f MFLOPs, %,d parameters), "
                        + "is smaller than its teacher %s (%.1f MFLOPs, %,d parameters); Noisy Student's students are equal or larger",
                        round, config.modelOf(round), student.forwardFlops() / 1e6, student.parameters(), config.modelOf(round - 1),
                        teacher.forwardFlops() / 1e6, teacher.parameters()));
            }
        }
    }

    private static ModelSpec spec(String model, ImageSet train) {
        return new ModelSpec(model, train.channels(), train.height(), train.width(), train.numClasses(), -1, -1);
    }

    /**
     * The round's threshold chosen on the validation split: {@code labels} are the round's labelers' distributions of the
     * validation images, and {@link ThresholdChoice} picks the threshold whose kept labels are most right net of wrong.
     */
    private ThresholdChoice.Result chooseThreshold(int round, PseudoLabels labels, Experiment.Prepared prepared) {
        ThresholdChoice.Result choice = ThresholdChoice.choose(labels, ImageSets.labels(prepared.validation()));
        ThresholdChoice.Point chosen = choice.chosen();
        log.note(OptionText.text("round " + round + ": ").thenOption("min_confidence").then(String.format(" %.1f chosen on validation (keeps %.0f%% of it, "
                + "%.1f%% right)", chosen.threshold(), 100 * chosen.coverage(), 100 * chosen.precision())));
        return choice;
    }

    private void writeSelection(Path folder, Selection selection, RoundRecord.PseudoLabelSummary summary, double threshold,
            ThresholdChoice.Result choice, SelectionRecord.EnsembleChoice ensemble) {
        new SelectionRecord(config.pseudoLabels().name().toLowerCase(java.util.Locale.ROOT), threshold,
                choice == null ? null : choice.grid(), config.balance().on(), selection.target(), selection.keptPerClass(),
                selection.selectedPerClass(),
                selection.fallback() == null ? null : selection.fallback().toString(), summary, ensemble).write(folder.resolve(SelfTrainingDirectory.SELECTION));
    }

    private static String percent(Double value) {
        return value == null ? "n/a" : String.format("%.2f%%", 100 * value);
    }
}
