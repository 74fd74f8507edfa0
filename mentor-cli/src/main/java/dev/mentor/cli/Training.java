package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.model.FileModels;
import dev.mentor.model.Models;
import dev.mentor.run.Experiment;
import dev.mentor.run.ExperimentConfig;
import dev.mentor.run.Json;
import dev.mentor.run.MethodFactory;
import dev.mentor.run.RunDirectory;
import dev.mentor.run.RunResult;
import dev.mentor.train.Normalization;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Runs a train command: resolves the config (or the resumed run's), the folder, and reports. */
final class Training {
    private Training() {}

    static RunResult run(String method, TrainOptions options, MethodFactory factory, PrintWriter out, PrintWriter err) {
        return run(method, options, factory, null, out, err);
    }

    /** As above, with input statistics other than the data's (a pre-trained backbone's), or null. */
    static RunResult run(String method, TrainOptions options, MethodFactory factory, Normalization normalization,
            PrintWriter out, PrintWriter err) {
        boolean resume = options.resume != null;
        ExperimentConfig config = resume ? readConfig(options.resume) : options.toConfig();
        if (!FileModels.isFileModel(config.model())) {
            Models.check(config.model());
        }
        Experiment.Prepared prepared = Experiment.prepare(config);
        RunDirectory directory;
        if (resume) {
            directory = RunDirectory.resume(options.resume);
        } else {
            Path target = options.out != null ? options.out : Experiment.defaultDirectory(method, config.model());
            directory = RunDirectory.create(target, options.force);
        }
        err.println((resume ? "resuming " : "training ") + method + " into " + directory.root());
        Experiment experiment = new Experiment(config, factory, err::println, normalization);
        RunResult result = experiment.run(prepared, directory, resume, List.of(new ConsoleProgress(err)));
        out.printf("test accuracy: %s   (%s, %.0f s)%n",
                result.test() == null ? "n/a (no test split)" : String.format("%.2f%%", 100 * result.testAccuracy()),
                directory.root().resolve(RunDirectory.FINAL), result.seconds());
        return result;
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

    private static ExperimentConfig readConfig(Path run) {
        Path file = run.resolve(RunDirectory.CONFIG);
        if (!file.toFile().isFile()) {
            throw new MentorException("--resume: " + run + " has no " + RunDirectory.CONFIG);
        }
        try {
            return Json.MAPPER.treeToValue(Json.read(file), ExperimentConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new MentorException("--resume: " + file + " is not a Mentor run config (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
