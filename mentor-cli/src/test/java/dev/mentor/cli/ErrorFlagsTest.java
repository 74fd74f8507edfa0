package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mentor.MentorException;
import dev.mentor.method.ConsistencyConfig;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The library's errors name config components; the command line prints them as the user's flags. */
class ErrorFlagsTest {
    @Test
    void aComponentIsItsFlagInKebabCase() {
        assertEquals("--labels-per-class", Main.flag("labels_per_class"));
        assertEquals("--lambda-u", Main.flag("lambda_u"));
        assertEquals("--data", Main.flag("data"));
    }

    @Test
    void theFewComponentsWhoseFlagDiffersAreMapped() {
        assertEquals("--lr", Main.flag("learning_rate"));
        assertEquals("--student-lr", Main.flag("student_learning_rate"));
        assertEquals("--finetune-lr", Main.flag("finetune_learning_rate"));
    }

    @Test
    void theCommandLineReadsTheFlagAndALibraryUserTheComponent() {
        MentorException e = Assertions.assertThrows(MentorException.class, () -> new ConsistencyConfig(7, -1, 0.8, 0.4, 0, true));
        assertEquals("lambda_u: must be >= 0, got -1.0", e.getMessage());
        assertEquals("--lambda-u: must be >= 0, got -1.0", Main.message(e));
        assertEquals("--reduced-teacher: must be >= 0, got -1.0", Main.message(e.about("reduced_teacher")));
    }

    @Test
    void anErrorAboutAFileIsPrintedAsItIs() {
        assertEquals("a.json: not JSON", Main.message(new MentorException("a.json: not JSON")));
    }
}
