package dev.mentor.method;

import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.train.Learner;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Transfer learning from a pre-trained backbone with a new head. {@code LINEAR_PROBE} keeps the
 * backbone frozen (its BatchNorm statistics included) and trains the head; {@code FINE_TUNE} trains
 * everything, the backbone at a scaled learning rate. With {@code unfreezeAfter} ≥ 0 a linear probe
 * becomes a fine-tune from that epoch on (gradual unfreezing); the switch depends only on the epoch,
 * so a resumed run switches at the same step.
 */
public final class Transfer implements Method {
    /** Built by {@code dev.mentor.run.TransferFactory}, which reads the backbone. */
    public static final MethodDescriptor<Options> DESCRIPTOR = new MethodDescriptor<>("transfer",
            "a pretrained backbone with a new head, frozen or fine-tuned", Set.of(MethodDescriptor.Trait.BACKBONE), Options.class, null,
            new MethodDescriptor.Recipe(MethodDescriptor.Recipe.STEPS, null, false, "fine-tunes a pretrained backbone with a new head"));

    /**
     * A transfer run's options, as {@code method.json} keeps them.
     *
     * @param pretrained what the backbone is reused from: a finished run, a TorchScript or an ONNX feature extractor
     * @param pretrainedMean the per-channel mean a model file expects its inputs normalised with, or null for the data's
     * @param pretrainedStd the per-channel std to go with it, or null
     * @param mode linear-probe or fine-tune
     * @param backboneRateScale the backbone's learning rate relative to the head's when it trains
     * @param unfreezeAfter with linear-probe, the epoch from which the backbone is fine-tuned; -1 for never
     */
    public record Options(String pretrained, List<Float> pretrainedMean, List<Float> pretrainedStd, String mode,
            double backboneRateScale, int unfreezeAfter) {}

    /** How the backbone is trained. */
    public enum Mode { LINEAR_PROBE, FINE_TUNE }

    private final Supervised supervised;
    private final Learner learner;
    private final Mode mode;
    private final int unfreezeAfter;

    public Transfer(Learner learner, Mode mode, double backboneRateScale, int unfreezeAfter) {
        if (unfreezeAfter >= 0 && mode != Mode.LINEAR_PROBE) {
            throw MentorException.of("unfreeze_after", OptionText.naming("only with {} linear-probe (got fine-tune)", "mode"));
        }
        this.learner = learner;
        this.mode = mode;
        this.unfreezeAfter = unfreezeAfter;
        this.supervised = new Supervised(learner);
        learner.setBackboneRateScale((float) backboneRateScale);
        learner.freezeBackbone(mode == Mode.LINEAR_PROBE);
    }

    @Override
    public String name() {
        return DESCRIPTOR.name();
    }

    @Override
    public Map<String, Learner> learners() {
        return Map.of("model", learner);
    }

    @Override
    public Learner evaluated() {
        return learner;
    }

    @Override
    public StepResult trainStep(StepContext context) {
        boolean frozen = mode == Mode.LINEAR_PROBE && (unfreezeAfter < 0 || context.epoch() < unfreezeAfter);
        if (frozen != learner.backboneFrozen()) {
            learner.freezeBackbone(frozen);
        }
        return supervised.trainStep(context);
    }
}
