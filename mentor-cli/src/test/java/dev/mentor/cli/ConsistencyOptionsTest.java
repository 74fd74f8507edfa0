package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mentor.method.ConsistencyConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The consistency commands share their options; only the threshold's default is each command's own. */
class ConsistencyOptionsTest {
    @Test
    void eachCommandHasItsOwnThresholdDefault() {
        FixMatchCommand fixMatch = new FixMatchCommand();
        new CommandLine(fixMatch).parseArgs();
        assertEquals(0.95, fixMatch.consistency.fixMatch().confidenceThreshold());
        UdaCommand uda = new UdaCommand();
        new CommandLine(uda).parseArgs();
        assertEquals(0.8, uda.consistency.toConfig().confidenceThreshold());
        MplCommand mpl = new MplCommand();
        new CommandLine(mpl).parseArgs();
        assertEquals(0.8, mpl.consistency.toConfig().confidenceThreshold());
    }

    @Test
    void givenOptionsReachTheConfig() {
        UdaCommand uda = new UdaCommand();
        new CommandLine(uda).parseArgs("--unlabeled-ratio", "3", "--lambda-u", "2", "--threshold", "0.6",
                "--temperature", "0.5", "--uda-steps", "40", "--no-flip");
        ConsistencyConfig c = uda.consistency.toConfig();
        assertEquals(new ConsistencyConfig(3, 2, 0.6, 0.5, 40, false), c);
        FixMatchCommand fixMatch = new FixMatchCommand();
        new CommandLine(fixMatch).parseArgs("--threshold", "0.7", "--no-flip");
        assertEquals(0.7, fixMatch.consistency.fixMatch().confidenceThreshold());
        assertFalse(fixMatch.consistency.fixMatch().horizontalFlip());
    }

    @Test
    void fixMatchHasNoSharpeningOptions() {
        CommandLine line = new CommandLine(new FixMatchCommand());
        assertEquals(null, line.getCommandSpec().findOption("--temperature"));
        assertEquals(null, line.getCommandSpec().findOption("--uda-steps"));
    }
}
