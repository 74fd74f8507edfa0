package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./mentor} launcher's allocator choice, {@code MENTOR_MALLOC}: a value it does not know stops it with one
 * line naming the variable and the value, exit code 2, before it builds or starts anything.
 */
class LauncherAllocatorTest {
    @Test
    void anUnknownAllocatorIsRefusedInOneLineBeforeAnythingIsBuilt() throws Exception {
        Path launcher = Path.of("..", "mentor").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(launcher), "run from mentor-cli: " + launcher);
        ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(), "--version").redirectErrorStream(true);
        builder.environment().put("MENTOR_MALLOC", "jemalloc");
        Process p = builder.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not stop");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), output);
        assertEquals("mentor: MENTOR_MALLOC: 'jemalloc' is neither tcmalloc nor system", output.strip());
    }
}
