package dev.mentor.cli;

import picocli.CommandLine.Command;

/** The top-level command. */
@Command(name = "mentor", mixinStandardHelpOptions = true, version = "mentor 0.1.0",
        description = "Train image classifiers with pre-trained models and unlabeled images.",
        subcommands = {TrainCommand.class, PseudoLabelCommand.class, EvaluateCommand.class, PredictCommand.class, ExportCommand.class,
            BenchCommand.class, TuneCommand.class, FitCommand.class, DemoCommand.class, ReportCommand.class, AugmentCommand.class})
final class MentorCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
