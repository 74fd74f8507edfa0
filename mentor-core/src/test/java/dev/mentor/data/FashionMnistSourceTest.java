package dev.mentor.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mentor.MentorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistSourceTest {
    private static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    @Test
    void defaultPlacesPutMentorDataFirstThenHomeThenDebian() {
        Path home = Path.of("/home/ada");
        assertEquals(List.of(Path.of("/data/fashion-mnist"), home.resolve(".mentor/datasets/fashion-mnist"), DEBIAN),
                FashionMnistSource.defaultSearchDirectories(Map.of("MENTOR_DATA", "/data"), home));
        assertEquals(List.of(home.resolve(".mentor/datasets/fashion-mnist"), DEBIAN),
                FashionMnistSource.defaultSearchDirectories(Map.of(), home));
    }

    @Test
    void loadsFromTheFirstDirectoryHoldingTheFiles() {
        Path empty = dir.resolve("empty");
        Path second = dir.resolve("second");
        byte[] pixels = TestFiles.randomBytes(3 * 28 * 28, 5);
        byte[] labels = {9, 0, 4};
        TestFiles.write(second.resolve("train-images-idx3-ubyte.gz"),
                TestFiles.gzip(TestFiles.idxImages(3, 28, 28, pixels)));
        TestFiles.write(second.resolve("train-labels-idx1-ubyte.gz"), TestFiles.gzip(TestFiles.idxLabels(labels)));
        LoadedData data = new FashionMnistSource(List.of(empty, second)).load();
        assertEquals("fashion-mnist", data.name());
        assertEquals(FashionMnistSource.CLASS_NAMES, data.train().classNames());
        assertEquals(9, data.train().label(0));
        assertEquals(pixels[28 * 28 + 5] & 0xFF, data.train().image(1).get(0, 0, 5));
    }

    @Test
    void missingDatasetMessageListsThePlacesAndHowToGetIt() {
        Path home = dir.resolve("home");
        FashionMnistSource source = new FashionMnistSource(List.of(dir.resolve("a/fashion-mnist"),
                home.resolve(".mentor/datasets/fashion-mnist")));
        String message = assertThrows(MentorException.class, source::load).getMessage();
        assertTrue(message.contains(dir.resolve("a/fashion-mnist").toString()), message);
        assertTrue(message.contains(home.resolve(".mentor/datasets/fashion-mnist").toString()), message);
        assertTrue(message.contains("apt-get install dataset-fashion-mnist"), message);
        assertTrue(message.contains("~/.mentor/datasets/fashion-mnist"), message);
        assertTrue(!message.contains("\n"), message);
    }

    /** The real data, when Debian's dataset-fashion-mnist package is installed; skipped otherwise. */
    @Test
    void realFashionMnistHasSixtyThousandTrainingAndTenThousandTestImages() {
        assumeTrue(Files.isRegularFile(DEBIAN.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST is not installed in " + DEBIAN);
        long start = System.nanoTime();
        LoadedData data = new FashionMnistSource(List.of(DEBIAN)).load();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("Fashion-MNIST loaded in " + millis + " ms, fingerprint " + data.fingerprint());
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertEquals(10, data.train().numClasses());
        assertEquals(1, data.train().channels());
        assertEquals(28, data.train().height());
        assertEquals(28, data.train().width());
        int[] counts = ImageSets.countPerClass(data.train());
        for (int count : counts) {
            assertEquals(6_000, count);
        }
    }
}
