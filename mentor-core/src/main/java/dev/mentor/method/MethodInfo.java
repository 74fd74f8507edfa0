package dev.mentor.method;

import dev.mentor.MentorException;
import java.util.List;
import java.util.Optional;

/**
 * What the rest of Mentor needs to know about a training method without building it: its name (the {@code mentor
 * train} subcommand, the {@code method} of its run files), a one-line summary, what it learns from, and whether its run
 * is a single run or a folder of self-training rounds. {@link #ALL} is the one list of methods, each its class's {@link
 * MethodDescriptor}: the CLI's {@code train} subcommands, the suite, fit and the report read it, and a test holds it
 * equal to the subcommands, so a method is added here once instead of as a string in each of them.
 */
public sealed interface MethodInfo permits MethodDescriptor {
    /**
     * Every method, in the order the benchmark suite trains them: a method after the one its {@link
     * MethodDescriptor.Recipe#requires() recipe requires}.
     */
    List<MethodDescriptor<?>> ALL = List.of(Supervised.DESCRIPTOR, Transfer.DESCRIPTOR, SelfDistillation.DESCRIPTOR,
            MutualLearning.DESCRIPTOR, FixMatch.DESCRIPTOR, FlexMatch.DESCRIPTOR, FreeMatch.DESCRIPTOR, Uda.DESCRIPTOR,
            StudentTraining.PSEUDO_LABEL, StudentTraining.NOISY_STUDENT, Distillation.DESCRIPTOR, MetaPseudoLabels.DESCRIPTOR);

    String name();

    /** One line for tables and help. */
    String summary();

    /** Whether it draws images from the unlabeled pool. */
    boolean unlabeled();

    /** Whether its unlabeled images get a strong view beside the weak one (weak → strong consistency). */
    boolean strongView();

    /** Whether it needs a teacher run ({@code --teacher}). */
    boolean teacher();

    /** Whether it needs a pretrained backbone ({@code --pretrained}). */
    boolean backbone();

    /** Whether its run is a folder of rounds (teacher, then students) rather than one run. */
    boolean selfTraining();

    /** The method called {@code name}; an unknown name is an error about {@code component} naming the known ones. */
    static MethodDescriptor<?> of(String name, String component) {
        return find(name).orElseThrow(() -> MentorException.of(component, "unknown method '" + name + "' (expected one of "
                + String.join(", ", names()) + ")"));
    }

    /** The method called {@code name}, if there is one (a run folder may name one this build does not know). */
    static Optional<MethodDescriptor<?>> find(String name) {
        return ALL.stream().<MethodDescriptor<?>>map(m -> m).filter(m -> m.name().equals(name)).findFirst();
    }

    /** Whether a method of that name exists. */
    static boolean exists(String name) {
        return find(name).isPresent();
    }

    static List<String> names() {
        return ALL.stream().map(MethodInfo::name).toList();
    }
}
