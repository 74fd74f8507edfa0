package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.model.TorchReference;
import dev.mentor.run.ModelExport;
import dev.mentor.run.SelfTrainingDirectory;
import dev.mentor.train.SavedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mentor export --checkpoint RUN_DIR --out FILE}: a run's trained model as a safetensors file
 * holding the {@code state_dict} of the PyTorch reference module, with normalisation, class names and
 * architecture in its metadata ({@link ModelExport}).
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Export a trained run's model for PyTorch: a safetensors file with the reference module's state_dict names.")
final class ExportCommand extends Subcommand {
    @Option(names = "--checkpoint", required = true, paramLabel = "RUN_DIR", description = "A finished run directory (of a self-training run: the model of the round it chose), or its model.ckpt")
    Path checkpoint;

    @Option(names = "--format", defaultValue = "safetensors", description = "safetensors (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write, e.g. model.safetensors")
    Path out;

    @Mixin
    OutFileOptions outFile;

    @Override
    public Integer call() {
        if (format.equals("torchscript-state")) {
            throw new MentorException("--format: torchscript-state is not available (writing PyTorch's pickled zip format is not"
                    + " implemented); use --format safetensors, which torch loads with safetensors.torch.load_file");
        }
        if (!format.equals("safetensors")) {
            throw new MentorException("--format: expected safetensors, got '" + format + "'");
        }
        outFile.refuseExisting(out);
        if (Files.isDirectory(out)) {
            throw new MentorException("--out: " + out + " is a folder, not a file");
        }
        Path folder = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new MentorException("--out: the folder " + folder + " does not exist");
        }
        SavedModel model = SavedModel.read(SelfTrainingDirectory.modelFolder(checkpoint));
        ModelExport.writeSafetensors(model, "--checkpoint: " + checkpoint, out);
        out().printf("exported %s as %s: %s (state_dict of %s, mapping version %d)%n",
                model.spec().architecture(), format, out, TorchReference.moduleName(model.spec()), TorchReference.MAPPING_VERSION);
        return 0;
    }
}
