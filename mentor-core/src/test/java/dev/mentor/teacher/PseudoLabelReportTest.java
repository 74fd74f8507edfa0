package dev.mentor.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Histograms, accuracy and calibration per confidence bin, computed by hand on the hand-made pool; the record's file. */
class PseudoLabelReportTest {
    private static final List<String> NAMES = List.of("a", "b", "c");
    /** True classes of SelectionTest's pool: wrong for #1 (0.60), #2 (0.40), #7 (0.45) and #9 (0.35). */
    private static final int[] TRUTH = {0, 1, 2, 0, 0, 0, 1, 0, 2, 1};

    @TempDir
    Path dir;

    @Test
    void accuracyAndCalibrationPerConfidenceBin() {
        PseudoLabelReport report = PseudoLabelReport.of(SelectionTest.pool(), TRUTH, NAMES);
        assertEquals(0.6, report.accuracy(), 1e-12);
        List<PseudoLabelReport.Bin> bins = report.confidenceHistogram();
        assertEquals(12, bins.size());
        // [0.3, 0.4): #9 wrong; [0.4, 0.5): #2, #7 wrong; [0.5, 0.6): #8 right; [0.9, 0.95): #3 right; [0.95, 0.99): #0
        assertEquals(1, bins.get(3).images());
        assertEquals(0.0, bins.get(3).accuracy());
        assertEquals(2, bins.get(4).images());
        assertEquals(0.425, bins.get(4).meanConfidence(), 1e-6);
        assertEquals(1.0, bins.get(5).accuracy());
        assertEquals(1, bins.get(10).images());
        assertEquals(1, bins.get(11).images(), "0.99 falls in the last bin");
        assertNull(bins.get(0).accuracy());
        // ECE = Σ |mean confidence − accuracy| · n_bin / n: #9; #2, #7; #8; #1 (wrong); #5; #4; #3; #0; #6
        double ece = (0.35 + 2 * 0.425 + 0.5 + 0.6 + 0.3 + 0.15 + 0.1 + 0.05 + 0.01) / 10;
        assertEquals(ece, report.ece(), 1e-6);
        PseudoLabelReport.ClassRow first = report.classHistogram().get(0);
        assertEquals(6, first.images());
        assertEquals(4.0 / 6, first.precision(), 1e-12);
        assertEquals(4.0 / 5, first.recall(), 1e-12);
        PseudoLabelReport.Threshold half = report.thresholds().stream().filter(t -> t.minConfidence() == 0.5).findFirst().orElseThrow();
        assertEquals(7, half.kept());
        assertEquals(6.0 / 7, half.accuracy(), 1e-12);
        String text = report.toText();
        assertTrue(text.contains("accuracy against the pool's true labels: 60.00%"), text);
    }

    @Test
    void withoutTrueLabelsOnlyHistogramsAreReported() {
        PseudoLabelReport report = PseudoLabelReport.of(SelectionTest.pool(), null, NAMES);
        assertFalse(report.trueLabelsKnown());
        assertNull(report.accuracy());
        assertNull(report.ece());
        assertNull(report.thresholds());
        assertNull(report.classHistogram().get(0).precision());
        assertTrue(Double.isNaN(PseudoLabelReport.accuracy(SelectionTest.pool(), null, null)));
        assertTrue(report.toText().contains("unknown"));
    }

    @Test
    void writtenAsARecordAndReadBack() throws Exception {
        PseudoLabelReport report = PseudoLabelReport.of(SelectionTest.pool(), TRUTH, NAMES).withLabelingSeconds(1.25);
        Path file = dir.resolve("report.json");
        report.write(file);
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\n  \"format\" : \"mentor-pseudo-label-report\",\n  \"version\" : 1,\n  \"images\" : 10,")
                && text.contains("\"class_name\" : \"a\"") && text.contains("\"confidence_histogram\"")
                && text.contains("\"labeling_seconds\" : 1.25") && !text.contains("className"), text);
        assertEquals(report, PseudoLabelReport.read(file));
        Files.writeString(file, "{\"format\": \"mentor-pseudo-label-report\", \"version\": 1, \"images\": 3}");
        MentorException e = assertThrows(MentorException.class, () -> PseudoLabelReport.read(file));
        assertEquals(file + ": not a pseudo-label report (no confidence_histogram)", e.getMessage());
    }
}
