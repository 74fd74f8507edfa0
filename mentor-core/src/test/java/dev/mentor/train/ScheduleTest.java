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
    void fixMatchsDecayIsAQuarterCosineScaledTo7Over16() {
        Schedule s = LrSchedule.FIXMATCH.schedule(0.1, 4, 14);
        assertEquals(0.025f, s.at(0), 1e-7); // the same warm-up as cosine's
        assertEquals(0.1f, s.at(3), 1e-7);
        assertEquals(0.1f, s.at(4), 1e-7);
        assertEquals(0.1 * Math.cos(7 * Math.PI / 32), s.at(9), 1e-7); // half way: 0.0773, where cosine has 0.05
        assertEquals(0.1 * Math.cos(7 * Math.PI / 16), s.at(14), 1e-7); // the end: 0.0195, not 0
        assertEquals(0.1 * Math.cos(7 * Math.PI / 16), s.at(100), 1e-7);
        Schedule noWarmup = LrSchedule.FIXMATCH.schedule(0.03, 0, 1000);
        assertEquals(0.03f, noWarmup.at(0), 1e-7); // FixMatch's paper: η cos(7πk/16K) from k = 0
        assertEquals(0.03 * Math.cos(7 * Math.PI * 250 / (16 * 1000)), noWarmup.at(250), 1e-7);
    }

    @Test
    void theDefaultShapeIsTheCosineRunsHadBeforeTheOption() {
        Schedule named = LrSchedule.COSINE.schedule(0.05, 50, 1600);
        Schedule cosine = Schedule.cosine(0.05, 50, 1600, 0);
        for (long step = 0; step <= 1600; step += 7) {
            assertEquals(cosine.at(step), named.at(step), 0f, "step " + step);
        }
    }

    @Test
    void scheduleNamesParseAndABadOneNamesTheOption() {
        assertEquals(LrSchedule.FIXMATCH, LrSchedule.parse("fixmatch"));
        assertEquals("cosine", LrSchedule.COSINE.text());
        MentorException e = assertThrows(MentorException.class, () -> LrSchedule.parse("linear"));
        assertEquals(true, e.getMessage().contains("lr_schedule") && e.getMessage().contains("linear"), e.getMessage());
    }

    @Test
    void invalidSchedulesAreUserErrors() {
        assertThrows(MentorException.class, () -> Schedule.cosine(0, 0, 10, 0));
        assertThrows(MentorException.class, () -> Schedule.cosine(0.1, 11, 10, 0));
    }
}
