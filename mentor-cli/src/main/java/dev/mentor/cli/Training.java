package dev.mentor.cli;

import dev.mentor.Interrupted;
import dev.mentor.MentorException;
import dev.mentor.method.MethodDescriptor;
import dev.mentor.method.Supervised;
import dev.mentor.report.RunReader;
import dev.mentor.report.RunSummary;
import dev.mentor.run.Experiment;
import dev.mentor.run.ExperimentConfig;
import dev.mentor.run.Manifest;
import dev.mentor.run.MethodFactory;
import dev.mentor.run.MethodOptions;
import dev.mentor.run.RunDirectory;
import dev.mentor.run.RunResult;
import dev.mentor.train.Normalization;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Runs a train command: resolves the config (or the resumed run's), the folder, and reports. */
final class Training {
    private Training() {}

    /**
     * Runs a method its descriptor builds, with options of its own: a new run writes them to {@code method.json}; a
     * resumed run reads them back from there (as it reads {@code config.json}), so it continues exactly.
     */
    static <O> RunResult run(MethodDescriptor<O> method, TrainOptions options, O given, PrintWriter out, PrintWriter err) {
        return runSaved(method, options, resolve(options, method, given), out, err);
    }

    /** Runs a method its descriptor builds, with options its command resolved already ({@link #savedOrGiven}). */
    static <O> RunResult runSaved(MethodDescriptor<O> method, TrainOptions options, O resolved, PrintWriter out, PrintWriter err) {
        return run(method, options, resolved, MethodFactory.of(method, resolved), null, null, out, err);
    }

    /**
     * Runs a method whose command resolved its own options already ({@link #resolve}, {@link #savedOrGiven}) and
     * builds it with {@code factory} (one of the run layer's: a teacher's, a backbone's): a new run writes the options
     * to {@code method.json}, which a resumed run has read them from.
     *
     * @param normalization input statistics other than the data's (a pre-trained backbone's), or null
     * @param beforeTraining run once the run's folder is open and before its method is built, or null: work the method
     *     then reads from the folder (distillation's pool labeled on Spark into it), done again by a resumed run. A new
     *     run's config.json and manifest.json are written before it, so a run stopped during that work continues with
     *     {@code --resume}.
     */
    static <O> RunResult run(MethodDescriptor<O> method, TrainOptions options, O resolved, MethodFactory factory,
            Normalization normalization, Consumer<RunDirectory> beforeTraining, PrintWriter out, PrintWriter err) {
        return run(method.name(), method.recipe().warmStarts(), options, factory, normalization, directory -> {
            if (options.resume == null && method.hasOptions()) {
                directory.writeMethodOptions(resolved);
            }
        }, beforeTraining, out, err);
    }

    /**
     * A method's options: those given when the run is new; when it is resumed, those its {@code method.json} recorded,
     * which it must have.
     */
    static <O> O resolve(TrainOptions options, MethodDescriptor<O> method, O given) {
        return options.resume != null && method.hasOptions() ? readMethodOptions(options.resume, method.options()) : given;
    }

    /**
     * A command's own options: those given when the run is new; when it is resumed, those its {@code
     * method.json} recorded, so the run continues exactly as it began whatever the command line says
     * (a run from before commands kept {@code method.json} continues with the command line's).
     */
    static <O> O savedOrGiven(TrainOptions options, MethodDescriptor<O> method, Supplier<O> given) {
        if (options.resume != null && options.resume.resolve(RunDirectory.METHOD).toFile().isFile()) {
            return readMethodOptions(options.resume, method.options());
        }
        return given.get();
    }

    /** A command's option that only a resumed run may omit; its value, or a {@link MentorException} naming it. */
    static <T> T required(T value, String option, String what) {
        if (value == null) {
            throw new MentorException(option + ": missing; give " + what);
        }
        return value;
    }

    /**
     * The folder, inside a warm-starting method's run, of the supervised run it trains first when {@code --init} is not
     * given (its start).
     */
    static final String START = "start";

    /**
     * @param trainsStart whether the method starts from a supervised run of its own split when {@code --init} is not given
     *     (the consistency methods: {@link MethodDescriptor.Recipe#warmStarts}): that run is trained first, into {@link
     *     #START}, with the method's config, and the method returns it when it is better on validation
     */
    private static RunResult run(String method, boolean trainsStart, TrainOptions options, MethodFactory factory, Normalization normalization,
            Consumer<RunDirectory> opened, Consumer<RunDirectory> beforeTraining, PrintWriter out, PrintWriter err) {
        boolean resume = options.resume != null;
        ExperimentConfig config = resume ? RunDirectory.readConfig(options.resume, "resume") : options.toConfig();
        Experiment.Prepared prepared = Experiment.prepare(config);
        if (!resume) {
            config = options.resolve(config, prepared, err);
        }
        RunDirectory directory;
        if (resume) {
            directory = RunDirectory.resume(options.resume);
        } else {
            Path target = options.out != null ? options.out : Experiment.defaultDirectory(method, config.model());
            directory = RunDirectory.create(target, options.force);
        }
        Path start = startFolder(directory.root());
        boolean ownStart = trainsStart && (resume ? isOwnStart(config.init(), directory.root()) : options.init == null);
        if (ownStart) {
            // a resumed run reads its start where its folder is now, wherever it was when it began
            config = config.withInit(start.toString());
        } else if (!resume && options.force) {
            removeStaleStart(start);
        }
        opened.accept(directory);
        if ((beforeTraining != null || ownStart) && !resume) {
            // recorded before any training, so that a run stopped before the method's first checkpoint continues with --resume
            directory.writeConfig(config);
            directory.writeManifest(Manifest.of(config, prepared));
        }
        RunResult result;
        double startSeconds = 0;
        try {
            if (ownStart) {
                RunSummary trained = trainStart(method, config.withInit(null), prepared, directory.root(), resume, err);
                startSeconds = trained.wallSeconds();
                if (!Suite.startsWarm(trained)) {
                    err.println("its start did not learn (validation below twice chance): the method starts from fresh weights instead");
                    config = config.withInit(null);
                    directory.writeConfig(config);
                }
            }
            err.println((resume ? "resuming " : "training ") + method + " into " + directory.root());
            if (beforeTraining != null) {
                beforeTraining.accept(directory);
            }
            result = new Experiment(config, factory, Main.log(err), normalization).run(prepared, directory, resume,
                    List.of(new ConsoleProgress(err)));
        } catch (Interrupted stopped) {
            throw stopped.continuedBy(resumeCommand(method, directory.root()));
        }
        out.printf("test accuracy: %s   (%s, %.0f s%s)%n",
                result.test() == null ? "n/a (no test split)" : String.format("%.2f%%", 100 * result.testAccuracy()),
                directory.root().resolve(RunDirectory.FINAL), result.seconds() + startSeconds,
                startSeconds > 0 ? String.format(", %.0f s of them its start", startSeconds) : "");
        return result;
    }

    /**
     * Whether {@code init}, as a run's config.json recorded it, is that run's own start: {@code start} inside the run's
     * folder, also after the folder was moved or reached through another path.
     */
    static boolean isOwnStart(String init, Path root) {
        if (init == null || !START.equals(Path.of(init).getFileName().toString())) {
            return false;
        }
        Path recorded = Path.of(init).getParent();
        try {
            if (Files.exists(recorded) && Files.isSameFile(recorded, root)) {
                return true;
            }
        } catch (java.io.IOException e) {
            return false;
        }
        return !Files.exists(recorded) && Files.isDirectory(root.resolve(START));
    }

    /** A forced new run that trains no start of its own deletes the one an earlier run left (its run files, then the folder when empty). */
    private static void removeStaleStart(Path start) {
        if (!Files.isDirectory(start, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(start.resolve(RunDirectory.CONFIG))) {
            return;
        }
        RunDirectory.create(start, true);
        try (var entries = Files.list(start)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(start);
            }
        } catch (java.io.IOException e) {
            // the start's run files are gone; an entry of the user's keeps the folder
        }
    }

    /** The folder of the start a run in {@code root} trains for itself, as its config.json records it ({@code init}); absolute. */
    static Path startFolder(Path root) {
        return root.toAbsolutePath().normalize().resolve(START);
    }

    /**
     * Trains a warm-starting method's own start into {@code folder}: supervised training with the method's config (its
     * split, model, steps, schedule and seed), so the start is the run {@code train supervised} with the same options
     * gives. A resumed method run finishes or reuses the start it began. Returns the finished start, whose validation
     * accuracy says whether it learned ({@link Suite#startsWarm}, as the suite asks of the run it starts a method from) and
     * whose wall time, that of every process that trained it, is part of the run's.
     */
    private static RunSummary trainStart(String method, ExperimentConfig config, Experiment.Prepared prepared, Path root, boolean resume,
            PrintWriter err) {
        Path folder = startFolder(root);
        if (resume && RunReader.isFinished(folder)) {
            return RunReader.read(folder);
        }
        boolean continues = resume && Files.isRegularFile(folder.resolve(RunDirectory.CONFIG));
        RunDirectory directory = continues ? RunDirectory.resume(folder) : RunDirectory.create(folder, true);
        err.println((continues ? "resuming" : "training") + " its start, supervised on the labeled images, into " + folder
                + (resume ? "" : " (--init none for a fresh start, as in the paper)"));
        try {
            new Experiment(config, MethodFactory.of(Supervised.DESCRIPTOR, null), Main.log(err), null)
                    .run(prepared, directory, continues, List.of(new ConsoleProgress(err)));
        } catch (MentorException e) {
            // its own hints name the start's folder; the run continues as a whole
            throw e.framed("its start, supervised in " + folder + ": ", ". The run continues as a whole with " + resumeCommand(method, root)
                    + "; or give --init RUN_DIR or --init none");
        }
        return RunReader.read(folder);
    }

    /** The command that continues a run of {@code method} in {@code folder}. */
    static String resumeCommand(String method, Path folder) {
        return "./mentor train " + method + " --resume " + folder;
    }

    /**
     * The normalisation given by {@code PREFIX-mean} and {@code PREFIX-std} (one value per channel, of
     * pixels in [0, 1]), or null when neither is given.
     */
    static Normalization normalization(String prefix, List<Float> mean, List<Float> std) {
        if (mean == null && std == null) {
            return null;
        }
        if (mean == null || std == null || mean.size() != std.size()) {
            throw new MentorException(prefix + "-mean and " + prefix + "-std: give both, one value per channel each (got "
                    + mean + " and " + std + ")");
        }
        float[] m = new float[mean.size()];
        float[] s = new float[std.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = mean.get(i);
            s[i] = std.get(i);
        }
        try {
            return new Normalization(m, s);
        } catch (IllegalArgumentException e) {
            throw new MentorException(prefix + "-std: " + e.getMessage());
        }
    }

    private static <T> T readMethodOptions(Path run, Class<T> type) {
        Path file = run.resolve(RunDirectory.METHOD);
        if (!file.toFile().isFile()) {
            throw new MentorException("--resume: " + run + " has no " + RunDirectory.METHOD + " (is it a run of this method?)");
        }
        try {
            return MethodOptions.read(file, type);
        } catch (MentorException e) {
            throw e.within("resume");
        }
    }
}
