package dev.mentor.run;

import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.model.ModelFormat;
import dev.mentor.train.Checkpoint;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.SavedModel;
import dev.mentor.train.TrainingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The folder a run writes: {@code config.json} (every resolved option), {@code manifest.json}
 * (versions, seed, data fingerprint), {@code metrics.jsonl} (a line per epoch), {@code memory.jsonl} (native
 * arrays and resident memory per epoch, {@link MemoryLog}), {@code metrics.json}
 * (final), {@code checkpoint.ckpt} (full state for {@code --resume}), {@code model.ckpt} (the
 * trained weights), with {@code backbone.pt} or {@code backbone.onnx} when the model is built on a
 * TorchScript or ONNX backbone, and {@code method.json} (the method's own options). A method with a
 * second phase (MPL's fine-tuning) adds {@code metrics-PHASE.jsonl} and {@code checkpoint-PHASE.ckpt}.
 * Each JSON file is a versioned record its class writes and reads ({@link ExperimentConfig}, {@link Manifest},
 * {@link EpochMetrics}, {@link FinalMetrics}, {@link MethodOptions}). An existing non-empty folder is never
 * overwritten without {@code --force}.
 */
public final class RunDirectory implements TrainingListener {
    public static final String CONFIG = "config.json";
    public static final String MANIFEST = "manifest.json";
    public static final String EPOCHS = "metrics.jsonl";
    public static final String FINAL = "metrics.json";
    public static final String CHECKPOINT = "checkpoint.ckpt";
    public static final String MODEL = SavedModel.FILE;
    public static final String METHOD = "method.json";
    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /** Every file a run writes here, deleted before a forced new run. */
    private static final List<String> FILES = List.of(CONFIG, MANIFEST, EPOCHS, FINAL, MemoryLog.FILE, CHECKPOINT,
            Checkpoint.previous(Path.of(CHECKPOINT)).toString(), MODEL, METHOD, ModelFormat.TORCHSCRIPT.runFileName(),
            ModelFormat.ONNX.runFileName());

    /**
     * Opens the folder for a new run. A non-empty folder is refused unless {@code force}, in which
     * case the files of the previous run are deleted first; the check runs before any training.
     */
    public static RunDirectory create(Path root, boolean force) {
        prepare(root, force, RunDirectory::isRunFile, RunDirectory::deleteRunFiles);
        return new RunDirectory(root);
    }

    /** Deletes every file a run writes in {@code folder}, its phases' included, and nothing else. */
    static void deleteRunFiles(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : entries.filter(RunDirectory::isRunFile).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Whether {@code file} is one a run writes ({@link #FILES}, its phases' files, leftovers of interrupted writes). */
    static boolean isRunFile(Path file) {
        return FILES.contains(file.getFileName().toString()) || isPhaseFile(file) || isLeftover(file);
    }

    /** Deletes what an earlier run left in a folder that {@code --force} reuses. */
    @FunctionalInterface
    interface Cleaner {
        void clean(Path root) throws IOException;
    }

    /**
     * Makes {@code root} ready for a new run: a folder holding anything is refused unless {@code force},
     * and then {@code cleaner} deletes the earlier run's files; the folder must be writable. {@code ours} tells the
     * entries {@code cleaner} deletes, so that the refusal says whether the folder holds a run.
     */
    static void prepare(Path root, boolean force, Predicate<Path> ours, Cleaner cleaner) {
        try {
            if (Files.exists(root) && !Files.isDirectory(root)) {
                throw MentorException.of("out", root + " exists and is not a directory");
            }
            if (Files.isDirectory(root) && !isEmpty(root)) {
                if (!force && holdsAny(root, ours)) {
                    throw MentorException.of("out", OptionText.text(root + " already holds a run; use ").thenOption("force")
                            .then(" to overwrite it or ").thenOption("resume").then(" to continue it"));
                }
                if (!force) {
                    throw MentorException.of("out", OptionText.text(root + " is not empty and holds no run (" + firstEntry(root)
                            + "); give an empty or new folder, or use ").thenOption("force").then(" to write the run beside what it holds"));
                }
                cleaner.clean(root);
            }
            Files.createDirectories(root);
            probeWritable(root);
        } catch (IOException e) {
            throw MentorException.of("out", "cannot create " + root + " (" + e.getMessage() + ")");
        }
    }

    private static boolean holdsAny(Path root, Predicate<Path> ours) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.anyMatch(ours);
        }
    }

    /** The name of one entry of a non-empty folder, for an error message. */
    private static String firstEntry(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(p -> p.getFileName().toString()).sorted().findFirst().map(n -> "e.g. " + n).orElse("");
        }
    }

    /**
     * Opens an existing run to resume it: from its checkpoint, or from the start when it was stopped
     * before its first epoch ended (it has its {@code config.json} but no checkpoint yet).
     */
    public static RunDirectory resume(Path root) {
        if (!hasCheckpoint(root) && !Files.isRegularFile(root.resolve(CONFIG))) {
            throw MentorException.of("resume", root + " has no " + CHECKPOINT + " to resume from");
        }
        probeWritable(root);
        return new RunDirectory(root);
    }

    /**
     * Refuses to start training when the folder's file system has too little room for the run's files:
     * the checkpoint, the one kept before it, the one being written and the model, each about {@code
     * checkpointBytes}. Where the free space cannot be read, nothing is checked (a full disk is then
     * reported when a write fails, naming the file).
     */
    public void checkRoomFor(long checkpointBytes) {
        long usable;
        try {
            usable = Files.getFileStore(root).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return;
        }
        requireRoom(root, checkpointBytes, usable);
    }

    static void requireRoom(Path root, long checkpointBytes, long usable) {
        long slack = 1 << 20;
        long needed = checkpointBytes > (Long.MAX_VALUE - slack) / 4 ? Long.MAX_VALUE : 4 * checkpointBytes + slack;
        if (usable < needed) {
            throw MentorException.of("out", String.format("%s has %,d MB free, this run needs about %,d MB (its checkpoint, "
                    + "the one kept before it, the one being written and the model, %,d MB each)", root, usable >> 20,
                    needed >> 20, checkpointBytes >> 20));
        }
    }

    /** Whether {@code root} holds a checkpoint to resume from (the newest, or the one kept before it). */
    public static boolean hasCheckpoint(Path root) {
        return Checkpoint.exists(root.resolve(CHECKPOINT));
    }

    private static void probeWritable(Path root) {
        Path probe = root.resolve(".write-test");
        try {
            Files.writeString(probe, "ok");
            Files.delete(probe);
        } catch (IOException e) {
            throw MentorException.of("out", root + " is not writable (" + e.getMessage() + ")");
        }
    }

    private static boolean isPhaseFile(Path file) {
        String name = file.getFileName().toString();
        return (name.startsWith("metrics-") && name.endsWith(".jsonl")) || (name.startsWith("checkpoint-") && name.endsWith(".ckpt"));
    }

    /** A temporary file of an interrupted write, or a damaged checkpoint moved aside. */
    private static boolean isLeftover(Path file) {
        String name = file.getFileName().toString();
        boolean ours = FILES.stream().anyMatch(name::startsWith) || isPhaseFile(file.resolveSibling(name.replaceAll("\\.(tmp|damaged)$", "")));
        return ours && (name.endsWith(".tmp") || name.endsWith(".damaged"));
    }

    static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * The resolved config a run recorded (of this build or one before records had versions); a missing or
     * foreign file is a {@link MentorException} about the config component {@code component}.
     */
    public static ExperimentConfig readConfig(Path root, String component) {
        Path file = root.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw MentorException.of(component, root + " has no " + CONFIG);
        }
        try {
            return ExperimentConfig.read(file);
        } catch (MentorException e) {
            throw e.within(component);
        }
    }

    public Path root() {
        return root;
    }

    public Path file(String name) {
        return root.resolve(name);
    }

    public void writeConfig(ExperimentConfig config) {
        config.write(file(CONFIG));
    }

    public void writeManifest(Manifest manifest) {
        manifest.write(file(MANIFEST));
    }

    public void writeFinal(FinalMetrics metrics) {
        metrics.write(file(FINAL));
    }

    /** Writes the method's own options, which {@code --resume} reads back. */
    public void writeMethodOptions(Object options) {
        MethodOptions.write(file(METHOD), options);
    }

    /** The checkpoint of a later phase ({@code checkpoint-PHASE.ckpt}). */
    public Path checkpoint(String phase) {
        return file("checkpoint-" + phase + ".ckpt");
    }

    /** A listener keeping {@code metrics-PHASE.jsonl}, the epoch log of a later phase. */
    public TrainingListener epochLog(String phase) {
        return new EpochLog(file("metrics-" + phase + ".jsonl"));
    }

    /** Rewrites {@code metrics.jsonl} from the checkpoint's history, so it never holds epochs past it. */
    @Override
    public void onStart(List<EpochMetrics> history, int epochs, long stepsPerEpoch) {
        new EpochLog(file(EPOCHS)).onStart(history, epochs, stepsPerEpoch);
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        new EpochLog(file(EPOCHS)).onEpoch(metrics);
    }

    /** One epoch a line; rewritten from the resumed history at the start, so it never holds epochs past it. */
    private record EpochLog(Path file) implements TrainingListener {
        @Override
        public void onStart(List<EpochMetrics> history, int epochs, long stepsPerEpoch) {
            StringBuilder text = new StringBuilder();
            history.forEach(m -> text.append(m.toLine()).append('\n'));
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MentorException(file + ": cannot write (" + e.getMessage() + ")");
            }
        }

        @Override
        public void onEpoch(EpochMetrics metrics) {
            try {
                Files.writeString(file, metrics.toLine() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new MentorException(file + ": cannot write (" + e.getMessage() + ")");
            }
        }
    }
}
