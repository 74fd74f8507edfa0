package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help} renders cleanly: picocli formats descriptions, and a bare '%' makes it
 * print a warning on stderr and the text unformatted.
 */
class HelpTextTest {
    @Test
    void everyCommandsHelpRendersWithoutWarnings() {
        Deque<CommandLine> pending = new ArrayDeque<>();
        pending.add(new CommandLine(new MentorCommand()));
        int commands = 0;
        PrintStream stderr = System.err;
        try {
            while (!pending.isEmpty()) {
                CommandLine command = pending.poll();
                pending.addAll(command.getSubcommands().values());
                ByteArrayOutputStream warnings = new ByteArrayOutputStream();
                System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
                String usage = command.getUsageMessage();
                System.setErr(stderr);
                String name = command.getCommandSpec().qualifiedName();
                assertFalse(warnings.toString(StandardCharsets.UTF_8).contains("WARN"), name + ": " + warnings);
                assertFalse(usage.contains("%n"), name + " help has an unformatted %n");
                commands++;
            }
        } finally {
            System.setErr(stderr);
        }
        assertTrue(commands > 20, "only " + commands + " commands found");
    }
}
