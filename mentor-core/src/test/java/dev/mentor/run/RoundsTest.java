package dev.mentor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.io.Json;
import dev.mentor.run.SelfTrainingConfig.FinalModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which round's model a self-training run returns ({@link Rounds#choose}), and how rounds.json records it. */
class RoundsTest {
    @TempDir
    Path dir;

    /** A round with the given validation and test accuracy; test accuracy ranks the rounds the other way round. */
    private static RoundRecord round(int r, Double validation, double test) {
        return new RoundRecord(r, r == 0 ? "teacher" : "student", "cnn-small", 1, 1, 1, "round-" + r, test, validation, 1, null, null,
                false);
    }

    @Test
    void aStudentThatBeatsTheTeacherOnValidationIsReturned() {
        Rounds.Final chosen = Rounds.choose(List.of(round(0, 0.70, 0.99), round(1, 0.80, 0.10), round(2, 0.75, 0.50)), FinalModel.BEST);
        assertEquals(1, chosen.round());
        assertEquals("student", chosen.role());
        assertEquals(0.80, chosen.validationAccuracy());
        assertEquals(List.of(0, 1, 2), chosen.candidates().stream().map(Rounds.Candidate::round).toList());
        assertEquals(List.of(0.70, 0.80, 0.75), chosen.candidates().stream().map(Rounds.Candidate::validationAccuracy).toList());
        assertTrue(chosen.reason().contains("later rounds did not beat it"), chosen.reason());
    }

    @Test
    void noStudentBetterThanTheTeacherOnValidationReturnsTheTeacherAndSaysSo() {
        Rounds.Final chosen = Rounds.choose(List.of(round(0, 0.80, 0.10), round(1, 0.79, 0.99)), FinalModel.BEST);
        assertEquals(0, chosen.round());
        assertEquals("teacher", chosen.role());
        assertEquals("no student beat the teacher on validation: the teacher is kept; validation 80.00% against round 1 79.00%",
                chosen.reason());
    }

    @Test
    void tiesGoToTheLaterRound() {
        assertEquals(2, Rounds.choose(List.of(round(0, 0.80, 0), round(1, 0.80, 0), round(2, 0.80, 0)), FinalModel.BEST).round());
    }

    @Test
    void lastIsTheLastRoundWhateverValidationSays() {
        Rounds.Final chosen = Rounds.choose(List.of(round(0, 0.90, 0), round(1, 0.10, 0)), FinalModel.LAST);
        assertEquals(1, chosen.round());
        assertEquals("last", chosen.rule());
        assertEquals(2, chosen.candidates().size());
    }

    @Test
    void withoutAValidationSplitTheLastRoundIsKept() {
        Rounds.Final chosen = Rounds.choose(List.of(round(0, null, 0.9), round(1, null, 0.1)), FinalModel.BEST);
        assertEquals(1, chosen.round());
        assertNull(chosen.validationAccuracy());
        assertTrue(chosen.candidates().isEmpty());
        assertTrue(chosen.reason().contains("no validation split"), chosen.reason());
    }

    @Test
    void theChoiceRoundTripsAndAVersionOneFileReadsAsItsLastRound() throws Exception {
        List<RoundRecord> records = List.of(round(0, 0.80, 0.1), round(1, 0.70, 0.9));
        Rounds written = new Rounds("noisy-student", true, records, Rounds.choose(records, FinalModel.BEST));
        Path file = dir.resolve("rounds.json");
        written.write(file);
        Rounds read = Rounds.read(file);
        assertEquals(written, read);
        assertEquals(0, read.finalRound().round());
        assertEquals(2, Json.read(file).get("version").asInt());
        assertEquals("best", Json.read(file).at("/final_model/rule").asText());

        // a build that always returned its last round wrote version 1 without final_model
        String v1 = Files.readString(file).replace("\"version\" : 2", "\"version\" : 1");
        v1 = v1.substring(0, v1.indexOf(",\n  \"final_model\"")) + "\n}";
        Files.writeString(file, v1);
        Rounds old = Rounds.read(file);
        assertNull(old.finalModel());
        assertEquals(1, old.finalRound().round());
    }

    @Test
    void aSavedConfigWithoutTheFinalModelKeepsTheLastRound() {
        SelfTrainingConfig config = new SelfTrainingConfig(SelfTrainingConfig.NOISY_STUDENT, 1, List.of("cnn-small"), 1,
                dev.mentor.teacher.PseudoLabelTargets.Kind.SOFT, 0.3, dev.mentor.Switch.ON, 0, 1, dev.mentor.Switch.ON,
                dev.mentor.Switch.ON, null, null, false, null, null);
        assertEquals(FinalModel.LAST, config.finalModel());
        assertEquals(FinalModel.BEST, FinalModel.parse(" Best "));
        assertEquals("final_model", org.junit.jupiter.api.Assertions.assertThrows(dev.mentor.MentorException.class,
                () -> FinalModel.parse("first")).component());
    }
}
