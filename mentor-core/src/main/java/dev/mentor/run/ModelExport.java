package dev.mentor.run;

import dev.mentor.io.Json;
import dev.mentor.io.Safetensors.Tensor;
import dev.mentor.io.Safetensors;
import dev.mentor.model.ModelSpec;
import dev.mentor.model.TorchReference.Mapped;
import dev.mentor.model.TorchReference;
import dev.mentor.train.SavedModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's trained model as a file other tools read: a safetensors file whose tensors are the {@code
 * state_dict} of the PyTorch reference module ({@link TorchReference}), so {@code
 * module.load_state_dict(tensors)} works unchanged, and whose {@code __metadata__} says what the model
 * expects and means (all values strings, as the format requires; lists are JSON):
 * <ul>
 *   <li>{@code format} {@code mentor-model}, {@code mapping_version} ({@link TorchReference#MAPPING_VERSION});
 *   <li>{@code architecture} (Mentor's name) and {@code reference_module} (e.g. {@code CnnSmall(c=1, n=10)});
 *   <li>{@code input_shape} {@code [C, H, W]}, {@code normalization_mean} and {@code normalization_std}
 *       (per channel; the input is {@code (pixel / 255 - mean) / std}), {@code class_names}.
 * </ul>
 * BatchNorm's {@code num_batches_tracked}, which Mentor does not count, is written as 0 (I64).
 */
public final class ModelExport {
    public static final String FORMAT = "mentor-model";

    private ModelExport() {}

    /** The reference {@code state_dict} of a saved model; a model that does not fit it is refused naming {@code source}. */
    public static Map<String, Tensor> stateDict(SavedModel model, String source) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Mapped m : TorchReference.map(model.spec(), model.weights(), source).values()) {
            long[] shape = m.entry().shape();
            tensors.put(m.entry().key(), m.values() == null ? Tensor.i64(new long[] {0L}, shape) : Tensor.f32(m.values(), shape));
        }
        return tensors;
    }

    /** The {@code __metadata__} of an exported model. */
    public static Map<String, String> metadata(SavedModel model) {
        ModelSpec spec = model.spec();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("mapping_version", Integer.toString(TorchReference.MAPPING_VERSION));
        metadata.put("architecture", spec.architecture());
        metadata.put("reference_module", TorchReference.moduleName(spec));
        metadata.put("input_shape", Json.line(new int[] {spec.channels(), spec.height(), spec.width()}));
        metadata.put("normalization_mean", Json.line(model.normalization().mean()));
        metadata.put("normalization_std", Json.line(model.normalization().std()));
        metadata.put("input", "float32 NCHW, (pixel / 255 - normalization_mean) / normalization_std per channel");
        metadata.put("class_names", Json.line(model.classNames()));
        return metadata;
    }

    /** Writes a saved model as a safetensors file, atomically. */
    public static void writeSafetensors(SavedModel model, String source, Path out) {
        Safetensors.write(out, stateDict(model, source), metadata(model));
    }
}
