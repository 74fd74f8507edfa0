package dev.mentor.cli;

import ai.djl.ndarray.NDManager;
import dev.mentor.Interrupted;
import dev.mentor.run.Experiment;
import dev.mentor.run.ExperimentConfig;
import dev.mentor.run.RoundRecord;
import dev.mentor.run.Rounds;
import dev.mentor.run.SelfTraining;
import dev.mentor.run.SelfTrainingConfig;
import dev.mentor.run.SelfTrainingDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Runs a self-training command: resolves the configs (or the resumed run's), the folder, and reports round by round. */
final class SelfTrainingCommands {
    private SelfTrainingCommands() {}

    /**
     * @param fresh the self-training config of a new run (null when resuming)
     * @param studentBudgetGiven whether --student-epochs or --student-steps was given; if not, each student
     *     trains as many steps as the run's resolved budget (--steps or its default), not epochs of the
     *     labeled set, which with few labels are a handful of steps
     */
    static List<RoundRecord> run(TrainOptions options, SelfTrainingConfig fresh, boolean studentBudgetGiven, PrintWriter out,
            PrintWriter err) {
        boolean resume = options.resume != null;
        ExperimentConfig base;
        SelfTrainingConfig config;
        SelfTrainingDirectory directory = null;
        if (resume) {
            directory = SelfTrainingDirectory.resume(options.resume);
            SelfTrainingDirectory.Saved saved = SelfTrainingDirectory.readConfig(directory.root());
            base = saved.experiment();
            config = saved.selfTraining();
        } else {
            base = options.toConfig();
            config = fresh;
        }
        SelfTraining selfTraining = new SelfTraining(base, config, Main.log(err));
        SelfTraining.Checked checked = selfTraining.check();
        if (!resume) {
            base = options.resolve(base, checked.prepared(), err);
            if (!studentBudgetGiven && base.steps() != null) {
                config = config.withStudentSteps(base.steps());
            }
            selfTraining = new SelfTraining(base, config, Main.log(err));
            Path target = options.out != null ? options.out : Experiment.defaultDirectory(config.method(), config.modelOf(config.rounds()));
            directory = SelfTrainingDirectory.create(target, options.force);
        }
        err.println((resume ? "resuming " : "training ") + config.method() + " (" + config.rounds() + " round"
                + (config.rounds() == 1 ? "" : "s") + ") into " + directory.root());
        List<RoundRecord> records;
        try (NDManager parent = NDManager.newBaseManager()) {
            records = selfTraining.run(checked, directory, resume, round -> List.of(new ConsoleProgress(err)), parent);
        } catch (Interrupted stopped) {
            throw stopped.continuedBy(Training.resumeCommand(config.method(), directory.root()));
        }
        printSummary(records, out);
        Rounds rounds = Rounds.read(directory.root().resolve(SelfTrainingDirectory.ROUNDS));
        RoundRecord chosen = rounds.finalRound();
        out.printf("test accuracy: %s   (final model: round %d's %s, %s; teacher %s; %s)%n", percent(chosen.testAccuracy()),
                chosen.round(), chosen.role(), rounds.finalModel().rule().equals("best") ? "best on validation" : "the last round",
                percent(records.get(0).testAccuracy()), directory.root().resolve(SelfTrainingDirectory.ROUNDS));
        return records;
    }

    private static void printSummary(List<RoundRecord> records, PrintWriter out) {
        out.printf("%-5s %-8s %-16s %9s %10s %9s %9s %8s %8s%n", "round", "role", "model", "test", "pseudo acc", "kept",
                "selected", "seconds", "arrays");
        for (RoundRecord r : records) {
            var labels = r.pseudoLabels();
            out.printf("%-5d %-8s %-16s %9s %10s %9s %9s %8.0f %8s%n", r.round(), r.role(), r.model(), percent(r.testAccuracy()),
                    labels == null ? "-" : percent(labels.accuracy()), labels == null ? "-" : String.format("%,d", labels.kept()),
                    labels == null ? "-" : String.format("%,d", labels.selected()), r.seconds(),
                    r.memory() == null ? "-" : r.memory().arraysDuringTraining() + "/" + r.memory().arraysAfter());
        }
    }

    private static String percent(Double value) {
        return value == null ? "n/a" : String.format("%.2f%%", 100 * value);
    }
}
