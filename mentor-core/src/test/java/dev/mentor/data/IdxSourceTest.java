package dev.mentor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxSourceTest {
    private static final int ROWS = 4;
    private static final int COLS = 3;

    @TempDir
    Path dir;

    private final byte[] trainPixels = TestFiles.randomBytes(5 * ROWS * COLS, 11);
    private final byte[] trainLabels = {0, 3, 1, 2, 3};
    private final byte[] testPixels = TestFiles.randomBytes(2 * ROWS * COLS, 12);
    private final byte[] testLabels = {2, 0};

    private void writeAll(Path where, boolean gzip) {
        write(where, "train-images-idx3-ubyte", TestFiles.idxImages(5, ROWS, COLS, trainPixels), gzip);
        write(where, "train-labels-idx1-ubyte", TestFiles.idxLabels(trainLabels), gzip);
        write(where, "t10k-images-idx3-ubyte", TestFiles.idxImages(2, ROWS, COLS, testPixels), gzip);
        write(where, "t10k-labels-idx1-ubyte", TestFiles.idxLabels(testLabels), gzip);
    }

    private static Path write(Path where, String name, byte[] bytes, boolean gzip) {
        return gzip ? TestFiles.write(where.resolve(name + ".gz"), TestFiles.gzip(bytes))
                : TestFiles.write(where.resolve(name), bytes);
    }

    private MentorException loadFails(Path where) {
        return assertThrows(MentorException.class, () -> new IdxSource(where).load());
    }

    private static void assertRoundTrip(ImageSet set, byte[] pixels, byte[] labels) {
        assertEquals(labels.length, set.size());
        assertEquals(1, set.channels());
        assertEquals(ROWS, set.height());
        assertEquals(COLS, set.width());
        for (int i = 0; i < labels.length; i++) {
            assertArrayEquals(Arrays.copyOfRange(pixels, i * ROWS * COLS, (i + 1) * ROWS * COLS),
                    set.image(i).toBytes());
            assertEquals(labels[i], set.label(i));
        }
    }

    @Test
    void rawFilesRoundTripExactly() {
        writeAll(dir, false);
        LoadedData data = new IdxSource(dir).load();
        assertRoundTrip(data.train(), trainPixels, trainLabels);
        assertRoundTrip(data.test(), testPixels, testLabels);
        assertEquals(List.of("0", "1", "2", "3"), data.train().classNames());
        assertEquals(dir.getFileName().toString(), data.name());
        assertEquals(16, data.fingerprint().length());
    }

    @Test
    void gzipFilesRoundTripWithTheSameFingerprintAsRaw() {
        writeAll(dir.resolve("raw"), false);
        writeAll(dir.resolve("gz"), true);
        LoadedData raw = new IdxSource(dir.resolve("raw")).load();
        LoadedData gz = new IdxSource(dir.resolve("gz")).load();
        assertRoundTrip(gz.train(), trainPixels, trainLabels);
        assertRoundTrip(gz.test(), testPixels, testLabels);
        assertEquals(raw.fingerprint(), gz.fingerprint());
    }

    @Test
    void oneChangedPixelChangesTheFingerprint() {
        writeAll(dir.resolve("a"), false);
        trainPixels[7] ^= 1;
        writeAll(dir.resolve("b"), false);
        assertNotEquals(new IdxSource(dir.resolve("a")).load().fingerprint(),
                new IdxSource(dir.resolve("b")).load().fingerprint());
    }

    @Test
    void withoutTestFilesTheTestSplitIsNull() {
        write(dir, "train-images-idx3-ubyte", TestFiles.idxImages(5, ROWS, COLS, trainPixels), true);
        write(dir, "train-labels-idx1-ubyte", TestFiles.idxLabels(trainLabels), false);
        LoadedData data = new IdxSource(dir).load();
        assertNull(data.test());
        assertRoundTrip(data.train(), trainPixels, trainLabels);
    }

    @Test
    void testImagesWithoutTestLabelsAreAnError() {
        writeAll(dir, false);
        dir.resolve("t10k-labels-idx1-ubyte").toFile().delete();
        MentorException e = loadFails(dir);
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void fashionMnistFolderGetsTheOfficialClassNames() {
        writeAll(dir.resolve("fashion-mnist"), true);
        LoadedData data = new IdxSource(dir.resolve("fashion-mnist")).load();
        assertEquals(FashionMnistSource.CLASS_NAMES, data.train().classNames());
        assertEquals("Trouser", data.train().classNames().get(1));
    }

    @Test
    void wrongMagicNumberNamesFileAndBothNumbers() {
        writeAll(dir, true);
        Path file = write(dir, "train-images-idx3-ubyte", TestFiles.idxLabels(trainLabels), true);
        MentorException e = loadFails(dir);
        assertEquals(file + ": wrong magic number 0x00000801, expected 0x00000803 (IDX unsigned-byte images)",
                e.getMessage());
    }

    @Test
    void wrongMagicInLabelsFileIsReported() {
        writeAll(dir, false);
        Path file = write(dir, "train-labels-idx1-ubyte", TestFiles.idxLabels(0x00000802, 5, trainLabels), false);
        assertEquals(file + ": wrong magic number 0x00000802, expected 0x00000801 (IDX unsigned-byte labels)",
                loadFails(dir).getMessage());
    }

    @Test
    void truncatedRawImagesReportClaimedAndHeldCounts() {
        writeAll(dir, false);
        byte[] partial = Arrays.copyOf(trainPixels, 3 * ROWS * COLS + 5);
        Path file = write(dir, "train-images-idx3-ubyte", TestFiles.idxImages(5, ROWS, COLS, partial), false);
        assertEquals(file + ": truncated: header claims 5 images but file holds only 3", loadFails(dir).getMessage());
    }

    @Test
    void truncatedGzipImagesReportClaimedAndHeldCounts() {
        writeAll(dir, true);
        byte[] partial = Arrays.copyOf(trainPixels, 2 * ROWS * COLS);
        Path file = write(dir, "train-images-idx3-ubyte", TestFiles.idxImages(5, ROWS, COLS, partial), true);
        assertEquals(file + ": truncated: header claims 5 images but file holds only 2", loadFails(dir).getMessage());
    }

    @Test
    void gzipStreamCutOffMidwayIsReportedAsTruncated() {
        writeAll(dir, true);
        byte[] big = TestFiles.randomBytes(2000 * ROWS * COLS, 3);
        byte[] gz = TestFiles.gzip(TestFiles.idxImages(2000, ROWS, COLS, big));
        Path file = TestFiles.write(dir.resolve("train-images-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2));
        MentorException e = loadFails(dir);
        assertTrue(e.getMessage().startsWith(file + ": truncated: header claims 2000 images but file holds only"),
                e.getMessage());
    }

    @Test
    void headerClaimingABillionImagesFailsFastWithoutAllocatingThem() {
        writeAll(dir.resolve("raw"), false);
        writeAll(dir.resolve("gz"), true);
        Path raw = write(dir.resolve("raw"), "train-images-idx3-ubyte",
                TestFiles.idxImages(1_000_000_000, ROWS, COLS, trainPixels), false);
        Path gz = write(dir.resolve("gz"), "train-images-idx3-ubyte",
                TestFiles.idxImages(1_000_000_000, 28, 28, trainPixels), true);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertEquals(raw + ": truncated: header claims 1000000000 images but file holds only 5",
                    loadFails(dir.resolve("raw")).getMessage());
            assertEquals(gz + ": truncated: header claims 1000000000 images but file holds only 0",
                    loadFails(dir.resolve("gz")).getMessage());
        });
    }

    @Test
    void labelCountDifferentFromImageCountIsAnError() {
        writeAll(dir, false);
        Path labels = write(dir, "train-labels-idx1-ubyte", TestFiles.idxLabels(new byte[] {0, 1, 2, 3}), false);
        MentorException e = loadFails(dir);
        assertTrue(e.getMessage().startsWith(labels + ": holds 4 labels but "), e.getMessage());
        assertTrue(e.getMessage().endsWith("holds 5 images"), e.getMessage());
    }

    @Test
    void labelBeyondTheFashionMnistClassesIsOutOfRange() {
        Path fashion = dir.resolve("fashion-mnist");
        writeAll(fashion, false);
        byte[] badLabels = {0, 1, 12, 3, 4};
        Path labels = write(fashion, "train-labels-idx1-ubyte", TestFiles.idxLabels(badLabels), false);
        assertEquals(labels + ": label 12 of image 2 is out of range (10 classes, labels 0..9)",
                loadFails(fashion).getMessage());
    }

    @Test
    void testLabelUnseenInTrainingIsOutOfRange() {
        writeAll(dir, false);
        Path labels = write(dir, "t10k-labels-idx1-ubyte", TestFiles.idxLabels(new byte[] {2, 7}), false);
        assertEquals(labels + ": label 7 of image 1 is out of range (4 classes, labels 0..3)",
                loadFails(dir).getMessage());
    }

    @Test
    void aSingleClassIsNotEnough() {
        writeAll(dir, false);
        write(dir, "train-labels-idx1-ubyte", TestFiles.idxLabels(new byte[5]), false);
        assertTrue(loadFails(dir).getMessage().contains("at least 2 classes"));
    }

    @Test
    void fileShorterThanItsHeaderIsTruncated() {
        writeAll(dir, false);
        Path file = TestFiles.write(dir.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0});
        assertEquals(file + ": truncated: 6 bytes, the IDX header needs 16", loadFails(dir).getMessage());
    }

    @Test
    void dataBeyondWhatTheHeaderClaimsIsAnError() {
        writeAll(dir, true);
        Path file = write(dir, "train-images-idx3-ubyte", TestFiles.idxImages(4, ROWS, COLS, trainPixels), true);
        assertEquals(file + ": holds more data than the 4 images its header claims", loadFails(dir).getMessage());
    }

    @Test
    void zeroImageSizeInTheHeaderIsAnError() {
        writeAll(dir, false);
        Path file = write(dir, "train-images-idx3-ubyte", TestFiles.idxImages(5, 0, COLS, trainPixels), false);
        assertTrue(loadFails(dir).getMessage().startsWith(file + ": bad image size 0x3"));
    }

    @Test
    void corruptGzipDataIsReportedWithTheFile() {
        writeAll(dir, true);
        byte[] gz = TestFiles.gzip(TestFiles.idxImages(5, ROWS, COLS, trainPixels));
        for (int i = 12; i < gz.length - 8; i++) {
            gz[i] = (byte) 0xFF;
        }
        Path file = TestFiles.write(dir.resolve("train-images-idx3-ubyte.gz"), gz);
        MentorException e = loadFails(dir);
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void gzipFileCutInsideItsOwnHeaderIsTruncated() {
        writeAll(dir, true);
        Path file = TestFiles.write(dir.resolve("train-images-idx3-ubyte.gz"), new byte[] {0x1f, (byte) 0x8b, 8});
        assertEquals(file + ": truncated: the gzip stream ends early", loadFails(dir).getMessage());
    }

    @Test
    void testImagesOfAnotherSizeThanTrainingAreAnError() {
        writeAll(dir, false);
        Path file = write(dir, "t10k-images-idx3-ubyte", TestFiles.idxImages(2, COLS, ROWS, testPixels), false);
        assertTrue(loadFails(dir).getMessage().startsWith(file + ": images are 3x4 but the training images"));
    }

    @Test
    void missingTrainingFilesAreNamed() {
        MentorException e = loadFails(dir);
        assertTrue(e.getMessage().startsWith(dir + ": no train-images-idx3-ubyte or train-images-idx3-ubyte.gz"),
                e.getMessage());
        assertTrue(loadFails(dir.resolve("absent")).getMessage().contains("no such directory"));
    }
}
