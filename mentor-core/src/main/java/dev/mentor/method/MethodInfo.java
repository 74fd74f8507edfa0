package dev.mentor.method;

import dev.mentor.MentorException;
import java.util.List;
import java.util.Optional;

/**
 * What the rest of Mentor needs to know about a training method without building it: its name (the
 * {@code mentor train} subcommand, the {@code method} of its run files), a one-line summary, what it
 * learns from, and whether its run is a single run or a folder of self-training rounds. {@link #ALL} is the
 * one list of methods: the CLI, the suite, fit and the report read it, and a test holds it equal to the
 * {@code train} subcommands, so a new method is added here once instead of as a string in each of them.
 *
 * @param name the method's name
 * @param summary one line for tables and help
 * @param unlabeled whether it draws images from the unlabeled pool
 * @param strongView whether its unlabeled images get a strong view beside the weak one (weak → strong consistency)
 * @param teacher whether it needs a teacher run ({@code --teacher})
 * @param selfTraining whether its run is a folder of rounds (teacher, then students) rather than one run
 */
public record MethodInfo(String name, String summary, boolean unlabeled, boolean strongView, boolean teacher,
        boolean selfTraining) {

    public static final List<MethodInfo> ALL = List.of(
            new MethodInfo("supervised", "cross-entropy on the labeled images", false, false, false, false),
            new MethodInfo("transfer", "a pretrained backbone with a new head, frozen or fine-tuned", false, false, false, false),
            new MethodInfo("distill", "a student learns a teacher's softened outputs on labeled and unlabeled images", true, false, true,
                    false),
            new MethodInfo("mutual", "two students learn the labels and each other's outputs", false, false, false, false),
            new MethodInfo("self-distill", "two distortions of each image agree with each other and the labels", false, false, false,
                    false),
            new MethodInfo("fixmatch", "a weak view's confident hard pseudo-label is the strong view's target", true, true, false, false),
            new MethodInfo("flexmatch", "FixMatch with per-class thresholds from curriculum pseudo-labeling", true, true, false, false),
            new MethodInfo("freematch", "FixMatch with self-adaptive thresholds and a fairness term", true, true, false, false),
            new MethodInfo("uda", "a weak view's sharpened prediction is the strong view's target", true, true, false, false),
            new MethodInfo("mpl", "Meta Pseudo Labels: a teacher learns from its student's progress", true, true, false, false),
            new MethodInfo("pseudo-label", "a teacher labels the pool once; a student learns labels and pseudo-labels", true, false, true,
                    true),
            new MethodInfo("noisy-student", "rounds of an un-noised teacher labeling the pool for a noised student", true, false, true,
                    true));

    /** The method called {@code name}; an unknown name is an error about {@code component} naming the known ones. */
    public static MethodInfo of(String name, String component) {
        return find(name).orElseThrow(() -> MentorException.of(component, "unknown method '" + name + "' (expected one of "
                + String.join(", ", names()) + ")"));
    }

    /** The method called {@code name}, if there is one (a run folder may name one this build does not know). */
    public static Optional<MethodInfo> find(String name) {
        return ALL.stream().filter(m -> m.name.equals(name)).findFirst();
    }

    /** Whether a method of that name exists. */
    public static boolean exists(String name) {
        return find(name).isPresent();
    }

    public static List<String> names() {
        return ALL.stream().map(MethodInfo::name).toList();
    }
}
