package dev.mentor.spark;

import dev.mentor.MentorException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * How this module's own main classes ({@link LabelPool}, {@link PackPool}) end, as {@code mentor} does: the user's error
 * is one line and exit code 2, anything else an internal error (1); {@code --verbose} adds the stack trace.
 */
final class CommandLines {
    private CommandLines() {}

    /**
     * Each config component an error names is printed as its flag, as the command line's Main prints it (this module's
     * options are all their component in kebab-case).
     */
    static String message(MentorException e) {
        return e.message(component -> "--" + component.replace('_', '-'));
    }

    /** Runs {@code command} (a picocli command) on {@code args} and returns its exit code. */
    static int execute(Object command, String[] args, PrintWriter err) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine cli = new CommandLine(command);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("mentor: " + e.getMessage());
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            boolean user = e instanceof MentorException;
            err.println("mentor: " + (user ? message((MentorException) e) : "internal error: " + e + (verbose ? "" : " (run with --verbose for details)")));
            if (verbose) {
                e.printStackTrace(err);
            }
            return user ? 2 : 1;
        });
        return cli.execute(args);
    }
}
