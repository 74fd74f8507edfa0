package dev.mentor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import dev.mentor.data.CifarSource.Variant;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarSourceTest {
    private static final int PIXELS = 3072;

    @TempDir
    Path dir;

    /** Records of the given label bytes followed by pixels drawn from {@code seed}. */
    private static byte[] records(int[][] labelBytes, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] pixels = TestFiles.randomBytes(labelBytes.length * PIXELS, seed);
        for (int r = 0; r < labelBytes.length; r++) {
            for (int b : labelBytes[r]) {
                out.write(b);
            }
            out.write(pixels, r * PIXELS, PIXELS);
        }
        return out.toByteArray();
    }

    private static byte[] pixelsOf(byte[] records, int recordSize, int record) {
        int from = record * recordSize + recordSize - PIXELS;
        return Arrays.copyOfRange(records, from, from + PIXELS);
    }

    private MentorException loadFails(Variant variant) {
        return assertThrows(MentorException.class, () -> new CifarSource(dir, variant).load());
    }

    @Test
    void cifar10BatchesAndTestRoundTripInBatchOrder() {
        byte[] batch1 = records(new int[][] {{3}, {9}}, 1);
        byte[] batch2 = records(new int[][] {{0}}, 2);
        byte[] test = records(new int[][] {{5}, {1}}, 3);
        TestFiles.write(dir.resolve("data_batch_2.bin"), batch2);
        TestFiles.write(dir.resolve("data_batch_1.bin"), batch1);
        TestFiles.write(dir.resolve("test_batch.bin"), test);
        LoadedData data = new CifarSource(dir, Variant.CIFAR10).load();
        assertEquals("cifar10", data.name());
        assertEquals(3, data.train().size());
        assertEquals(3, data.train().channels());
        assertEquals(32, data.train().height());
        assertEquals(List.of(3, 9, 0), List.of(data.train().label(0), data.train().label(1), data.train().label(2)));
        assertArrayEquals(pixelsOf(batch1, 3073, 1), data.train().image(1).toBytes());
        assertArrayEquals(pixelsOf(batch2, 3073, 0), data.train().image(2).toBytes());
        assertArrayEquals(pixelsOf(test, 3073, 0), data.test().image(0).toBytes());
        assertEquals(1, data.test().label(1));
        assertEquals("airplane", data.train().classNames().get(0));
    }

    @Test
    void planarRecordLayoutMapsToChannelRowColumn() {
        byte[] record = records(new int[][] {{2}}, 4);
        TestFiles.write(dir.resolve("data_batch_1.bin"), record);
        dev.mentor.augment.Image image = new CifarSource(dir, Variant.CIFAR10).load().train().image(0);
        assertEquals(record[1 + 1024 + 32 * 5 + 7] & 0xFF, image.get(1, 5, 7));
        assertEquals(record[1 + 2048 + 32 * 31 + 31] & 0xFF, image.get(2, 31, 31));
    }

    @Test
    void classNamesComeFromBatchesMetaWhenPresent() {
        TestFiles.write(dir.resolve("data_batch_1.bin"), records(new int[][] {{0}}, 1));
        List<String> names = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        String meta = String.join("\n", names) + "\n\n";
        TestFiles.write(dir.resolve("batches.meta.txt"), meta.getBytes(StandardCharsets.UTF_8));
        LoadedData data = new CifarSource(dir, Variant.CIFAR10).load();
        assertEquals(names, data.train().classNames());
        assertNull(data.test());
    }

    @Test
    void metaFileWithTheWrongNumberOfNamesIsAnError() {
        TestFiles.write(dir.resolve("data_batch_1.bin"), records(new int[][] {{0}}, 1));
        Path meta = TestFiles.write(dir.resolve("batches.meta.txt"), "a\nb\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(meta + ": holds 2 class names, expected 10 for CIFAR-10", loadFails(Variant.CIFAR10).getMessage());
    }

    @Test
    void extractedArchiveFolderIsFoundInsideTheGivenDirectory() {
        TestFiles.write(dir.resolve("cifar-10-batches-bin/data_batch_1.bin"), records(new int[][] {{4}}, 1));
        assertEquals(4, new CifarSource(dir, Variant.CIFAR10).load().train().label(0));
    }

    @Test
    void cifar100UsesFineLabelsAndItsNamesFile() {
        byte[] train = records(new int[][] {{19, 99}, {0, 42}}, 5);
        TestFiles.write(dir.resolve("train.bin"), train);
        TestFiles.write(dir.resolve("test.bin"), records(new int[][] {{3, 7}}, 6));
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            names.append("class").append(i).append('\n');
        }
        TestFiles.write(dir.resolve("fine_label_names.txt"), names.toString().getBytes(StandardCharsets.UTF_8));
        LoadedData data = new CifarSource(dir, Variant.CIFAR100).load();
        assertEquals(100, data.train().numClasses());
        assertEquals(99, data.train().label(0));
        assertEquals(42, data.train().label(1));
        assertEquals(7, data.test().label(0));
        assertEquals("class42", data.train().classNames().get(42));
        assertArrayEquals(pixelsOf(train, 3074, 1), data.train().image(1).toBytes());
    }

    @Test
    void truncatedFileIsNamedWithItsLength() {
        byte[] batch = records(new int[][] {{1}, {2}}, 1);
        Path file = TestFiles.write(dir.resolve("data_batch_1.bin"), Arrays.copyOf(batch, batch.length - 100));
        String message = loadFails(Variant.CIFAR10).getMessage();
        assertTrue(message.startsWith(file + ": length 6046 bytes is not a whole number of 3073-byte CIFAR-10 records"),
                message);
    }

    @Test
    void cifar10FileReadAsCifar100HasTheWrongRecordLength() {
        Path file = TestFiles.write(dir.resolve("train.bin"), records(new int[][] {{1}, {2}, {3}}, 1));
        assertTrue(loadFails(Variant.CIFAR100).getMessage().startsWith(file + ": length 9219 bytes"));
    }

    @Test
    void emptyFileIsAnError() {
        Path file = TestFiles.write(dir.resolve("data_batch_1.bin"), new byte[0]);
        assertTrue(loadFails(Variant.CIFAR10).getMessage().startsWith(file + ": length 0 bytes"));
    }

    @Test
    void labelOutOfRangeNamesFileAndRecord() {
        Path file = TestFiles.write(dir.resolve("data_batch_1.bin"), records(new int[][] {{1}, {10}}, 1));
        assertEquals(file + ": record 1 has label 10, but CIFAR-10 labels are 0..9",
                loadFails(Variant.CIFAR10).getMessage());
    }

    @Test
    void cifar100CoarseLabelOutOfRangeIsAnError() {
        Path file = TestFiles.write(dir.resolve("train.bin"), records(new int[][] {{20, 1}}, 1));
        assertEquals(file + ": record 0 has coarse label 20, but CIFAR-100 coarse labels are 0..19",
                loadFails(Variant.CIFAR100).getMessage());
    }

    @Test
    void missingTrainingFilesAreNamed() {
        assertTrue(loadFails(Variant.CIFAR10).getMessage().contains("data_batch_1.bin .. data_batch_5.bin"));
        assertTrue(loadFails(Variant.CIFAR100).getMessage().contains("no train.bin"));
    }
}
