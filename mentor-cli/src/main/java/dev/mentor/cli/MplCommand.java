package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.method.ConsistencyConfig;
import dev.mentor.method.MetaPseudoLabels;
import dev.mentor.method.MplConfig;
import dev.mentor.method.MplSign;
import dev.mentor.method.ReducedTeacherConfig;
import dev.mentor.run.MplFactory;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mentor train mpl}: Meta Pseudo Labels (Pham et al., 2021), optionally reduced. */
@Command(name = "mpl", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Meta Pseudo Labels: a teacher (CE on labels + λ_u·UDA + the MPL term) and a student that learns the teacher's "
                + "hard pseudo-labels of the strong view; the teacher learns from the change of the student's labeled loss. "
                + "--lr and --warmup-epochs are the teacher's, --ema is the student's; the fine-tuned student is the run's model.",
                "With --reduced-teacher, a small MLP over a frozen large teacher's cached outputs is the teacher (Reduced MPL)."})
final class MplCommand extends TrainMethodCommand {
    @Mixin
    ConsistencyOptions.WithUda consistency;

    @Option(names = "--label-smoothing", defaultValue = "0.15", description = "ε of the teacher's labels and the student's pseudo-labels (default: ${DEFAULT-VALUE})")
    double labelSmoothing;

    @Option(names = "--mpl-sign", defaultValue = "theory",
            description = "Factor of the MPL term: theory (old − new student labeled loss, as derived) or author (new − old, as the reference code) (default: ${DEFAULT-VALUE})")
    String mplSign;

    @Option(names = "--mpl-weight", defaultValue = "1.0", description = "Weight of the MPL term; 0 removes the feedback (the teacher is plain UDA) (default: ${DEFAULT-VALUE})")
    double mplWeight;

    @Option(names = "--student-lr", description = "The student's peak learning rate (default: --lr)")
    Double studentLr;

    @Option(names = "--student-wait-steps", defaultValue = "0", description = "Steps before the student learns (default: ${DEFAULT-VALUE})")
    long studentWaitSteps;

    @Option(names = "--finetune-steps", paramLabel = "N",
            description = "Steps of fine-tuning the student on the labeled images at the end; 0 for none (default: 20%% of the run's steps)")
    Long finetuneSteps;

    @Option(names = "--finetune-epochs", paramLabel = "N", description = "The fine-tuning in passes over the labeled images instead of --finetune-steps")
    Integer finetuneEpochs;

    @Option(names = "--finetune-lr", defaultValue = "0.001", description = "Constant learning rate of the fine-tuning (no weight decay, no dropout) (default: ${DEFAULT-VALUE})")
    double finetuneLr;

    @Option(names = "--reduced-teacher", paramLabel = "PATH",
            description = "Reduced MPL: the frozen large teacher, a finished run (directory or model.ckpt), a TorchScript or an ONNX classifier")
    Path reducedTeacher;

    @Option(names = "--reduced-layers", defaultValue = "2", description = "Hidden layers of the reduced teacher's MLP (default: ${DEFAULT-VALUE})")
    int reducedLayers;

    @Option(names = "--reduced-width", defaultValue = "64", description = "Units per hidden layer of the reduced teacher's MLP (default: ${DEFAULT-VALUE})")
    int reducedWidth;

    @Option(names = "--teacher-cache-dir", paramLabel = "DIR", description = "Where Reduced MPL keeps the large teacher's outputs (default: ~/.mentor/cache/teacher)")
    Path teacherCacheDir;

    @Mixin
    TrainOptions options;

    MplCommand() {
        super(MetaPseudoLabels.DESCRIPTOR);
    }

    @Override
    public Integer call() {
        MplConfig config = null;
        if (options.resume == null) {
            if (finetuneEpochs != null && finetuneSteps != null) {
                throw new MentorException("--finetune-epochs: give it or --finetune-steps, not both");
            }
            if (finetuneEpochs != null && finetuneEpochs < 1) {
                throw new MentorException("--finetune-epochs: must be >= 1 (--finetune-steps 0 for none), got " + finetuneEpochs);
            }
            consistency.consistency.refuseAlignment(descriptor.name());
            ConsistencyConfig teacher = consistency.toConfig();
            ReducedTeacherConfig reduced = null;
            if (reducedTeacher != null) {
                reduced = new ReducedTeacherConfig(reducedTeacher.toString(), reducedLayers, reducedWidth,
                        teacherCacheDir == null ? null : teacherCacheDir.toString());
                MplFactory.checkLargeTeacher(reduced.teacher());
            }
            config = new MplConfig(teacher, labelSmoothing, MplSign.parse(mplSign), mplWeight,
                    studentLr != null ? studentLr : options.learningRate, studentWaitSteps, finetuneEpochs == null ? 0 : finetuneEpochs, finetuneSteps, finetuneLr, reduced);
        }
        MplConfig resolved = Training.resolve(options, MetaPseudoLabels.DESCRIPTOR, config);
        Training.run(MetaPseudoLabels.DESCRIPTOR, options, resolved, new MplFactory(resolved, err()::println), null, null, out(), err());
        return 0;
    }

    @Override
    List<String> suiteArguments(SuiteCall call) {
        return List.of("--unlabeled-ratio", "7", "--uda-steps", Integer.toString(call.steps() / 10), "--student-wait-steps",
                Integer.toString(call.steps() / 20), "--finetune-steps", Long.toString(MplConfig.defaultFinetuneSteps(call.steps())));
    }
}
