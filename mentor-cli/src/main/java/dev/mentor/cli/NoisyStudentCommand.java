package dev.mentor.cli;

import dev.mentor.Switch;
import dev.mentor.method.StudentTraining;
import dev.mentor.run.SelfTrainingConfig;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mentor train noisy-student}: self-training with noised, equal-or-larger students (Xie et al., 2020). */
@Command(name = "noisy-student", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Noisy Student: a teacher trained on the labeled images labels the unlabeled pool un-noised; a student "
                + "as large or larger is trained with noise on labeled + pseudo-labeled images (filtered, balanced) and becomes "
                + "the next teacher, for --rounds rounds. Input noise is --augment (e.g. weak+randaugment:n=2,m=9), model noise "
                + "--dropout and --stochastic-depth; the teacher of round 0 trains with the same noise.",
            "Each round is a run of its own in OUT/round-R (resumable with --resume OUT); OUT/rounds.json sums them up and names "
                + "the round whose model is the run's (--final)."})
final class NoisyStudentCommand extends TrainMethodCommand {
    static final SelfTrainingOptions.Defaults DEFAULTS = new SelfTrainingOptions.Defaults("soft", 0.3, "on");

    @Option(names = "--rounds", defaultValue = "2", description = "Student rounds, each student the next round's teacher (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--models", split = ",", paramLabel = "MODEL", description = "The teacher's model, then each round's student (the last repeats), "
            + "e.g. cnn-small,resnet-20; students must not be smaller in FLOPs (default: --model every round)")
    List<String> models;

    @Option(names = "--input-noise", defaultValue = "on", paramLabel = "on|off", description = "Students see --augment (off: no augmentation) (default: ${DEFAULT-VALUE})")
    String inputNoise;

    @Option(names = "--model-noise", defaultValue = "on", paramLabel = "on|off", description = "Students keep --dropout and --stochastic-depth (off: both 0) (default: ${DEFAULT-VALUE})")
    String modelNoise;

    @Option(names = "--final", defaultValue = "best", paramLabel = "best|last", description = "The run's model: best, the one with "
            + "the highest validation accuracy among the teacher and every round's student (ties to the later round), so the run "
            + "never returns a model worse on validation than its teacher; last, the last round's student (default: ${DEFAULT-VALUE})")
    String finalModel;

    @Mixin
    SelfTrainingOptions selfTraining;

    @Mixin
    TrainOptions options;

    NoisyStudentCommand() {
        super(StudentTraining.NOISY_STUDENT);
    }

    @Override
    public Integer call() {
        SelfTrainingConfig config = options.resume != null ? null : selfTraining.toConfig(descriptor.name(), rounds,
                models == null || models.isEmpty() ? List.of(options.model) : models.stream().map(String::strip).toList(),
                options.epochsOrDefault(), DEFAULTS, Switch.parse("input_noise", inputNoise), Switch.parse("model_noise", modelNoise),
                SelfTrainingConfig.FinalModel.parse(finalModel));
        if (config != null && selfTraining.teacher != null && config.models().stream().allMatch(config.modelOf(0)::equals)) {
            // students of the teacher's architecture start from it (the collapse of a fresh round-2 student on few labels: issue 17)
            options.initByDefault = selfTraining.teacher;
        }
        SelfTrainingCommands.run(options, config, selfTraining.studentBudgetGiven(), out(), err());
        return 0;
    }

    @Override
    List<String> suiteArguments(SuiteCall call) {
        return List.of("--student-steps", Integer.toString(call.steps()), "--teacher", call.prerequisite().toString(), "--rounds", "1",
                "--models", call.settings().model(), "--augment", SuiteRecipe.STUDENT_AUGMENT, "--dropout",
                Double.toString(SuiteRecipe.STUDENT_DROPOUT));
    }
}
