package dev.mentor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitterTest {
    /** A set of 1x1 grey images, class c having counts[c] images, in shuffled order. */
    private static ImageSet classes(int... counts) {
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                labels.add(c);
            }
        }
        java.util.Collections.shuffle(labels, new java.util.Random(42));
        List<String> names = IntStream.range(0, counts.length).mapToObj(c -> "class" + c).toList();
        return new ArrayImageSet(1, 1, 1, new byte[labels.size()], labels.stream().mapToInt(i -> i).toArray(), names);
    }

    private static int[] perClass(ImageSet set, int[] indices) {
        int[] counts = new int[set.numClasses()];
        for (int i : indices) {
            counts[set.label(i)]++;
        }
        return counts;
    }

    private static void assertPartition(ImageSet set, Split split) {
        int[] seen = new int[set.size()];
        for (int[] part : List.of(split.labeled(), split.unlabeled(), split.validation())) {
            for (int i = 1; i < part.length; i++) {
                assertTrue(part[i - 1] < part[i], "indices ascending");
            }
            for (int i : part) {
                seen[i]++;
            }
        }
        for (int i = 0; i < seen.length; i++) {
            assertEquals(1, seen[i], "image " + i + " in exactly one part");
        }
    }

    private static String fails(ImageSet set, SplitConfig config) {
        return assertThrows(MentorException.class, () -> Splitter.split(set, config)).getMessage();
    }

    @Test
    void labelsPerClassAndValidationAreExactPerClass() {
        ImageSet set = classes(30, 40, 25);
        Split split = Splitter.split(set, SplitConfig.ofLabelsPerClass(4, 5, 1));
        assertArrayEquals(new int[] {4, 4, 4}, perClass(set, split.labeled()));
        assertArrayEquals(new int[] {5, 5, 5}, perClass(set, split.validation()));
        assertArrayEquals(new int[] {21, 31, 16}, perClass(set, split.unlabeled()));
        assertPartition(set, split);
    }

    @Test
    void labelBudgetIsExactAndBalancedWithTheRemainderSpread() {
        ImageSet set = classes(50, 50, 50, 50, 50, 50, 50, 50, 50, 50);
        Split split = Splitter.split(set, SplitConfig.ofLabels(23, 3, 9));
        assertEquals(23, split.labeled().length);
        int[] counts = perClass(set, split.labeled());
        assertEquals(3, Arrays.stream(counts).filter(c -> c == 3).count());
        assertEquals(7, Arrays.stream(counts).filter(c -> c == 2).count());
        assertPartition(set, split);
    }

    @Test
    void theRemainderGoesToClassesChosenByTheSeed() {
        ImageSet set = classes(20, 20, 20, 20, 20);
        int[] first = perClass(set, Splitter.split(set, SplitConfig.ofLabels(7, 0, 0)).labeled());
        boolean moved = false;
        for (long seed = 1; seed < 20 && !moved; seed++) {
            Split other = Splitter.split(set, SplitConfig.ofLabels(7, 0, seed));
            moved = !Arrays.equals(first, perClass(set, other.labeled()));
        }
        assertTrue(moved, "the same classes got the remainder for 20 seeds");
        assertArrayEquals(first, perClass(set, Splitter.split(set, SplitConfig.ofLabels(7, 0, 0)).labeled()));
    }

    @Test
    void sameSeedGivesTheSameSplitAndOtherSeedsDiffer() {
        ImageSet set = classes(100, 80, 60);
        SplitConfig config = SplitConfig.ofLabels(30, 10, 123);
        Split split = Splitter.split(set, config);
        assertEquals(split, Splitter.split(set, config));
        Split other = Splitter.split(set, SplitConfig.ofLabels(30, 10, 124));
        assertNotEquals(split, other);
        assertTrue(!Arrays.equals(split.labeled(), other.labeled()));
        assertTrue(!Arrays.equals(split.validation(), other.validation()));
    }

    @Test
    void membersAreRandomNotTheFirstImagesOfEachClass() {
        ImageSet set = classes(200, 200);
        int[] labeled = Splitter.split(set, SplitConfig.ofLabelsPerClass(10, 0, 5)).labeled();
        assertTrue(labeled[labeled.length - 1] > 100, "labeled images drawn from the whole set");
    }

    @Test
    void withoutABudgetEveryNonValidationImageIsLabeled() {
        ImageSet set = classes(12, 9);
        Split split = Splitter.split(set, new SplitConfig(null, null, 2, 3));
        assertEquals(0, split.unlabeled().length);
        assertEquals(18, split.labeled().length);
        assertArrayEquals(new int[] {2, 1}, perClass(set, split.validation()), "the class of 9 gives a fifth, 1");
        assertPartition(set, split);
        assertPartition(set, Splitter.split(set, SplitConfig.allLabeled(3)));
    }

    @Test
    void validationDoesNotDependOnTheBudgetAndLargerBudgetsContainSmallerOnes() {
        ImageSet set = classes(60, 60, 60);
        Split small = Splitter.split(set, SplitConfig.ofLabelsPerClass(3, 10, 77));
        Split large = Splitter.split(set, SplitConfig.ofLabelsPerClass(12, 10, 77));
        assertArrayEquals(small.validation(), large.validation());
        for (int i : small.labeled()) {
            assertTrue(Arrays.binarySearch(large.labeled(), i) >= 0, "image " + i + " dropped from the larger budget");
        }
    }

    @Test
    void budgetSmallerThanTheClassCountIsAnError() {
        ImageSet set = classes(10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
        assertEquals("labels: 5 is smaller than the number of classes (10)",
                fails(set, SplitConfig.ofLabels(5, 0, 1)));
    }

    @Test
    void budgetLargerThanTheTrainingSetIsAnError() {
        ImageSet set = classes(600, 600, 600, 600, 600, 600, 600, 600, 600, 600);
        assertEquals("labels: 7000 is larger than the training set (5900 images after the validation split)",
                fails(set, SplitConfig.ofLabels(7000, 10, 1)));
    }

    @Test
    void classTooSmallForItsShareIsNamed() {
        ImageSet set = classes(50, 8, 50);
        assertEquals("labels: 30 needs 10 labeled images of class 'class1' but it has only 7 after the "
                + "validation split",
                fails(set, SplitConfig.ofLabels(30, 2, 1)));
        assertEquals("labels_per_class: 9 needs 9 labeled images of class 'class1' but it has only 8 after the "
                + "validation split", fails(set, SplitConfig.ofLabelsPerClass(9, 0, 1)));
    }

    @Test
    void remainderThatNoClassCanTakeIsAnError() {
        ImageSet set = classes(2, 2, 5);
        assertEquals(7, Splitter.split(set, SplitConfig.ofLabels(7, 0, 1)).labeled().length);
        assertTrue(fails(set, SplitConfig.ofLabels(8, 0, 1))
                .startsWith("labels: 8 needs 3 labeled images from 2 classes, but only 1 classes"));
    }

    @Test
    void aSmallClassGivesAFifthOfItsImagesToValidation() {
        // the default of 100 per class must not stop a user's folder whose rarest class has 12 images
        ImageSet set = classes(12, 600, 6);
        Split split = Splitter.split(set, new SplitConfig(null, null, 100, 1));
        assertArrayEquals(new int[] {2, 100, 1}, perClass(set, split.validation()));
        assertPartition(set, split);
        assertEquals(12 + 600 + 6 - 103, split.labeled().length);
        assertEquals(0, Splitter.validationOf(4, 100), "a class of four images keeps them all to learn from");
        assertEquals(7, Splitter.validationOf(6000 / 5 - 1, 7));
    }

    @Test
    void configRejectsContradictoryOrNegativeValues() {
        assertEquals("labels 40 and labels_per_class 4: give one or the other, not both",
                assertThrows(MentorException.class, () -> new SplitConfig(40, 4, 0, 1)).getMessage());
        assertThrows(MentorException.class, () -> new SplitConfig(0, null, 0, 1));
        assertThrows(MentorException.class, () -> new SplitConfig(null, -3, 0, 1));
        assertEquals("validation_per_class: -1 is negative",
                assertThrows(MentorException.class, () -> new SplitConfig(null, null, -1, 1)).getMessage());
    }

    @Test
    void unlabeledPoolHidesLabelsWhileTheTrainingSetKeepsThem() {
        ImageSet set = classes(10, 10);
        Split split = Splitter.split(set, SplitConfig.ofLabelsPerClass(2, 1, 4));
        ImageSet pool = split.unlabeledSet(set);
        assertEquals(14, pool.size());
        int[] unlabeled = split.unlabeled();
        for (int i = 0; i < pool.size(); i++) {
            assertEquals(ImageSet.UNLABELED, pool.label(i));
            assertTrue(set.label(unlabeled[i]) >= 0);
        }
        assertArrayEquals(new int[] {2, 2}, ImageSets.countPerClass(split.labeledSet(set)));
        assertArrayEquals(new int[] {1, 1}, ImageSets.countPerClass(split.validationSet(set)));
    }

    @Test
    void splitArraysCannotBeChangedFromOutside() {
        ImageSet set = classes(10, 10);
        Split split = Splitter.split(set, SplitConfig.ofLabelsPerClass(2, 1, 4));
        int first = split.labeled()[0];
        split.labeled()[0] = -5;
        assertEquals(first, split.labeled()[0]);
    }

    @Test
    void fashionMnistSizedSplit() {
        int[] counts = new int[10];
        Arrays.fill(counts, 6000);
        ImageSet set = classes(counts);
        Split split = Splitter.split(set, SplitConfig.ofLabels(4000, 100, new SplittableRandom(3).nextLong()));
        assertEquals(4000, split.labeled().length);
        assertEquals(1000, split.validation().length);
        assertEquals(55_000, split.unlabeled().length);
    }
}
