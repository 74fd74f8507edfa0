package dev.mentor.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import dev.mentor.augment.Cutout;
import dev.mentor.augment.RandAugment;
import dev.mentor.augment.StrongAugment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ConsistencyConfigTest {
    private static void refused(String component, String value, Executable build) {
        MentorException e = assertThrows(MentorException.class, build);
        assertEquals(component, e.component());
        assertTrue(e.getMessage().startsWith(component + ":") && e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void theWeightRampsUpLinearlyOverTheUdaSteps() {
        ConsistencyConfig uda = new ConsistencyConfig(7, 2, 0.8, 0.4, 4, true);
        assertEquals(0.5f, uda.unlabeledWeightAt(0));
        assertEquals(1.5f, uda.unlabeledWeightAt(2));
        assertEquals(2f, uda.unlabeledWeightAt(3));
        assertEquals(2f, uda.unlabeledWeightAt(1000));
        assertEquals(1f, ConsistencyConfig.fixMatch(7, 1, 0.95, true).unlabeledWeightAt(0));
        assertEquals(448, uda.unlabeledBatchSize(64));
    }

    @Test
    void theViewsAreWeakThenStrong() {
        var views = new ConsistencyConfig(7, 1, 0.8, 0.4, 0, false).views(28);
        assertEquals(2, views.size());
        assertTrue(views.get(0).toString().startsWith("weak(flip=false, padding=4"), views.get(0).toString());
        assertTrue(views.get(1) instanceof dev.mentor.augment.StrongAugment);
        assertEquals("strong:flip=false", new ConsistencyConfig(7, 1, 0.8, 0.4, 0, false).strongAugment());
        assertEquals("strong", new ConsistencyConfig(7, 1, 0.8, 0.4, 0, true).strongAugment());
    }

    @Test
    void theStrongViewIsTheOneSpelled() {
        ConsistencyConfig drawn = new ConsistencyConfig(7, 1, 0.8, 0.4, 0, true).withStrongAugment("strong:cutout=0..0.5");
        assertEquals(new Cutout(0, 0.5, 127), ((StrongAugment) drawn.views(28).get(1)).cutout());
        assertEquals("strong:cutout=0..0.5", drawn.withDistributionAlignment(true).strongAugment());
        assertEquals(Cutout.fixMatch(), ((StrongAugment) drawn.withStrongAugment(null).views(28).get(1)).cutout());
        var weaker = (StrongAugment) drawn.withStrongAugment("strong:n=1,m=5").views(28).get(1);
        assertEquals(new RandAugment(1, 5, 0, 1), weaker.randAugment());
        refused("strong_augment", "'strong:cutout=2'", () -> drawn.withStrongAugment("strong:cutout=2"));
        ConsistencyConfig noFlip = new ConsistencyConfig(7, 1, 0.8, 0.4, 0, false);
        assertEquals("strong:flip=false,cutout=0..0.5", noFlip.withStrongAugment("strong:flip=false,cutout=0..0.5").strongAugment());
        MentorException e = assertThrows(MentorException.class, () -> noFlip.withStrongAugment("strong:cutout=0..0.5"));
        assertEquals("strong_augment: 'strong:cutout=0..0.5' mirrors images, but no_flip is given: add flip=false to it", e.getMessage());
        assertThrows(MentorException.class, () -> noFlip.withStrongAugment("weak+randaugment"));
        assertEquals("strong:flip=false", noFlip.withStrongAugment(null).strongAugment());
    }

    @Test
    void badValuesNameTheOptionAndTheValue() {
        refused("unlabeled_ratio", "0", () -> new ConsistencyConfig(0, 1, 0.8, 0.4, 0, true));
        refused("lambda_u", "-1.0", () -> new ConsistencyConfig(7, -1, 0.8, 0.4, 0, true));
        refused("threshold", "1.5", () -> new ConsistencyConfig(7, 1, 1.5, 0.4, 0, true));
        refused("temperature", "-0.1", () -> new ConsistencyConfig(7, 1, 0.8, -0.1, 0, true));
        refused("uda_steps", "-5", () -> new ConsistencyConfig(7, 1, 0.8, 0.4, -5, true));
        ConsistencyConfig ok = new ConsistencyConfig(7, 1, 0.8, 0.4, 0, true);
        refused("label_smoothing", "1.0", () -> new MplConfig(ok, 1, MplSign.THEORY, 1, 0.05, 0, 0, 0L, 1e-3, null));
        refused("mpl_weight", "-2.0", () -> new MplConfig(ok, 0, MplSign.THEORY, -2, 0.05, 0, 0, 0L, 1e-3, null));
        refused("student_learning_rate", "0.0", () -> new MplConfig(ok, 0, MplSign.THEORY, 1, 0, 0, 0, 0L, 1e-3, null));
        refused("student_wait_steps", "-1", () -> new MplConfig(ok, 0, MplSign.THEORY, 1, 0.05, -1, 0, 0L, 1e-3, null));
        refused("finetune_epochs", "-3", () -> new MplConfig(ok, 0, MplSign.THEORY, 1, 0.05, 0, -3, null, 1e-3, null));
        refused("finetune_steps", "-4", () -> new MplConfig(ok, 0, MplSign.THEORY, 1, 0.05, 0, 0, -4L, 1e-3, null));
        refused("finetune_learning_rate", "0.0", () -> new MplConfig(ok, 0, MplSign.THEORY, 1, 0.05, 0, 1, null, 0, null));
        refused("reduced_layers", "0", () -> new ReducedTeacherConfig("runs/x", 0, 64, null));
        refused("mpl_sign", "'upside'", () -> MplSign.parse("upside"));
    }

    @Test
    void theSignsAreOppositeDifferences() {
        assertEquals(-0.25f, MplSign.AUTHOR.factor(1.0f, 0.75f));
        assertEquals(0.25f, MplSign.THEORY.factor(1.0f, 0.75f));
        assertEquals(MplSign.AUTHOR, MplSign.parse(" Author "));
    }
}
