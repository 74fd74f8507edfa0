package dev.mentor.cli;

import dev.mentor.MentorException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Entry point of the {@code mentor} command. User errors (a {@link MentorException} or a bad option)
 * print one line naming the option or file and the bad value and exit with code 2; the stack trace is
 * shown only with {@code --verbose}.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine cli = new CommandLine(new MentorCommand());
        cli.setOut(out);
        cli.setErr(err);
        ConfigFile config;
        try {
            config = ConfigFile.fromArguments(args);
        } catch (MentorException e) {
            err.println("mentor: " + e.getMessage());
            return 2;
        }
        cli.setDefaultValueProvider(config);
        cli.setExecutionStrategy(parseResult -> {
            if (config != null) {
                CommandLine.ParseResult leaf = parseResult;
                while (leaf.hasSubcommand()) {
                    leaf = leaf.subcommand();
                }
                try {
                    config.checkAllUsed(leaf.commandSpec().options());
                } catch (MentorException e) {
                    err.println("mentor: " + e.getMessage());
                    return 2;
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("mentor: " + ex.getMessage());
            if (verbose) {
                ex.printStackTrace(err);
            }
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof MentorException) {
                err.println("mentor: " + ex.getMessage());
                if (verbose) {
                    ex.printStackTrace(err);
                }
                return 2;
            }
            err.println("mentor: internal error: " + ex + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) {
                ex.printStackTrace(err);
            }
            return 1;
        });
        return cli.execute(args);
    }
}
