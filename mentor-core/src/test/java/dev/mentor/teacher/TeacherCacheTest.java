package dev.mentor.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.mentor.MentorException;
import dev.mentor.augment.Augmentation;
import dev.mentor.data.ArrayImageSet;
import dev.mentor.data.ImageSets;
import dev.mentor.loop.TrainingLoop;
import dev.mentor.method.Distillation;
import dev.mentor.model.ModelSpec;
import dev.mentor.testing.PretrainedFixtures;
import dev.mentor.train.BatchStream;
import dev.mentor.train.EpochMetrics;
import dev.mentor.train.Learner;
import dev.mentor.train.LoopConfig;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.Schedule;
import dev.mentor.train.TargetSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Teacher outputs cached on disk: written once, reused, keyed by what they depend on, rebuilt when damaged. */
class TeacherCacheTest {
    private static final ModelSpec STUDENT = new ModelSpec("cnn-small", 1, 16, 16, 4, -1, 0);
    private static final Normalization NORM = PretrainedFixtures.NORMALIZATION;
    private static final ArrayImageSet TRAIN = PretrainedFixtures.images(40, 1);
    private static final ArrayImageSet POOL = PretrainedFixtures.images(24, 9);

    @TempDir
    Path cacheDir;

    /** A teacher that counts the images it predicts. */
    private static final class Counting implements Teacher {
        final Teacher inner;
        int images;

        Counting(Teacher inner) {
            this.inner = inner;
        }

        @Override
        public NDList predict(NDArray x) {
            images += (int) x.getShape().get(0);
            return inner.predict(x);
        }

        @Override
        public int classes() {
            return inner.classes();
        }

        @Override
        public boolean exposesFeatureMap() {
            return false;
        }

        @Override
        public String fingerprint() {
            return inner.fingerprint();
        }

        @Override
        public String describe() {
            return "counting " + inner.describe();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private static Counting teacher(NDManager manager) {
        return new Counting(Teachers.load(PretrainedFixtures.file("classifier.onnx"), STUDENT, NORM, null, manager));
    }

    private List<Path> entries() throws Exception {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.toList();
        }
    }

    @Test
    void logitsAreComputedOnceAndReadBackByLaterRuns() throws Exception {
        List<String> log = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(); Counting teacher = teacher(manager)) {
            CachedLogits first = new TeacherCache(cacheDir, log::add).logits(teacher, TRAIN, NORM, manager);
            assertEquals(TRAIN.size(), teacher.images);
            assertEquals(1, entries().size());
            CachedLogits second = new TeacherCache(cacheDir, log::add).logits(teacher, TRAIN, NORM, manager);
            assertEquals(TRAIN.size(), teacher.images, "the second run must read the cache, not run the teacher");
            assertTrue(log.get(log.size() - 1).contains("read the logits of 40 images"), log.toString());
            for (int i = 0; i < TRAIN.size(); i++) {
                assertArrayEquals(first.row(i), second.row(i), 0f);
            }
        }
    }

    @Test
    void theCachedLogitsAreTheTeachersOnTheUnaugmentedImages() {
        try (NDManager manager = NDManager.newBaseManager(); Counting teacher = teacher(manager)) {
            CachedLogits cached = new TeacherCache(cacheDir, s -> {}).logits(teacher, TRAIN, NORM, manager);
            float[] pixels = new float[256];
            NORM.write(TRAIN.image(7), pixels, 0);
            float[] live = teacher.predict(manager.create(pixels, new ai.djl.ndarray.types.Shape(1, 1, 16, 16))).get(0).toFloatArray();
            assertArrayEquals(live, cached.row(7), 1e-5f);
        }
    }

