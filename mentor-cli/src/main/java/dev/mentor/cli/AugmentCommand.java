package dev.mentor.cli;

import picocli.CommandLine.Command;

/** {@code mentor augment ...}: apply one augmentation op to PNG files, or preview a policy on a data set. */
@Command(name = "augment", mixinStandardHelpOptions = true, description = "Apply or preview image augmentations.",
        subcommands = {AugmentApplyCommand.class, AugmentPreviewCommand.class})
final class AugmentCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
