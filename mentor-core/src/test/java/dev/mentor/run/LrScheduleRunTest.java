package dev.mentor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import dev.mentor.data.DataSpec;
import dev.mentor.method.Supervised;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.LrSchedule;
import dev.mentor.train.OptimizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --lr-schedule}: a run follows the shape it was given, config.json records it, and an older file reads as cosine. */
class LrScheduleRunTest {
    @TempDir
    Path dir;

    private ExperimentConfig config(Path data) {
        return new ExperimentConfig(DataSpec.idx(data), null, null, null, null, 40, null, 5, "cnn-small", -1, 0, 1,
                8, 0.05, 0, OptimizerConfig.sgd(5e-4), 0, "weak", 0, 0, 0.5, 3, 1).withSteps(40).withWarmupSteps(0);
    }

    private List<EpochMetrics> train(ExperimentConfig config, String name) {
        return new Experiment(config, context -> new Supervised(context.newLearner(0)), line -> {})
                .run(RunDirectory.create(dir.resolve(name), false), false, List.of()).history();
    }

    @Test
    void theFixMatchDecayEndsNearAFifthOfThePeakWhereTheCosineEndsNearZero() throws Exception {
        Path data = SyntheticData.idx(dir.resolve("idx"), 160, 40, 4);
        List<EpochMetrics> fixmatch = train(config(data).withLrSchedule(LrSchedule.FIXMATCH), "fixmatch");
        List<EpochMetrics> cosine = train(config(data), "cosine");
        double lastFixmatch = fixmatch.get(fixmatch.size() - 1).learningRate();
        double lastCosine = cosine.get(cosine.size() - 1).learningRate();
        // step 39 of 40: 0.05 * cos(7π/16 * 39/40) = 0.0115 against 0.05 * (1 + cos(π * 39/40)) / 2 = 0.000077
        assertEquals(0.05 * Math.cos(7 * Math.PI / 16 * 39 / 40), lastFixmatch, 1e-6, "fixmatch's rate at the last step");
        assertTrue(lastCosine < 1e-3, "cosine's rate at the last step: " + lastCosine);
        for (int i = 0; i < fixmatch.size(); i++) {
            assertTrue(fixmatch.get(i).learningRate() >= cosine.get(i).learningRate() - 1e-9,
                    "cos(7πp/16) never below ½(1 + cos πp), epoch " + (i + 1));
        }
        assertTrue(Files.readString(dir.resolve("fixmatch/config.json")).contains("\"lr_schedule\" : \"fixmatch\""));
        assertEquals(LrSchedule.FIXMATCH, ExperimentConfig.read(dir.resolve("fixmatch/config.json")).lrSchedule());
    }

    @Test
    void aConfigWithoutAScheduleIsCosineAndABadOneIsRefused() throws Exception {
        ExperimentConfig config = config(dir.resolve("unused"));
        assertEquals(LrSchedule.COSINE, config.lrSchedule());
        Path file = dir.resolve("config.json");
        config.write(file);
        String text = Files.readString(file);
        assertTrue(text.contains("\"lr_schedule\" : \"cosine\""), text);
        Files.writeString(file, text.replaceAll(",\\s*\"lr_schedule\" : \"cosine\"", ""));
        assertTrue(!Files.readString(file).contains("lr_schedule"), "a config.json of an earlier build");
        assertEquals(LrSchedule.COSINE, ExperimentConfig.read(file).lrSchedule());
        MentorException bad = assertThrows(MentorException.class, () -> LrSchedule.parse("step"));
        assertTrue(bad.getMessage().contains("lr_schedule") && bad.getMessage().contains("step"), bad.getMessage());
    }
}
