package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.Switch;
import dev.mentor.run.SelfTrainingConfig;
import dev.mentor.run.SelfTrainingDirectory;
import dev.mentor.teacher.PseudoLabelTargets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of the self-training commands ({@code train pseudo-label}, {@code train noisy-student}):
 * how pseudo-labels are made into a student's training data. Left unset, each takes the command's
 * default, given to {@link #toConfig}.
 */
final class SelfTrainingOptions {
    /** One command's defaults. */
    record Defaults(String pseudoLabels, double minConfidence, String balance) {}

    @Option(names = "--teacher", paramLabel = "RUN_DIR", description = "A finished run (same data and split options) to use as the teacher instead of training one; "
            + "a self-training run's folder stands for the model it chose")
    Path teacher;

    @Option(names = "--pseudo-labels-from", paramLabel = "DIR", description = "Round 1 trains on the labels of this artifact of "
            + "mentor pseudo-label (with or without --spark) instead of labeling the pool: made by --teacher for this run's pool, "
            + "every image labeled")
    Path pseudoLabelsFrom;

    @Option(names = "--ensemble", split = ",", paramLabel = "RUN_DIR", description = "Finished runs of the same data and split "
            + "options (other architectures, say) whose mean prediction with each round's teacher labels that round's pool when "
            + "it is more accurate on the validation split than the teacher alone; selection.json records the choice")
    List<Path> ensemble;

    @Option(names = "--pseudo-labels", paramLabel = "soft|hard", description = "Train students on the teacher's distributions or on their argmax (default: soft for noisy-student, hard for pseudo-label)")
    String pseudoLabels;

    @Option(names = "--min-confidence", paramLabel = "P|auto", description = "Drop pseudo-labels whose confidence is lower; auto: "
            + "each round chooses it on the validation split, where the teacher's kept labels are most right net of wrong "
            + "(default: 0.3 for noisy-student, 0 for pseudo-label)")
    String minConfidence;

    @Option(names = "--balance", paramLabel = "on|off", description = "Bring every class to one count: repeat images of rare classes, keep the most confident of common ones (default: on for noisy-student, off for pseudo-label)")
    String balance;

    @Option(names = "--balance-per-class", defaultValue = "0", description = "The per-class count when balancing; 0: the mean count per class after filtering (default: ${DEFAULT-VALUE})")
    int balancePerClass;

    @Option(names = "--pseudo-ratio", defaultValue = "3", description = "Pseudo-labeled images per labeled image in each batch: a second stream of round(ratio x batch size) images (default: ${DEFAULT-VALUE})")
    double pseudoRatio;

    @Option(names = "--student-epochs", description = "Epochs of each student; students warm up for the teacher's share of their epochs (default: the run's steps, see --student-steps)")
    Integer studentEpochs;

    @Option(names = "--student-steps", description = "Optimizer steps of each student instead of --student-epochs (a budget that "
            + "does not depend on the number of labels); students warm up for the run's share of them when --warmup-steps or "
            + "--warmup-epochs sets another than the default, else for 5%% of them, at least 50 or a quarter (default, "
            + "when neither this nor --student-epochs is given: the run's --steps, or its default budget)")
    Long studentSteps;

    /** Whether the students' budget was given (else they train the run's resolved steps). */
    boolean studentBudgetGiven() {
        return studentEpochs != null || studentSteps != null;
    }

    SelfTrainingConfig toConfig(String method, int rounds, List<String> models, int epochs, Defaults defaults,
            Switch inputNoise, Switch modelNoise) {
        return toConfig(method, rounds, models, epochs, defaults, inputNoise, modelNoise, SelfTrainingConfig.FinalModel.LAST);
    }

    SelfTrainingConfig toConfig(String method, int rounds, List<String> models, int epochs, Defaults defaults,
            Switch inputNoise, Switch modelNoise, SelfTrainingConfig.FinalModel finalModel) {
        return new SelfTrainingConfig(method, rounds, models, studentEpochs != null ? studentEpochs : epochs,
                PseudoLabelTargets.Kind.parse(pseudoLabels != null ? pseudoLabels : defaults.pseudoLabels()),
                minConfidence == null || auto() ? defaults.minConfidence() : fixedMinConfidence(),
                Switch.parse("balance", balance != null ? balance : defaults.balance()), balancePerClass, pseudoRatio,
                inputNoise, modelNoise, teacher == null ? null : SelfTrainingDirectory.modelFolder(teacher).toString(), studentSteps, auto(),
                pseudoLabelsFrom == null ? null : pseudoLabelsFrom.toAbsolutePath().normalize().toString(), finalModel,
                ensemble == null ? List.of() : ensemble.stream()
                        .map(run -> SelfTrainingDirectory.modelFolder(run).toAbsolutePath().normalize().toString()).toList());
    }

    private boolean auto() {
        return "auto".equals(minConfidence);
    }

    private double fixedMinConfidence() {
        try {
            return Double.parseDouble(minConfidence);
        } catch (NumberFormatException e) {
            throw new MentorException("--min-confidence: expected a number in [0, 1] or auto, got '" + minConfidence + "'");
        }
    }
}
