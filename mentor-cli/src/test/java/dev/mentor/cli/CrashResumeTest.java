package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mentor.train.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 during {@code train} of every method, then {@code --resume}: the run continues from its last
 * checkpoint and ends with exactly the weights of an uninterrupted run with the same seed. The run to
 * kill is the CLI in a child JVM, killed with {@link Process#destroyForcibly} at a random moment after
 * a chosen file (its first checkpoint, a later round's or phase's) has appeared; a killed run is resumed
 * in a child JVM again (and may be killed again) or, last, in this JVM to its end. The uninterrupted
 * reference runs in this JVM. The kill times come from a generator whose seed is printed, so a failure
 * can be replayed with {@code -Dmentor.crash.seed=SEED}.
 */
class CrashResumeTest {
    private static final long SEED = Long.getLong("mentor.crash.seed", System.nanoTime());
    private static final SplittableRandom RANDOM = new SplittableRandom(SEED);
    private static final int ATTEMPTS = 4;

    @TempDir
    static Path dir;
    static Path data;
    static Path teacher;

    @BeforeAll
    static void prepare() throws Exception {
        System.err.println("CrashResumeTest: kill times drawn with -Dmentor.crash.seed=" + SEED);
        data = CliFixture.idx(dir.resolve("idx"), 160, 40, 4);
        teacher = dir.resolve("teacher");
        CliFixture.Result r = CliFixture.run(args("supervised", teacher, "--epochs", "2"));
        assertEquals(0, r.code(), r.err());
    }

    /** A kill trigger's suffix: kill as soon as the file appears. */
    private static final String NOW = "@now";

    private static String[] args(String method, Path out, String... extra) {
        List<String> all = new ArrayList<>(List.of("train", method, "--data", "idx:" + data, "--labels", "40",
                "--validation-per-class", "5", "--batch-size", "8", "--lr", "0.05", "--seed", "3", "--out", out.toString()));
        all.addAll(Arrays.asList(extra));
        return all.toArray(String[]::new);
    }

    /**
     * Trains {@code method} uninterrupted, then again killing it once after each of {@code killAfter}
     * (files relative to the run folder; {@link #NOW} at the end: at once) has appeared, resumes it to the end and
     * compares the final weights.
     *
     * @param model the final model's folder relative to the run folder ("" for the run itself)
     * @param damage whether to truncate the newest checkpoint after the last kill (resuming must fall back)
     */
    private static void killResumeAndCompare(String method, String model, boolean damage, List<String> killAfter,
            String... extra) throws Exception {
        Path reference = dir.resolve(method + "-reference");
        long started = System.nanoTime();
        CliFixture.Result straight = CliFixture.run(args(method, reference, extra));
        assertEquals(0, straight.code(), straight.err());
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, float[]> expected = SavedModel.read(reference.resolve(model)).weights();

        Path run = dir.resolve(method + "-killed");
        int kills = 0;
        for (int attempt = 0; kills == 0 && attempt < ATTEMPTS; attempt++) {
            deleteTree(run);
            boolean first = true;
            for (String trigger : killAfter) {
                String[] command = first ? args(method, run, extra) : new String[] {"train", method, "--resume", run.toString()};
                // a random moment in the rest of the run; shorter on every retry of a run that ended before its kill; at once
                // for a trigger marked NOW
                boolean now = trigger.endsWith(NOW);
                long delay = now ? 0 : (long) (RANDOM.nextDouble() * seconds * 1000 * 0.8 / (1 << attempt));
                Path file = run.resolve(now ? trigger.substring(0, trigger.length() - NOW.length()) : trigger);
                if (!killAfter(command, file, delay, run.resolveSibling(method + "-child.log"))) {
                    break;
                }
                kills++;
                first = false;
            }
        }
        assertTrue(kills > 0, method + ": the child ended before every kill in " + ATTEMPTS + " attempts");
        System.err.printf("CrashResumeTest: %s killed %d time(s) (uninterrupted run %.1f s)%n", method, kills, seconds);
        if (damage) {
            Path newest = run.resolve(model).resolve("checkpoint.ckpt");
            assertTrue(Files.isRegularFile(newest.resolveSibling("checkpoint.prev.ckpt")), "no previous checkpoint to fall back to");
            byte[] bytes = Files.readAllBytes(newest);
            Files.write(newest, Arrays.copyOf(bytes, bytes.length / 2));
        }
        CliFixture.Result resumed = CliFixture.run("train", method, "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        if (damage) {
            assertTrue(resumed.err().contains("resuming from the checkpoint before it"), resumed.err());
        }
        Map<String, float[]> actual = SavedModel.read(run.resolve(model)).weights();
        assertEquals(expected.keySet(), actual.keySet());
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            assertTrue(Arrays.equals(e.getValue(), actual.get(e.getKey())),
                    method + ": " + e.getKey() + " differs after " + kills + " kill(s) (seed " + SEED + ")");
        }
    }

    /**
     * Starts the CLI in a child JVM, waits for {@code trigger} to appear, then {@code delayMillis} more,
     * and kills it. Returns whether it was killed (false: it ended by itself first, successfully).
     */
    private static boolean killAfter(String[] command, Path trigger, long delayMillis, Path log) throws Exception {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-Doffline=true", "-Dai.djl.offline=true", "-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", Main.class.getName()));
        java.addAll(Arrays.asList(command));
        Process child = new ProcessBuilder(java).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!Files.exists(trigger) && child.isAlive()) {
                if (System.nanoTime() > deadline) {
                    fail("no " + trigger + " after 3 minutes:\n" + Files.readString(log));
                }
                Thread.sleep(20);
            }
            if (!child.isAlive()) {
                assertEquals(0, child.exitValue(), "the child failed before " + trigger + ":\n" + Files.readString(log));
                return false;
            }
            if (child.waitFor(delayMillis, TimeUnit.MILLISECONDS)) {
                assertEquals(0, child.exitValue(), "the child failed:\n" + Files.readString(log));
                return false;
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(1, TimeUnit.MINUTES), "the killed child did not end");
            return child.exitValue() != 0; // 0: it finished in the instant before the kill
        } finally {
            child.destroyForcibly();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var files = Files.walk(root)) {
                for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void supervisedWithADamagedNewestCheckpoint() throws Exception {
        killResumeAndCompare("supervised", "", true, List.of("checkpoint.prev.ckpt"), "--epochs", "4");
    }

    @Test
    void transfer() throws Exception {
        killResumeAndCompare("transfer", "", false, List.of("checkpoint.ckpt"), "--epochs", "3", "--pretrained",
                teacher.toString(), "--mode", "linear-probe", "--unfreeze-after", "1");
    }

    @Test
    void distill() throws Exception {
        killResumeAndCompare("distill", "", false, List.of("checkpoint.ckpt"), "--epochs", "3", "--teacher", teacher.toString());
    }

    @Test
    void mutual() throws Exception {
        killResumeAndCompare("mutual", "", false, List.of("checkpoint.ckpt"), "--epochs", "3", "--models", "cnn-small,cnn-small");
    }

    @Test
    void selfDistill() throws Exception {
        killResumeAndCompare("self-distill", "", false, List.of("checkpoint.ckpt"), "--epochs", "3");
    }

    /** Killed while it trains its own start (no --init: at its first checkpoint, two epochs before its end), then in its own steps. */
    @Test
    void fixmatchInItsStartAndAfter() throws Exception {
        killResumeAndCompare("fixmatch", "", false, List.of(Training.START + "/checkpoint.ckpt" + NOW, "checkpoint.ckpt"), "--epochs", "3",
                "--unlabeled-ratio", "2");
    }

    /** Started fresh, as in the paper. */
    @Test
    void uda() throws Exception {
        killResumeAndCompare("uda", "", false, List.of("checkpoint.ckpt"), "--epochs", "3", "--unlabeled-ratio", "2", "--init", "none");
    }

    /** Killed mid-step in the teacher-student phase, then again during the student's fine-tuning. */
    @Test
    void metaPseudoLabelsInBothPhases() throws Exception {
        killResumeAndCompare("mpl", "", false, List.of("checkpoint.ckpt", "checkpoint-finetune.ckpt"), "--epochs", "2",
                "--unlabeled-ratio", "2", "--finetune-epochs", "2", "--ema", "0.9");
    }

    @Test
    void pseudoLabel() throws Exception {
        killResumeAndCompare("pseudo-label", "round-1", false, List.of("round-1/checkpoint.ckpt"), "--teacher",
                teacher.toString(), "--epochs", "2", "--student-epochs", "3");
    }

    /** Killed in the teacher's round, then again in a student's round. */
    @Test
    void noisyStudentInTheMiddleOfRounds() throws Exception {
        killResumeAndCompare("noisy-student", "round-2", false, List.of("round-0/checkpoint.ckpt", "round-1/checkpoint.ckpt"),
                "--rounds", "2", "--epochs", "2", "--student-epochs", "2", "--dropout", "0.3");
    }
}
