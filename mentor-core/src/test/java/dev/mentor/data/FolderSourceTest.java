package dev.mentor.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import dev.mentor.augment.Image;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSourceTest {
    @TempDir
    Path dir;

    private LoadedData load(Integer imageSize) {
        return new FolderSource(dir, imageSize).load();
    }

    private MentorException loadFails(Integer imageSize) {
        return assertThrows(MentorException.class, () -> load(imageSize));
    }

    private void greyTrainingSet() {
        TestFiles.writeImage(dir.resolve("train/cat/1.png"), TestFiles.grey(5, 4, 0), "png");
        TestFiles.writeImage(dir.resolve("train/cat/2.png"), TestFiles.grey(5, 4, 50), "png");
        TestFiles.writeImage(dir.resolve("train/ant/1.png"), TestFiles.grey(5, 4, 100), "png");
    }

    private static void assertGreyPixels(Image image, int base) {
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                assertEquals(TestFiles.greyValue(x, y, base), image.get(0, y, x));
            }
        }
    }

    @Test
    void greyPngsRoundTripWithSortedClassFolders() {
        greyTrainingSet();
        TestFiles.writeImage(dir.resolve("test/cat/9.png"), TestFiles.grey(5, 4, 200), "png");
        LoadedData data = load(null);
        ImageSet train = data.train();
        assertEquals(List.of("ant", "cat"), train.classNames());
        assertEquals(3, train.size());
        assertEquals(1, train.channels());
        assertEquals(4, train.height());
        assertEquals(5, train.width());
        assertEquals(0, train.label(0));
        assertGreyPixels(train.image(0), 100);
        assertEquals(1, train.label(2));
        assertGreyPixels(train.image(2), 50);
        assertEquals(1, data.test().size());
        assertEquals(1, data.test().label(0));
        assertGreyPixels(data.test().image(0), 200);
    }

    @Test
    void withoutTestFolderThereIsNoTestSplit() {
        greyTrainingSet();
        assertNull(load(null).test());
    }

    @Test
    void mixingGreyAndColourGivesThreeChannelsWithGreyReplicated() {
        greyTrainingSet();
        TestFiles.writeImage(dir.resolve("train/bee/1.png"), TestFiles.rgb(5, 4, 10), "png");
        ImageSet train = load(null).train();
        assertEquals(3, train.channels());
        Image grey = train.image(0);
        Image colour = train.image(1);
        assertEquals(TestFiles.greyValue(3, 2, 100), grey.get(0, 2, 3));
        assertEquals(TestFiles.greyValue(3, 2, 100), grey.get(2, 2, 3));
        int rgb = TestFiles.rgbValue(3, 2, 10);
        assertEquals(rgb >> 16 & 0xFF, colour.get(0, 2, 3));
        assertEquals(rgb >> 8 & 0xFF, colour.get(1, 2, 3));
        assertEquals(rgb & 0xFF, colour.get(2, 2, 3));
    }

    @Test
    void alphaIsDroppedAndPaletteImagesBecomeRgb() {
        BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(1, 0, 0x80_30_60_90);
        TestFiles.writeImage(dir.resolve("train/a/argb.png"), argb, "png");
        byte[] red = {(byte) 10, (byte) 250};
        byte[] green = {(byte) 20, (byte) 0};
        byte[] blue = {(byte) 30, (byte) 128};
        BufferedImage palette = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_BINARY,
                new IndexColorModel(1, 2, red, green, blue));
        palette.getRaster().setSample(0, 1, 0, 1);
        TestFiles.writeImage(dir.resolve("train/b/palette.png"), palette, "png");
        ImageSet train = load(null).train();
        assertEquals(3, train.channels());
        Image a = train.image(0);
        assertEquals(0x30, a.get(0, 0, 1));
        assertEquals(0x60, a.get(1, 0, 1));
        assertEquals(0x90, a.get(2, 0, 1));
        Image b = train.image(1);
        assertEquals(250, b.get(0, 1, 0));
        assertEquals(128, b.get(2, 1, 0));
        assertEquals(10, b.get(0, 0, 0));
    }

    @Test
    void sixteenBitGreyIsScaledToEightBits() {
        BufferedImage deep = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(0, 0, 0, 65535);
        deep.getRaster().setSample(1, 0, 0, 32896);
        TestFiles.writeImage(dir.resolve("train/a/deep.png"), deep, "png");
        TestFiles.writeImage(dir.resolve("train/b/flat.png"), TestFiles.grey(2, 1, 0), "png");
        Image image = load(null).train().image(0);
        assertEquals(1, image.channels());
        assertEquals(255, image.get(0, 0, 0));
        assertEquals(128, image.get(0, 0, 1));
    }

    @Test
    void jpegFilesAreRead() {
        TestFiles.writeImage(dir.resolve("train/a/1.jpg"), TestFiles.rgb(8, 8, 0), "jpg");
        TestFiles.writeImage(dir.resolve("train/b/1.JPEG"), TestFiles.rgb(8, 8, 90), "jpeg");
        ImageSet train = load(null).train();
        assertEquals(2, train.size());
        assertEquals(3, train.channels());
        assertEquals(8, train.height());
    }

    @Test
    void differentSizesWithoutImageSizeNameAFileBothSizesAndTheOption() {
        greyTrainingSet();
        Path odd = TestFiles.writeImage(dir.resolve("train/cat/3.png"), TestFiles.grey(7, 6, 0), "png");
        MentorException e = loadFails(null);
        String message = e.getMessage();
        assertTrue(message.startsWith(odd + ": image is 7x6 but "), message);
        assertTrue(message.contains(dir.resolve("train/ant/1.png") + " is 5x4"), message);
        assertTrue(message.contains("; pass image_size N to resize"), message);
        assertEquals(List.of("image_size"), e.components());
    }

    @Test
    void testImageOfAnotherSizeIsAlsoRejected() {
        greyTrainingSet();
        Path odd = TestFiles.writeImage(dir.resolve("test/ant/1.png"), TestFiles.grey(4, 4, 0), "png");
        assertTrue(loadFails(null).getMessage().startsWith(odd + ": image is 4x4"));
    }

    @Test
    void imageSizeResizesEveryImageToThatSquare() {
        greyTrainingSet();
        TestFiles.writeImage(dir.resolve("train/cat/3.png"), TestFiles.grey(30, 9, 0), "png");
        TestFiles.writeImage(dir.resolve("test/ant/1.png"), TestFiles.grey(3, 3, 0), "png");
        LoadedData data = load(6);
        assertEquals(6, data.train().height());
        assertEquals(6, data.train().width());
        assertEquals(6, data.test().image(0).width());
        assertEquals(4, data.train().size());
    }

    @Test
    void emptyClassFolderIsNamed() throws Exception {
        greyTrainingSet();
        Path empty = Files.createDirectories(dir.resolve("train/dog"));
        Files.writeString(empty.resolve("notes.txt"), "not an image");
        assertTrue(loadFails(null).getMessage().startsWith(empty + ": class folder holds no images"));
    }

    @Test
    void testClassUnknownToTrainingIsAnError() {
        greyTrainingSet();
        TestFiles.writeImage(dir.resolve("test/dog/1.png"), TestFiles.grey(5, 4, 0), "png");
        assertEquals(dir.resolve("test/dog") + ": class 'dog' is not among the training classes [ant, cat]",
                loadFails(null).getMessage());
    }

    @Test
    void corruptImageFileIsNamed() {
        greyTrainingSet();
        byte[] text = "definitely not a png".getBytes(StandardCharsets.UTF_8);
        Path bad = TestFiles.write(dir.resolve("train/cat/0.png"), text);
        assertTrue(loadFails(null).getMessage().startsWith(bad + ": "));
    }

    @Test
    void truncatedPngIsNamed() throws Exception {
        greyTrainingSet();
        Path good = dir.resolve("train/cat/1.png");
        byte[] bytes = Files.readAllBytes(good);
        Path cut = TestFiles.write(dir.resolve("train/cat/0.png"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(loadFails(null).getMessage().startsWith(cut + ": cannot read image"));
    }

    @Test
    void missingTrainFolderAndSingleClassAreErrors() {
        assertTrue(loadFails(null).getMessage().startsWith(dir + ": no 'train' folder"));
        TestFiles.writeImage(dir.resolve("train/only/1.png"), TestFiles.grey(2, 2, 0), "png");
        assertTrue(loadFails(null).getMessage().contains("holds 1 class folder [only]; a classifier needs at least 2"));
    }

    @Test
    void fingerprintIsStableAndFollowsThePixels() {
        greyTrainingSet();
        String first = load(null).fingerprint();
        assertEquals(first, load(null).fingerprint());
        TestFiles.writeImage(dir.resolve("train/cat/2.png"), TestFiles.grey(5, 4, 51), "png");
        assertNotEquals(first, load(null).fingerprint());
    }
}
