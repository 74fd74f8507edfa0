package dev.mentor.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}, which every working command accepts; {@link Main} reads it from the arguments before they parse. */
final class Verbose {
    @Option(names = "--verbose", description = "Show stack traces of errors")
    boolean verbose;
}
