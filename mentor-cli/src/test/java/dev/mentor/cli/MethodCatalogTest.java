package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.method.MethodDescriptor;
import dev.mentor.method.MethodInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The method catalog ({@link MethodInfo#ALL}, the methods' descriptors) is the list the CLI, the suite and fit use: each
 * descriptor has its train subcommand and each subcommand its descriptor, and the suite's recipes are the descriptors'.
 */
class MethodCatalogTest {
    @Test
    void everyTrainSubcommandIsInTheCatalogAndBack() {
        Map<String, CommandLine> subcommands = new CommandLine(new TrainCommand()).getSubcommands();
        assertEquals(new TreeSet<>(MethodInfo.names()), new TreeSet<>(subcommands.keySet()));
        for (var subcommand : subcommands.entrySet()) {
            TrainMethodCommand command = (TrainMethodCommand) subcommand.getValue().getCommand();
            assertEquals(subcommand.getKey(), command.descriptor.name(), "the subcommand trains the method it is named for");
            assertTrue(MethodInfo.ALL.contains(command.descriptor), subcommand.getKey() + "'s descriptor is the catalog's");
        }
        List<MethodDescriptor<?>> trained = TrainCommand.commands().stream().<MethodDescriptor<?>>map(c -> c.descriptor).toList();
        assertEquals(Set.copyOf(MethodInfo.ALL), Set.copyOf(trained));
        assertEquals(MethodInfo.ALL.size(), trained.size(), "one subcommand per method");
    }

    @Test
    void theSuitesRecipesAreTheDescriptors() {
        assertEquals(MethodInfo.names(), SuiteRecipe.names(), "one recipe per method, in the catalog's order");
        List<String> before = new ArrayList<>();
        for (SuiteRecipe recipe : SuiteRecipe.ALL) {
            MethodDescriptor<?> method = MethodInfo.of(recipe.name(), "method");
            assertSame(method, recipe.method());
            assertSame(method, recipe.command().descriptor, recipe.name() + "'s arguments come from its own command");
            assertEquals(method.recipe().steps(), recipe.steps());
            assertEquals(method.recipe().description(), recipe.description());
            assertEquals(method.recipe().warmStarts(), recipe.warmStarts());
            assertEquals(method.selfTraining(), recipe.selfTraining(), recipe.name());
            if (recipe.requires() != null) {
                assertSame(method.recipe().requires(), recipe.requires().method());
                assertTrue(before.contains(recipe.requires().name()), recipe.name() + " is listed after " + recipe.requires().name()
                        + ", whose run it learns from");
            }
            before.add(recipe.name());
        }
        for (String candidate : Fit.CANDIDATES) {
            // every candidate is a method, but supervised-longer: the baseline's method (supervised) for longer
            String method = candidate.equals(Fit.LONGER) ? "supervised" : candidate;
            assertTrue(MethodInfo.exists(method), "fit candidate " + candidate);
        }
    }

    /** A method whose unlabeled images get a strong view draws a batch of them per labeled one: its command takes μ. */
    @Test
    void everyStrongViewMethodTakesTheUnlabeledRatio() {
        List<String> strong = new ArrayList<>();
        for (CommandLine command : new CommandLine(new TrainCommand()).getSubcommands().values()) {
            MethodDescriptor<?> method = ((TrainMethodCommand) command.getCommand()).descriptor;
            if (method.strongView()) {
                strong.add(method.name());
                assertTrue(command.getCommandSpec().findOption("--unlabeled-ratio") != null, method.name());
            }
        }
        assertTrue(strong.containsAll(List.of("fixmatch", "flexmatch", "freematch", "uda", "mpl")), strong.toString());
    }

    /** Every suite command is one its train subcommand accepts: the recipes' arguments are that command's options. */
    @Test
    void everySuiteCommandParses() {
        Path out = Path.of("suite");
        Suite.Settings settings = new Suite.Settings("fashion-mnist", "cnn-small", 100, null, Path.of("backbone"), true, out);
        for (SuiteRecipe recipe : SuiteRecipe.ALL) {
            Path prerequisite = recipe.requires() == null ? null : out.resolve(recipe.requires().name());
            List<String> arguments = new ArrayList<>(recipe.arguments(settings, 40, 0, 1600, prerequisite, out.resolve("init")));
            arguments.addAll(List.of("--out", out.resolve(recipe.name()).toString()));
            CommandLine.ParseResult parsed = new CommandLine(new MentorCommand()).parseArgs(arguments.toArray(String[]::new));
            CommandLine.ParseResult train = parsed.subcommand().subcommand();
            assertEquals(recipe.name(), train.commandSpec().name());
            assertSame(recipe.method(), ((TrainMethodCommand) train.commandSpec().userObject()).descriptor);
            assertEquals(recipe.method().teacher() ? 1 : 0, train.matchedOptions().stream().filter(o -> o.longestName().equals("--teacher")).count(),
                    recipe.name() + ": a method that learns from a teacher run is given it");
        }
    }
}
