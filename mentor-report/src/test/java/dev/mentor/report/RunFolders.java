package dev.mentor.report;

import dev.mentor.run.ExperimentConfig;
import dev.mentor.run.FinalMetrics;
import dev.mentor.run.Manifest;
import dev.mentor.run.Rounds;
import dev.mentor.run.SelfTrainingDirectory;
import dev.mentor.teacher.PseudoLabelReport;
import dev.mentor.train.EpochMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Run folders for the reader and the report, in either layout runs leave: written by hand as the builds
 * before run records had versions wrote them, or that rewritten through the record classes as this build writes.
 */
final class RunFolders {
    private RunFolders() {}

    /** Which build's files. */
    enum Layout {
        /** camelCase records, snake_case maps, no format or version. */
        PREVIOUS,
        /** Versioned snake_case records. */
        CURRENT
    }

    /** A run's config.json as builds before records had versions wrote it (camelCase, no format or version): labels, seed. */
    static final String CONFIG = """
            {"data": "idx:/somewhere", "unlabeled": null, "classes": null, "imageSize": null, "testSplit": null, "labels": %d,
             "labelsPerClass": null, "validationPerClass": 10, "model": "cnn-small", "dropout": -1.0, "stochasticDepth": -1.0,
             "epochs": 3, "batchSize": 16, "learningRate": 0.05, "warmupEpochs": 0.15,
             "optimizer": {"name": "sgd", "momentum": 0.9, "nesterov": true, "weightDecay": 5.0E-4, "decayNormAndBias": false,
                           "beta1": 0.9, "beta2": 0.999, "epsilon": 1.0E-8},
             "ema": 0.0, "augment": "none", "cutmix": 0.0, "mixup": 0.0, "mixSwitch": 0.5, "seed": %d, "loaderThreads": 1}
            """;

    /** A finished single run of this build's layout: 3 epochs (validation 0.5, 0.6, 0.7), a 2-class confusion matrix. */
    static Path run(Path folder, String method, int labels, long seed, double testAccuracy) throws IOException {
        return run(Layout.CURRENT, folder, method, labels, seed, testAccuracy);
    }

    static Path run(Layout layout, Path folder, String method, int labels, long seed, double testAccuracy) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("config.json"), CONFIG.formatted(labels, seed));
        Files.writeString(folder.resolve("manifest.json"), """
                {"seed": %d, "labeled": %d, "unlabeled": 500, "validation": 20}
                """.formatted(seed, labels));
        StringBuilder epochs = new StringBuilder();
        for (int e = 1; e <= 3; e++) {
            epochs.append("""
                    {"epoch":%d,"step":%d,"trainLoss":%s,"components":{},"learningRate":0.05,"validationAccuracy":%s,"validationNll":1.0,"imagesPerSecond":100.0,"seconds":1.0}
                    """.formatted(e, 4 * e, 2.0 / e, 0.4 + 0.1 * e).strip()).append('\n');
        }
        Files.writeString(folder.resolve("metrics.jsonl"), epochs);
        Files.writeString(folder.resolve("metrics.json"), """
                {"method": "%s", "model": "cnn-small", "seed": %d, "epochs": 3, "test_accuracy": %s,
                 "test_confusion": [[40, 10], [5, 45]], "validation_accuracy": 0.7, "train_images_per_second": 250.0,
                 "wall_seconds": 12.5}
                """.formatted(method, seed, testAccuracy));
        if (layout == Layout.CURRENT) {
            ExperimentConfig.read(folder.resolve("config.json")).write(folder.resolve("config.json"));
            Manifest.read(folder.resolve("manifest.json")).write(folder.resolve("manifest.json"));
            Files.writeString(folder.resolve("metrics.jsonl"), EpochMetrics.readLog(folder.resolve("metrics.jsonl")).stream()
                    .map(m -> m.toLine() + "\n").collect(Collectors.joining()));
            FinalMetrics.read(folder.resolve("metrics.json")).write(folder.resolve("metrics.json"));
        }
        return folder;
    }

    /** Makes a finished run of {@link #run} say it returned the model of {@code role} ({@code metrics.json}'s {@code kept}). */
    static Path withKept(Path run, String role) throws IOException {
        Path metrics = run.resolve("metrics.json");
        String text = Files.readString(metrics);
        String kept = text.replaceFirst("\"kept\"\\s*:\\s*null", "\"kept\": \"" + role + "\"");
        if (kept.equals(text)) {
            throw new IllegalStateException(metrics + " has no \"kept\": null to replace");
        }
        Files.writeString(metrics, kept);
        return run;
    }

    /** A finished self-training run whose round 0 is an external teacher and round 1 a student with pseudo-labels. */
    static Path selfTraining(Path folder, Path teacher) throws IOException {
        return selfTraining(Layout.CURRENT, folder, teacher);
    }

    static Path selfTraining(Layout layout, Path folder, Path teacher) throws IOException {
        Files.createDirectories(folder);
        run(layout, folder.resolve("round-1"), "noisy-student", 40, 0, 0.8);
        Path labels = Files.createDirectories(folder.resolve("round-1/pseudo-labels"));
        Files.writeString(labels.resolve("report.json"), """
                {"images": 100, "classes": 2, "true_labels_known": true, "mean_confidence": 0.8, "accuracy": 0.75,
                 "confidence_histogram": [
                   {"from": 0.0, "to": 0.5, "images": 0, "fraction": 0.0, "mean_confidence": null, "accuracy": null},
                   {"from": 0.5, "to": 0.9, "images": 60, "fraction": 0.6, "mean_confidence": 0.7, "accuracy": 0.6},
                   {"from": 0.9, "to": 1.0, "images": 40, "fraction": 0.4, "mean_confidence": 0.95, "accuracy": 0.975}]}
                """);
        Files.writeString(folder.resolve("config.json"), """
                {"experiment": %s, "selfTraining": {"method": "noisy-student", "rounds": 1, "models": ["cnn-small"],
                 "studentEpochs": 3, "pseudoLabels": "SOFT", "minConfidence": 0.3, "balance": "ON", "balancePerClass": 0,
                 "pseudoRatio": 3.0, "inputNoise": "ON", "modelNoise": "ON", "teacher": "%s", "studentSteps": null}}
                """.formatted(CONFIG.formatted(40, 0), teacher));
        Files.writeString(folder.resolve("rounds.json"), """
                {"method": "noisy-student", "complete": true, "rounds": [
                  {"round": 0, "role": "teacher", "model": "cnn-small", "directory": "%s", "testAccuracy": 0.7, "seconds": 100.0},
                  {"round": 1, "role": "student", "model": "cnn-small", "directory": "x", "testAccuracy": 0.8,
                   "validationAccuracy": 0.75, "seconds": 30.0}]}
                """.formatted(teacher));
        if (layout == Layout.CURRENT) {
            SelfTrainingDirectory.Saved.read(folder.resolve("config.json")).write(folder.resolve("config.json"));
            Rounds.read(folder.resolve("rounds.json")).write(folder.resolve("rounds.json"));
            PseudoLabelReport.read(labels.resolve("report.json")).write(labels.resolve("report.json"));
        }
        return folder;
    }
}
