package dev.mentor.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.MentorException;
import dev.mentor.io.RecordFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished run measured, its {@code metrics.json}; only a finished run has one. Accuracies are
 * fractions in [0, 1]. The values a run of an earlier build may lack are boxed (null when absent).
 *
 * @param method the method's name ({@code supervised}, {@code mpl}, ...)
 * @param model the architecture of the kept model
 * @param epochs epochs of the (first) phase
 * @param testAccuracy top-1 on the test split; the test values are null without a test split
 * @param testPerClassAccuracy top-1 of each class, in label order
 * @param testConfusion test counts, row: true class, column: predicted
 * @param validationAccuracy top-1 of the kept model on the validation split, null without one
 * @param trainImagesPerSecond training images per second, the mean over the (first phase's) epochs
 * @param wallSeconds the whole run's wall time, data loading and evaluation included; a resumed run adds the recorded time
 *     (training and validation) of the epochs earlier processes trained
 * @param steps optimizer steps of the (first) phase
 * @param imagesLabeled labeled images drawn (copies counted)
 * @param imagesUnlabeled unlabeled images drawn, 0 for a method without the pool
 * @param testAccuracyByRole the test accuracy of each model a method reports by role besides the kept one
 *     ({@code Method.reported()}: MPL's {@code teacher}, mutual learning's {@code first} and {@code second}), and
 *     {@code start}, the model of the run it started from ({@code --init}); empty for the others
 * @param kept the role of the reported model the run kept (mutual learning: the better on validation; MPL: {@code teacher}
 *     when it beat the fine-tuned student on validation; {@code start}: the model of the run it started from, when that
 *     was strictly better on validation than what it trained), or null
 * @param phases each phase of a method with a follow-up (MPL's fine-tuning), or null
 * @param stopped why the run ended before its budget ({@link dev.mentor.Deadline}: {@code mentor fit --time-budget}), its
 *     model then being its last evaluation's; null for a run that trained every step (and in files written before it
 *     existed, whose readers skip it: the other values are the kept model's either way)
 */
public record FinalMetrics(String method, String model, long seed, int epochs, Double testAccuracy, Double testTop5, Double testNll,
        Double testEce, double[] testPerClassAccuracy, long[][] testConfusion, Double validationAccuracy, Double trainImagesPerSecond,
        double wallSeconds, Long steps, Long warmupSteps, Long imagesLabeled, Long imagesUnlabeled,
        Map<String, Double> testAccuracyByRole, String kept, List<Phase> phases, String stopped) {

    /** A run that trained every step. */
    public FinalMetrics(String method, String model, long seed, int epochs, Double testAccuracy, Double testTop5, Double testNll,
            Double testEce, double[] testPerClassAccuracy, long[][] testConfusion, Double validationAccuracy,
            Double trainImagesPerSecond, double wallSeconds, Long steps, Long warmupSteps, Long imagesLabeled, Long imagesUnlabeled,
            Map<String, Double> testAccuracyByRole, String kept, List<Phase> phases) {
        this(method, model, seed, epochs, testAccuracy, testTop5, testNll, testEce, testPerClassAccuracy, testConfusion,
                validationAccuracy, trainImagesPerSecond, wallSeconds, steps, warmupSteps, imagesLabeled, imagesUnlabeled,
                testAccuracyByRole, kept, phases, null);
    }

    /**
     * {@code metrics.json}: version 1. Before it had a version it was snake_case already, but a reported
     * model's accuracy was a key of its own, {@code ROLE_test_accuracy}; such keys are gathered into
     * {@code test_accuracy_by_role} when an earlier build's file is read.
     */
    public static final RecordFormat FILE = RecordFormat.lenient("metrics", 1, RecordFormat.Legacy.SNAKE_CASE)
            .upgradingLegacy(FinalMetrics::gatherRoles);

    /** One phase of a method with a follow-up: its name, epochs and last validation; its test accuracy, or null where not measured. */
    public record Phase(String name, int epochs, Double validationAccuracy, Double testAccuracy) {}

    public FinalMetrics {
        // a role's accuracy is null without a test split, so no Map.copyOf
        testAccuracyByRole = testAccuracyByRole == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(testAccuracyByRole));
        phases = phases == null ? null : List.copyOf(phases);
    }

    public void write(Path file) {
        FILE.write(file, this);
    }

    /** The metrics in {@code file}; one without a method or epochs is not a finished run's, a one-line error naming it. */
    public static FinalMetrics read(Path file) {
        FinalMetrics metrics = FILE.read(file, FinalMetrics.class);
        if (metrics.method() == null || metrics.epochs() <= 0) {
            throw new MentorException(file + ": not the final metrics of a run (no method or epochs)");
        }
        return metrics;
    }

    private static final String ROLE_SUFFIX = "_test_accuracy";

    /** An earlier build's {@code ROLE_test_accuracy} keys, moved into {@code test_accuracy_by_role}. */
    private static ObjectNode gatherRoles(ObjectNode legacy) {
        ObjectNode roles = legacy.objectNode();
        List<String> names = new ArrayList<>();
        legacy.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (name.endsWith(ROLE_SUFFIX) && name.length() > ROLE_SUFFIX.length() && !name.startsWith("test_")) {
                roles.set(name.substring(0, name.length() - ROLE_SUFFIX.length()), legacy.remove(name));
            }
        }
        legacy.set("test_accuracy_by_role", roles);
        return legacy;
    }
}
