package dev.mentor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import dev.mentor.augment.AugmentPolicy;
import dev.mentor.data.DataSpec;
import dev.mentor.model.ArchitectureSpec;
import dev.mentor.train.OptimizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config's typed specs (architecture, augmentation policy) read and write config.json as their text did. */
class ExperimentConfigSpecsTest {
    @TempDir
    Path dir;

    @Test
    void theTextAndTheTypedConfigAreOneConfig() {
        ExperimentConfig text = config("wrn-28-2", "weak+randaugment:n=2,m=9");
        assertEquals(ArchitectureSpec.zoo("wrn-28-2"), text.model());
        assertEquals(AugmentPolicy.parse("weak+randaugment:n=2,m=9"), text.augment());
        assertEquals(text, new ExperimentConfig(text.data(), null, null, null, null, null, null, 0, ArchitectureSpec.zoo("wrn-28-2"),
                -1, -1, 1, 8, 0.1, 0, OptimizerConfig.sgd(5e-4), 0, AugmentPolicy.WEAK.then(AugmentPolicy.parse("randaugment:n=2,m=9")),
                0, 0, 0.5, 0, 1));
        assertEquals(AugmentPolicy.NONE, text.withAugment("none").augment());
    }

    @Test
    void aBadPolicyIsAnErrorAboutAugmentQuotingIt() {
        MentorException e = assertThrows(MentorException.class, () -> config("cnn-small", "randaugment:m=40"));
        assertEquals("augment", e.component());
        assertTrue(e.getMessage().startsWith("augment: 'randaugment:m=40': "), e.getMessage());
        assertEquals("augment", assertThrows(MentorException.class, () -> config("cnn-small", "weak").withAugment("sharp")).component());
    }

    @Test
    void configJsonHoldsTheSpecsTextAndReadsBackTheSameConfig() throws Exception {
        Path legacy = Path.of(ExperimentConfigSpecsTest.class.getResource("legacy/before-steps/config.json").toURI());
        ExperimentConfig old = ExperimentConfig.read(legacy);
        assertEquals(AugmentPolicy.WEAK, old.augment());
        assertEquals(ArchitectureSpec.zoo("cnn-small"), old.model());

        ExperimentConfig config = config("torchscript:/m/features.pt", " Weak + RandAugment:m=15, n=3 ");
        Path file = dir.resolve("config.json");
        config.write(file);
        String written = Files.readString(file);
        assertTrue(written.contains("\n  \"model\" : \"torchscript:/m/features.pt\",\n"), written);
        assertTrue(written.contains("\n  \"augment\" : \" Weak + RandAugment:m=15, n=3 \",\n"), written);
        ExperimentConfig read = ExperimentConfig.read(file);
        assertEquals(config, read);
        read.write(dir.resolve("again.json"));
        assertEquals(written, Files.readString(dir.resolve("again.json")));

        Files.writeString(file, written.replace("RandAugment:m=15", "RandAugment:m=45"));
        MentorException e = assertThrows(MentorException.class, () -> ExperimentConfig.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not a valid mentor-config record (") && e.getMessage().contains("m=45"),
                e.getMessage());
    }

    private static ExperimentConfig config(String model, String augment) {
        return new ExperimentConfig(DataSpec.fashionMnist(), null, null, null, null, null, null, 0, model, -1, -1, 1, 8, 0.1, 0,
                OptimizerConfig.sgd(5e-4), 0, augment, 0, 0, 0.5, 0, 1);
    }
}
