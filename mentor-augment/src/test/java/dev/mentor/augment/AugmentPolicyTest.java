package dev.mentor.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AugmentPolicyTest {
    @Test
    void aPolicyIsTheTextItWasParsedFromUnchanged() {
        for (String text : List.of("none", "weak", "weak+randaugment:n=2,m=9", "strong:cutout=0.25", " Weak + RandAugment:m=15, n=3 ")) {
            assertEquals(text, AugmentPolicy.parse(text).toString(), text);
        }
        assertEquals(AugmentPolicy.parse("weak"), AugmentPolicy.WEAK);
        assertNotEquals(AugmentPolicy.parse("weak+crop"), AugmentPolicy.parse("weak + crop"));
    }

    @Test
    void stepsAreParsedOnceWithTheirOptions() {
        AugmentPolicy policy = AugmentPolicy.parse("weak + RandAugment:m=15, n=3");
        assertEquals(List.of(new AugmentPolicy.Step("weak", "weak", Map.of()),
                new AugmentPolicy.Step("RandAugment:m=15, n=3", "randaugment", Map.of("m", "15", "n", "3"))), policy.steps());
        assertTrue(AugmentPolicy.NONE.isNone());
        assertFalse(policy.isNone());
    }

    @Test
    void everyBadValueIsRefusedWhenParsedNotWhenBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AugmentPolicy.parse("weak+randaugment:n=2,m=40"));
        assertTrue(e.getMessage().startsWith("'randaugment:n=2,m=40': "), e.getMessage());
        assertEquals("unknown augmentation 'autoaugment' (expected one of none, weak, crop, flip, randaugment, trivial, strong)",
                assertThrows(IllegalArgumentException.class, () -> AugmentPolicy.parse("autoaugment")).getMessage());
        assertEquals("'strong:flip=maybe': flip must be true or false, got 'maybe'",
                assertThrows(IllegalArgumentException.class, () -> AugmentPolicy.parse("strong:flip=maybe")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> AugmentPolicy.parse(null));
    }

    @Test
    void theBuiltAugmentationIsPoliciesOfTheSameTextAtThatWidth() {
        for (String text : List.of("none", "weak", "crop", "strong:n=1,m=5", "randaugment:mstd=inf")) {
            for (int width : new int[] {8, 28, 96}) {
                assertEquals(Policies.parse(text, width).toString(), AugmentPolicy.parse(text).augmentation(width).toString(), text);
            }
        }
        assertEquals("weak(flip=true, padding=12, reflect)", AugmentPolicy.WEAK.augmentation(96).toString());
        Image input = Image.wrap(1, 6, 6, new byte[36]);
        AugmentPolicy joined = AugmentPolicy.parse("flip").then(AugmentPolicy.parse("randaugment:n=1,m=5"));
        assertEquals("flip+randaugment:n=1,m=5", joined.toString());
        for (long seed = 0; seed < 5; seed++) {
            assertEquals(Policies.parse("flip+randaugment:n=1,m=5", 6).apply(input, new java.util.SplittableRandom(seed)),
                    joined.augmentation(6).apply(input, new java.util.SplittableRandom(seed)));
        }
    }
}
