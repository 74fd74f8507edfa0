package dev.mentor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.mentor.data.SplitConfig;
import org.junit.jupiter.api.Test;

class MentorExceptionTest {
    @Test
    void anErrorAboutAnOptionNamesItsComponentNotAFlag() {
        MentorException e = MentorException.of("labels_per_class", "0 is not a positive number of images");
        assertEquals("labels_per_class", e.component());
        assertEquals("0 is not a positive number of images", e.detail());
        assertEquals("labels_per_class: 0 is not a positive number of images", e.getMessage());
    }

    @Test
    void anErrorAboutAFileHasNoComponent() {
        MentorException e = new MentorException("a.json: not JSON");
        assertNull(e.component());
        assertEquals("a.json: not JSON", e.detail());
        assertEquals("a.json: not JSON", e.getMessage());
    }

    @Test
    void anErrorCanBeReattributedToTheOptionTheUserSet() {
        MentorException e = MentorException.of("teacher", "runs/x has no trained model");
        MentorException about = e.about("reduced_teacher");
        assertEquals("reduced_teacher", about.component());
        assertEquals("reduced_teacher: runs/x has no trained model", about.getMessage());
        assertSame(e, about.getCause());
    }

    @Test
    void theLibrarysOwnChecksUseTheComponent() {
        MentorException e = org.junit.jupiter.api.Assertions.assertThrows(MentorException.class,
                () -> new SplitConfig(null, 0, 0, 0L));
        assertEquals("labels_per_class", e.component());
    }
}
