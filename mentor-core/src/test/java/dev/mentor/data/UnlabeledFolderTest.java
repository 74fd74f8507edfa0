package dev.mentor.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import dev.mentor.augment.Image;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnlabeledFolderTest {
    private static final List<String> NAMES = List.of("a", "b");

    @TempDir
    Path dir;

    private void mixedFolder() {
        TestFiles.writeImage(dir.resolve("b/deep/z.png"), TestFiles.rgb(40, 20, 3), "png");
        TestFiles.writeImage(dir.resolve("a.png"), TestFiles.grey(8, 8, 0), "png");
        TestFiles.writeImage(dir.resolve("b/c.jpg"), TestFiles.rgb(16, 16, 60), "jpg");
        TestFiles.write(dir.resolve("b/readme.txt"), "ignored".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsImagesRecursivelyInSortedOrderAndHidesLabels() {
        mixedFolder();
        UnlabeledFolder pool = new UnlabeledFolder(dir, 3, 8, 8, NAMES);
        assertEquals(3, pool.size());
        assertEquals(List.of(dir.resolve("a.png"), dir.resolve("b/c.jpg"), dir.resolve("b/deep/z.png")),
                List.of(pool.file(0), pool.file(1), pool.file(2)));
        for (int i = 0; i < pool.size(); i++) {
            assertEquals(ImageSet.UNLABELED, pool.label(i));
        }
        assertEquals(NAMES, pool.classNames());
    }

    @Test
    void readableLeavesOutFilesThatDoNotDecodeAndNamesThem() {
        mixedFolder();
        TestFiles.write(dir.resolve("b/broken.png"), "\u0089PNG not really".getBytes(StandardCharsets.ISO_8859_1));
        TestFiles.write(dir.resolve("empty.jpg"), new byte[0]);
        UnlabeledFolder pool = new UnlabeledFolder(dir, 3, 8, 8, NAMES);
        assertEquals(5, pool.size());
        UnlabeledFolder readable = pool.readable();
        assertEquals(List.of(dir.resolve("a.png"), dir.resolve("b/c.jpg"), dir.resolve("b/deep/z.png")),
                List.of(readable.file(0), readable.file(1), readable.file(2)));
        assertEquals(3, readable.size());
        assertEquals(2, readable.unreadable().size());
        assertTrue(readable.unreadable().get(0).startsWith(dir.resolve("b/broken.png") + ": "), readable.unreadable().toString());
        assertTrue(readable.unreadable().get(1).startsWith(dir.resolve("empty.jpg") + ": "), readable.unreadable().toString());
        assertEquals(List.of(), pool.unreadable(), "the pool as listed has not been checked");
        readable.image(2);
    }

    @Test
    void aPoolWithNoReadableImageIsOneLineNamingIt() {
        TestFiles.write(dir.resolve("x.png"), new byte[] {1, 2, 3});
        String message = assertThrows(MentorException.class, () -> new UnlabeledFolder(dir, 1, 8, 8, NAMES).readable()).getMessage();
        assertTrue(message.startsWith("unlabeled: " + dir + ": none of its 1 image files can be read ("), message);
        assertEquals(1, message.lines().count());
    }

    @Test
    void everyImageIsBroughtToTheTargetShape() {
        mixedFolder();
        UnlabeledFolder rgbPool = new UnlabeledFolder(dir, 3, 8, 8, NAMES);
        UnlabeledFolder greyPool = new UnlabeledFolder(dir, 1, 12, 10, NAMES);
        for (int i = 0; i < 3; i++) {
            Image rgb = rgbPool.image(i);
            assertEquals(3, rgb.channels());
            assertEquals(8, rgb.height());
            assertEquals(8, rgb.width());
            Image grey = greyPool.image(i);
            assertEquals(1, grey.channels());
            assertEquals(12, grey.height());
            assertEquals(10, grey.width());
        }
        Image greyAsRgb = rgbPool.image(0);
        assertEquals(TestFiles.greyValue(5, 3, 0), greyAsRgb.get(1, 3, 5));
        assertEquals(greyAsRgb.get(0, 3, 5), greyAsRgb.get(2, 3, 5));
    }

    @Test
    void imagesAreReadFromDiskOnEveryCall() {
        mixedFolder();
        UnlabeledFolder pool = new UnlabeledFolder(dir, 1, 8, 8, NAMES);
        assertEquals(0, pool.image(0).get(0, 0, 0));
        TestFiles.writeImage(dir.resolve("a.png"), TestFiles.grey(8, 8, 77), "png");
        assertEquals(77, pool.image(0).get(0, 0, 0));
    }

    @Test
    void concurrentReadsGiveTheSameImagesAsSequentialOnes() {
        for (int i = 0; i < 12; i++) {
            TestFiles.writeImage(dir.resolve(String.format("%02d.png", i)), TestFiles.rgb(9 + i, 7, i * 20), "png");
        }
        UnlabeledFolder pool = new UnlabeledFolder(dir, 3, 6, 6, NAMES);
        List<Image> sequential = IntStream.range(0, pool.size()).mapToObj(pool::image).toList();
        for (int round = 0; round < 4; round++) {
            List<Image> parallel = IntStream.range(0, pool.size()).parallel().mapToObj(pool::image).toList();
            assertEquals(sequential, parallel);
        }
    }

    @Test
    void unreadableFileIsNamedWhenItsImageIsAskedFor() {
        mixedFolder();
        Path bad = TestFiles.write(dir.resolve("b/broken.png"), "garbage".getBytes(StandardCharsets.UTF_8));
        UnlabeledFolder pool = new UnlabeledFolder(dir, 3, 8, 8, NAMES);
        assertEquals(bad, pool.file(1));
        MentorException e = assertThrows(MentorException.class, () -> pool.image(1));
        assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
    }

    @Test
    void folderWithoutImagesOrMissingIsAnError() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "no images");
        assertTrue(assertThrows(MentorException.class, () -> new UnlabeledFolder(dir, 1, 4, 4, NAMES))
                .getMessage().contains(dir + " holds no images"));
        assertTrue(assertThrows(MentorException.class, () -> new UnlabeledFolder(dir.resolve("x"), 1, 4, 4, NAMES))
                .getMessage().contains("is not a directory"));
    }

    @Test
    void parseUnlabeledTakesTheShapeOfTheLabeledSet() {
        mixedFolder();
        ImageSet labeled = new ArrayImageSet(1, 5, 7, new byte[35], new int[] {1}, NAMES);
        UnlabeledFolder pool = DataSources.parseUnlabeled("folder:" + dir, labeled);
        assertEquals(3, pool.size());
        assertEquals(1, pool.image(2).channels());
        assertEquals(5, pool.image(2).height());
        assertEquals(7, pool.image(2).width());
        assertEquals("unlabeled: unknown source 'idx' (expected folder:DIR)", assertThrows(MentorException.class,
                () -> DataSources.parseUnlabeled("idx:" + dir, labeled)).getMessage());
        assertEquals("unlabeled: 'folder' needs a directory after the colon, e.g. folder:/data/images",
                assertThrows(MentorException.class, () -> DataSources.parseUnlabeled("folder", labeled)).getMessage());
    }

    @Test
    void readableKeepsTheDecodedPoolWhenItFitsAndGivesTheSamePixels() {
        mixedFolder();
        TestFiles.write(dir.resolve("b/broken.png"), "\u0089PNG not really".getBytes(StandardCharsets.ISO_8859_1));
        UnlabeledFolder pool = new UnlabeledFolder(dir, 3, 8, 8, NAMES);
        UnlabeledFolder kept = pool.readable();
        UnlabeledFolder decoding = pool.readable(4 * 3 * 8 * 8 - 1); // one byte short of the four listed files
        assertTrue(kept.inMemory());
        assertTrue(!decoding.inMemory() && !pool.inMemory());
        assertEquals(3, kept.size());
        assertEquals(3, decoding.size());
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(kept.file(i), decoding.file(i));
            assertTrue(java.util.Arrays.equals(decoding.image(i).toBytes(), kept.image(i).toBytes()), "image " + i);
        }
        // each call hands out its own pixels: a caller writing into them cannot change the pool
        kept.image(0).pixelsReadOnly()[0] ^= 1;
        assertTrue(java.util.Arrays.equals(decoding.image(0).toBytes(), kept.image(0).toBytes()));
    }
}
