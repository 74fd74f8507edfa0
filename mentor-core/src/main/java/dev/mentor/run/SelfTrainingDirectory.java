package dev.mentor.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.io.Json;
import dev.mentor.io.RecordFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder of a self-training run: {@code config.json} (the run's {@link ExperimentConfig} and
 * {@link SelfTrainingConfig}), {@code rounds.json} (every finished round's {@link RoundRecord}) and one
 * sub-folder per round, {@code round-R}: a complete {@link RunDirectory} of its own plus {@code
 * round.json} once the round is over and, for a student, {@code pseudo-labels/} (the artifact the
 * student trained on and {@code selection.json}). A round is finished when its {@code round.json}
 * exists; an unfinished one with a checkpoint is resumed at its epoch.
 */
public final class SelfTrainingDirectory {
    public static final String CONFIG = "config.json";
    public static final String ROUNDS = "rounds.json";
    public static final String ROUND = "round.json";
    public static final String PSEUDO_LABELS = "pseudo-labels";
    public static final String SELECTION = "selection.json";
    private final Path root;

    /**
     * What {@code config.json} holds: a {@link #FILE mentor-self-training-config} record, {@code experiment}
     * (the run's {@link ExperimentConfig}) and {@code self_training}, in snake_case; a file of a build before
     * records had versions holds them in camelCase ({@code selfTraining}, {@code labelsPerClass}), and reads the same.
     */
    public record Saved(ExperimentConfig experiment, SelfTrainingConfig selfTraining) {
        /** Version 1; strict, as a run's {@link ExperimentConfig#FILE config}: a resumed run continues with what it reads. */
        public static final RecordFormat FILE = RecordFormat.strict("self-training-config", 1, RecordFormat.Legacy.CAMEL_CASE);

        public void write(Path file) {
            FILE.write(file, this);
        }

        public static Saved read(Path file) {
            return FILE.read(file, Saved.class);
        }
    }

    private SelfTrainingDirectory(Path root) {
        this.root = root;
    }

    /**
     * Opens the folder for a new run. A non-empty folder is refused unless {@code force}; then the files
     * a self-training run writes are deleted first (nothing else).
     */
    public static SelfTrainingDirectory create(Path root, boolean force) {
        RunDirectory.prepare(root, force, SelfTrainingDirectory::isOwnEntry, SelfTrainingDirectory::clean);
        return new SelfTrainingDirectory(root);
    }

    /** Opens an existing run to resume it. */
    public static SelfTrainingDirectory resume(Path root) {
        if (!Files.isRegularFile(root.resolve(CONFIG))) {
            throw MentorException.of("resume", root + " has no " + CONFIG + "; is it a self-training run?");
        }
        return new SelfTrainingDirectory(root);
    }

    /** Whether {@code entry} is one a self-training run writes in its folder: its config, rounds, or a round's folder. */
    private static boolean isOwnEntry(Path entry) {
        String name = entry.getFileName().toString();
        return name.equals(CONFIG) || name.equals(ROUNDS) || isRound(entry);
    }

    private static boolean isRound(Path entry) {
        return entry.getFileName().toString().matches("round-\\d+") && Files.isDirectory(entry);
    }

    private static void clean(Path root) throws IOException {
        Files.deleteIfExists(root.resolve(CONFIG));
        Files.deleteIfExists(root.resolve(ROUNDS));
        List<Path> rounds;
        try (Stream<Path> entries = Files.list(root)) {
            rounds = entries.filter(SelfTrainingDirectory::isRound).toList();
        }
        for (Path round : rounds) {
            Path labels = round.resolve(PSEUDO_LABELS);
            List<String> labelFiles = new ArrayList<>(PseudoLabelRun.FILES);
            labelFiles.add(SELECTION);
            for (String name : labelFiles) {
                Files.deleteIfExists(labels.resolve(name));
            }
            if (Files.isDirectory(labels)) {
                for (DistributedPseudoLabeling engine : DistributedPseudoLabeling.all()) {
                    engine.delete(labels);
                }
            }
            deleteIfEmpty(labels);
            RunDirectory.deleteRunFiles(round);
            Files.deleteIfExists(round.resolve(ROUND));
            deleteIfEmpty(round);
        }
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir) && RunDirectory.isEmpty(dir)) {
            Files.delete(dir);
        }
    }

    public Path root() {
        return root;
    }

    /** The folder of round {@code r}. */
    public Path round(int r) {
        return root.resolve("round-" + r);
    }

    public void writeConfig(Saved saved) {
        saved.write(root.resolve(CONFIG));
    }

    /** Reads {@code config.json} of a run to resume. */
    public static Saved readConfig(Path root) {
        try {
            return Saved.read(root.resolve(CONFIG));
        } catch (MentorException e) {
            throw e.within("resume");
        }
    }

    /**
     * The {@link ExperimentConfig} of either kind of finished run in {@code folder}: a run's own, or a
     * self-training run's base config (its {@code experiment}).
     */
    public static ExperimentConfig experimentOf(Path folder) {
        Path file = folder.resolve(CONFIG);
        JsonNode document = Json.read(file);
        boolean selfTraining = Saved.FILE.name().equals(document.path(RecordFormat.FORMAT).asText())
                || (!document.has(RecordFormat.FORMAT) && document.has("experiment"));
        return selfTraining ? Saved.FILE.parse(file.toString(), document, Saved.class).experiment()
                : ExperimentConfig.FILE.parse(file.toString(), document, ExperimentConfig.class);
    }

    /** Rewrites {@code rounds.json} with the rounds so far. */
    public void writeRounds(String method, int rounds, List<RoundRecord> records) {
        new Rounds(method, records.size() == rounds + 1, records).write(root.resolve(ROUNDS));
    }

    /** Writes the complete run's {@code rounds.json}: every round and which one's model is the run's. */
    public void writeRounds(String method, List<RoundRecord> records, Rounds.Final finalModel) {
        new Rounds(method, true, records, finalModel).write(root.resolve(ROUNDS));
    }

    /**
     * The folder holding the model of the finished run in {@code folder}, of either layout: a run's own folder, or
     * for a self-training run the folder of the round its {@code rounds.json} chose ({@link Rounds#finalRound}: {@code
     * round-R}, or the teacher run it was given when that is round 0), which every reader of a run's model goes
     * through. A self-training run that is not complete is a one-line error naming it.
     */
    public static Path modelFolder(Path folder) {
        Path file = folder.resolve(ROUNDS);
        if (!Files.isRegularFile(file)) {
            return folder;
        }
        Rounds rounds = Rounds.read(file);
        RoundRecord chosen = rounds.finalRound();
        if (!rounds.complete() || chosen == null) {
            throw MentorException.of(OptionText.text(folder + ": the self-training run is not finished (" + ROUNDS
                    + " says complete: false); finish it with ").thenOption("resume"));
        }
        Path round = folder.resolve("round-" + chosen.round());
        if (chosen.round() == 0 && !Files.isDirectory(round)) {
            String teacher = Saved.read(folder.resolve(CONFIG)).selfTraining().teacher();
            return teacher != null ? Path.of(teacher) : round;
        }
        return round;
    }

    /** The record of a finished round, or null when the round has not finished. */
    public static RoundRecord readRound(Path round) {
        Path file = round.resolve(ROUND);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return RoundRecord.read(file);
        } catch (MentorException e) {
            throw new MentorException(e.getMessage() + "; delete it to train the round again", e);
        }
    }

    static void writeRound(Path round, RoundRecord record) {
        record.write(round.resolve(ROUND));
    }
}
