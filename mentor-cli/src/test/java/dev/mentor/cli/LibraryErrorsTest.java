package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import dev.mentor.Switch;
import dev.mentor.bench.SideBySide;
import dev.mentor.bench.WarmUp;
import dev.mentor.bench.Workload;
import dev.mentor.data.DataSpec;
import dev.mentor.data.SplitConfig;
import dev.mentor.model.ModelFormat;
import dev.mentor.model.Models;
import dev.mentor.run.DistributedLabelingJob;
import dev.mentor.run.ExperimentConfig;
import dev.mentor.run.RunDirectory;
import dev.mentor.run.SelfTrainingConfig;
import dev.mentor.teacher.PseudoLabelTargets;
import dev.mentor.train.OptimizerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The library's errors name config components, never flags; the command line prints each as the flag the user
 * typed, in the very words it printed when the library quoted flags itself.
 */
class LibraryErrorsTest {
    private static final List<Path> LIBRARY_SOURCES = List.of(Path.of("..", "mentor-core", "src", "main", "java"),
            Path.of("..", "mentor-report", "src", "main", "java"));

    @TempDir
    Path dir;

    @Test
    void theCommandLinePrintsTheLibrarysErrorsAsItDidWhenTheLibraryQuotedFlags() throws IOException {
        assertPrinted("--epochs: must be > 0, got 0", () -> config(0, 0.1, 0, null, null));
        assertPrinted("--lr: must be > 0, got 0.0", () -> config(1, 0, 0, null, null));
        assertPrinted("--cutmix and --mixup: alpha must be >= 0 (0 turns it off), got -1.0 and 0.0", () -> config(1, 0.1, -1, null, null));
        assertPrinted("--labels and --labels-per-class: give one, not both", () -> config(1, 0.1, 0, 40, 4));
        assertPrinted("--labels 40 and --labels-per-class 4: give one or the other, not both", () -> new SplitConfig(40, 4, 0, 1));
        assertPrinted("--model: unknown model 'vgg-16' (expected cnn-small, resnet-20, wrn-DEPTH-K such as wrn-28-2, or efficientnet-b0)",
                () -> Models.check("vgg-16"));
        assertPrinted("--nesterov needs a momentum above 0", () -> new OptimizerConfig("sgd", 0, true, 0, false, 0.9, 0.999, 1e-8));
        assertPrinted("--models: unknown model 'vgg-16' (expected cnn-small, resnet-20, wrn-DEPTH-K such as wrn-28-2, or efficientnet-b0)",
                () -> selfTraining(List.of("cnn-small", "vgg-16"), Switch.ON));
        assertPrinted("--pseudo-labels, --input-noise and --model-noise need values", () -> selfTraining(List.of("cnn-small"), null));
        assertPrinted("--warmup-steps: must be >= 0, got -1", () -> new WarmUp(-1, 0, 0));
        assertPrinted("--batch-size: must be > 0, got 0", () -> new Workload("cnn-small", 1, 28, 0, null));
        assertPrinted("--rounds: must be >= 1, got 0", () -> new SideBySide.Plan(0, 1, 1, 2, WarmUp.PEER, WarmUp.PEER, false));
        assertPrinted("--distribution: fp16, fp32 or top-K (e.g. top-3), got 'int8'", () -> DistributedLabelingJob.Distribution.parse("int8"));
        assertPrinted("--normalize-loss: expected on or off, got 'maybe'", () -> Switch.parse("normalize_loss", "maybe"));
        Path missing = dir.resolve("missing");
        assertPrinted("--reduced-teacher: " + missing + " does not exist", () -> ModelFormat.of(missing, "reduced_teacher"));
        assertPrinted("--resume: " + dir + " has no config.json", () -> RunDirectory.readConfig(dir, "resume"));
        Path used = dir.resolve("used");
        RunDirectory.create(used, false).writeConfig(config(1, 0.1, 0, null, null));
        assertPrinted("--out: " + used + " already holds a run; use --force to overwrite it or --resume to continue it",
                () -> RunDirectory.create(used, false));
        Path notes = dir.resolve("notes");
        Files.createDirectories(notes);
        Files.writeString(notes.resolve("todo.txt"), "mine");
        assertPrinted("--out: " + notes + " is not empty and holds no run (e.g. todo.txt); give an empty or new folder, or use --force "
                + "to write the run beside what it holds", () -> RunDirectory.create(notes, false));
        assertPrinted("--pseudo-labels-from: labels needs --teacher, the finished run whose labels they are (round 1's teacher)",
                () -> new SelfTrainingConfig(SelfTrainingConfig.NOISY_STUDENT, 1, List.of("cnn-small"), 1, PseudoLabelTargets.Kind.SOFT, 0,
                        Switch.ON, 0, 1, Switch.ON, Switch.ON, null, null, false, "labels"));
    }

