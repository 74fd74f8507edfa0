package dev.mentor.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PoliciesTest {
    @Test
    void existingNamesStillParse() {
        assertEquals(Augmentation.NONE, Policies.parse("none", 28));
        assertEquals("weak(flip=true, padding=4, reflect)", Policies.parse("weak", 32).toString());
        assertEquals("weak(flip=false, padding=4, reflect)", Policies.parse("crop", 28).toString());
        assertEquals("weak(flip=true, padding=0)", Policies.parse("flip", 28).toString());
    }

    @Test
    void randAugmentSpecsWithDefaults() {
        assertEquals(new RandAugment(2, 9, 0, 1), Policies.parse("randaugment", 28));
        assertEquals(new RandAugment(2, 9, 0, 1), Policies.parse("randaugment:n=2,m=9", 28));
        assertEquals(new RandAugment(3, 15, 0.5, 0.7), Policies.parse("randaugment:m=15, n=3,mstd=0.5,p=0.7", 28));
        assertEquals(new RandAugment(2, 9, Double.POSITIVE_INFINITY, 1), Policies.parse("randaugment:mstd=inf", 28));
        assertInstanceOf(TrivialAugmentWide.class, Policies.parse("trivial", 28));
    }

    @Test
    void strongIsWeakThenRandAugmentTwoTenThenHalfCutout() {
        StrongAugment strong = (StrongAugment) Policies.parse("strong", 32);
        assertEquals("weak(flip=true, padding=4, reflect)", strong.weak().toString());
        assertEquals(RandAugment.of(2, 10), strong.randAugment());
        assertEquals(new Cutout(0.5, 127), strong.cutout());
        StrongAugment custom = (StrongAugment) Policies.parse("strong:flip=false,n=1,m=5,p=0.5,cutout=0.25", 28);
        assertEquals("weak(flip=false, padding=4, reflect)", custom.weak().toString());
        assertEquals(new RandAugment(1, 5, 0, 0.5), custom.randAugment());
        assertEquals(new Cutout(0.25, 127), custom.cutout());
        assertEquals(new Cutout(0, 0.5, 127), ((StrongAugment) Policies.parse("strong:cutout=0..0.5", 32)).cutout());
    }

    @Test
    void aPolicyFlipsWhenAStepMayMirror() {
        assertTrue(AugmentPolicy.parse("strong").flips());
        assertTrue(AugmentPolicy.parse("strong:cutout=0..0.5").flips());
        assertTrue(AugmentPolicy.parse("strong:flip=false+flip").flips());
        assertTrue(AugmentPolicy.parse("weak+randaugment").flips());
        assertFalse(AugmentPolicy.parse("strong:flip=false,cutout=0..0.5").flips());
        assertFalse(AugmentPolicy.parse("crop+randaugment:n=3+trivial").flips());
        assertFalse(AugmentPolicy.parse("none").flips());
    }

    @Test
    void errorsQuoteTheSpecAndTheBadValue() {
        assertError("randaugment:n=2,m=40", "'randaugment:n=2,m=40'", "m", "40");
        assertError("randaugment:n=two", "'randaugment:n=two'", "n must be an integer", "'two'");
        assertError("randaugment:p=1.5", "p", "1.5");
        assertError("randaugment:mstd=-1", "mstd", "-1");
        assertError("randaugment:k=3", "unknown key 'k'");
        assertError("randaugment:n=2,n=3", "'n' given twice");
        assertError("randaugment:n", "expected KEY=VALUE", "'n'");
        assertError("trivial:m=3", "'trivial:m=3'", "takes no options");
        assertError("strong:flip=maybe", "flip", "'maybe'");
        assertError("strong:cutout=2", "cutout", "2");
        assertError("strong:cutout=0.5..0.25", "low first", "got '0.5..0.25'");
        assertError("strong:cutout=0..2", "range LOW..HIGH", "got '0..2'");
        assertError("strong:cutout=0...5", "range LOW..HIGH", "got '0...5'");
        assertError("strong:cutout=..0.5", "range LOW..HIGH", "got '..0.5'");
        assertError("strong:cutout=0..x", "cutout must be a number", "'x'");
        assertError("autoaugment", "unknown augmentation 'autoaugment'", "randaugment", "strong");
    }

    private static void assertError(String spec, String... mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Policies.parse(spec, 28));
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "'" + m + "' missing from: " + e.getMessage());
        }
        assertTrue(e.getMessage().contains(spec), "spec missing from: " + e.getMessage());
    }

    @Test
    void policiesJoinedWithPlusApplyLeftToRight() {
        byte[] px = new byte[36];
        for (int i = 0; i < 36; i++) {
            px[i] = (byte) (i * 7);
        }
        Image input = Image.wrap(1, 6, 6, px);
        Augmentation joined = Policies.parse("flip+randaugment:n=1,m=5", 6);
        Augmentation flip = Policies.parse("flip", 6);
        Augmentation rand = Policies.parse("randaugment:n=1,m=5", 6);
        for (long seed = 0; seed < 20; seed++) {
            java.util.SplittableRandom a = new java.util.SplittableRandom(seed);
            java.util.SplittableRandom b = new java.util.SplittableRandom(seed);
            assertEquals(rand.apply(flip.apply(input, b), b), joined.apply(input, a));
        }
        assertError("weak+", "'weak+'", "empty policy");
    }
}
