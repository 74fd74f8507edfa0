package dev.mentor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTableTest {
    @TempDir
    Path dir;

    @Test
    void groupsByMethodAndLabelsWithMeanSampleStdAndGain() throws Exception {
        // docs/RESULTS.md's baseline: 83.38, 83.87, 83.34 -> 83.53 ± 0.30
        List<RunSummary> runs = List.of(
                RunReader.read(RunFolders.run(dir.resolve("a"), "supervised", 1000, 0, 0.8338)),
                RunReader.read(RunFolders.run(dir.resolve("b"), "supervised", 1000, 1, 0.8387)),
                RunReader.read(RunFolders.run(dir.resolve("c"), "supervised", 1000, 2, 0.8334)),
                RunReader.read(RunFolders.run(dir.resolve("d"), "mpl", 1000, 0, 0.86)),
                RunReader.read(RunFolders.run(dir.resolve("e"), "mpl", 250, 0, 0.70)));
        ResultsTable table = ResultsTable.of(runs);
        assertEquals(3, table.rows().size());
        ResultsTable.Row baseline = table.find("supervised", 1000);
        assertEquals(0.83530, baseline.mean(), 1e-9);
        assertEquals(0.0029512709, baseline.std(), 1e-9);
        assertEquals("83.53 ± 0.30", ResultsTable.accuracy(baseline));
        assertEquals(List.of("a", "b", "c"), baseline.runs());
        ResultsTable.Row mpl = table.find("mpl", 1000);
        assertEquals(0.86 - 0.8353, table.gain(mpl), 1e-12);
        assertTrue(Double.isNaN(table.gain(baseline)));
        assertTrue(Double.isNaN(table.gain(table.find("mpl", 250))), "no baseline at 250 labels");
        assertEquals(250, table.rows().get(1).labels(), "labels ascend within a method");
        String md = table.toMarkdown();
        assertTrue(md.contains("| supervised | cnn-small | 1,000 | 3 | 83.53 ± 0.30 | — | 13 | 250 |"), md);
        assertTrue(md.contains("| mpl | cnn-small | 1,000 | 1 | 86.00 | +2.47 |"), md);
        assertEquals(0.0029512709, table.entries().get(0).testAccuracyStd(), 1e-9);
        assertEquals(null, table.entries().get(1).testAccuracyStd());
    }
}
