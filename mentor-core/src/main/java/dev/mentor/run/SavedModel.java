package dev.mentor.run;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mentor.MentorException;
import dev.mentor.model.ModelSpec;
import dev.mentor.train.Checkpoint;
import dev.mentor.train.Learner;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model as a run leaves it in {@code model.ckpt}: the weights to deploy (the EMA when
 * there is one), the model spec, the input normalisation and the class names, so a model can be
 * evaluated or used for prediction without the options it was trained with.
 */
public record SavedModel(ModelSpec spec, Normalization normalization, List<String> classNames, Map<String, float[]> weights) {

    public void write(Path file) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("spec", spec);
        header.put("normalization", Map.of("mean", normalization.mean(), "std", normalization.std()));
        header.put("classNames", classNames);
        new Checkpoint(Json.line(header), weights).write(file);
    }

    /** Reads {@code model.ckpt} of a run directory, or a model file itself. */
    public static SavedModel read(Path runOrFile) {
        Path file = Files.isDirectory(runOrFile) ? runOrFile.resolve(RunDirectory.MODEL) : runOrFile;
        if (!Files.isRegularFile(file)) {
            throw new MentorException("--checkpoint: " + runOrFile + " has no trained model (" + RunDirectory.MODEL
                    + "); is it a finished Mentor run directory?");
        }
        Checkpoint checkpoint = Checkpoint.read(file);
        try {
            JsonNode header = Json.MAPPER.readTree(checkpoint.header());
            ModelSpec spec = Json.MAPPER.treeToValue(header.get("spec"), ModelSpec.class);
            float[] mean = Json.MAPPER.treeToValue(header.at("/normalization/mean"), float[].class);
            float[] std = Json.MAPPER.treeToValue(header.at("/normalization/std"), float[].class);
            List<String> names = new ArrayList<>();
            header.get("classNames").forEach(n -> names.add(n.asText()));
            return new SavedModel(spec, new Normalization(mean, std), List.copyOf(names), checkpoint.arrays());
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof MentorException me) {
                throw me;
            }
            throw new MentorException(file + ": model header is damaged (" + e.getMessage() + ")");
        }
    }

    /** Builds the model and loads the weights (for inference; the optimizer is never stepped). */
    public Learner load(NDManager manager) {
        Learner learner = Learner.create(spec, OptimizerConfig.sgd(0), 0, manager, 0);
        learner.loadWeights(weights);
        return learner;
    }
}