    @Test
    void anErrorReadInsideAnotherOptionsFileKeepsBothFlags() {
        MentorException inner = assertThrows(MentorException.class, () -> config(0, 0.1, 0, null, null));
        assertEquals("--resume: --epochs: must be > 0, got 0", Main.message(inner.within("resume")));
        assertEquals("resume: epochs: must be > 0, got 0", inner.within("resume").getMessage());
    }

    @Test
    void theLibraryQuotesNoFlagAsTheSubjectOfAnError() throws IOException {
        List<String> offending = new java.util.ArrayList<>();
        for (Path root : LIBRARY_SOURCES) {
            assertTrue(Files.isDirectory(root), root.toAbsolutePath() + " (run from mentor-cli)");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    String source = Files.readString(file);
                    if (source.contains("MentorException(\"--") || source.contains("MentorException(option + ")) {
                        offending.add(root.relativize(file).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), offending, "build errors with MentorException.of(component, detail) or naming(...)");
    }

    @Test
    void everyComponentTheLibraryNamesPrintsAsAFlagOfTheCommandLine() throws IOException {
        Set<String> flags = new TreeSet<>();
        collect(new CommandLine(new MentorCommand()), flags);
        Set<String> unknown = new TreeSet<>();
        for (String component : libraryComponents()) {
            if (!flags.contains(Main.flag(component)) && !SPARK_ONLY.contains(component) && !NOT_OPTIONS.contains(component)) {
                unknown.add(component + " -> " + Main.flag(component));
            }
        }
        assertEquals(Set.of(), unknown, "components whose flag no command has (add it to Main's table?)");
    }

    /** Options of mentor-spark's own commands (LabelPool), which this module does not see. */
    private static final Set<String> SPARK_ONLY = Set.of("shard_size", "id_column", "image_column", "wrong_shape", "threads");

    /**
     * Components named by errors that no single flag sets: {@code nesterov} (set off by {@code --no-nesterov}, its
     * error has always said {@code --nesterov}), {@code steps_per_epoch} (a loop setting of tests and benches).
     */
    private static final Set<String> NOT_OPTIONS = Set.of("nesterov", "steps_per_epoch");

    private static Set<String> libraryComponents() throws IOException {
        Pattern single = Pattern.compile("(?:MentorException\\.of|\\.about|\\.within|ModelFormat\\.of\\([^,()]+|readConfig\\([^,()]+"
                + "|checkFits\\([^,()]+|readGiven\\([^,()]+|requireFolder\\([^,()]+|checkExact\\([^,()]+|Switch\\.parse"
                + "|MethodInfo\\.of\\([^,()]+)[(,]\\s*\"([a-z_]+)\"");
        Pattern naming = Pattern.compile("(?:MentorException|OptionText)\\.naming\\((?:[^;]*?)((?:,\\s*\"[a-z_]+\")+)\\)",
                Pattern.DOTALL);
        Pattern option = Pattern.compile("thenOption\\(\"([a-z_]+)\"\\)");
        Set<String> components = new TreeSet<>();
        for (Path root : LIBRARY_SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    String source = Files.readString(file);
                    Matcher m = single.matcher(source);
                    while (m.find()) {
                        components.add(m.group(1));
                    }
                    m = option.matcher(source);
                    while (m.find()) {
                        components.add(m.group(1));
                    }
                    m = naming.matcher(source);
                    while (m.find()) {
                        Matcher names = Pattern.compile("\"([a-z_]+)\"").matcher(m.group(1));
                        while (names.find()) {
                            components.add(names.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(components.size() > 60, "found the library's components: " + components);
        return components;
    }

    private static void collect(CommandLine command, Set<String> flags) {
        command.getCommandSpec().options().forEach(option -> flags.addAll(List.of(option.names())));
        command.getSubcommands().values().forEach(sub -> collect(sub, flags));
    }

    private static void assertPrinted(String expected, Executable failing) {
        MentorException e = assertThrows(MentorException.class, failing);
        assertEquals(expected, Main.message(e));
        assertTrue(!e.getMessage().startsWith("--"), "the library's own message names components: " + e.getMessage());
    }

    private static ExperimentConfig config(int epochs, double learningRate, double cutmix, Integer labels, Integer labelsPerClass) {
        return new ExperimentConfig(DataSpec.fashionMnist(), null, null, null, null, labels, labelsPerClass, 0, "cnn-small", -1, -1, epochs,
                8, learningRate, 0, OptimizerConfig.sgd(5e-4), 0, "weak", cutmix, 0, 0.5, 0, 1);
    }

    private static SelfTrainingConfig selfTraining(List<String> models, Switch noise) {
        return new SelfTrainingConfig(SelfTrainingConfig.NOISY_STUDENT, 1, models, 1, PseudoLabelTargets.Kind.SOFT, 0, Switch.ON, 0, 1,
                noise, noise, null);
    }
}
