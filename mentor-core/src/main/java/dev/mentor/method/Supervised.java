package dev.mentor.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.mentor.loss.Losses;
import dev.mentor.train.Learner;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import java.util.Map;
import java.util.Set;

/** Plain supervised training: cross-entropy of the model's logits against the labeled targets. */
public final class Supervised implements Method {
    public static final MethodDescriptor<Void> DESCRIPTOR = new MethodDescriptor<>("supervised", "cross-entropy on the labeled images",
            Set.of(), Void.class, (none, context) -> new Supervised(context.newLearner(0)),
            new MethodDescriptor.Recipe(MethodDescriptor.Recipe.STEPS, null, false, "CE on the labeled images, weak augmentation"));

    private final Learner learner;

    public Supervised(Learner learner) {
        this.learner = learner;
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
        float loss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = learner.forward(context.labeledImages(0), true).get(0);
            NDArray value = Losses.softCrossEntropy(logits, context.labeledTargets());
            collector.backward(value);
            loss = value.getFloat();
        }
        learner.step(context.learningRate());
        return StepResult.of(loss);
    }
}
