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
    void anErrorCanNameSeveralComponentsInsideItsText() {
        MentorException e = MentorException.naming("{} 40 and {} 4: give one or the other", "labels", "labels_per_class");
        assertEquals("labels 40 and labels_per_class 4: give one or the other", e.getMessage());
        assertEquals(java.util.List.of("labels", "labels_per_class"), e.components());
        assertNull(e.component());
        assertEquals("<labels> 40 and <labels_per_class> 4: give one or the other", e.message(c -> "<" + c + ">"));
        assertEquals("a path {}", MentorException.naming("{}: a path {}", "out").detail());
    }

    @Test
    void anErrorInsideAnotherKeepsItsComponents() {
        MentorException inner = MentorException.of("epochs", "must be > 0, got 0");
        MentorException outer = inner.within("resume");
        assertEquals("resume: epochs: must be > 0, got 0", outer.getMessage());
        assertEquals("resume", outer.component());
        assertEquals("epochs: must be > 0, got 0", outer.detail());
        assertEquals("--resume: --epochs: must be > 0, got 0", outer.message(c -> "--" + c));
        assertSame(inner, outer.getCause());
        MentorException file = new MentorException("a.json: not JSON");
        assertSame(file, file.about("teacher"));
        assertEquals("teacher: a.json: not JSON", file.within("teacher").getMessage());
    }

    @Test
    void theLibrarysOwnChecksUseTheComponent() {
        MentorException e = org.junit.jupiter.api.Assertions.assertThrows(MentorException.class,
                () -> new SplitConfig(null, 0, 0, 0L));
        assertEquals("labels_per_class", e.component());
    }
}
