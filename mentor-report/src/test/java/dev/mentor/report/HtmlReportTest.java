package dev.mentor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private List<RunSummary> runs() throws Exception {
        Path teacher = RunFolders.run(dir.resolve("sup-40"), "supervised", 40, 0, 0.7);
        return List.of(RunReader.read(teacher), RunReader.read(RunFolders.run(dir.resolve("sup-80"), "supervised", 80, 0, 0.75)),
                RunReader.read(RunFolders.selfTraining(dir.resolve("ns"), teacher)));
    }

    @Test
    void everySectionIsThereWithChartsThatAreRealPngsAndNothingExternal() throws Exception {
        Path speed = Files.writeString(dir.resolve("speed.json"), """
                {"model": "cnn-small", "batch_size": 128, "threads": 2, "memory_format": "contiguous", "peer": "torch 2.7",
                 "rounds": [{"mentor_images_per_second": 3000.0, "peer_images_per_second": 2900.0},
                            {"mentor_images_per_second": 3100.0, "peer_images_per_second": 3000.0}]}
                """);
        String html = new HtmlReport("Test report", runs(), ThroughputResult.read(speed), null).render();
        for (String id : List.of("results", "runs", "labels", "curves", "pseudo-labels", "confusion", "augmentation", "throughput")) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), id);
        }
        Matcher images = Pattern.compile("<img class=\"chart\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" alt=\"([^\"]*)\"").matcher(html);
        int count = 0;
        StringBuilder alts = new StringBuilder();
        while (images.find()) {
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(images.group(1))));
            assertNotNull(png, images.group(2));
            assertEquals(Charts.WIDTH, png.getWidth());
            alts.append(images.group(2)).append('\n');
            count++;
        }
        // accuracy by labels, 2 methods × (validation + loss), confidence histogram, accuracy per bin, throughput
        assertEquals(8, count, alts.toString());
        assertTrue(alts.toString().contains("test accuracy against the number of labeled images"));
        assertTrue(html.contains("<table class=\"confusion\">"));
        assertTrue(html.contains("title=\"45 of 50\">90.0</td>"), "row 2 of [[40, 10], [5, 45]]: 45 of 50 right");
        assertTrue(html.contains("ratio 1.03"), "medians 3050 / 2950");
        assertTrue(html.contains("Augmented samples were not drawn"));
        assertTrue(!html.contains("http://") && !html.contains("https://") && !html.contains("src=\"/"), "self-contained");
    }

    @Test
    void theRunsTableSaysWhichModelEachRunReturned() throws Exception {
        Path last = RunFolders.run(dir.resolve("last"), "supervised", 40, 0, 0.8);
        Path start = RunFolders.withKept(RunFolders.run(dir.resolve("fixmatch"), "fixmatch", 40, 0, 0.8), "start");
        String html = new HtmlReport("kept", List.of(RunReader.read(last), RunReader.read(start)), null, null).render();
        assertTrue(html.contains("<th>kept</th>"), html);
        assertTrue(html.contains("<td>last</td>") && html.contains("<td>start</td>"), html);
        assertFalse(html.contains("the run's last epoch"), "not every accuracy is a last epoch's");
    }

    @Test
    void missingInputsLeaveNotesAndAnExistingFileIsKeptWithoutForce() throws Exception {
        List<RunSummary> one = List.of(RunReader.read(RunFolders.run(dir.resolve("only"), "supervised", 40, 0, 0.7)));
        HtmlReport report = new HtmlReport("One", one, null, null);
        String html = report.render();
        assertTrue(html.contains("Needs a method run at two or more label budgets"));
        assertTrue(html.contains("No run here made pseudo-labels"));
        assertTrue(html.contains("Not measured for this report: run mentor bench throughput"));
        Path out = dir.resolve("report.html");
        report.write(out, false);
        Files.writeString(out, "mine");
        MentorException e = assertThrows(MentorException.class, () -> report.write(out, false));
        assertEquals("out: " + out + " already exists (use force to overwrite it)", e.getMessage());
        assertEquals("--out: " + out + " already exists (use --force to overwrite it)", e.message(c -> "--" + c));
        assertEquals("mine", Files.readString(out));
        report.write(out, true);
        assertTrue(Files.readString(out).startsWith("<!DOCTYPE html>"));
    }
}
