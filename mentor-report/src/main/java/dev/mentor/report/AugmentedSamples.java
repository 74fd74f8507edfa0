package dev.mentor.report;

import dev.mentor.MentorException;
import dev.mentor.augment.Augmentation;
import dev.mentor.augment.Policies;
import dev.mentor.data.DataOptions;
import dev.mentor.data.DataSources;
import dev.mentor.data.ImageSet;
import dev.mentor.method.MethodInfo;
import dev.mentor.run.MethodOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grids of augmented training images for the report: one per data set and policy the runs used (their
 * {@code --augment} unless none, and the strong view of the methods that have one), drawn from the run's data. Data
 * that can no longer be loaded leaves a note instead.
 *
 * @param figures one grid per data set and policy
 * @param notes why a grid is missing
 */
public record AugmentedSamples(List<Figure> figures, List<String> captions, List<String> notes) {
    private static final int ROWS = 6;
    private static final int COPIES = 6;
    private static final int ZOOM = 2;

    public AugmentedSamples {
        figures = List.copyOf(figures);
        captions = List.copyOf(captions);
        notes = List.copyOf(notes);
    }

    /** The strong view the run's method.json says it used; {@code strong} when it has no readable file. */
    private static String strongView(RunSummary run) {
        Path file = run.directory().resolve("method.json");
        try {
            String spec = Files.isRegularFile(file) ? MethodOptions.strongAugment(file) : null;
            return spec != null ? spec : "strong";
        } catch (MentorException e) {
            return "strong";
        }
    }

    public static AugmentedSamples of(List<RunSummary> runs) {
        // per data set, each policy and the option that gave it (--augment, or a consistency run's --strong-augment)
        Map<String, Map<String, String>> policies = new LinkedHashMap<>();
        for (RunSummary run : runs) {
            Map<String, String> ofData = policies.computeIfAbsent(run.data(), d -> new LinkedHashMap<>());
            if (!run.augment().equals("none")) {
                ofData.putIfAbsent(run.augment(), "--augment");
            }
            if (MethodInfo.find(run.method()).map(MethodInfo::strongView).orElse(false)) {
                ofData.putIfAbsent(strongView(run), "--strong-augment");
            }
        }
        List<Figure> figures = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        policies.forEach((data, ofData) -> {
            if (ofData.isEmpty()) {
                return;
            }
            ImageSet train;
            try {
                train = DataSources.parse(data, DataOptions.defaults()).load().train();
            } catch (MentorException | IllegalArgumentException e) {
                notes.add("No samples of " + data + ": it cannot be loaded here (" + e.getMessage() + ")");
                return;
            }
            for (Map.Entry<String, String> entry : ofData.entrySet()) {
                String policy = entry.getKey();
                Augmentation augmentation;
                try {
                    augmentation = Policies.parse(policy, train.width());
                } catch (IllegalArgumentException e) {
                    notes.add("No samples of policy " + policy + ": " + e.getMessage());
                    continue;
                }
                figures.add(Pngs.figure(SampleGrid.render(train, augmentation, ROWS, COPIES, 0, ZOOM),
                        "training images of " + data + " under " + policy));
                captions.add(data + ", " + entry.getValue() + " " + policy + ": each row an original, then " + COPIES + " augmented copies");
            }
        });
        return new AugmentedSamples(figures, captions, notes);
    }
}
