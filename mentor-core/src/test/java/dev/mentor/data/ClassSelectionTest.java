package dev.mentor.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import dev.mentor.testing.SyntheticData;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassSelectionTest {
    private static final ArrayImageSet SET = SyntheticData.squares(50, 5, 1, 12, 1);

    @Test
    void keepsOnlyTheChosenClassesRelabeledInTheGivenOrder() {
        ImageSet selected = ClassSelection.of(SET, List.of(4, 1));
        assertEquals(20, selected.size());
        assertEquals(List.of("class4", "class1"), selected.classNames());
        for (int i = 0; i < selected.size(); i++) {
            int label = selected.label(i);
            assertTrue(label == 0 || label == 1);
        }
        assertEquals(SET.image(1), selected.image(0)); // image 1 is class 1, the first kept
        assertEquals(1, selected.label(0));
        assertEquals(0, selected.label(1)); // image 4 is class 4
    }

    @Test
    void badSelectionsNameTheOptionAndValue() {
        MentorException e = assertThrows(MentorException.class, () -> ClassSelection.of(SET, List.of(1, 7)));
        assertTrue(e.getMessage().startsWith("classes: ") && e.getMessage().contains("7"), e.getMessage());
        assertThrows(MentorException.class, () -> ClassSelection.of(SET, List.of(1, 1)));
        assertThrows(MentorException.class, () -> ClassSelection.of(SET, List.of(1)));
    }
}
