package dev.mentor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourcesTest {
    private static final DataOptions PLAIN = DataOptions.defaults();

    @TempDir
    Path dir;

    private DataSource parse(String spec, DataOptions options) {
        return DataSources.parse(spec, options, Map.of("MENTOR_DATA", dir.toString()), dir.resolve("home"));
    }

    private String parseFails(String spec) {
        return assertThrows(MentorException.class, () -> parse(spec, PLAIN)).getMessage();
    }

    /** A folder data set of 2 classes with 10 and 5 grey 4x4 images, no test folder. */
    private Path folderData() {
        Path data = dir.resolve("shapes");
        for (int i = 0; i < 10; i++) {
            TestFiles.writeImage(data.resolve("train/big/" + i + ".png"), TestFiles.grey(4, 4, i), "png");
        }
        for (int i = 0; i < 5; i++) {
            TestFiles.writeImage(data.resolve("train/small/" + i + ".png"), TestFiles.grey(4, 4, 100 + i), "png");
        }
        return data;
    }

    @Test
    void unknownSchemeListsTheKnownOnes() {
        String expected = "data: unknown data source 'xyz' (expected fashion-mnist, idx:DIR, folder:DIR, "
                + "cifar10:DIR or cifar100:DIR)";
        assertEquals(expected, parseFails("xyz"));
        assertEquals(expected, parseFails("xyz:/data"));
        assertTrue(parseFails("").startsWith("data: unknown data source ''"));
    }

    @Test
    void schemeWithoutDirectoryIsAnError() {
        assertEquals("data: 'folder:' needs a directory after the colon, e.g. folder:/data/images",
                parseFails("folder:"));
        assertTrue(parseFails("fashion-mnist:/x").contains("fashion-mnist takes no directory"));
    }

    @Test
    void eachSchemeBuildsItsSource() {
        assertInstanceOf(IdxSource.class, parse("idx:/data/mnist", PLAIN));
        assertInstanceOf(FolderSource.class, parse("folder:/data/pets", PLAIN));
        assertEquals("CIFAR-10 binary files in /data/c10", parse("cifar10:/data/c10", PLAIN).describe());
        assertEquals("CIFAR-100 binary files in /data/c100", parse("CIFAR100:/data/c100", PLAIN).describe());
        FashionMnistSource fashion = assertInstanceOf(FashionMnistSource.class, parse("fashion-mnist", PLAIN));
        assertEquals(dir.resolve("fashion-mnist"), fashion.searchDirectories().get(0));
        assertEquals(dir.resolve("home/.mentor/datasets/fashion-mnist"), fashion.searchDirectories().get(1));
    }

    @Test
    void tildeMeansTheHomeDirectory() {
        assertEquals("IDX files in " + dir.resolve("home/mnist"), parse("idx:~/mnist", PLAIN).describe());
    }

    @Test
    void optionsAreValidatedWithTheirValues() {
        assertEquals("image_size: 0 is not between 1 and 4096",
                assertThrows(MentorException.class, () -> new DataOptions(0, null, 1)).getMessage());
        assertEquals("test_split: 1.5 is not a fraction strictly between 0 and 1 (e.g. 0.2)",
                assertThrows(MentorException.class, () -> new DataOptions(null, 1.5, 1)).getMessage());
        assertThrows(MentorException.class, () -> new DataOptions(null, 0.0, 1));
        assertThrows(MentorException.class, () -> new DataOptions(null, Double.NaN, 1));
    }

    @Test
    void testSplitHoldsOutAStratifiedSeededFraction() {
        Path data = folderData();
        LoadedData loaded = parse("folder:" + data, new DataOptions(null, 0.2, 7)).load();
        assertEquals(12, loaded.train().size());
        assertEquals(3, loaded.test().size());
        assertArrayEquals(new int[] {2, 1}, ImageSets.countPerClass(loaded.test()));
        Subset train = (Subset) loaded.train();
        Subset test = (Subset) loaded.test();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < train.size(); i++) {
            assertTrue(seen.add(train.baseIndex(i)));
        }
        for (int i = 0; i < test.size(); i++) {
            assertTrue(seen.add(test.baseIndex(i)));
        }
        assertEquals(15, seen.size());
        LoadedData again = parse("folder:" + data, new DataOptions(null, 0.2, 7)).load();
        assertEquals(baseIndices(test), baseIndices((Subset) again.test()));
        boolean differs = false;
        for (long seed = 8; seed < 20 && !differs; seed++) {
            Subset other = (Subset) parse("folder:" + data, new DataOptions(null, 0.2, seed)).load().test();
            differs = !baseIndices(test).equals(baseIndices(other));
        }
        assertTrue(differs, "twelve other seeds all held out the same images");
    }

    private static List<Integer> baseIndices(Subset subset) {
        return java.util.stream.IntStream.range(0, subset.size()).map(subset::baseIndex).boxed().toList();
    }

    @Test
    void testSplitNeverTakesAClassesLastImage() {
        Path data = folderData();
        LoadedData loaded = parse("folder:" + data, new DataOptions(null, 0.99, 1)).load();
        assertArrayEquals(new int[] {1, 1}, ImageSets.countPerClass(loaded.train()));
    }

    @Test
    void testSplitHoldingNothingIsAnError() {
        Path data = folderData();
        String message = assertThrows(MentorException.class,
                () -> parse("folder:" + data, new DataOptions(null, 0.01, 1)).load()).getMessage();
        assertTrue(message.startsWith("test_split: 0.01 holds out no image"), message);
    }

    @Test
    void testSplitOnDataWithItsOwnTestSplitIsAnError() {
        Path data = folderData();
        TestFiles.writeImage(data.resolve("test/big/0.png"), TestFiles.grey(4, 4, 0), "png");
        String message = assertThrows(MentorException.class,
                () -> parse("folder:" + data, new DataOptions(null, 0.2, 1)).load()).getMessage();
        assertTrue(message.contains("already has a test split"), message);
    }

    @Test
    void imageSizeResizesIdxData() {
        Path idx = dir.resolve("mnist");
        byte[] pixels = TestFiles.randomBytes(72, 1);
        TestFiles.write(idx.resolve("train-images-idx3-ubyte"), TestFiles.idxImages(2, 6, 6, pixels));
        TestFiles.write(idx.resolve("train-labels-idx1-ubyte"), TestFiles.idxLabels(new byte[] {1, 0}));
        DataSource source = parse("idx:" + idx, new DataOptions(3, null, 0));
        LoadedData loaded = source.load();
        assertEquals(3, loaded.train().height());
        assertEquals(3, loaded.train().image(1).width());
        assertEquals(0, loaded.train().label(1));
        assertEquals(new IdxSource(idx).load().fingerprint(), loaded.fingerprint());
        assertTrue(source.describe().endsWith("resized to 3x3"));
        assertFalse(parse("idx:" + idx, PLAIN).describe().contains("resized"));
    }
}
