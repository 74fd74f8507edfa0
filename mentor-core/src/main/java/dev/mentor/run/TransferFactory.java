package dev.mentor.run;

import dev.mentor.method.Transfer;
import dev.mentor.model.Classifier;
import dev.mentor.model.FileModels;
import dev.mentor.model.ModelFormat;
import dev.mentor.model.ModelSpec;
import dev.mentor.model.Trainability;
import dev.mentor.teacher.Pretrained;
import dev.mentor.train.Learner;
import dev.mentor.train.SavedModel;
import java.nio.file.Path;

/**
 * Builds transfer learning for a prepared run: a pretrained backbone under a new head for the run's
 * classes, trained by {@link Transfer} (linear probe, fine-tuning at a scaled backbone rate, or the probe
 * then unfrozen). The backbone is a finished Mentor run's ({@link #fromRun}) or a TorchScript or ONNX
 * feature extractor ({@link #fromFile}). What {@code mentor train transfer} runs.
 */
public final class TransferFactory {
    private TransferFactory() {}

    /**
     * The backbone of a finished Mentor run, loaded into a model of the run's architecture (the config's
     * model must be {@code pretrained}'s architecture).
     *
     * @param backboneRateScale the backbone's learning rate as a share of the head's
     * @param unfreezeAfter the epoch after which a linear probe's backbone is unfrozen, or -1
     */
    public static MethodFactory fromRun(SavedModel pretrained, Path source, Transfer.Mode mode, double backboneRateScale,
            int unfreezeAfter) {
        return context -> {
            Learner learner = context.newLearner(0);
            Pretrained.loadBackbone(pretrained, learner, source.toString());
            return new Transfer(learner, mode, backboneRateScale, unfreezeAfter);
        };
    }

    /**
     * A TorchScript or ONNX feature extractor under a new head; {@code trainable} when the mode trains it
     * (ONNX cannot be).
     */
    public static MethodFactory fromFile(ModelFormat format, Path file, boolean trainable, Transfer.Mode mode,
            double backboneRateScale, int unfreezeAfter) {
        return context -> {
            ModelSpec data = context.spec();
            ModelSpec spec = FileModels.spec(format, data.channels(), data.height(), data.width(), data.classes());
            Classifier model = FileModels.classifier(spec, file, trainable ? Trainability.TRAINABLE : Trainability.FROZEN,
                    context.manager());
            return new Transfer(context.newLearner(spec, model, 0), mode, backboneRateScale, unfreezeAfter);
        };
    }
}
