package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help}, option by option and in order, is the text in {@code help/}, written by the build
 * before the train commands shared their options through mixins and their method through descriptors: a refactoring of
 * the commands changes no option, default or description a user reads.
 */
class HelpSnapshotTest {
    @Test
    void everyCommandsHelpIsAsBefore() throws IOException {
        Deque<CommandLine> pending = new ArrayDeque<>();
        pending.add(new CommandLine(new MentorCommand()));
        List<String> missing = new ArrayList<>();
        int compared = 0;
        while (!pending.isEmpty()) {
            CommandLine command = pending.poll();
            pending.addAll(command.getSubcommands().values());
            String name = command.getCommandSpec().qualifiedName().replace(' ', '-');
            String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            String expected = fixture(name);
            if (expected == null && System.getenv("MENTOR_WRITE_FIXTURES") != null) {
                Files.writeString(Path.of(System.getenv("MENTOR_WRITE_FIXTURES"), name + ".txt"), usage);
                continue;
            }
            if (expected == null) {
                missing.add(name);
                continue;
            }
            assertEquals(expected, usage, name);
            compared++;
        }
        assertEquals(List.of(), missing, "commands without a help fixture");
        assertTrue(compared > 20, "only " + compared + " commands compared");
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = HelpSnapshotTest.class.getResourceAsStream("help/" + name + ".txt")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
