package dev.mentor.cli;

import dev.mentor.MentorException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The last options of a command that writes one {@code --out} file: {@code --force} to overwrite it, and {@code --verbose}. */
final class OutFileOptions {
    @Option(names = "--force", description = "Overwrite an existing --out file")
    boolean force;

    @Mixin
    Verbose verbose;

    /** Refuses an {@code --out} file that exists already, unless {@code --force} was given. */
    void refuseExisting(Path out) {
        if (Files.exists(out) && !force) {
            throw new MentorException("--out: " + out + " already exists (use --force to overwrite it)");
        }
    }
}
