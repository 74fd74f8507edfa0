package dev.mentor.run;

import dev.mentor.data.ImageSet;
import dev.mentor.method.Method;
import dev.mentor.method.MethodContext;
import dev.mentor.method.MethodDescriptor;
import dev.mentor.train.Learner;

/** Builds a method from the prepared run: its data, model spec and a way to make learners. */
@FunctionalInterface
public interface MethodFactory {
    Method create(RunContext context);

    /** The method {@code method}'s descriptor builds from {@code options}, given the run as its {@link MethodContext}. */
    static <O> MethodFactory of(MethodDescriptor<O> method, O options) {
        return run -> method.create(options, new MethodContext() {
            @Override
            public Learner newLearner(long seedOffset) {
                return run.newLearner(seedOffset);
            }

            @Override
            public Learner newLearner(String architecture, long seedOffset) {
                return run.newLearner(architecture, seedOffset);
            }

            @Override
            public ImageSet labeled() {
                return run.labeled();
            }

            @Override
            public ImageSet unlabeled() {
                return run.unlabeled();
            }

            @Override
            public long totalSteps() {
                return run.totalSteps();
            }
        });
    }
}
