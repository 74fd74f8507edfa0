package dev.mentor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mentor.model.MemoryFormat;
import dev.mentor.train.LrSchedule;
import dev.mentor.train.Precision;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ChoicesTest {
    private enum Three { RED, GREEN, BLUE }

    private static String text(Three t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    @Test
    void aValueIsReadWhateverItsCaseAndTheBlanksAroundIt() {
        assertEquals(Three.GREEN, Choices.parse("colour", " Green ", Three.values(), ChoicesTest::text));
        assertEquals(Precision.BF16, Precision.parse("BF16"));
        assertEquals(LrSchedule.FIXMATCH, LrSchedule.parse("FixMatch"));
        assertEquals(MemoryFormat.CHANNELS_LAST, MemoryFormat.parse("Channels-Last"));
        assertEquals(Switch.OFF, Switch.parse("balance", "OFF"));
    }

    @Test
    void anythingElseNamesTheComponentListsTheChoicesAndQuotesWhatItGot() {
        MentorException e = assertThrows(MentorException.class,
                () -> Choices.parse("colour", "mauve", Three.values(), ChoicesTest::text));
        assertEquals("colour", e.component());
        assertEquals("colour: expected red, green or blue, got 'mauve'", e.getMessage());
        assertEquals("precision: expected fp32 or bf16, got 'half'",
                assertThrows(MentorException.class, () -> Precision.parse("half")).getMessage());
        assertEquals("lr_schedule: expected cosine or fixmatch, got 'null'",
                assertThrows(MentorException.class, () -> LrSchedule.parse(null)).getMessage());
    }

    @Test
    void aChoiceIsNotReadFromPartOfItsText() {
        assertThrows(MentorException.class, () -> Choices.parse("colour", "re", Three.values(), ChoicesTest::text));
        assertThrows(MentorException.class, () -> Choices.parse("colour", "", Three.values(), ChoicesTest::text));
    }
}
