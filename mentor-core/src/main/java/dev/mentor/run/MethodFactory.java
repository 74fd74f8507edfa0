package dev.mentor.run;

import dev.mentor.method.Method;

/** Builds a method from the prepared run: its data, model spec and a way to make learners. */
@FunctionalInterface
public interface MethodFactory {
    Method create(RunContext context);
}
