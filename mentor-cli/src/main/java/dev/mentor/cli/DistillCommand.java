package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.Switch;
import dev.mentor.method.Distillation;
import dev.mentor.run.DistillFactory;
import dev.mentor.teacher.TeacherCache;
import dev.mentor.train.Normalization;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mentor train distill --teacher PATH}: knowledge distillation into the {@code --model}. */
@Command(name = "distill", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Knowledge distillation: the student learns the teacher's softened distribution (T²·KL) mixed with CE on labels; "
                + "unlabeled images (the pool) get the distillation term alone.")
final class DistillCommand implements Callable<Integer> {
    @Option(names = "--teacher", paramLabel = "PATH",
            description = "The teacher: a finished Mentor run (its directory or model.ckpt), a TorchScript file (.pt, .torchscript) "
                    + "or an ONNX file (.onnx) mapping images to logits")
    Path teacher;

    @Option(names = "--teacher-mean", split = ",", paramLabel = "M",
            description = "Per-channel mean (pixels in [0, 1]) a TorchScript/ONNX teacher expects its inputs normalised with (default: the student's)")
    List<Float> teacherMean;

    @Option(names = "--teacher-std", split = ",", paramLabel = "S", description = "Per-channel std to go with --teacher-mean")
    List<Float> teacherStd;

    @Option(names = "--temperature", defaultValue = "4", description = "T (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--alpha", defaultValue = "0.9", description = "Weight of the distillation term on labeled images; 1 − alpha goes to CE (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--unlabeled-weight", defaultValue = "1", description = "Weight of distillation on unlabeled pool images; 0 uses labeled images only (default: ${DEFAULT-VALUE})")
    double unlabeledWeight;

    @Option(names = "--distill", split = ",", defaultValue = "logits", description = "logits, features (FitNets hint), attention (AT), combinable (default: ${DEFAULT-VALUE})")
    List<String> kinds;

    @Option(names = "--hint-weight", defaultValue = "1", description = "Weight of the hint loss (default: ${DEFAULT-VALUE})")
    double hintWeight;

    @Option(names = "--attention-weight", defaultValue = "500", description = "Weight of attention transfer, the paper's β/2 (default: ${DEFAULT-VALUE})")
    double attentionWeight;

    @Option(names = "--normalize-loss", paramLabel = "on|off", defaultValue = "on",
            description = "Divide the loss by how much stronger than cross-entropy its logit terms can pull ((1 - alpha) + alpha·T + "
                    + "unlabeled-weight·T, 7.7 by default), so the default rate suits it whatever T and the weights; off: the paper's "
                    + "loss as is, which at lr 0.05 collapsed students trained for few steps (default: ${DEFAULT-VALUE})")
    String normalizeLoss;

    @Option(names = "--cache-teacher", description = "Compute the teacher's logits once on the un-augmented labeled and unlabeled images, "
            + "keep them on disk and reuse them across epochs and runs (logits only; not with --cutmix or --mixup)")
    boolean cacheTeacher;

    @Option(names = "--teacher-labels", paramLabel = "DIR", description = "With --cache-teacher: the pool's cached logits are log p "
            + "of the distributions in this artifact of mentor pseudo-label, made by --teacher (a Mentor run) for this run's "
            + "--unlabeled folder:DIR pool; with --spark it must be labeled with --distribution fp32")
    Path teacherLabels;

    @Option(names = "--teacher-cache-dir", paramLabel = "DIR", description = "Where --cache-teacher keeps its files (default: ~/.mentor/cache/teacher)")
    Path teacherCacheDir;

    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    /** What {@code method.json} keeps of a distillation run's options, for {@code --resume} (runs saved before {@code --teacher-labels} read it as null). */
    record Saved(String teacher, List<Float> teacherMean, List<Float> teacherStd, Distillation.Options method,
            boolean cacheTeacher, String teacherCacheDir, String teacherLabels) {}

    @Override
    public Integer call() {
        Saved saved = Training.savedOrGiven(options, Saved.class, () -> new Saved(
                Training.required(teacher, "--teacher", "a finished run, a TorchScript or an ONNX file").toAbsolutePath().normalize().toString(),
                teacherMean, teacherStd, new Distillation.Options(temperature, alpha, unlabeledWeight, kinds(kinds), hintWeight,
                        attentionWeight, Switch.parse("normalize_loss", normalizeLoss).on()), cacheTeacher, teacherCacheDir == null ? null : teacherCacheDir.toString(),
                teacherLabels == null ? null : teacherLabels.toAbsolutePath().normalize().toString()));
        Distillation.Options method = saved.method();
        Path teacher = Path.of(saved.teacher());
        boolean cacheTeacher = saved.cacheTeacher();
        Path teacherCacheDir = saved.teacherCacheDir() == null ? null : Path.of(saved.teacherCacheDir());
        Normalization teacherNormalization = Training.normalization("--teacher", saved.teacherMean(), saved.teacherStd());
        if (cacheTeacher) {
            if (options.cutmix > 0 || options.mixup > 0) {
                throw new MentorException("--cache-teacher: cannot be combined with --cutmix or --mixup (the cached logits would not match the mixed images)");
            }
            if (!method.kinds().equals(Set.of(Distillation.Kind.LOGITS))) {
                throw new MentorException("--cache-teacher: only logits can be cached; --distill features and attention need the teacher's live feature maps");
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        options.initByDefault = teacher;
        Path cache = !cacheTeacher ? null : teacherCacheDir != null ? teacherCacheDir : TeacherCache.defaultDirectory();
        Training.run("distill", options, saved, new DistillFactory(teacher, teacherNormalization, method, cache, err::println,
                saved.teacherLabels() == null ? null : Path.of(saved.teacherLabels())), null,
                spec.commandLine().getOut(), err);
        return 0;
    }

    static EnumSet<Distillation.Kind> kinds(List<String> names) {
        EnumSet<Distillation.Kind> kinds = EnumSet.noneOf(Distillation.Kind.class);
        for (String name : names) {
            try {
                kinds.add(Distillation.Kind.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new MentorException("--distill: unknown kind '" + name + "' (expected logits, features or attention)");
            }
        }
        return kinds;
    }
}
