package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.method.MethodInfo;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The method catalog ({@link MethodInfo#ALL}) is the list the CLI, the suite and fit use: nothing missing on either side. */
class MethodCatalogTest {
    @Test
    void everyTrainSubcommandIsInTheCatalogAndBack() {
        Set<String> subcommands = new TreeSet<>(new CommandLine(new TrainCommand()).getSubcommands().keySet());
        assertEquals(new TreeSet<>(MethodInfo.names()), subcommands);
    }

    @Test
    void theSuiteAndFitNameOnlyCatalogMethods() {
        for (String method : SuiteRecipe.names()) {
            assertTrue(MethodInfo.exists(method), "suite recipe " + method);
            assertEquals(MethodInfo.of(method, "m").selfTraining(), SuiteRecipe.of(method).selfTraining(), method);
        }
        for (String candidate : Fit.CANDIDATES) {
            assertTrue(MethodInfo.exists(candidate), "fit candidate " + candidate);
        }
        assertEquals(List.of("fixmatch", "flexmatch", "freematch", "uda", "mpl"),
                MethodInfo.ALL.stream().filter(MethodInfo::strongView).map(MethodInfo::name).toList());
    }
}
