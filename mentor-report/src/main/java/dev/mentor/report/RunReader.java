package dev.mentor.report;

import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.data.DataSpec;
import dev.mentor.data.FashionMnistSource;
import dev.mentor.run.ExperimentConfig;
import dev.mentor.run.FinalMetrics;
import dev.mentor.run.Manifest;
import dev.mentor.run.MethodOptions;
import dev.mentor.run.PseudoLabelRun;
import dev.mentor.run.RoundRecord;
import dev.mentor.run.Rounds;
import dev.mentor.run.RunDirectory;
import dev.mentor.run.SelfTrainingDirectory;
import dev.mentor.teacher.PseudoLabelReport;
import dev.mentor.train.EpochMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Reads a {@link RunSummary} from a finished run's folder, of either layout: a run ({@code config.json},
 * {@code manifest.json}, {@code metrics.jsonl}, {@code metrics.json}) or a self-training run ({@code
 * rounds.json} and {@code round-R/} folders, each a run). Only the JSON files are read, never a model, so
 * runs of older builds whose checkpoints no longer load still report; each through the record class that
 * writes it ({@link ExperimentConfig}, {@link Manifest}, {@link EpochMetrics}, {@link FinalMetrics}, {@link
 * Rounds}, {@link MethodOptions}, {@link PseudoLabelReport}), which reads the files of builds before records had versions too.
 * Anything missing or malformed is a one-line {@link MentorException} naming the path.
 */
public final class RunReader {
    private RunReader() {}

    /** Whether {@code folder} holds a finished run of either layout. */
    public static boolean isFinished(Path folder) {
        if (Files.isRegularFile(folder.resolve(SelfTrainingDirectory.ROUNDS))) {
            try {
                return Rounds.read(folder.resolve(SelfTrainingDirectory.ROUNDS)).complete();
            } catch (MentorException e) {
                return false;
            }
        }
        return Files.isRegularFile(folder.resolve(RunDirectory.FINAL)) && Files.isRegularFile(folder.resolve(RunDirectory.CONFIG));
    }

