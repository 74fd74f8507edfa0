package dev.mentor.method;

import java.util.Set;

/**
 * A training method as the rest of Mentor knows it: its name (the {@code mentor train} subcommand, the {@code method}
 * of its run files), a one-line summary, what it learns from, its options record (what {@code method.json} holds), how
 * it is built from those options and a run, and how the benchmark suite trains it. Each method class holds its own
 * ({@code FlexMatch.DESCRIPTOR}); {@link MethodInfo#ALL} lists them.
 *
 * @param traits what the method learns from and how its run is laid out
 * @param options the record its command's options become, written to {@code method.json} and read back by {@code
 *     --resume}; {@code Void} for a method with none of its own (supervised, and the self-training methods, whose
 *     options are their run's config)
 * @param factory the method built from its options and a run; null when building it needs the run layer (a teacher's
 *     outputs, a backbone file: {@code dev.mentor.run}'s {@code DistillFactory}, {@code MplFactory}, {@code
 *     TransferFactory}) or when its run is a folder of rounds ({@code dev.mentor.run.SelfTraining})
 * @param recipe how the benchmark suite trains it
 */
public record MethodDescriptor<O>(String name, String summary, Set<Trait> traits, Class<O> options, Factory<O> factory,
        Recipe recipe) implements MethodInfo {

    public MethodDescriptor {
        traits = Set.copyOf(traits);
        if (traits.contains(Trait.STRONG_VIEW) && !traits.contains(Trait.UNLABELED)) {
            throw new IllegalArgumentException(name + ": a strong view is a view of unlabeled images");
        }
    }

    /** What a method learns from, and how its run is laid out. */
    public enum Trait {
        /** It draws images from the unlabeled pool. */
        UNLABELED,
        /** Its unlabeled images get a strong view beside the weak one (weak → strong consistency). */
        STRONG_VIEW,
        /** It needs a teacher run ({@code --teacher}). */
        TEACHER,
        /** It needs a pretrained backbone ({@code --pretrained}). */
        BACKBONE,
        /** Its run is a folder of rounds (teacher, then students) rather than one run. */
        SELF_TRAINING
    }

    /** Builds the method from its options and the prepared run. */
    @FunctionalInterface
    public interface Factory<O> {
        Method create(O options, MethodContext context);
    }

    /**
     * How the benchmark suite ({@code mentor bench suite}, {@code mentor demo}) trains the method. Budgets are optimizer
     * steps, so every label budget trains as long.
     *
     * @param steps its step budget
     * @param requires the method whose run of the same labels and seed this one learns from (its teacher), or null
     * @param warmStarts whether it starts from the supervised run of the same labels and seed when the suite warm-starts:
     *     the consistency methods, which USB found need orders of magnitude fewer steps from a trained network
     * @param description one line for the suite's results
     */
    public record Recipe(int steps, MethodInfo requires, boolean warmStarts, String description) {
        /** The suite's budget for every method: the RESULTS baseline, 100 epochs of 1,000 labels at batch 64. */
        public static final int STEPS = 1600;

        public Recipe {
            if (steps < 1) {
                throw new IllegalArgumentException("steps: must be >= 1, got " + steps);
            }
        }
    }

    @Override
    public boolean unlabeled() {
        return traits.contains(Trait.UNLABELED);
    }

    @Override
    public boolean strongView() {
        return traits.contains(Trait.STRONG_VIEW);
    }

    @Override
    public boolean teacher() {
        return traits.contains(Trait.TEACHER);
    }

    @Override
    public boolean backbone() {
        return traits.contains(Trait.BACKBONE);
    }

    @Override
    public boolean selfTraining() {
        return traits.contains(Trait.SELF_TRAINING);
    }

    /** Whether the method has options of its own, kept in {@code method.json}. */
    public boolean hasOptions() {
        return options != Void.class;
    }

    /** The method built from {@code options} in {@code context}; only for a method with a {@link #factory()}. */
    public Method create(O options, MethodContext context) {
        if (factory == null) {
            throw new IllegalStateException(name + " is built by the run layer, not by its descriptor");
        }
        return factory.create(options, context);
    }
}
