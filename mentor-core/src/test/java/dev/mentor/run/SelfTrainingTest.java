package dev.mentor.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.MentorException;
import dev.mentor.Switch;
import dev.mentor.data.DataSpec;
import dev.mentor.io.Json;
import dev.mentor.teacher.LegacyPseudoLabelFile;
import dev.mentor.teacher.PseudoLabelFile;
import dev.mentor.teacher.PseudoLabels;
import dev.mentor.teacher.PseudoLabelTargets;
import dev.mentor.teacher.RunTeacher;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.SavedModel;
import dev.mentor.train.SavedModels;
import dev.mentor.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rounds of self-training on a small synthetic set: structure, flat memory, resumption of a killed round. */
class SelfTrainingTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() throws Exception {
        data = SyntheticData.idx(dir.resolve("idx"), 240, 40, 4);
    }

    static ExperimentConfig base(int epochs) {
        return new ExperimentConfig(DataSpec.idx(data), null, null, null, null, 40, null, 5, "cnn-small", -1, -1, epochs, 8, 0.05, 0,
                OptimizerConfig.sgd(5e-4), 0, "weak", 0, 0, 0.5, 0, 1);
    }

    static SelfTrainingConfig selfTraining(int rounds, int studentEpochs, String teacher) {
        return new SelfTrainingConfig(SelfTrainingConfig.NOISY_STUDENT, rounds, List.of("cnn-small"), studentEpochs,
                PseudoLabelTargets.Kind.SOFT, 0.3, Switch.ON, 0, 1, Switch.ON, Switch.ON, teacher);
    }

    /** Records the arrays alive under the parent at every epoch's end, per round. */
    static final class ArrayCounter implements TrainingListener {
        final NDManager parent;
        final List<Integer> counts = new ArrayList<>();

        ArrayCounter(NDManager parent) {
            this.parent = parent;
        }

        @Override
        public void onEpoch(EpochMetrics metrics) {
            counts.add(parent.getManagedArrays().size());
        }
    }

    @Test
    void twoRoundsLeaveEveryRoundsRunAndArtifactAndKeepTheArrayCountFlat() {
        Path root = dir.resolve("two-rounds");
        List<ArrayCounter> counters = new ArrayList<>();
        List<RoundRecord> records;
        try (NDManager parent = NDManager.newBaseManager()) {
            // forced: another test may have made this run first, to use its rounds (the run is the same every time)
            records = new SelfTraining(base(2), selfTraining(2, 2, null), s -> { })
                    .run(SelfTrainingDirectory.create(root, true), false, round -> {
                        ArrayCounter counter = new ArrayCounter(parent);
                        counters.add(counter);
                        return List.of(counter);
                    }, parent);
            assertEquals(0, parent.getManagedArrays().size(), "arrays outlived the rounds");
        }
        assertEquals(3, records.size());
        assertEquals(List.of("teacher", "student", "student"), records.stream().map(RoundRecord::role).toList());
        // the same model every round: the same arrays alive during training, and none after
        int during = counters.get(0).counts.get(1);
        for (ArrayCounter counter : counters) {
            assertEquals(List.of(during, during), counter.counts, "arrays per epoch, per round");
        }
        for (RoundRecord r : records) {
            assertEquals(during, r.memory().arraysDuringTraining());
            assertEquals(0, r.memory().arraysAfter());
            assertNotNull(r.testAccuracy());
        }
        for (int round = 0; round <= 2; round++) {
            Path folder = root.resolve("round-" + round);
            for (String f : List.of("config.json", "manifest.json", "metrics.jsonl", "metrics.json", "model.ckpt", "round.json")) {
                assertTrue(Files.isRegularFile(folder.resolve(f)), folder + "/" + f);
            }
        }
        for (int round = 1; round <= 2; round++) {
            Path labels = root.resolve("round-" + round).resolve("pseudo-labels");
            PseudoLabelFile.Artifact artifact = PseudoLabelFile.read(labels);
            assertEquals(240 - 40 - 20, artifact.labels().size());
            assertEquals(PseudoLabelFile.IdKind.INDEX, artifact.header().idKind());
            Path teacherRun = root.resolve("round-" + (round - 1));
            try (NDManager manager = NDManager.newBaseManager();
                    RunTeacher teacher = new RunTeacher(teacherRun, SavedModel.read(teacherRun).normalization(), manager)) {
                assertEquals(teacher.fingerprint(), artifact.header().teacher().fingerprint());
            }
            assertTrue(Files.isRegularFile(labels.resolve("report.txt")) && Files.isRegularFile(labels.resolve("selection.json")));
            RoundRecord.PseudoLabelSummary summary = records.get(round).pseudoLabels();
            assertEquals(180, summary.images());
            assertNotNull(summary.accuracy());
            assertTrue(summary.selected() > 0 && summary.kept() <= 180);
        }
        Map<?, ?> rounds = Json.MAPPER.convertValue(Json.read(root.resolve("rounds.json")), Map.class);
        assertEquals(true, rounds.get("complete"));
        SelfTrainingDirectory.Saved saved = SelfTrainingDirectory.readConfig(root);
        assertEquals(selfTraining(2, 2, null), saved.selfTraining());
        assertEquals(base(2), saved.experiment());
        assertThrows(MentorException.class, () -> SelfTrainingDirectory.create(root, false));
    }

    /**
     * Labels a run's round made with an older build (version 1: {@code pseudo-labels.bin}) still feed it: reused
     * by the round's teacher and pool, and given as {@code --pseudo-labels-from}, they are the labels of today's file.
     */
    @Test
    void aVersionOneArtifactOfAnOlderBuildStillFeedsARound() throws Exception {
        Path root = dir.resolve("two-rounds");
        if (!Files.exists(root.resolve("round-1").resolve("model.ckpt"))) {
            twoRoundsLeaveEveryRoundsRunAndArtifactAndKeepTheArrayCountFlat();
        }
        Path teacher = root.resolve("round-0");
        PseudoLabelFile.Artifact current = PseudoLabelFile.read(root.resolve("round-1").resolve("pseudo-labels"));
        PseudoLabelFile.Header h = current.header();
        Path old = dir.resolve("version-1-labels");
        LegacyPseudoLabelFile.write(old, current.labels(), h.idKind(), h.classNames(), h.teacher(), h.pool());
        try (NDManager parent = NDManager.newBaseManager()) {
            UnlabeledPool pool = UnlabeledPool.of(base(2), Experiment.prepare(base(2)));
            for (PseudoLabels read : List.of(PseudoLabelRun.readMatching(old, teacher, pool, parent),
                    PseudoLabelRun.readGiven(old, "--pseudo-labels-from", teacher, pool, true, parent))) {
                assertEquals(current.labels().ids(), read.ids());
                assertArrayEquals(current.labels().probabilities(), read.probabilities());
            }
        }
        assertEquals(1, PseudoLabelFile.read(old).header().version());
    }

    @Test
    void aConfigSavedBeforePseudoLabelsFromExistedResumesLabelingThePoolItself() throws Exception {
        Path old = Files.createDirectories(dir.resolve("saved-before"));
        com.fasterxml.jackson.databind.node.ObjectNode json = Json.MAPPER.valueToTree(
                new SelfTrainingDirectory.Saved(base(2), selfTraining(2, 2, null)));
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("selfTraining")).remove("pseudoLabelsFrom");
        Json.write(old.resolve(SelfTrainingDirectory.CONFIG), json);
        SelfTrainingDirectory.Saved saved = SelfTrainingDirectory.readConfig(old);
        assertNull(saved.selfTraining().pseudoLabelsFrom());
        assertEquals(selfTraining(2, 2, null), saved.selfTraining());
    }

    @Test
    void aKilledRoundResumesAtItsEpochAndEndsWithTheWeightsOfAnUninterruptedRun() throws Exception {
        Path straight = dir.resolve("straight");
        Path killed = dir.resolve("killed");
        try (NDManager parent = NDManager.newBaseManager()) {
            new SelfTraining(base(2), selfTraining(1, 3, null), s -> { })
                    .run(SelfTrainingDirectory.create(straight, false), false, round -> List.of(), parent);
            TrainingListener kill = new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics metrics) {
                    if (metrics.epoch() == 2) {
                        throw new IllegalStateException("killed");
                    }
                }
            };
            assertThrows(IllegalStateException.class, () -> new SelfTraining(base(2), selfTraining(1, 3, null), s -> { })
                    .run(SelfTrainingDirectory.create(killed, false), false, round -> round == 1 ? List.of(kill) : List.of(), parent));
            Path teacherRound = killed.resolve("round-0").resolve("round.json");
            long teacherWritten = Files.getLastModifiedTime(teacherRound).toMillis();
            assertFalse(Files.exists(killed.resolve("round-1").resolve("round.json")));
            List<String> log = new ArrayList<>();
            SelfTrainingDirectory.Saved saved = SelfTrainingDirectory.readConfig(killed);
            List<RoundRecord> records = new SelfTraining(saved.experiment(), saved.selfTraining(), log::add)
                    .run(SelfTrainingDirectory.resume(killed), true, round -> List.of(), parent);
            assertEquals(teacherWritten, Files.getLastModifiedTime(teacherRound).toMillis(), "the finished teacher was trained again");
            assertTrue(log.get(0).contains("finished before"), log.toString());
            assertTrue(records.get(1).resumed());
            assertTrue(records.get(1).pseudoLabels().reused());
            assertEquals(3, Files.readAllLines(killed.resolve("round-1").resolve("metrics.jsonl")).size());
        }
        Map<String, float[]> expected = SavedModel.read(straight.resolve("round-1")).weights();
        Map<String, float[]> resumed = SavedModel.read(killed.resolve("round-1")).weights();
        assertEquals(expected.keySet(), resumed.keySet());
        expected.forEach((name, values) -> assertArrayEquals(values, resumed.get(name), 0f, name));
    }

    @Test
    void anExistingTeacherRunIsRound0AndMustShareTheSplit() throws Exception {
        Path teacher = dir.resolve("two-rounds").resolve("round-0");
        if (!Files.exists(teacher.resolve("model.ckpt"))) {
            twoRoundsLeaveEveryRoundsRunAndArtifactAndKeepTheArrayCountFlat();
        }
        try (NDManager parent = NDManager.newBaseManager()) {
            ExperimentConfig other = new ExperimentConfig(DataSpec.idx(data), null, null, null, null, 60, null, 5, "cnn-small", -1, -1, 2,
                    8, 0.05, 0, OptimizerConfig.sgd(5e-4), 0, "weak", 0, 0, 0.5, 0, 1);
            MentorException e = assertThrows(MentorException.class, () -> new SelfTraining(other,
                    selfTraining(1, 1, teacher.toString()), s -> { })
                    .run(SelfTrainingDirectory.create(dir.resolve("other"), false), false, r -> List.of(), parent));
            assertTrue(e.getMessage().contains("trained with labels 40") && e.getMessage().contains("60"), e.getMessage());
            List<RoundRecord> records = new SelfTraining(base(2), selfTraining(1, 1, teacher.toString()), s -> { })
                    .run(SelfTrainingDirectory.create(dir.resolve("reuse"), false), false, r -> List.of(), parent);
            assertEquals(teacher.toString(), records.get(0).directory());
            assertFalse(Files.exists(dir.resolve("reuse").resolve("round-0")));
            assertTrue(Files.isRegularFile(dir.resolve("reuse").resolve("round-1").resolve("model.ckpt")));
        }
    }

    @Test
    void aStudentSmallerThanItsTeacherIsRefused() {
        SelfTrainingConfig shrinking = new SelfTrainingConfig(SelfTrainingConfig.NOISY_STUDENT, 1, List.of("resnet-20", "cnn-small"), 1,
                PseudoLabelTargets.Kind.SOFT, 0, Switch.ON, 0, 1, Switch.ON, Switch.ON, null);
        try (NDManager parent = NDManager.newBaseManager()) {
            MentorException e = assertThrows(MentorException.class, () -> new SelfTraining(base(1), shrinking, s -> { })
                    .run(SelfTrainingDirectory.create(dir.resolve("shrink"), false), false, r -> List.of(), parent));
            assertTrue(e.getMessage().startsWith("models: the student of round 1, cnn-small"), e.getMessage());
        }
        assertThrows(MentorException.class, () -> new SelfTrainingConfig(SelfTrainingConfig.NOISY_STUDENT, 1,
                List.of("cnn-small", "resnet-20", "wrn-28-2"), 1, PseudoLabelTargets.Kind.SOFT, 0, Switch.ON, 0, 1, Switch.ON,
                Switch.ON, null));
    }

    @Test
    void studentsLoseTheirNoiseWhenSwitchedOff() {
        ExperimentConfig noisy = new ExperimentConfig(DataSpec.idx(data), null, null, null, null, 40, null, 5, "resnet-20", 0.5, 0.2, 3, 8,
                0.05, 0, OptimizerConfig.sgd(5e-4), 0, "weak+randaugment:n=2,m=9", 1.0, 0, 0.5, 0, 1);
        SelfTrainingConfig quiet = new SelfTrainingConfig(SelfTrainingConfig.NOISY_STUDENT, 1, List.of("resnet-20"), 7,
                PseudoLabelTargets.Kind.SOFT, 0, Switch.ON, 0, 1, Switch.OFF, Switch.OFF, null);
        ExperimentConfig teacher = quiet.roundConfig(noisy, 0);
        ExperimentConfig student = quiet.roundConfig(noisy, 1);
        assertEquals(noisy, teacher);
        assertEquals("none", student.augment().toString());
        assertEquals(dev.mentor.train.LrSchedule.FIXMATCH,
                quiet.roundConfig(noisy.withLrSchedule(dev.mentor.train.LrSchedule.FIXMATCH), 1).lrSchedule(), "a student keeps the schedule");
        assertEquals(0, student.cutmix());
        assertEquals(0, student.dropout());
        assertEquals(0, student.stochasticDepth());
        assertEquals(7, student.epochs());
    }

    @Test
    void studentsShorterThanTheTeachersWarmUpWarmUpForTheSameShareOfTheirEpochs() {
        ExperimentConfig long100 = new ExperimentConfig(DataSpec.idx(data), null, null, null, null, 40, null, 5, "cnn-small", -1, -1, 100, 8,
                0.05, 5, OptimizerConfig.sgd(5e-4), 0, "weak", 0, 0, 0.5, 0, 1);
        ExperimentConfig student = selfTraining(1, 3, null).roundConfig(long100, 1);
        assertEquals(3, student.epochs());
        assertEquals(0.15, student.warmupEpochs(), 1e-12);
        assertEquals(5, selfTraining(1, 3, null).roundConfig(long100, 0).warmupEpochs());
        assertEquals(5, selfTraining(1, 100, null).roundConfig(long100, 1).warmupEpochs());
    }

    @Test
    void studentsCountedInStepsWarmUpForTheTeachersShareOrTheDefault() {
        ExperimentConfig steps1000 = new ExperimentConfig(DataSpec.idx(data), null, null, null, null, 40, null, 5, "cnn-small", -1, -1, 1, 8,
                0.05, 0, OptimizerConfig.sgd(5e-4), 0, "weak", 0, 0, 0.5, 0, 1).withSteps(1000);
        SelfTrainingConfig students4000 = new SelfTrainingConfig(SelfTrainingConfig.NOISY_STUDENT, 1, List.of("cnn-small"), 1,
                PseudoLabelTargets.Kind.SOFT, 0.3, Switch.ON, 0, 1, Switch.ON, Switch.ON, null, 4000L);
        assertEquals(200, students4000.roundConfig(steps1000.withWarmupSteps(Budget.defaultWarmup(1000)), 1).warmupSteps(),
                "the teacher's default warm-up: the student's own default, 5% of 4,000");
        assertEquals(0, students4000.roundConfig(steps1000.withWarmupSteps(0), 1).warmupSteps(), "--warmup-steps 0 stays 0");
        assertEquals(1000, students4000.roundConfig(steps1000.withWarmupSteps(250), 1).warmupSteps(), "a quarter stays a quarter");
        assertEquals(0, students4000.roundConfig(steps1000.withWarmupSteps(0), 0).warmupSteps(), "the teacher keeps its own");
        // A teacher counted in epochs with --warmup-epochs: its budget over the labeled set gives the share (2 of 10 passes).
        ExperimentConfig epochs10 = new ExperimentConfig(DataSpec.idx(data), null, null, null, null, 40, null, 5, "cnn-small", -1, -1, 10,
                8, 0.05, 2, OptimizerConfig.sgd(5e-4), 0, "weak", 0, 0, 0.5, 0, 1);
        assertEquals(800, students4000.roundConfig(epochs10, 1, Budget.of(epochs10, 40)).warmupSteps());
        assertEquals(200, students4000.roundConfig(epochs10, 1, null).warmupSteps(), "no budget known: the default");
    }

    /** The two-rounds run's folder, made by the first test when it has not run yet. */
    private Path twoRounds() {
        Path root = dir.resolve("two-rounds");
        if (!Files.exists(root.resolve("round-2").resolve("model.ckpt"))) {
            twoRoundsLeaveEveryRoundsRunAndArtifactAndKeepTheArrayCountFlat();
        }
        return root;
    }

    private static List<String> ids(int size) {
        return java.util.stream.IntStream.range(0, size).mapToObj(Integer::toString).toList();
    }

    /**
     * Labeling with an ensemble writes the mean of its members' distributions, each predicted alone, under a fingerprint of
     * them all: the teacher's own labels do not pass for the ensemble's, nor the ensemble's for the teacher's.
     */
    @Test
    void anEnsembleLabelsThePoolWithItsMembersMeanDistributionUnderItsOwnFingerprint() {
        Path teacher = twoRounds().resolve("round-0");
        Path other = twoRounds().resolve("round-2");
        Labelers ensemble = new Labelers(teacher, List.of(other));
        SavedModels models = new SavedModels();
        Path out = dir.resolve("ensemble-labels");
        try (NDManager parent = NDManager.newBaseManager()) {
            UnlabeledPool pool = UnlabeledPool.of(base(2), Experiment.prepare(base(2)));
            PseudoLabels labels = PseudoLabelRun.label(models, ensemble, pool, out, parent, s -> { });
            float[] a = PseudoLabelRun.predict(models, teacher, pool.images(), pool.ids(), parent).probabilities();
            float[] b = PseudoLabelRun.predict(models, other, pool.images(), pool.ids(), parent).probabilities();
            float[] mean = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                mean[i] = (float) (((double) a[i] + b[i]) / 2);
            }
            assertArrayEquals(mean, labels.probabilities());
            assertFalse(java.util.Arrays.equals(a, mean), "the members agree everywhere: the test shows nothing");
            PseudoLabelFile.Artifact artifact = PseudoLabelFile.read(out);
            assertEquals(PseudoLabelRun.fingerprint(models, ensemble), artifact.header().teacher().fingerprint());
            assertEquals("cnn-small+cnn-small", artifact.header().teacher().architecture());
            assertArrayEquals(mean, PseudoLabelRun.readMatching(models, out, ensemble, pool).probabilities());
            MentorException e = assertThrows(MentorException.class, () -> PseudoLabelRun.readMatching(models, out, teacher, pool));
            assertTrue(e.getMessage().contains("another teacher"), e.getMessage());
            Path alone = dir.resolve("two-rounds").resolve("round-1").resolve("pseudo-labels");
            assertThrows(MentorException.class, () -> PseudoLabelRun.readMatching(models, alone, ensemble, pool));
            assertFalse(PseudoLabelRun.fingerprint(models, ensemble).equals(PseudoLabelRun.fingerprint(models, Labelers.of(teacher))));
        }
    }

    /**
     * With {@code --ensemble}, a round compares on validation its teacher alone with the mean of the teacher and the
     * ensemble: {@code selection.json} records both accuracies as each run's own predictions give them, and the pool's labels
     * are the chosen labelers'.
     */
    @Test
    void aRoundChoosesOnValidationBetweenItsTeacherAloneAndTheEnsembleAndRecordsIt() {
        Path teacher = twoRounds().resolve("round-0");
        Path other = twoRounds().resolve("round-2");
        SelfTrainingConfig config = selfTraining(1, 1, teacher.toString()).withEnsemble(List.of(other.toString()));
        Path root = dir.resolve("with-ensemble");
        SavedModels models = new SavedModels();
        try (NDManager parent = NDManager.newBaseManager()) {
            List<String> log = new ArrayList<>();
            new SelfTraining(base(2), config, log::add).run(SelfTrainingDirectory.create(root, false), false, r -> List.of(), parent);
            Experiment.Prepared prepared = Experiment.prepare(base(2));
            int[] truth = dev.mentor.data.ImageSets.labels(prepared.validation());
            List<String> ids = ids(prepared.validation().size());
            PseudoLabels alone = PseudoLabelRun.predict(models, teacher, prepared.validation(), ids, parent);
            PseudoLabels mean = PseudoLabels.mean(List.of(alone, PseudoLabelRun.predict(models, other, prepared.validation(), ids, parent)));
            Path labels = root.resolve("round-1").resolve("pseudo-labels");
            SelectionRecord.EnsembleChoice choice = SelectionRecord.read(labels.resolve("selection.json")).ensemble();
            assertEquals(List.of(other.toString()), choice.runs());
            assertEquals(alone.accuracy(truth), choice.teacherValidation(), 1e-12);
            assertEquals(mean.accuracy(truth), choice.ensembleValidation(), 1e-12);
            assertEquals(choice.ensembleValidation() > choice.teacherValidation(), choice.used());
            Labelers chosen = choice.used() ? new Labelers(teacher, List.of(other)) : Labelers.of(teacher);
            assertEquals(PseudoLabelRun.fingerprint(models, chosen), PseudoLabelFile.read(labels).header().teacher().fingerprint());
            assertTrue(log.stream().anyMatch(l -> l.startsWith("round 1: the pool is labeled by")), log.toString());
        }
        assertEquals(config, SelfTrainingDirectory.readConfig(root).selfTraining());
    }

    @Test
    void anEnsembleRunMustBeFinishedOnThisSplitAndNotTheTeacher() throws Exception {
        Path teacher = twoRounds().resolve("round-0");
        Path other = twoRounds().resolve("round-2");
        Path elsewhere = dir.resolve("other-split");
        Files.createDirectories(elsewhere);
        try (var files = Files.list(other)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, elsewhere.resolve(f.getFileName()));
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode json = Json.read(elsewhere.resolve("config.json"));
        json.put("labels", 60);
        Json.write(elsewhere.resolve("config.json"), json);
        for (var bad : Map.of(elsewhere.toString(), "ensemble: " + elsewhere + " was trained with labels 60",
                dir.resolve("no-run").toString(), "ensemble: " + dir.resolve("no-run") + " is not a finished run").entrySet()) {
            try (NDManager parent = NDManager.newBaseManager()) {
                MentorException e = assertThrows(MentorException.class, () -> new SelfTraining(base(2),
                        selfTraining(1, 1, teacher.toString()).withEnsemble(List.of(bad.getKey())), s -> { })
                        .run(SelfTrainingDirectory.create(dir.resolve("refused"), true), false, r -> List.of(), parent));
                assertTrue(e.getMessage().startsWith(bad.getValue()), e.getMessage());
            }
        }
        MentorException same = assertThrows(MentorException.class,
                () -> selfTraining(1, 1, teacher.toString()).withEnsemble(List.of(other.toString(), teacher.toString())));
        assertEquals("ensemble: " + teacher + " is the teacher; give the other runs", same.getMessage());
        assertThrows(MentorException.class, () -> selfTraining(1, 1, null).withEnsemble(List.of(other.toString(), other.toString())));
    }

    /** A copy of the finished run {@code from} (its files, not its subfolders) at {@code to}. */
    private static Path copyRun(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    /**
     * A member that predicts what the teacher does (a copy of it) ties it on validation: the teacher alone labels the pool,
     * and a member whose outputs are no distributions (its weights NaN, as a diverged run's) is left out, said so, instead of
     * stopping the run.
     */
    @Test
    void aTieKeepsTheTeacherAloneAndADivergedMemberIsLeftOut() throws Exception {
        Path teacher = twoRounds().resolve("round-0");
        Path twin = copyRun(teacher, dir.resolve("twin"));
        Path diverged = copyRun(teacher, dir.resolve("diverged"));
        SavedModel saved = SavedModel.read(teacher);
        Map<String, float[]> nan = new java.util.LinkedHashMap<>();
        saved.weights().forEach((name, values) -> {
            float[] v = new float[values.length];
            java.util.Arrays.fill(v, Float.NaN);
            nan.put(name, v);
        });
        new SavedModel(saved.spec(), saved.normalization(), saved.classNames(), nan).write(diverged.resolve(SavedModel.FILE));
        SelfTrainingConfig config = selfTraining(1, 1, teacher.toString()).withEnsemble(List.of(twin.toString(), diverged.toString()));
        Path root = dir.resolve("tie");
        List<String> log = new ArrayList<>();
        try (NDManager parent = NDManager.newBaseManager()) {
            new SelfTraining(base(2), config, log::add).run(SelfTrainingDirectory.create(root, false), false, r -> List.of(), parent);
        }
        Path labels = root.resolve("round-1").resolve("pseudo-labels");
        SelectionRecord.EnsembleChoice choice = SelectionRecord.read(labels.resolve("selection.json")).ensemble();
        assertEquals(List.of(twin.toString()), choice.runs(), "the diverged member is left out");
        assertEquals(1, choice.leftOut().size(), choice.leftOut().toString());
        assertTrue(choice.leftOut().get(0).startsWith(diverged + ": ") && choice.leftOut().get(0).contains("diverge"),
                "selection.json says which member was left out and why: " + choice.leftOut());
        // a record of the build before left_out reads with none
        ObjectMapper json = new ObjectMapper();
        ObjectNode written = (ObjectNode) json.readTree(labels.resolve("selection.json").toFile());
        ((ObjectNode) written.get("ensemble")).remove("left_out");
        Path older = dir.resolve("selection-before-left-out.json");
        json.writeValue(older.toFile(), written);
        assertEquals(List.of(), SelectionRecord.read(older).ensemble().leftOut());
        assertEquals(choice.teacherValidation(), choice.ensembleValidation(), 1e-12);
        assertFalse(choice.used());
        assertEquals(PseudoLabelRun.fingerprint(new SavedModels(), Labelers.of(teacher)),
                PseudoLabelFile.read(labels).header().teacher().fingerprint());
        assertTrue(log.stream().anyMatch(l -> l.contains("ensemble " + diverged + " is left out") && l.contains("diverge")), log.toString());
    }

    /**
     * A round stopped after it wrote its pool's artifact but before its selection.json takes the choice from the artifact's
     * labelers when it resumes, even where choosing again would differ: its labels are reused, never made again or refused.
     */
    @Test
    void aRoundStoppedBeforeItsSelectionWasWrittenKeepsTheLabelersOfItsArtifact() throws Exception {
        Ensemble setup = Ensemble.of(twoRounds());
        Path teacher = setup.teacher();
        Path other = setup.other();
        SelfTrainingConfig config = setup.config();
        Path killed = dir.resolve("ensemble-killed-before-selection");
        try (NDManager parent = NDManager.newBaseManager()) {
            stopInRoundOne(config, killed, parent);
            Path labels = killed.resolve("round-1").resolve("pseudo-labels");
            Path selection = labels.resolve("selection.json");
            boolean chosen = SelectionRecord.read(selection).ensemble().used();
            // the artifact of the other choice, as if validation had tipped the other way, and no selection.json yet
            Files.delete(selection);
            Labelers opposite = chosen ? Labelers.of(teacher) : new Labelers(teacher, List.of(other));
            SavedModels models = new SavedModels();
            PseudoLabels made = PseudoLabelRun.label(models, opposite, UnlabeledPool.of(base(2), Experiment.prepare(base(2))), labels,
                    parent, s -> { });
            List<String> log = new ArrayList<>();
            SelfTrainingDirectory.Saved saved = SelfTrainingDirectory.readConfig(killed);
            List<RoundRecord> records = new SelfTraining(saved.experiment(), saved.selfTraining(), log::add)
                    .run(SelfTrainingDirectory.resume(killed), true, round -> List.of(), parent);
            assertTrue(records.get(1).pseudoLabels().reused());
            assertEquals(!chosen, SelectionRecord.read(selection).ensemble().used(), "the artifact's labelers are recorded");
            assertArrayEquals(made.probabilities(), PseudoLabelFile.read(labels).labels().probabilities());
            assertTrue(log.stream().anyMatch(l -> l.contains("before the run stopped") && l.contains("that choice stays")), log.toString());
        }
    }

    /** A one-round, three-epoch run taught by the two-round run's round 0, with its round 2 as the ensemble. */
    private record Ensemble(Path teacher, Path other, SelfTrainingConfig config) {
        static Ensemble of(Path twoRounds) {
            Path teacher = twoRounds.resolve("round-0");
            Path other = twoRounds.resolve("round-2");
            return new Ensemble(teacher, other, selfTraining(1, 3, teacher.toString()).withEnsemble(List.of(other.toString())));
        }
    }

    /** Runs {@code config} into {@code killed} and stops it in round 1's student, after its pool was labeled (epoch 2). */
    private static void stopInRoundOne(SelfTrainingConfig config, Path killed, NDManager parent) {
        TrainingListener kill = new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
                if (metrics.epoch() == 2) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> new SelfTraining(base(2), config, s -> { })
                .run(SelfTrainingDirectory.create(killed, false), false, round -> List.of(kill), parent));
    }

    /** A round resumed after it labeled its pool keeps the labelers it chose (its selection.json's) and reuses its labels. */
    @Test
    void aResumedRoundKeepsItsEnsembleChoiceAndItsLabels() throws Exception {
        SelfTrainingConfig config = Ensemble.of(twoRounds()).config();
        Path killed = dir.resolve("ensemble-killed");
        try (NDManager parent = NDManager.newBaseManager()) {
            stopInRoundOne(config, killed, parent);
            Path selection = killed.resolve("round-1").resolve("pseudo-labels").resolve("selection.json");
            SelectionRecord.EnsembleChoice before = SelectionRecord.read(selection).ensemble();
            List<String> log = new ArrayList<>();
            SelfTrainingDirectory.Saved saved = SelfTrainingDirectory.readConfig(killed);
            List<RoundRecord> records = new SelfTraining(saved.experiment(), saved.selfTraining(), log::add)
                    .run(SelfTrainingDirectory.resume(killed), true, round -> List.of(), parent);
            assertTrue(records.get(1).pseudoLabels().reused());
            assertEquals(before, SelectionRecord.read(selection).ensemble());
            assertFalse(log.stream().anyMatch(l -> l.contains("the pool is labeled by")), "chosen again: " + log);
        }
    }
}
