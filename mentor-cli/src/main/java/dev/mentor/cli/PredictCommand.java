package dev.mentor.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.augment.Image;
import dev.mentor.data.ImageFiles;
import dev.mentor.data.Reshape;
import dev.mentor.io.Json;
import dev.mentor.ndarray.NativeArrays;
import dev.mentor.run.SelfTrainingDirectory;
import dev.mentor.train.Learner;
import dev.mentor.train.SavedModel;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mentor predict --checkpoint RUN_DIR IMAGE...}: the most probable class of each image and its
 * probability, as a JSON array. Images are converted to the model's channels and size.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classify image files with a trained run; prints JSON (file, class, probability, top-k).")
final class PredictCommand extends Subcommand {
    @Option(names = "--checkpoint", required = true, paramLabel = "RUN_DIR", description = "A finished run directory (of a self-training run: the model of the round it chose), or its model.ckpt")
    Path checkpoint;

    @Option(names = "--top", defaultValue = "3", description = "How many classes to list per image (default: ${DEFAULT-VALUE})")
    int top;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "PNG or JPEG files")
    List<Path> images;

    @Mixin
    Verbose verbose;

    @Override
    public Integer call() {
        SavedModel saved = SavedModel.read(SelfTrainingDirectory.modelFolder(checkpoint));
        var s = saved.spec();
        int volume = s.channels() * s.height() * s.width();
        float[] buffer = new float[images.size() * volume];
        for (int i = 0; i < images.size(); i++) {
            Image image = Reshape.to(ImageFiles.read(images.get(i)), s.channels(), s.height(), s.width());
            saved.normalization().write(image, buffer, i * volume);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(); Learner learner = saved.load(manager)) {
            NDArray x = NativeArrays.create(manager, FloatBuffer.wrap(buffer), new Shape(images.size(), s.channels(), s.height(), s.width()));
            float[] p = learner.infer(x).get(0).softmax(1).toFloatArray();
            int classes = s.classes();
            for (int i = 0; i < images.size(); i++) {
                List<Integer> order = new ArrayList<>();
                for (int c = 0; c < classes; c++) {
                    order.add(c);
                }
                final int row = i * classes;
                order.sort((a, b) -> Float.compare(p[row + b], p[row + a]));
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("file", images.get(i).toString());
                r.put("class", saved.classNames().get(order.get(0)));
                r.put("index", order.get(0));
                r.put("probability", p[row + order.get(0)]);
                List<Map<String, Object>> topK = new ArrayList<>();
                for (int k = 0; k < Math.min(Math.max(1, top), classes); k++) {
                    topK.add(Map.of("class", saved.classNames().get(order.get(k)), "probability", p[row + order.get(k)]));
                }
                r.put("top", topK);
                results.add(r);
            }
        }
        out().println(Json.line(results));
        return 0;
    }
}
