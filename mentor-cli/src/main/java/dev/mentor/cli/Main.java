package dev.mentor.cli;

import dev.mentor.Interrupted;
import dev.mentor.Interruption;
import dev.mentor.MentorException;
import dev.mentor.RunLog;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import sun.misc.Signal;

/**
 * Entry point of the {@code mentor} command. User errors (a {@link MentorException} or a bad option)
 * print one line naming the option or file and the bad value and exit with code 2; the stack trace is
 * shown only with {@code --verbose}. Ctrl-C (SIGINT) and SIGTERM ask the work to stop at its next clean
 * point ({@link Interruption}); the command then prints one line saying where it stopped and how to
 * continue, and exits with 130 or 143. A second signal quits at once.
 */
public final class Main {
    private Main() {}

    /**
     * Components whose flag is not their snake_case name in kebab-case. Every other component
     * {@code a_b} is the flag {@code --a-b}.
     */
    private static final java.util.Map<String, String> FLAGS = java.util.Map.of(
            "learning_rate", "--lr",
            "student_learning_rate", "--student-lr",
            "finetune_learning_rate", "--finetune-lr",
            "master", "--spark",
            "final_model", "--final");

    /** The command-line flag that sets the config component {@code component} (snake_case). */
    static String flag(String component) {
        return FLAGS.getOrDefault(component, "--" + component.replace('_', '-'));
    }

    /**
     * The message of {@code e} as the CLI user reads it: each config component it names is the
     * component's flag, the way the user set it.
     */
    static String message(MentorException e) {
        return e.message(Main::flag);
    }

    /** A run's log printing to {@code err}, each option a line names spelled as its flag (as {@link #message}). */
    static RunLog log(PrintWriter err) {
        return RunLog.spelling(err::println, Main::flag);
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        stopOnSignals(err);
        System.exit(run(args, new PrintWriter(System.out, true), err));
    }

    /**
     * Replaces the JVM's exit on SIGINT and SIGTERM by a stop request. The JVM's own handling ran the
     * shutdown and exited while the training thread was inside libtorch, which crashed the JVM there
     * (SIGSEGV in {@code at::accelerator::getAccelerator}, an {@code hs_err} file left behind).
     */
    static void stopOnSignals(PrintWriter err) {
        handle("INT", 130, err);
        handle("TERM", 143, err);
    }

    private static void handle(String name, int exitCode, PrintWriter err) {
        try {
            Signal.handle(new Signal(name), signal -> {
                if (Interruption.pending() != null) {
                    err.println("\nmentor: SIG" + name + " again: quitting at once; the run continues from its last checkpoint");
                    Runtime.getRuntime().halt(exitCode);
                }
                // said before the request: the training thread, once it sees the request, says where it stopped, and that
                // line must come last (it holds the command that continues the run)
                err.println("\nmentor: SIG" + name + ": stopping before the next step (again to quit at once)");
                Interruption.request("SIG" + name, exitCode);
            });
        } catch (IllegalArgumentException e) {
            // the signal is reserved here (a JVM started with -Xrs): keep its default
        }
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
            err.println("mentor: " + message(e));
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
                    err.println("mentor: " + message(e));
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
            if (ex instanceof Interrupted stopped) {
                err.println("mentor: " + stopped.getMessage());
                return stopped.exitCode();
            }
            if (ex instanceof MentorException) {
                err.println("mentor: " + message((MentorException) ex));
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