    @Test
    void otherImagesOrAnotherNormalisationMissTheCache() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(); Counting teacher = teacher(manager)) {
            TeacherCache cache = new TeacherCache(cacheDir, s -> {});
            cache.logits(teacher, TRAIN, NORM, manager);
            cache.logits(teacher, POOL, NORM, manager);
            cache.logits(teacher, TRAIN, new Normalization(new float[] {0.2f}, new float[] {0.3f}), manager);
            assertEquals(3, entries().size());
            assertEquals(2 * TRAIN.size() + POOL.size(), teacher.images);
        }
    }

    @Test
    void aDamagedEntryIsReportedAndRebuilt() throws Exception {
        List<String> log = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(); Counting teacher = teacher(manager)) {
            TeacherCache cache = new TeacherCache(cacheDir, log::add);
            CachedLogits good = cache.logits(teacher, TRAIN, NORM, manager);
            Path entry = entries().get(0);
            byte[] bytes = Files.readAllBytes(entry);
            bytes[bytes.length / 2] ^= 0x5A;
            Files.write(entry, bytes);
            CachedLogits rebuilt = cache.logits(teacher, TRAIN, NORM, manager);
            assertEquals(2 * TRAIN.size(), teacher.images, "a corrupt entry must be recomputed");
            assertTrue(log.stream().anyMatch(l -> l.contains("corrupt") && l.contains("computing it again")), log.toString());
            assertArrayEquals(good.row(3), rebuilt.row(3), 0f);
            cache.logits(teacher, TRAIN, NORM, manager);
            assertEquals(2 * TRAIN.size(), teacher.images, "the rebuilt entry must be readable");
            assertEquals(1, entries().size(), "no temporary files are left: " + entries());
        }
    }

    @Test
    void anEntryThatIsNotWhatItsNameSaysIsRebuilt() throws Exception {
        List<String> log = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(); Counting teacher = teacher(manager)) {
            TeacherCache cache = new TeacherCache(cacheDir, log::add);
            cache.logits(teacher, TRAIN, NORM, manager);
            cache.logits(teacher, POOL, NORM, manager);
            List<Path> two = entries();
            Path trainEntry = two.get(0);
            Path poolEntry = two.get(1);
            Files.copy(poolEntry, trainEntry, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            int before = teacher.images;
            cache.logits(teacher, TRAIN, NORM, manager);
            cache.logits(teacher, POOL, NORM, manager);
            assertNotEquals(before, teacher.images);
            assertTrue(log.stream().anyMatch(l -> l.contains("does not hold what its name promises")), log.toString());
        }
    }

    @Test
    void distillationFromTheCacheTrainsWithoutRunningTheTeacher() {
        try (NDManager manager = NDManager.newBaseManager(); Counting teacher = teacher(manager);
                Learner student = Learner.create(STUDENT, OptimizerConfig.sgd(5e-4), 0, manager, 2)) {
            var unlabeled = ImageSets.withoutLabels(POOL);
            CachedOutputs cached = new TeacherCache(cacheDir, s -> {}).outputs(teacher, TRAIN, unlabeled, NORM, manager);
            int afterCaching = teacher.images;
            Distillation method = new Distillation(student, teacher,
                    new Distillation.Options(4, 0.9, 1, EnumSet.of(Distillation.Kind.LOGITS), 0, 0), Augmentation.NONE, cached);
            BatchStream labeled = new BatchStream(TRAIN, 8, 3, List.of(Augmentation.NONE), NORM, TargetSource.oneHot(TRAIN),
                    null, method.labeledAuxiliary());
            BatchStream pool = new BatchStream(unlabeled, 8, 4, List.of(Augmentation.NONE), NORM, null, null, method.unlabeledAuxiliary());
            List<EpochMetrics> history = new TrainingLoop(new LoopConfig(3, 0, 3, 1), method, labeled, pool,
                    Schedule.constant(0.05), null, NORM, List.of(), null).run(null);
            assertEquals(afterCaching, teacher.images, "training must use the cached logits only");
            assertTrue(history.get(2).components().get("kd") < history.get(0).components().get("kd"), history.toString());
            assertTrue(history.get(0).components().containsKey("kd_unlabeled"));
        }
    }

    @Test
    void onlyLogitsCanBeDistilledFromTheCache() {
        try (NDManager manager = NDManager.newBaseManager(); Counting teacher = teacher(manager);
                Learner student = Learner.create(STUDENT, OptimizerConfig.sgd(5e-4), 0, manager, 2)) {
            CachedOutputs cached = new TeacherCache(cacheDir, s -> {}).outputs(teacher, TRAIN, null, NORM, manager);
            MentorException e = assertThrows(MentorException.class, () -> new Distillation(student, teacher,
                    new Distillation.Options(4, 0.9, 0, EnumSet.of(Distillation.Kind.LOGITS, Distillation.Kind.ATTENTION), 0, 1),
                    Augmentation.NONE, cached));
            assertTrue(e.getMessage().startsWith("cache_teacher: "), e.getMessage());
        }
    }
}
