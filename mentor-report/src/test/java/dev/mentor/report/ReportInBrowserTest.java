package dev.mentor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a report in a real headless browser (Debian's {@code chromium}): every chart must decode and the
 * tables must be in the rendered page; the screenshot is kept as {@code target/report-screenshot.png}.
 * Skipped, saying so, where no browser is installed.
 */
class ReportInBrowserTest {
    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");
    static final Path SCREENSHOT = Path.of("target", "report-screenshot.png");

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void theReportRendersItsChartsAndTablesInChromium() throws Exception {
        Path browser = browser();
        assumeTrue(browser != null, "no headless browser installed (looked for " + String.join(", ", BROWSERS)
                + " on the PATH): apt-get install chromium to run this test");
        Path teacher = RunFolders.run(dir.resolve("sup-40"), "supervised", 40, 0, 0.7);
        List<RunSummary> runs = List.of(RunReader.read(teacher), RunReader.read(RunFolders.run(dir.resolve("sup-80"), "supervised", 80, 0, 0.75)),
                RunReader.read(RunFolders.selfTraining(dir.resolve("ns"), teacher)));
        Path speed = Files.writeString(dir.resolve("speed.json"), """
                {"model": "cnn-small", "batch_size": 128, "threads": 2, "memory_format": "contiguous", "peer": "torch",
                 "rounds": [{"mentor_images_per_second": 3000.0, "peer_images_per_second": 2900.0}]}
                """);
        Path report = dir.resolve("report.html");
        new HtmlReport("Browser test", runs, ThroughputResult.read(speed), null).write(report, false);
        int charts = count(Pattern.compile("<img class=\"chart\""), Files.readString(report));
        assertTrue(charts >= 8, "charts in the file: " + charts);

        String dom = run(browser, "--dump-dom", report.toUri().toString());
        Matcher body = Pattern.compile("<body data-charts=\"(\\d+)\" data-charts-decoded=\"(\\d+)\">").matcher(dom);
        assertTrue(body.find(), "the page's load handler did not run: " + dom.substring(0, Math.min(300, dom.length())));
        assertEquals(charts, Integer.parseInt(body.group(1)), "charts the browser found");
        assertEquals(charts, Integer.parseInt(body.group(2)), "charts the browser decoded");
        for (String table : List.of("results", "runs", "bins", "confusion")) {
            assertTrue(dom.contains("<table class=\"" + table + "\">"), table);
        }

        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);
        run(browser, "--screenshot=" + SCREENSHOT.toAbsolutePath(), report.toUri().toString());
        BufferedImage shot = ImageIO.read(SCREENSHOT.toFile());
        assertNotNull(shot, "screenshot " + SCREENSHOT);
        assertEquals(1280, shot.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < shot.getHeight(); y += 3) {
            for (int x = 0; x < shot.getWidth(); x += 3) {
                colours.add(shot.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertTrue(colours.size() > 50, "a rendered page of tables and coloured charts, not a blank one: " + colours.size() + " colours");
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private String run(Path browser, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"), "--window-size=1280,3000",
                "--virtual-time-budget=5000"));
        command.addAll(List.of(args));
        Path output = dir.resolve("browser.out");
        Process p = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(dir.resolve("browser.err").toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(browser + " did not finish within 120 s");
        }
        assertEquals(0, p.exitValue(), browser + " failed: " + Files.readString(dir.resolve("browser.err")));
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private static Path browser() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : BROWSERS) {
            for (String folder : path.split(File.pathSeparator)) {
                Path candidate = Path.of(folder, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
