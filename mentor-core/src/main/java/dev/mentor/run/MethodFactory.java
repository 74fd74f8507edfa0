package dev.mentor.run;

import dev.mentor.method.Method;
import dev.mentor.method.MethodDescriptor;

/** Builds a method from the prepared run: its data, model spec and a way to make learners. */
@FunctionalInterface
public interface MethodFactory {
    Method create(RunContext context);

    /** The method {@code method}'s descriptor builds from {@code options}, given the run (a {@link RunContext} is its {@link dev.mentor.method.MethodContext}). */
    static <O> MethodFactory of(MethodDescriptor<O> method, O options) {
        return run -> method.create(options, run);
    }
}