    public static RunSummary read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new MentorException(folder + ": not a run directory (no such folder)");
        }
        if (Files.isRegularFile(folder.resolve(SelfTrainingDirectory.ROUNDS))) {
            return selfTraining(folder);
        }
        if (!Files.isRegularFile(folder.resolve(RunDirectory.FINAL))) {
            throw new MentorException(folder + ": not a finished run (no " + RunDirectory.FINAL + " or "
                    + SelfTrainingDirectory.ROUNDS + ")");
        }
        return single(folder);
    }

    private static RunSummary single(Path folder) {
        ExperimentConfig config = ExperimentConfig.read(requiredFile(folder, RunDirectory.CONFIG));
        FinalMetrics metrics = FinalMetrics.read(folder.resolve(RunDirectory.FINAL));
        long[][] confusion = confusion(folder.resolve(RunDirectory.FINAL), metrics.testConfusion());
        return new RunSummary(folder, metrics.method(), orElse(metrics.model(), config.model() == null ? "?" : config.model().toString()),
                config.data() == null ? "?" : config.data().toString(), config.augment() == null ? "none" : config.augment().toString(),
                labeled(folder, config),
                metrics.seed(),
                metrics.testAccuracy(), metrics.validationAccuracy(), metrics.wallSeconds(), metrics.trainImagesPerSecond(),
                teacher(folder), curves(folder), confusion, classNames(config, confusion),
                List.of(), kept(metrics));
    }

    /**
     * Which model the run returned, for a reader: {@code metrics.json}'s role, mutual learning's two students named as
     * students (its run always returns one of them, the better on validation, each trained to its last step).
     */
    private static String kept(FinalMetrics metrics) {
        String role = metrics.kept();
        return "first".equals(role) || "second".equals(role) ? role + " student" : role;
    }

    private static RunSummary selfTraining(Path folder) {
        Rounds rounds = Rounds.read(folder.resolve(SelfTrainingDirectory.ROUNDS));
        if (!rounds.complete()) {
            throw MentorException.of(OptionText.text(folder + ": the self-training run is not finished ("
                    + SelfTrainingDirectory.ROUNDS + " says complete: false); finish it with ").thenOption("resume"));
        }
        List<RoundRecord> records = rounds.rounds();
        if (records.isEmpty()) {
            throw new MentorException(folder.resolve(SelfTrainingDirectory.ROUNDS) + ": no rounds");
        }
        // the run's model: the round rounds.json chose (the last in a file of a build that always returned it)
        RoundRecord chosen = rounds.finalRound();
        RunSummary kept = single(SelfTrainingDirectory.modelFolder(folder));
        // the run's recipe (its students' augmentation) is its last round's, whichever model it kept
        String augment = single(folder.resolve("round-" + records.get(records.size() - 1).round())).augment();
        double seconds = 0;
        List<PseudoLabelStats> labels = new ArrayList<>();
        for (RoundRecord record : records) {
            int round = record.round();
            Path roundFolder = folder.resolve("round-" + round);
            if (Files.isDirectory(roundFolder)) {
                seconds += record.seconds();
            }
            Path report = roundFolder.resolve(SelfTrainingDirectory.PSEUDO_LABELS).resolve(PseudoLabelRun.REPORT_JSON);
            if (Files.isRegularFile(report)) {
                labels.add(pseudoLabels(report, round));
            }
        }
        String teacher = SelfTrainingDirectory.Saved.read(requiredFile(folder, SelfTrainingDirectory.CONFIG)).selfTraining().teacher();
        int last = records.get(records.size() - 1).round();
        return new RunSummary(folder, orElse(rounds.method(), kept.method()), kept.model(), kept.data(), augment,
                kept.labels(), kept.seed(), chosen.testAccuracy(), chosen.validationAccuracy(),
                seconds, kept.imagesPerSecond(), teacher, kept.curves(), kept.confusion(), kept.classNames(), labels,
                chosen.round() == last ? null : "round " + chosen.round());
    }

    /** A {@code report.json} of a pseudo-label artifact, through {@link PseudoLabelReport}, which writes it. */
    public static PseudoLabelStats pseudoLabels(Path file, int round) {
        PseudoLabelReport report = PseudoLabelReport.read(file);
        List<PseudoLabelStats.Bin> bins = report.confidenceHistogram().stream()
                .map(b -> new PseudoLabelStats.Bin(b.from(), b.to(), b.images(), b.meanConfidence(), b.accuracy())).toList();
        return new PseudoLabelStats(round, report.images(), report.accuracy(), report.meanConfidence(), bins);
    }

    private static List<RunSummary.Curve> curves(Path folder) {
        List<RunSummary.Curve> curves = new ArrayList<>();
        curves.add(new RunSummary.Curve("train", epochs(folder.resolve(RunDirectory.EPOCHS))));
        try (Stream<Path> files = Files.list(folder)) {
            for (Path phase : files.filter(f -> f.getFileName().toString().matches("metrics-.+\\.jsonl")).sorted().toList()) {
                String name = phase.getFileName().toString();
                curves.add(new RunSummary.Curve(name.substring("metrics-".length(), name.length() - ".jsonl".length()), epochs(phase)));
            }
        } catch (IOException e) {
            throw new MentorException(folder + ": cannot list (" + e.getMessage() + ")");
        }
        return curves;
    }

    private static List<RunSummary.EpochPoint> epochs(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MentorException(file + ": missing (every run logs its epochs there)");
        }
        return EpochMetrics.readLog(file).stream()
                .map(m -> new RunSummary.EpochPoint(m.epoch(), m.step(), m.trainLoss(), m.validationAccuracy())).toList();
    }

    private static long[][] confusion(Path file, long[][] matrix) {
        if (matrix == null) {
            return null;
        }
        for (int i = 0; i < matrix.length; i++) {
            if (matrix[i] == null || matrix[i].length != matrix.length) {
                throw new MentorException(file + ": test_confusion is not a square matrix (row " + i + ")");
            }
        }
        return matrix;
    }

    /** Fashion-MNIST's names (of the kept classes with --classes); otherwise the class indices. */
    private static List<String> classNames(ExperimentConfig config, long[][] confusion) {
        int k = confusion == null ? 0 : confusion.length;
        if (config.data() != null && config.data().kind() == DataSpec.Kind.FASHION_MNIST) {
            List<Integer> classes = config.classes();
            List<String> names = classes != null ? classes.stream().map(FashionMnistSource.CLASS_NAMES::get).toList()
                    : FashionMnistSource.CLASS_NAMES;
            if (k == 0 || names.size() == k) {
                return names;
            }
        }
        return IntStream.range(0, k).mapToObj(Integer::toString).toList();
    }

    private static Integer labeled(Path folder, ExperimentConfig config) {
        Path manifest = folder.resolve(RunDirectory.MANIFEST);
        Integer labeled = Files.isRegularFile(manifest) ? Manifest.read(manifest).labeled() : null;
        return labeled != null ? labeled : config.labels();
    }

    private static String teacher(Path folder) {
        Path file = folder.resolve(RunDirectory.METHOD);
        return Files.isRegularFile(file) ? MethodOptions.teacher(file) : null;
    }

    private static Path requiredFile(Path folder, String name) {
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new MentorException(folder + ": not a finished run (no " + name + ")");
        }
        return file;
    }

    private static String orElse(String value, String otherwise) {
        return value == null ? otherwise : value;
    }
}
