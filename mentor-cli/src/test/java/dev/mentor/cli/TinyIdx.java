package dev.mentor.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A command test class's small IDX set ({@link CliFixture#idx(Path, int, int, int)}) and the folder its runs
 * write into: a temporary folder made before the class's first test (and before its {@code @BeforeAll}
 * methods), the set in its {@code idx} subfolder, the whole folder deleted after the class's last test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TinyIdx IDX = new TinyIdx(160, 40, 4);
 * ... CliFixture.run("train", "supervised", "--data", IDX.spec(), "--out", IDX.dir().resolve("run").toString());
 * }</pre>
 */
final class TinyIdx implements BeforeAllCallback, AfterAllCallback {
    private final int train;
    private final int test;
    private final int classes;
    private Path dir;
    private Path data;

    /** {@code train} training and {@code test} test images of {@code classes} classes. */
    TinyIdx(int train, int test, int classes) {
        this.train = train;
        this.test = test;
        this.classes = classes;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("mentor-" + context.getRequiredTestClass().getSimpleName());
        data = CliFixture.idx(dir.resolve("idx"), train, test, classes);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (dir == null) {
            return; // the folder was never made
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(TinyIdx::delete);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class's temporary folder: the set is in {@code idx}, runs go beside it. */
    Path dir() {
        return dir;
    }

    /** The set as {@code --data} takes it: {@code idx:FOLDER}. */
    String spec() {
        return "idx:" + data;
    }
}
