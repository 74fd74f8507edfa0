package dev.mentor.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Histograms, accuracy and calibration per confidence bin, computed by hand on the hand-made pool. */
class PseudoLabelReportTest {
    private static final List<String> NAMES = List.of("a", "b", "c");
    /** True classes of SelectionTest's pool: wrong for #1 (0.60), #2 (0.40), #7 (0.45) and #9 (0.35). */
    private static final int[] TRUTH = {0, 1, 2, 0, 0, 0, 1, 0, 2, 1};

    @Test
    @SuppressWarnings("unchecked")
    void accuracyAndCalibrationPerConfidenceBin() {
        PseudoLabelReport report = new PseudoLabelReport(SelectionTest.pool(), TRUTH, NAMES);
        assertEquals(0.6, report.accuracy(), 1e-12);
        Map<String, Object> m = report.toMap();
        List<Map<String, Object>> bins = (List<Map<String, Object>>) m.get("confidence_histogram");
        assertEquals(12, bins.size());
        // [0.3, 0.4): #9 wrong; [0.4, 0.5): #2, #7 wrong; [0.5, 0.6): #8 right; [0.9, 0.95): #3 right; [0.95, 0.99): #0
        assertEquals(1, bins.get(3).get("images"));
        assertEquals(0.0, bins.get(3).get("accuracy"));
        assertEquals(2, bins.get(4).get("images"));
        assertEquals(0.425, (double) bins.get(4).get("mean_confidence"), 1e-6);
        assertEquals(1.0, bins.get(5).get("accuracy"));
        assertEquals(1, bins.get(10).get("images"));
        assertEquals(1, bins.get(11).get("images"), "0.99 falls in the last bin");
        assertNull(bins.get(0).get("accuracy"));
        // ECE = Σ |mean confidence − accuracy| · n_bin / n: #9; #2, #7; #8; #1 (wrong); #5; #4; #3; #0; #6
        double ece = (0.35 + 2 * 0.425 + 0.5 + 0.6 + 0.3 + 0.15 + 0.1 + 0.05 + 0.01) / 10;
        assertEquals(ece, (double) m.get("ece"), 1e-6);
        List<Map<String, Object>> classes = (List<Map<String, Object>>) m.get("class_histogram");
        assertEquals(6, classes.get(0).get("images"));
        assertEquals(4.0 / 6, (double) classes.get(0).get("precision"), 1e-12);
        assertEquals(4.0 / 5, (double) classes.get(0).get("recall"), 1e-12);
        List<Map<String, Object>> thresholds = (List<Map<String, Object>>) m.get("thresholds");
        Map<String, Object> half = thresholds.stream().filter(t -> (double) t.get("min_confidence") == 0.5).findFirst().orElseThrow();
        assertEquals(7, half.get("kept"));
        assertEquals(6.0 / 7, (double) half.get("accuracy"), 1e-12);
        String text = report.toText();
        assertTrue(text.contains("accuracy against the pool's true labels: 60.00%"), text);
    }

    @Test
    void withoutTrueLabelsOnlyHistogramsAreReported() {
        PseudoLabelReport report = new PseudoLabelReport(SelectionTest.pool(), null, NAMES);
        Map<String, Object> m = report.toMap();
        assertEquals(false, m.get("true_labels_known"));
        assertNull(m.get("accuracy"));
        assertFalse(m.containsKey("ece"));
        assertTrue(Double.isNaN(report.accuracy()));
        assertTrue(report.toText().contains("unknown"));
    }
}
