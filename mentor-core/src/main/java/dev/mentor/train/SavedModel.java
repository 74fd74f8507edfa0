package dev.mentor.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.data.ImageSet;
import dev.mentor.io.FileReads;
import dev.mentor.io.Json;
import dev.mentor.model.Classifier;
import dev.mentor.model.FileBlock;
import dev.mentor.model.FileModels;
import dev.mentor.model.ModelFormat;
import dev.mentor.model.ModelSpec;
import dev.mentor.model.Trainability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model as a run leaves it in {@code model.ckpt}: the weights to deploy (the EMA when
 * there is one), the model spec, the input normalisation and the class names, so a model can be
 * evaluated or used for prediction without the options it was trained with. A model built on a
 * TorchScript or ONNX backbone ({@link FileModels}) also needs the backbone file its spec names,
 * which the run keeps beside {@code model.ckpt}; {@code home} is the folder it is looked up in.
 *
 * <p>{@link #read} reads the file once, and digests the bytes it parses ({@link #digest}), so a teacher's
 * fingerprint never reads it again; a run that needs a model in several places ({@link SavedModels}) reads it once.
 *
 * @param home the folder holding the model's files, or null when it was not read from disk
 * @param digest the digest of the model file's bytes as read, or null when it was not read from disk
 */
public record SavedModel(ModelSpec spec, Normalization normalization, List<String> classNames, Map<String, float[]> weights,
        Path home, FileDigest digest) {
    /** The file a run keeps its model in. */
    public static final String FILE = "model.ckpt";

    /** A model not read from disk. */
    public SavedModel(ModelSpec spec, Normalization normalization, List<String> classNames, Map<String, float[]> weights) {
        this(spec, normalization, classNames, weights, null, null);
    }

    /** The model file of a run directory, or {@code runOrFile} itself when it is not a directory. */
    public static Path file(Path runOrFile) {
        return Files.isDirectory(runOrFile) ? runOrFile.resolve(FILE) : runOrFile;
    }

    /**
     * Writes a learner's deployable model into a run directory: first the backbone file its spec
     * names, if it is built on one (for TorchScript, the module as trained, BatchNorm buffers
     * included), then {@code model.ckpt}.
     */
    public static void save(Learner learner, Normalization normalization, List<String> classNames, Path directory) {
        Classifier model = learner.model();
        FileBlock file = model.fileBackbone();
        if (file != null) {
            file.save(FileModels.file(learner.spec(), directory));
        }
        new SavedModel(learner.spec(), normalization, classNames, learner.weights()).write(directory.resolve(FILE));
    }

    public void write(Path file) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("spec", spec);
        Map<String, float[]> stats = new LinkedHashMap<>(); // Map.of's order changes from JVM to JVM, and so would the file
        stats.put("mean", normalization.mean());
        stats.put("std", normalization.std());
        header.put("normalization", stats);
        header.put("classNames", classNames);
        new Checkpoint(Json.line(header), weights).write(file);
    }

    /** Reads {@code model.ckpt} of a run directory, or a model file itself. */
    public static SavedModel read(Path runOrFile) {
        return parse(file(runOrFile), readBytes(runOrFile));
    }

    /**
     * The bytes of {@code model.ckpt} of a run directory, or of a model file itself, read once and counted ({@link
     * FileReads}): for a reader that needs the bytes as well as the model ({@link #parse}), such as Spark's driver, which
     * ships them to its executors.
     */
    public static byte[] readBytes(Path runOrFile) {
        Path file = file(runOrFile);
        if (!Files.isRegularFile(file)) {
            throw MentorException.of("checkpoint", runOrFile + " has no trained model (" + FILE
                    + "); is it a finished Mentor run directory?");
        }
        byte[] bytes = Checkpoint.readBytes(file);
        FileReads.read(file);
        return bytes;
    }

    /** The model in {@code bytes}, the contents of {@code file} ({@link #readBytes}), checked as {@link #read} checks it. */
    public static SavedModel parse(Path file, byte[] bytes) {
        Checkpoint checkpoint = Checkpoint.parse(file, bytes);
        FileDigest digest = FileDigest.of(bytes);
        try {
            JsonNode header = Json.MAPPER.readTree(checkpoint.header());
            ModelSpec spec = Json.MAPPER.treeToValue(header.get("spec"), ModelSpec.class);
            float[] mean = Json.MAPPER.treeToValue(header.at("/normalization/mean"), float[].class);
            float[] std = Json.MAPPER.treeToValue(header.at("/normalization/std"), float[].class);
            List<String> names = new ArrayList<>();
            header.get("classNames").forEach(n -> names.add(n.asText()));
            Path home = file.toAbsolutePath().getParent();
            return new SavedModel(spec, new Normalization(mean, std), List.copyOf(names), checkpoint.arrays(), home, digest);
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof MentorException me) {
                throw me;
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new MentorException(file + ": model header is damaged (" + reason + ")");
        }
    }

    /**
     * Checks that {@code set}'s images and classes fit this model; otherwise a {@link MentorException}
     * about the config component {@code component} naming {@code source}.
     */
    public void checkFits(ImageSet set, String component, String source) {
        if (set.channels() != spec.channels() || set.height() != spec.height() || set.width() != spec.width()) {
            throw MentorException.of(component, OptionText.text(String.format("%s has %dx%dx%d images, the model was trained on "
                    + "%dx%dx%d (use ", source, set.channels(), set.height(), set.width(), spec.channels(), spec.height(), spec.width()))
                    .thenOption("image_size").then("?)"));
        }
        if (set.numClasses() != spec.classes()) {
            throw MentorException.of(component, source + " has " + set.numClasses() + " classes, the model has " + spec.classes());
        }
    }

    /** Builds the model and loads the weights (for inference; the optimizer is never stepped). */
    public Learner load(NDManager manager) {
        Learner learner;
        if (FileModels.isFileModel(spec.architecture())) {
            Path file = FileModels.file(spec, home);
            if (!Files.isRegularFile(file)) {
                throw MentorException.of("checkpoint", "the model is built on " + file + ", which is missing");
            }
            // a TorchScript module loaded for inference only has inference tensors, which loadWeights could not set
            Trainability backbone = ModelFormat.ofArchitecture(spec.architecture()) == ModelFormat.TORCHSCRIPT
                    ? Trainability.TRAINABLE : Trainability.FROZEN;
            Classifier model = FileModels.classifier(spec, file, backbone, manager);
            learner = Learner.create(spec, model, OptimizerConfig.sgd(0), manager, 0);
        } else {
            learner = Learner.create(spec, OptimizerConfig.sgd(0), 0, manager, 0);
        }
        learner.loadWeights(weights);
        return learner;
    }
}
