package dev.mentor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerRunnerTest {
    private static final Path SCRIPT = Path.of("/peers/peer_train.py");
    private static final Workload SMALL = new Workload("cnn-small", 1, 28, 8);

    @Test
    void aBf16WorkloadRunsThePeerUnderAutocast() {
        PeerRunner peer = new PeerRunner(Path.of("/usr/bin/python3"), SCRIPT);
        Workload bf16 = new Workload("cnn-small", 1, 28, 8, dev.mentor.model.MemoryFormat.CHANNELS_LAST, dev.mentor.train.Precision.BF16);
        assertEquals("--bf16", peer.command(bf16, 5, 2).get(peer.command(bf16, 5, 2).size() - 1));
        assertTrue(!peer.command(SMALL, 5, 2).contains("--bf16"), "fp32 is the peer's default");
    }

    @Test
    void readsTheLastRateLineAndTheDescription() {
        String output = """
                /usr/lib/python3/dist-packages/torch/nn/modules/lazy.py:180: UserWarning: Lazy modules are new
                  warnings.warn('Lazy modules are a new feature under heavy development '
                torch 1.13.0a0 cnn-small params=421834 batch=128 threads=2
                img/s: 1043.7
                """;
        PeerRunner.Result result = PeerRunner.parse(output, 0, SCRIPT);
        assertEquals(1043.7, result.imagesPerSecond(), 1e-9);
        assertEquals("torch 1.13.0a0 cnn-small params=421834 batch=128 threads=2", result.description());
    }

    @Test
    void outputWithoutARateNamesTheScriptAndTheLastLine() {
        MentorException e = assertThrows(MentorException.class,
                () -> PeerRunner.parse("Traceback ...\nKeyError: 'wrn-16-1'\n", 1, SCRIPT));
        assertEquals("peer: /peers/peer_train.py printed no 'img/s: N' line (exit code 1): KeyError: 'wrn-16-1'",
                e.getMessage());
    }

    @Test
    void malformedRateIsAnError() {
        MentorException e = assertThrows(MentorException.class, () -> PeerRunner.parse("img/s: fast\n", 0, SCRIPT));
        assertTrue(e.getMessage().contains("'img/s: fast'"), e.getMessage());
    }

    @Test
    void missingScriptIsAnErrorNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("no_such_peer.py");
        MentorException e = assertThrows(MentorException.class, () -> PeerRunner.open(Path.of("/usr/bin/python3"), missing));
        assertEquals("peer: " + missing + ": no such file", e.getMessage());
    }

    @Test
    void pythonWithoutTorchIsAnErrorNamingBothPaths(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("peer.py"), "print('img/s: 1')\n");
        Path python = executable(dir.resolve("python"), "echo \"ModuleNotFoundError: No module named 'torch'\" >&2; exit 1");
        MentorException e = assertThrows(MentorException.class, () -> PeerRunner.open(python, script));
        assertEquals("peer: " + python + " cannot import torch, which " + script
                + " needs (ModuleNotFoundError: No module named 'torch')", e.getMessage());
    }

    @Test
    void unrunnablePythonIsAnError(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("peer.py"), "");
        Path python = dir.resolve("no-python");
        MentorException e = assertThrows(MentorException.class, () -> PeerRunner.open(python, script));
        assertTrue(e.getMessage().startsWith("python: cannot run " + python), e.getMessage());
    }

    @Test
    void runsThePeerWithTheWorkloadsArguments(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("peer.py"), "");
        // A stand-in interpreter: succeeds on "-c import torch", otherwise echoes its arguments and a rate.
        Path python = executable(dir.resolve("python"),
                "[ \"$1\" = -c ] && exit 0; shift; echo \"torch fake $*\"; echo 'img/s: 250.5'");
        PeerRunner.Result result = PeerRunner.open(python, script).run(SMALL, 7, 2);
        assertEquals(250.5, result.imagesPerSecond(), 1e-9);
        assertEquals("torch fake cnn-small --batch 8 --steps 7 --threads 2 --channels 1 --size 28", result.description());
    }

    static Path executable(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
