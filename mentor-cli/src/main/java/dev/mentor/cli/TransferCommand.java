package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.method.Transfer;
import dev.mentor.model.ModelFormat;
import dev.mentor.run.TransferFactory;
import dev.mentor.train.Normalization;
import dev.mentor.train.SavedModel;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mentor train transfer --pretrained PATH --mode linear-probe|fine-tune}. */
@Command(name = "transfer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reuse a pre-trained backbone with a new head: linear probe (backbone frozen, BatchNorm statistics included) "
                + "or fine-tune (everything, the backbone at a smaller rate); gradual unfreezing with --unfreeze-after.")
final class TransferCommand extends TrainMethodCommand {
    @Option(names = "--pretrained", paramLabel = "PATH",
            description = "What to reuse: a finished Mentor run (its backbone), a TorchScript feature extractor (.pt, .torchscript; "
                    + "fine-tunable) or an ONNX feature extractor (.onnx; linear probe only), mapping images to (N, D) features")
    Path pretrained;

    @Option(names = "--pretrained-mean", split = ",", paramLabel = "M",
            description = "Per-channel mean (pixels in [0, 1]) a TorchScript/ONNX file expects its inputs normalised with (default: the data's)")
    List<Float> pretrainedMean;

    @Option(names = "--pretrained-std", split = ",", paramLabel = "S", description = "Per-channel std to go with --pretrained-mean")
    List<Float> pretrainedStd;

    @Option(names = "--mode", defaultValue = "fine-tune", description = "linear-probe or fine-tune (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--backbone-lr-scale", defaultValue = "0.1", description = "Backbone learning rate relative to the head's when fine-tuning (default: ${DEFAULT-VALUE})")
    double backboneRateScale;

    @Option(names = "--unfreeze-after", defaultValue = "-1", paramLabel = "EPOCHS", description = "With linear-probe: fine-tune from this epoch on (default: never)")
    int unfreezeAfter;

    @Mixin
    TrainOptions options;

    TransferCommand() {
        super(Transfer.DESCRIPTOR);
    }

    private Transfer.Options saved;

    @Override
    public Integer call() {
        saved = Training.savedOrGiven(options, Transfer.DESCRIPTOR, () -> new Transfer.Options(Training.required(pretrained, "--pretrained",
                "a finished run, a TorchScript or an ONNX feature extractor").toAbsolutePath().normalize().toString(),
                pretrainedMean, pretrainedStd, mode, backboneRateScale, unfreezeAfter));
        pretrained = Path.of(saved.pretrained());
        pretrainedMean = saved.pretrainedMean();
        pretrainedStd = saved.pretrainedStd();
        mode = saved.mode();
        backboneRateScale = saved.backboneRateScale();
        unfreezeAfter = saved.unfreezeAfter();
        Transfer.Mode parsed = switch (mode) {
            case "linear-probe" -> Transfer.Mode.LINEAR_PROBE;
            case "fine-tune" -> Transfer.Mode.FINE_TUNE;
            default -> throw new MentorException("--mode: unknown mode '" + mode + "' (expected linear-probe or fine-tune)");
        };
        boolean trainsBackbone = parsed == Transfer.Mode.FINE_TUNE || unfreezeAfter >= 0;
        double scale = trainsBackbone ? backboneRateScale : 1.0;
        ModelFormat format = ModelFormat.of(pretrained, "pretrained");
        Normalization fileNormalization = Training.normalization("--pretrained", pretrainedMean, pretrainedStd);
        if (format == ModelFormat.MENTOR_RUN) {
            if (fileNormalization != null) {
                throw new MentorException("--pretrained-mean/--pretrained-std: only for TorchScript and ONNX files; the Mentor run "
                        + pretrained + " carries its own normalisation");
            }
            fromRun(parsed, scale);
        } else {
            fromFile(format, parsed, scale, trainsBackbone, fileNormalization);
        }
        return 0;
    }

    private void fromRun(Transfer.Mode parsed, double scale) {
        SavedModel model = SavedModel.read(pretrained);
        if (options.resume == null) {
            options.model = model.spec().architecture();
        }
        Training.run(Transfer.DESCRIPTOR, options, saved, TransferFactory.fromRun(model, pretrained, parsed, scale, unfreezeAfter),
                model.normalization(), null, out(), err());
    }

    /**
     * A TorchScript or ONNX feature extractor under a new head. The run's model names its copy of the
     * file ({@code torchscript:backbone.pt}); the run's config names the source file.
     */
    private void fromFile(ModelFormat format, Transfer.Mode parsed, double scale, boolean trainsBackbone, Normalization normalization) {
        if (format == ModelFormat.ONNX && trainsBackbone) {
            throw new MentorException("--mode " + mode + (unfreezeAfter >= 0 ? " --unfreeze-after" : "") + ": " + pretrained
                    + " is an ONNX model, which can only be a frozen feature extractor (ONNX Runtime computes no gradients); "
                    + "use --mode linear-probe, or export the backbone as TorchScript to fine-tune it");
        }
        if (options.ema > 0) {
            throw new MentorException("--ema: not available with a TorchScript or ONNX backbone");
        }
        if (options.resume == null) {
            options.model = format.prefix() + ":" + pretrained.toAbsolutePath().normalize();
        }
        Training.run(Transfer.DESCRIPTOR, options, saved, TransferFactory.fromFile(format, pretrained, trainsBackbone, parsed, scale,
                unfreezeAfter), normalization, null, out(), err());
    }

    @Override
    List<String> suiteArguments(SuiteCall call) {
        return List.of("--pretrained", call.settings().pretrained().toString(), "--mode", "fine-tune");
    }
}
