package dev.mentor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.augment.Image;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayImageSetTest {
    private static final List<String> NAMES = List.of("a", "b", "c");

    private static ArrayImageSet threeRgbImages() {
        byte[] pixels = TestFiles.randomBytes(3 * 3 * 2 * 4, 1);
        return new ArrayImageSet(3, 2, 4, pixels, new int[] {2, 0, ImageSet.UNLABELED}, NAMES);
    }

    @Test
    void imageReturnsThePlanarSliceOfTheBackingArray() {
        byte[] pixels = TestFiles.randomBytes(3 * 3 * 2 * 4, 1);
        ArrayImageSet set = new ArrayImageSet(3, 2, 4, pixels.clone(), new int[] {2, 0, 1}, NAMES);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(Arrays.copyOfRange(pixels, i * 24, (i + 1) * 24), set.image(i).toBytes());
            assertEquals(2, set.image(i).height());
            assertEquals(4, set.image(i).width());
        }
        assertEquals(2, set.label(0));
        assertEquals(3, set.numClasses());
    }

    @Test
    void imagesAreCopiesSoTheSetCannotBeChangedThroughThem() {
        ArrayImageSet set = threeRgbImages();
        Image first = set.image(1);
        first.pixelsReadOnly()[0] ^= 0x55;
        assertNotSame(first, set.image(1));
        assertTrue(first.get(0, 0, 0) != set.image(1).get(0, 0, 0));
    }

    @Test
    void labelsArrayIsCopied() {
        int[] labels = {0, 1, 2};
        ArrayImageSet set = new ArrayImageSet(1, 1, 1, new byte[3], labels, NAMES);
        labels[0] = 2;
        assertEquals(0, set.label(0));
    }

    @Test
    void rejectsPixelCountThatDoesNotMatchLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ArrayImageSet(1, 2, 2, new byte[7], new int[] {0, 1}, NAMES));
        assertTrue(e.getMessage().contains("expected 8"), e.getMessage());
    }

    @Test
    void rejectsLabelOutOfRangeAndBadChannels() {
        assertThrows(IllegalArgumentException.class,
                () -> new ArrayImageSet(1, 1, 1, new byte[1], new int[] {3}, NAMES));
        assertThrows(IllegalArgumentException.class,
                () -> new ArrayImageSet(1, 1, 1, new byte[1], new int[] {-2}, NAMES));
        assertThrows(IllegalArgumentException.class,
                () -> new ArrayImageSet(2, 1, 1, new byte[2], new int[] {0}, NAMES));
    }

    @Test
    void indexOutsideTheSetIsRejected() {
        ArrayImageSet set = threeRgbImages();
        assertThrows(IndexOutOfBoundsException.class, () -> set.image(3));
        assertThrows(IndexOutOfBoundsException.class, () -> set.label(-1));
    }

    @Test
    void subsetMapsIndicesToTheBaseSet() {
        ArrayImageSet set = threeRgbImages();
        Subset subset = new Subset(set, new int[] {2, 0, 0});
        assertEquals(3, subset.size());
        assertEquals(set.image(2), subset.image(0));
        assertEquals(set.image(0), subset.image(2));
        assertEquals(ImageSet.UNLABELED, subset.label(0));
        assertEquals(2, subset.label(1));
        assertEquals(2, subset.baseIndex(0));
        assertEquals(NAMES, subset.classNames());
    }

    @Test
    void subsetRejectsIndexOutsideTheBase() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Subset(threeRgbImages(), new int[] {0, 3}));
        assertTrue(e.getMessage().contains("index 3 at position 1"), e.getMessage());
    }

    @Test
    void withoutLabelsHidesEveryLabelButKeepsImages() {
        ArrayImageSet set = threeRgbImages();
        ImageSet hidden = ImageSets.withoutLabels(set);
        assertEquals(set.size(), hidden.size());
        for (int i = 0; i < set.size(); i++) {
            assertEquals(ImageSet.UNLABELED, hidden.label(i));
            assertEquals(set.image(i), hidden.image(i));
        }
        assertEquals(2, set.label(0));
        assertArrayEquals(new int[] {0, 0, 0}, ImageSets.countPerClass(hidden));
        assertArrayEquals(new int[] {1, 0, 1}, ImageSets.countPerClass(set));
    }

    @Test
    void resizedKeepsLabelsAndChangesShape() {
        ArrayImageSet set = threeRgbImages();
        ImageSet resized = ImageSets.resized(set, 5, 6);
        assertEquals(5, resized.height());
        assertEquals(6, resized.width());
        assertEquals(3, resized.channels());
        assertArrayEquals(ImageSets.labels(set), ImageSets.labels(resized));
        assertTrue(ImageSets.resized(set, 2, 4) == set);
    }
}
