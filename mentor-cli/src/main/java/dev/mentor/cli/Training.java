package dev.mentor.cli;

import dev.mentor.Interrupted;
import dev.mentor.MentorException;
import dev.mentor.method.MethodDescriptor;
import dev.mentor.run.Experiment;
import dev.mentor.run.ExperimentConfig;
import dev.mentor.run.Manifest;
import dev.mentor.run.MethodFactory;
import dev.mentor.run.MethodOptions;
import dev.mentor.run.RunDirectory;
import dev.mentor.run.RunResult;
import dev.mentor.train.Normalization;
import java.io.PrintWriter;
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
        return run(method.name(), options, factory, normalization, directory -> {
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

    private static RunResult run(String method, TrainOptions options, MethodFactory factory, Normalization normalization,
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
        opened.accept(directory);
        if (beforeTraining != null && !resume) {
            directory.writeConfig(config);
            directory.writeManifest(Manifest.of(config, prepared));
        }
        err.println((resume ? "resuming " : "training ") + method + " into " + directory.root());
        Experiment experiment = new Experiment(config, factory, Main.log(err), normalization);
        RunResult result;
        try {
            if (beforeTraining != null) {
                beforeTraining.accept(directory);
            }
            result = experiment.run(prepared, directory, resume, List.of(new ConsoleProgress(err)));
        } catch (Interrupted stopped) {
            throw stopped.continuedBy(resumeCommand(method, directory.root()));
        }
        out.printf("test accuracy: %s   (%s, %.0f s)%n",
                result.test() == null ? "n/a (no test split)" : String.format("%.2f%%", 100 * result.testAccuracy()),
                directory.root().resolve(RunDirectory.FINAL), result.seconds());
        return result;
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
