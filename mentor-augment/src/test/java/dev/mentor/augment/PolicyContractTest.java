package dev.mentor.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.augment.kernel.Fill;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every policy spelling: shape kept, input untouched, the same images under the same seed on any number of threads. */
class PolicyContractTest {
    @ParameterizedTest
    @ValueSource(strings = {"none", "weak", "crop", "flip", "randaugment", "randaugment:n=3,m=15,mstd=0.5,p=0.7",
        "randaugment:m=30,mstd=inf", "trivial", "strong", "strong:flip=false,cutout=0.25,n=1,m=5"})
    void policyContract(String spec) {
        for (int[] s : new int[][] {{1, 28, 28}, {3, 32, 32}, {3, 29, 17}}) {
            Augmentation policy = Policies.parse(spec, s[2]);
            Image input = TestImages.structured(s[0], s[1], s[2], 11);
            byte[] before = input.toBytes();
            List<Image> first = new ArrayList<>();
            SplittableRandom a = new SplittableRandom(42);
            for (int i = 0; i < 50; i++) {
                Image out = policy.apply(input, a);
                assertTrue(out.sameShape(input), spec + " changed the shape");
                first.add(out);
            }
            assertArrayEquals(before, input.pixelsReadOnly(), spec + " mutated its input");
            SplittableRandom b = new SplittableRandom(42);
            for (int i = 0; i < 50; i++) {
                assertEquals(first.get(i), policy.apply(input, b), spec + " differs under the same seed at draw " + i);
            }
        }
    }

    @Test
    void sameImagesWhateverTheNumberOfThreads() {
        Augmentation policy = Policies.parse("strong", 32);
        List<Image> images = IntStream.range(0, 64).mapToObj(i -> TestImages.structured(3, 32, 32, i)).toList();
        // One generator per image, derived from the seed and the image's index only.
        List<Image> sequential = IntStream.range(0, 64)
                .mapToObj(i -> policy.apply(images.get(i), new SplittableRandom(2024L * 1_000_003 + i))).toList();
        List<Image> parallel = IntStream.range(0, 64).parallel()
                .mapToObj(i -> policy.apply(images.get(i), new SplittableRandom(2024L * 1_000_003 + i))).toList();
        assertEquals(sequential, parallel);
    }

    @Test
    void trivialAugmentAppliesOneOpAtOneOfTheWideBins() {
        Image image = TestImages.structured(3, 12, 10, 4);
        MagnitudeSpace space = MagnitudeSpace.TRIVIAL_AUGMENT_WIDE;
        SplittableRandom random = new SplittableRandom(9);
        for (int trial = 0; trial < 40; trial++) {
            Image out = new TrivialAugmentWide().apply(image, random);
            boolean found = false;
            for (ImageOp op : space.ops()) {
                for (int bin = 0; bin < 31 && !found; bin++) {
                    double v = space.value(op, bin, 31, 12, 10);
                    found = op.apply(image, v).equals(out) || (space.signed(op) && op.apply(image, -v).equals(out));
                }
            }
            assertTrue(found, "trial " + trial + ": output is no op of the wide space at any bin");
        }
    }

    @Test
    void randAugmentWithOneOpAppliesOneOfTheFourteenAtBinM() {
        Image image = TestImages.structured(3, 24, 32, 21);
        MagnitudeSpace space = MagnitudeSpace.RAND_AUGMENT;
        Map<ImageOp, Integer> seen = new EnumMap<>(ImageOp.class);
        RandAugment ra = RandAugment.of(1, 9);
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 1400; trial++) {
            Image out = ra.apply(image, random);
            List<ImageOp> matches = new ArrayList<>();
            for (ImageOp op : space.ops()) {
                double v = space.value(op, 9, 31, 24, 32);
                if (op.apply(image, v).equals(out) || (space.signed(op) && op.apply(image, -v).equals(out))) {
                    matches.add(op);
                }
            }
            assertTrue(!matches.isEmpty(), "output of trial " + trial + " is none of the ops at bin 9");
            if (matches.size() == 1) {
                seen.merge(matches.get(0), 1, Integer::sum);
            }
        }
        for (ImageOp op : space.ops()) {
            if (op != ImageOp.IDENTITY) {
                int n = seen.getOrDefault(op, 0);
                assertTrue(n > 50 && n < 160, op + " chosen " + n + " times of 1400 (expected about 100)");
            }
        }
    }

    @Test
    void zeroOpsOrZeroProbabilityLeaveImagesAlone() {
        Image image = TestImages.structured(1, 28, 28, 2);
        SplittableRandom random = new SplittableRandom(1);
        assertEquals(image, new RandAugment(0, 9, 0, 1).apply(image, random));
        assertEquals(image, new RandAugment(3, 9, 0, 0).apply(image, random));
    }

    @Test
    void differentSeedsGiveDifferentImages() {
        Image image = TestImages.structured(3, 32, 32, 8);
        Augmentation policy = Policies.parse("randaugment:n=2,m=9", 32);
        long distinct = IntStream.range(0, 20).mapToObj(s -> policy.apply(image, new SplittableRandom(s))).distinct().count();
        assertTrue(distinct >= 15, distinct + " distinct images from 20 seeds");
        assertNotEquals(image, Policies.parse("strong", 32).apply(image, new SplittableRandom(3)));
    }

    @Test
    void cutoutCoversItsSquareClippedToTheImage() {
        Image image = Image.blank(1, 32, 32);
        Cutout cutout = Cutout.fixMatch();
        for (int seed = 0; seed < 50; seed++) {
            Image out = cutout.apply(image, new SplittableRandom(seed));
            int grey = 0;
            for (byte b : out.pixelsReadOnly()) {
                grey += b == (byte) ImageOp.CUTOUT_FILL ? 1 : 0;
            }
            assertTrue(grey > 0 && grey <= 16 * 16, "covered " + grey);
        }
    }

    @Test
    void aCutoutRangeDrawsItsSidePerImageAndAFixedSizeDrawsAsBefore() {
        Image image = Image.blank(1, 32, 32);
        Cutout drawn = new Cutout(0, 0.5, ImageOp.CUTOUT_FILL);
        Set<Integer> covered = new TreeSet<>();
        for (int seed = 0; seed < 200; seed++) {
            int grey = 0;
            for (byte b : drawn.apply(image, new SplittableRandom(seed)).pixelsReadOnly()) {
                grey += b == (byte) ImageOp.CUTOUT_FILL ? 1 : 0;
            }
            assertTrue(grey <= 16 * 16, "covered " + grey);
            covered.add(grey);
        }
        assertTrue(covered.contains(0), "a side near 0 rounds to nothing: " + covered);
        assertTrue(covered.size() > 20, "sides vary: " + covered);
        // A fixed size takes no draw for its side: the same square as the two-draw placement alone.
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        Image fixed = Cutout.fixMatch().apply(image, a);
        int top = b.nextInt(32) - 8;
        int left = b.nextInt(32) - 8;
        assertEquals(Fill.rectangle(image, top, left, top + 16, left + 16, ImageOp.CUTOUT_FILL), fixed);
        assertEquals(b.nextLong(), a.nextLong(), "a fixed Cutout draws the centre and nothing else");
    }
}
