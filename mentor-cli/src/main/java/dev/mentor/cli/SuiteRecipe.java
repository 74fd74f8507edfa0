package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.method.MethodDescriptor;
import dev.mentor.method.MethodInfo;
import dev.mentor.method.Supervised;
import dev.mentor.report.RunReader;
import dev.mentor.run.SelfTrainingDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the suite trains one method: its {@link MethodDescriptor.Recipe recipe} (steps, the run it requires, whether it
 * warm-starts, its line in the results) and its {@code mentor train} command, which gives the method's own arguments
 * ({@link TrainMethodCommand#suiteArguments}). Budgets are optimizer steps ({@code --steps}), not epochs, so every label
 * budget trains as long. A method that learns from another run requires it (the teacher is that run of the same labels
 * and seed); a warm-starting method starts its model from the supervised run of the same labels and seed ({@code
 * --init}) when the suite warm-starts.
 */
record SuiteRecipe(MethodDescriptor<?> method, TrainMethodCommand command) {
    static final int BATCH_SIZE = 64;
    static final double LEARNING_RATE = 0.05;
    /** Noisy Student's input noise; its model noise is {@link #STUDENT_DROPOUT}. */
    static final String STUDENT_AUGMENT = "weak+randaugment:n=2,m=9";
    static final double STUDENT_DROPOUT = 0.4;

    /** Every method's recipe, in the order of {@link MethodInfo#ALL}, which a suite runs them in (a run before those that learn from it). */
    static final List<SuiteRecipe> ALL = recipes();

    private static List<SuiteRecipe> recipes() {
        List<TrainMethodCommand> commands = TrainCommand.commands();
        return MethodInfo.ALL.stream().map(method -> new SuiteRecipe(method, commands.stream().filter(c -> c.descriptor == method)
                .findFirst().orElseThrow(() -> new IllegalStateException(method.name() + " has no train subcommand")))).toList();
    }

    static SuiteRecipe of(String method) {
        return ALL.stream().filter(r -> r.name().equals(method)).findFirst().orElseThrow(() -> new MentorException(
                "--methods: unknown method '" + method + "' (expected some of " + String.join(", ", names()) + ")"));
    }

    static SuiteRecipe of(MethodInfo method) {
        return ALL.stream().filter(r -> r.method == method).findFirst().orElseThrow();
    }

    static List<String> names() {
        return ALL.stream().map(SuiteRecipe::name).toList();
    }

    String name() {
        return method.name();
    }

    int steps() {
        return method.recipe().steps();
    }

    String description() {
        return method.recipe().description();
    }

    boolean warmStarts() {
        return method.recipe().warmStarts();
    }

    /** The recipe of the run this one learns from (its teacher), or null. */
    SuiteRecipe requires() {
        return method.recipe().requires() == null ? null : of(method.recipe().requires());
    }

    /** The recipe whose run this one needs: its teacher, or the supervised run it starts from; null for none. */
    SuiteRecipe requires(boolean warmStart) {
        return requires() != null ? requires() : warmStart && warmStarts() ? of(Supervised.DESCRIPTOR) : null;
    }

    /**
     * The command line of one run, without its folder ({@code --out} or {@code --resume}).
     *
     * @param steps this run's step budget
     * @param prerequisite the folder of the run this one needs, or null
     * @param init the run the model starts from ({@code --init}), or null
     */
    List<String> arguments(Suite.Settings settings, int labels, long seed, int steps, Path prerequisite, Path init) {
        List<String> a = new ArrayList<>(List.of("train", name(), "--data", settings.data(), "--labels", Integer.toString(labels),
                "--validation-per-class", Integer.toString(settings.validationPerClass()), "--model", settings.model(),
                "--batch-size", Integer.toString(BATCH_SIZE), "--lr", Double.toString(LEARNING_RATE), "--seed", Long.toString(seed),
                "--steps", Integer.toString(steps)));
        a.addAll(command.suiteArguments(new TrainMethodCommand.SuiteCall(settings, steps, prerequisite)));
        if (init != null) {
            a.addAll(List.of("--init", init.toString()));
        } else if (warmStarts()) {
            // the suite chose a fresh start (--no-warm-start, or a supervised run that did not learn): the command alone
            // would train a start of its own
            a.addAll(List.of("--init", "none"));
        }
        return a;
    }

    /**
     * The folder of a self-training run's model: the round it chose ({@code --final}) once it is finished, round 1 (its
     * only student) before, as a plan lists a command whose prerequisite has not run yet.
     */
    static Path finalModel(Path selfTraining) {
        return RunReader.isFinished(selfTraining) ? SelfTrainingDirectory.modelFolder(selfTraining) : selfTraining.resolve("round-1");
    }

    /** Whether the run's folder is a self-training folder (rounds) rather than a single run. */
    boolean selfTraining() {
        return method.selfTraining();
    }
}
