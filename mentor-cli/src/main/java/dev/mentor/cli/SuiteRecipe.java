package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.method.MethodInfo;
import dev.mentor.method.MplConfig;
import dev.mentor.report.RunReader;
import dev.mentor.run.SelfTrainingDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the suite trains one method: its {@code mentor train} command and options, and its step budget.
 * Budgets are optimizer steps ({@code --steps}), not epochs, so every label budget trains as long. A
 * method that learns from another run names it in {@link #requires} (the teacher is that run of the same
 * labels and seed); a {@link #warmStarts warm-started} method starts its model from the supervised run of
 * the same labels and seed ({@code --init}) when the suite warm-starts.
 *
 * @param steps the method's steps; supervised: the RESULTS baseline, 100 epochs of 1,000 labels at batch 64
 * @param requires the method whose run of the same labels and seed this one needs, or null
 * @param warmStarts whether the method starts from the supervised run when the suite warm-starts: the
 *     consistency methods, which USB found need orders of magnitude fewer steps from a trained network
 */
record SuiteRecipe(String method, int steps, String requires, boolean warmStarts, String description) {
    static final int BATCH_SIZE = 64;
    static final double LEARNING_RATE = 0.05;
    /** Noisy Student's input noise; its model noise is {@link #STUDENT_DROPOUT}. */
    static final String STUDENT_AUGMENT = "weak+randaugment:n=2,m=9";
    static final double STUDENT_DROPOUT = 0.4;

    /** Every recipe, in the order a suite runs them (a run before those that learn from it). */
    static final List<SuiteRecipe> ALL = List.of(
            new SuiteRecipe("supervised", 1600, null, false, "CE on the labeled images, weak augmentation"),
            new SuiteRecipe("transfer", 1600, null, false, "fine-tunes --pretrained's backbone with a new head"),
            new SuiteRecipe("self-distill", 1600, null, false, "two distortions of each image agree (KL)"),
            new SuiteRecipe("mutual", 1600, null, false, "two students distil from each other"),
            new SuiteRecipe("fixmatch", 1600, null, true, "weak-view pseudo-label >= 0.95 is the strong view's target, mu = 7"),
            new SuiteRecipe("flexmatch", 1600, null, true, "FixMatch with per-class thresholds from curriculum pseudo-labeling, mu = 7"),
            new SuiteRecipe("freematch", 1600, null, true, "FixMatch with self-adaptive global and per-class thresholds, mu = 7"),
            new SuiteRecipe("uda", 1600, null, true, "sharpened weak-view prediction is the strong view's target, mu = 7"),
            new SuiteRecipe("pseudo-label", 1600, "supervised", false, "the supervised run's hard labels of the pool, retrained"),
            new SuiteRecipe("noisy-student", 1600, "supervised", false,
                    "the supervised run labels the pool; a noised student (RandAugment, dropout 0.4) learns labeled + pseudo-labeled"),
            new SuiteRecipe("distill", 1600, "noisy-student", false,
                    "the Noisy Student's student, distilled (T = 4) into a fresh model on labeled and unlabeled images"),
            new SuiteRecipe("mpl", 1600, null, true, "Meta Pseudo Labels (UDA teacher, mu = 7) then the student fine-tuned on labels"));

    static SuiteRecipe of(String method) {
        return ALL.stream().filter(r -> r.method.equals(method)).findFirst().orElseThrow(() -> new MentorException(
                "--methods: unknown method '" + method + "' (expected some of " + String.join(", ", names()) + ")"));
    }

    static List<String> names() {
        return ALL.stream().map(SuiteRecipe::method).toList();
    }

    /** The method whose run this one needs: its teacher, or the supervised run it starts from; null for none. */
    String requires(boolean warmStart) {
        return requires != null ? requires : warmStart && warmStarts ? "supervised" : null;
    }

    /**
     * The command line of one run, without its folder ({@code --out} or {@code --resume}).
     *
     * @param steps this run's step budget
     * @param prerequisite the folder of the run this one needs, or null
     * @param init the run the model starts from ({@code --init}), or null
     */
    List<String> arguments(Suite.Settings settings, int labels, long seed, int steps, Path prerequisite, Path init) {
        String n = Integer.toString(steps);
        List<String> a = new ArrayList<>(List.of("train", method, "--data", settings.data(), "--labels", Integer.toString(labels),
                "--validation-per-class", Integer.toString(settings.validationPerClass()), "--model", settings.model(),
                "--batch-size", Integer.toString(BATCH_SIZE), "--lr", Double.toString(LEARNING_RATE), "--seed", Long.toString(seed),
                "--steps", n));
        switch (method) {
            case "supervised", "self-distill" -> { }
            case "transfer" -> a.addAll(List.of("--pretrained", settings.pretrained().toString(), "--mode", "fine-tune"));
            case "mutual" -> a.addAll(List.of("--models", settings.model() + "," + settings.model()));
            case "fixmatch", "flexmatch" -> a.addAll(List.of("--unlabeled-ratio", "7", "--threshold", "0.95"));
            case "freematch" -> a.addAll(List.of("--unlabeled-ratio", "7"));
            case "uda" -> a.addAll(List.of("--unlabeled-ratio", "7", "--threshold", "0.8", "--temperature", "0.4",
                    "--uda-steps", Integer.toString(steps / 10)));
            case "mpl" -> a.addAll(List.of("--unlabeled-ratio", "7", "--uda-steps", Integer.toString(steps / 10),
                    "--student-wait-steps", Integer.toString(steps / 20), "--finetune-steps",
                    Long.toString(MplConfig.defaultFinetuneSteps(steps))));
            case "pseudo-label" -> a.addAll(List.of("--student-steps", n, "--teacher", prerequisite.toString()));
            case "noisy-student" -> a.addAll(List.of("--student-steps", n, "--teacher", prerequisite.toString(), "--rounds", "1",
                    "--models", settings.model(), "--augment", STUDENT_AUGMENT, "--dropout", Double.toString(STUDENT_DROPOUT)));
            case "distill" -> a.addAll(List.of("--teacher", finalModel(prerequisite).toString(), "--temperature", "4",
                    "--alpha", "0.9", "--unlabeled-weight", "1"));
            default -> throw new IllegalStateException("no arguments for " + method);
        }
        if (init != null) {
            a.addAll(List.of("--init", init.toString()));
        }
        return a;
    }

    /**
     * The folder of a self-training run's model: the round it chose ({@code --final}) once it is finished, round 1 (its
     * only student) before, as a plan lists a command whose prerequisite has not run yet.
     */
    private static Path finalModel(Path selfTraining) {
        return RunReader.isFinished(selfTraining) ? SelfTrainingDirectory.modelFolder(selfTraining) : selfTraining.resolve("round-1");
    }

    /** Whether the run's folder is a self-training folder (rounds) rather than a single run. */
    boolean selfTraining() {
        return MethodInfo.of(method, "methods").selfTraining();
    }
}
