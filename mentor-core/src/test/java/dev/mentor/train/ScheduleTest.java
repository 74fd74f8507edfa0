package dev.mentor.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mentor.MentorException;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void warmupRisesLinearlyToTheBaseRate() {
        Schedule s = Schedule.cosine(0.1, 4, 14, 0);
        assertEquals(0.025f, s.at(0), 1e-7);
        assertEquals(0.05f, s.at(1), 1e-7);
        assertEquals(0.1f, s.at(3), 1e-7);
    }

    @Test
    void cosineFallsFromBaseThroughHalfToTheFinalFraction() {
        Schedule s = Schedule.cosine(0.1, 4, 14, 0);
        assertEquals(0.1f, s.at(4), 1e-7);
        assertEquals(0.05f, s.at(9), 1e-7); // half way: 0.5 * (1 + cos(pi/2))
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI * 0.2)), s.at(6), 1e-7);
        assertEquals(0f, s.at(14), 1e-7);
        assertEquals(0f, s.at(100), 1e-7);
        assertEquals(0.01f, Schedule.cosine(0.1, 0, 10, 0.1).at(10), 1e-7);
    }

    @Test
    void invalidSchedulesAreUserErrors() {
        assertThrows(MentorException.class, () -> Schedule.cosine(0, 0, 10, 0));
        assertThrows(MentorException.class, () -> Schedule.cosine(0.1, 11, 10, 0));
    }
}
