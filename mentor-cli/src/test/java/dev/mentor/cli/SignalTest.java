package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.mentor.train.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT and SIGTERM sent to a real {@code mentor} process (the CLI's main in a child JVM) in the middle
 * of training: it stops before the next step, prints one line naming the epoch and step and the command
 * that continues it, exits with 130 or 143, leaves no JVM crash log, and the continued run ends with
 * the weights of the uninterrupted one. The same for a self-training run (the command continues the
 * whole run, not its round) and for {@code bench suite}.
 */
class SignalTest {
    @TempDir
    static Path dir;
    static Path data;
    static Map<String, float[]> uninterrupted;

    @BeforeAll
    static void prepare() throws Exception {
        data = CliFixture.idx(dir.resolve("idx"), 320, 40, 4);
        Path reference = dir.resolve("reference");
        CliFixture.Result r = CliFixture.run(train("supervised", reference, "--epochs", "12"));
        assertEquals(0, r.code(), r.err());
        uninterrupted = SavedModel.read(reference).weights();
    }

    private static String[] train(String method, Path out, String... extra) {
        List<String> all = new ArrayList<>(List.of("train", method, "--data", "idx:" + data, "--labels", "160",
                "--validation-per-class", "5", "--batch-size", "4", "--lr", "0.05", "--seed", "5", "--out", out.toString()));
        all.addAll(Arrays.asList(extra));
        return all.toArray(String[]::new);
    }

    @Test
    void sigtermStopsTrainingBetweenStepsAndTheRunContinuesToTheSameWeights() throws Exception {
        stopResumeAndCompare("TERM", 143);
    }

    @Test
    void sigintStopsTrainingBetweenStepsAndTheRunContinuesToTheSameWeights() throws Exception {
        assumeFalse(sigintIgnored(), "SIGINT is ignored in this process (started in the background of a shell), and so in its children");
        stopResumeAndCompare("INT", 130);
    }

    private static void stopResumeAndCompare(String signal, int expectedCode) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work-" + signal));
        Path run = work.resolve("run");
        Child child = Child.start(work, train("supervised", run, "--epochs", "12"));
        String log = child.signalAfter(run.resolve("checkpoint.ckpt"), signal);
        assertEquals(expectedCode, child.exitCode(), log);
        String line = lastLine(log);
        assertTrue(line.matches("mentor: interrupted at epoch \\d+, step \\d+; continue with: \\./mentor train supervised --resume "
                + java.util.regex.Pattern.quote(run.toString())), log);
        assertNoCrashLog(work);
        assertTrue(Files.notExists(run.resolve("metrics.json")), "an interrupted run must not look finished");

        CliFixture.Result resumed = CliFixture.run("train", "supervised", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        Map<String, float[]> actual = SavedModel.read(run).weights();
        assertEquals(uninterrupted.keySet(), actual.keySet());
        for (Map.Entry<String, float[]> e : uninterrupted.entrySet()) {
            assertTrue(Arrays.equals(e.getValue(), actual.get(e.getKey())), e.getKey() + " differs from the uninterrupted run");
        }
    }

    @Test
    void aSelfTrainingRunIsContinuedAsAWholeNotByItsRound() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work-noisy"));
        Path run = work.resolve("noisy");
        Child child = Child.start(work, train("noisy-student", run, "--epochs", "2", "--student-epochs", "12", "--rounds", "1"));
        String log = child.signalAfter(run.resolve("round-1").resolve("checkpoint.ckpt"), "TERM");
        assertEquals(143, child.exitCode(), log);
        assertTrue(lastLine(log).endsWith("continue with: ./mentor train noisy-student --resume " + run), log);
        assertNoCrashLog(work);
        CliFixture.Result resumed = CliFixture.run("train", "noisy-student", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(Files.isRegularFile(run.resolve("round-1").resolve("metrics.json")), resumed.err());
    }

    @Test
    void aStoppedSuiteSaysHowToContinueIt() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work-suite"));
        Path suite = work.resolve("suite");
        Child child = Child.start(work, new String[] {"bench", "suite", "--data", "idx:" + data, "--labels", "160",
            "--validation-per-class", "5", "--methods", "supervised", "--seeds", "2", "--steps", "400", "--out", suite.toString()});
        String log = child.signalAfter(suite.resolve("runs").resolve("supervised-l160-s0").resolve("checkpoint.ckpt"), "TERM");
        assertEquals(143, child.exitCode(), log);
        assertTrue(lastLine(log).startsWith("mentor: interrupted; continue with: the same ./mentor bench suite command"), log);
        assertNoCrashLog(work);
    }

    private static String lastLine(String log) {
        List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static void assertNoCrashLog(Path work) throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            List<Path> crashes = files.filter(p -> p.getFileName().toString().startsWith("hs_err")).toList();
            assertTrue(crashes.isEmpty(), "the JVM crashed: " + crashes);
        }
    }

    /** Whether this JVM was started with SIGINT ignored (then its children ignore it too, as POSIX says). */
    private static boolean sigintIgnored() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    /** The CLI's main in a child JVM, working in its own folder (where a crash would leave hs_err_pid*.log). */
    private record Child(Process process, Path log) {
        static Child start(Path work, String[] args) throws IOException {
            List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    "-Doffline=true", "-Dai.djl.offline=true", "-Xmx1g", "-XX:TieredStopAtLevel=1", Main.class.getName()));
            java.addAll(Arrays.asList(args));
            Path log = work.resolve("child.log");
            Process p = new ProcessBuilder(java).directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Child(p, log);
        }

        /** Waits for {@code trigger}, sends the signal, waits for the end; returns what the child printed. */
        String signalAfter(Path trigger, String signal) throws Exception {
            try {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (!Files.exists(trigger)) {
                    if (!process.isAlive()) {
                        fail("the child ended before " + trigger + " appeared:\n" + Files.readString(log));
                    }
                    if (System.nanoTime() > deadline) {
                        fail("no " + trigger + " after 3 minutes:\n" + Files.readString(log));
                    }
                    Thread.sleep(10);
                }
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
                assertEquals(0, kill.waitFor(), "kill -" + signal + " failed");
                assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the child did not stop after SIG" + signal);
                return Files.readString(log);
            } finally {
                process.destroyForcibly();
            }
        }

        int exitCode() {
            return process.exitValue();
        }
    }
}
