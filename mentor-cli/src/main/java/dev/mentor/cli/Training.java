package dev.mentor.cli;

import dev.mentor.Interrupted;
import dev.mentor.MentorException;
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
import java.util.function.Function;

/** Runs a train command: resolves the config (or the resumed run's), the folder, and reports. */
final class Training {
    private Training() {}

    static RunResult run(String method, TrainOptions options, MethodFactory factory, PrintWriter out, PrintWriter err) {
        return run(method, options, factory, null, out, err);
    }

    /** As above, with input statistics other than the data's (a pre-trained backbone's), or null. */
    static RunResult run(String method, TrainOptions options, MethodFactory factory, Normalization normalization,
            PrintWriter out, PrintWriter err) {
        return run(method, options, factory, normalization, directory -> {}, null, out, err);
    }

    /**
     * Runs a method with options of its own: a new run writes them to {@code method.json}; a resumed
     * run reads them back from there (as it reads {@code config.json}), so it continues exactly.
     */
    static <T> RunResult run(String method, TrainOptions options, T methodOptions, Class<T> type,
            Function<T, MethodFactory> factory, PrintWriter out, PrintWriter err) {
        T resolved = options.resume != null ? readMethodOptions(options.resume, type) : methodOptions;
        return run(method, options, resolved, factory.apply(resolved), null, out, err);
    }

    /**
     * Runs a method whose command resolved its own options already ({@link #savedOrGiven}): a new run
     * writes them to {@code method.json}, which a resumed run has read them from.
     */
    static RunResult run(String method, TrainOptions options, Object methodOptions, MethodFactory factory,
            Normalization normalization, PrintWriter out, PrintWriter err) {
        return run(method, options, methodOptions, factory, normalization, null, out, err);
    }

    /**
     * As above, with {@code beforeTraining} run once the run's folder is open and before its method is built: work the
     * method then reads from the folder (distillation's pool labeled on Spark into it), done again by a resumed run. A new
     * run's config.json and manifest.json are written before it, so a run stopped during that work continues with {@code
     * --resume}.
     */
    static RunResult run(String method, TrainOptions options, Object methodOptions, MethodFactory factory,
            Normalization normalization, Consumer<RunDirectory> beforeTraining, PrintWriter out, PrintWriter err) {
        return run(method, options, factory, normalization, directory -> {
            if (options.resume == null) {
                directory.writeMethodOptions(methodOptions);
            }
        }, beforeTraining, out, err);
    }

    /**
     * A command's own options: those given when the run is new; when it is resumed, those its {@code
     * method.json} recorded, so the run continues exactly as it began whatever the command line says
     * (a run from before commands kept {@code method.json} continues with the command line's).
     */
    static <T> T savedOrGiven(TrainOptions options, Class<T> type, java.util.function.Supplier<T> given) {
        if (options.resume != null && options.resume.resolve(RunDirectory.METHOD).toFile().isFile()) {
            return readMethodOptions(options.resume, type);
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
