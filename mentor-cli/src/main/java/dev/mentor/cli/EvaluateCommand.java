package dev.mentor.cli;

import ai.djl.ndarray.NDManager;
import dev.mentor.MentorException;
import dev.mentor.data.DataOptions;
import dev.mentor.data.DataSources;
import dev.mentor.data.DataSpec;
import dev.mentor.data.ImageSet;
import dev.mentor.data.LoadedData;
import dev.mentor.eval.Evaluation;
import dev.mentor.eval.Predictor;
import dev.mentor.io.Json;
import dev.mentor.run.RunDirectory;
import dev.mentor.run.SelfTrainingDirectory;
import dev.mentor.train.Learner;
import dev.mentor.train.SavedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mentor evaluate --checkpoint RUN_DIR [--data D]}: top-1/top-5, per-class accuracy, confusion
 * matrix, NLL and ECE of a trained model on a test set, printed as JSON.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a trained run on a test set; prints JSON metrics.")
final class EvaluateCommand extends Subcommand {
    @Option(names = "--checkpoint", required = true, paramLabel = "RUN_DIR", description = "A finished run directory (of a self-training run: the model of the round it chose), or its model.ckpt")
    Path checkpoint;

    @Option(names = "--data", description = "Data whose test split to use (default: the run's own --data)")
    String data;

    @Option(names = "--image-size", description = "Resize images to this square size")
    Integer imageSize;

    @Mixin
    Verbose verbose;

    @Override
    public Integer call() {
        Path run = SelfTrainingDirectory.modelFolder(checkpoint);
        SavedModel saved = SavedModel.read(run);
        DataSpec dataSpec = data != null ? DataSpec.parse(data) : dataOfRun(run);
        String source = data != null ? data : dataSpec.toString();
        LoadedData loaded = DataSources.open(dataSpec, new DataOptions(imageSize, null, 0)).load();
        if (!loaded.hasTest()) {
            throw new MentorException("--data: " + source + " has no test split to evaluate on");
        }
        ImageSet test = loaded.test();
        saved.checkFits(test, "data", source);
        try (NDManager manager = NDManager.newBaseManager(); Learner learner = saved.load(manager)) {
            Evaluation e = new Predictor(learner, saved.normalization(), 256).evaluate(test);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("data", source);
            result.put("images", e.count());
            result.put("top1", e.top1());
            result.put("top5", e.top5());
            result.put("nll", e.nll());
            result.put("ece", e.ece());
            Map<String, Double> perClass = new LinkedHashMap<>();
            for (int c = 0; c < e.perClass().length; c++) {
                perClass.put(saved.classNames().get(c), e.perClass()[c]);
            }
            result.put("per_class_accuracy", perClass);
            result.put("confusion", e.confusion());
            out().println(Json.line(result));
            err().printf("top-1 %.2f%%  top-5 %.2f%%  NLL %.4f  ECE %.4f  on %d images%n",
                    100 * e.top1(), 100 * e.top5(), e.nll(), e.ece(), e.count());
        }
        return 0;
    }

    private static DataSpec dataOfRun(Path checkpoint) {
        Path config = (Files.isDirectory(checkpoint) ? checkpoint : checkpoint.getParent()).resolve(RunDirectory.CONFIG);
        if (!Files.isRegularFile(config)) {
            throw new MentorException("--data: not given, and " + config + " does not exist to say which data the run used");
        }
        return RunDirectory.readConfig(config.getParent(), "data").data();
    }
}
