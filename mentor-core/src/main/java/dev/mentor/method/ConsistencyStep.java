package dev.mentor.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.mentor.train.Learner;
import dev.mentor.train.PhaseTimer;
import dev.mentor.train.StepContext;
import dev.mentor.train.StepResult;
import java.util.Map;

/** The step of a single-model consistency method (FixMatch, UDA): forward, backward, update, each timed. */
final class ConsistencyStep {
    private ConsistencyStep() {}

    static StepResult train(Learner learner, ConsistencyObjective objective, StepContext context) {
        PhaseTimer timer = new PhaseTimer();
        float loss;
        Map<String, Float> components;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            ConsistencyObjective.Terms terms = objective.evaluate(learner, context);
            NDArray total = terms.total();
            timer.lap("forward");
            collector.backward(total);
            timer.lap("backward");
            loss = total.getFloat();
            components = terms.components();
        }
        learner.step(context.learningRate());
        timer.lap("update");
        components.putAll(timer.components());
        return new StepResult(loss, components);
    }
}
