package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import dev.mentor.data.FashionMnistSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's data step on a machine without Fashion-MNIST: it installs Debian's package (here a stand-in
 * for apt-get that records what it was asked and puts the files where the package would), retries after
 * {@code apt-get update} as a new machine's empty package lists need, and says how to get the data when
 * it may not install.
 */
class DemoDataTest {
    @TempDir
    Path dir;

    private FashionMnistSource absent() {
        return new FashionMnistSource(List.of(dir.resolve("home-datasets"), dir.resolve("usr-share-datasets")));
    }

    /** A stand-in for apt-get: records each command; {@code install} succeeds from the given attempt on and writes the files. */
    private static final class FakeApt implements DemoCommand.Installer {
        final List<List<String>> commands = new ArrayList<>();
        final Path installsInto;
        final int installSucceedsAt;
        int installs;

        FakeApt(Path installsInto, int installSucceedsAt) {
            this.installsInto = installsInto;
            this.installSucceedsAt = installSucceedsAt;
        }

        @Override
        public int run(List<String> command) throws java.io.IOException {
            commands.add(command);
            if (command.get(1).equals("install") && ++installs >= installSucceedsAt) {
                CliFixture.idx(installsInto, 20, 10, 10);
                return 0;
            }
            return command.get(1).equals("update") ? 0 : 100;
        }
    }

    @Test
    void absentDataIsInstalledWithDebiansPackage() {
        FashionMnistSource source = absent();
        FakeApt apt = new FakeApt(dir.resolve("usr-share-datasets"), 1);
        StringWriter err = new StringWriter();
        Path found = DemoCommand.obtain(source, true, apt, new PrintWriter(err, true));
        assertEquals(dir.resolve("usr-share-datasets"), found);
        assertEquals(List.of(List.of("apt-get", "install", "-y", "-q", "dataset-fashion-mnist")), apt.commands);
        assertTrue(err.toString().contains("installing Debian's dataset-fashion-mnist"), err.toString());
    }

    @Test
    void onANewMachineTheInstallIsRetriedAfterAnUpdate() {
        FakeApt apt = new FakeApt(dir.resolve("usr-share-datasets"), 2);
        DemoCommand.obtain(absent(), true, apt, new PrintWriter(new StringWriter(), true));
        assertEquals(List.of("install", "update", "install"), apt.commands.stream().map(c -> c.get(1)).toList());
    }

    @Test
    void presentDataInstallsNothing() throws Exception {
        CliFixture.idx(dir.resolve("home-datasets"), 20, 10, 10);
        FakeApt apt = new FakeApt(dir.resolve("usr-share-datasets"), 1);
        assertEquals(dir.resolve("home-datasets"), DemoCommand.obtain(absent(), true, apt, new PrintWriter(new StringWriter(), true)));
        assertTrue(apt.commands.isEmpty());
    }

    @Test
    void withoutRightsToInstallItSaysHow() {
        FakeApt apt = new FakeApt(dir.resolve("usr-share-datasets"), 1);
        MentorException e = assertThrows(MentorException.class,
                () -> DemoCommand.obtain(absent(), false, apt, new PrintWriter(new StringWriter(), true)));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(apt.commands.isEmpty());
    }

    @Test
    void aFailedInstallIsOneLineNamingThePackage() {
        FakeApt apt = new FakeApt(dir.resolve("usr-share-datasets"), 99);
        MentorException e = assertThrows(MentorException.class,
                () -> DemoCommand.obtain(absent(), true, apt, new PrintWriter(new StringWriter(), true)));
        assertTrue(e.getMessage().startsWith("demo: apt-get install dataset-fashion-mnist failed (exit code 100)"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("usr-share-datasets")));
    }
}
