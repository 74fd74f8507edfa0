package dev.mentor.spark;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.mentor.data.UnlabeledFolder;
import dev.mentor.model.ModelSpec;
import dev.mentor.run.PseudoLabelRun;
import dev.mentor.run.UnlabeledPool;
import dev.mentor.teacher.PseudoLabelFile;
import dev.mentor.teacher.PseudoLabels;
import dev.mentor.train.Learner;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.SavedModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** A small teacher run and pools of generated images, for the tests: nothing from the network or from disk outside. */
final class Fixtures {
    static final int SIZE = 16;
    static final List<String> CLASSES = List.of("a", "b", "c", "d");

    private Fixtures() {}

    /** A finished run's model: cnn-small on 1x16x16 images, 4 classes, BatchNorm statistics moved off their start. */
    static Path teacher(Path dir, long seed) {
        ModelSpec spec = new ModelSpec("cnn-small", 1, SIZE, SIZE, CLASSES.size(), -1, -1);
        try (NDManager manager = NDManager.newBaseManager();
                Learner learner = Learner.create(spec, OptimizerConfig.sgd(0), 0, manager, seed)) {
            try (NDManager scope = manager.newSubManager()) {
                learner.forward(scope.randomNormal(new Shape(16, 1, SIZE, SIZE)).mul(1.5f).add(0.5f), true);
            }
            SavedModel.save(learner, new Normalization(new float[] {0.4f}, new float[] {0.3f}), CLASSES, dir);
        }
        return dir;
    }

    /**
     * {@code count} images in {@code dir} (in two subfolders): grey 16x16 PNGs with blobs of a brightness that
     * varies by image, and every {@code oddEvery}-th one an RGB 20x24 PNG (another shape, resized like the
     * single-process run resizes it); 0 for none.
     */
    static Path pool(Path dir, int count, int oddEvery, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            boolean odd = oddEvery > 0 && i % oddEvery == oddEvery - 1;
            int h = odd ? 20 : SIZE;
            int w = odd ? 24 : SIZE;
            BufferedImage image = new BufferedImage(w, h, odd ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
            int level = random.nextInt(256);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = Math.max(0, Math.min(255, level + random.nextInt(-60, 61) + ((x / 4 + y / 4) % 2) * 40));
                    image.getRaster().setSample(x, y, 0, v);
                    if (odd) {
                        image.getRaster().setSample(x, y, 1, 255 - v);
                        image.getRaster().setSample(x, y, 2, (v * 7) & 0xFF);
                    }
                }
            }
            Path file = dir.resolve(i % 3 == 0 ? "x" : "y").resolve(String.format("img-%05d.png", i));
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        }
        return dir;
    }

    /**
     * A labeled {@code folder:DIR} data set of grey 16x16 PNGs, {@code train/<class>/} and {@code test/<class>/}: each of
     * {@link #CLASSES} a checkerboard of its own brightness and cell size under noise, so a small model learns it.
     */
    static Path labeled(Path dir, int trainPerClass, int testPerClass, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        for (String split : List.of("train", "test")) {
            int count = split.equals("train") ? trainPerClass : testPerClass;
            for (int c = 0; c < CLASSES.size(); c++) {
                for (int i = 0; i < count; i++) {
                    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
                    for (int y = 0; y < SIZE; y++) {
                        for (int x = 0; x < SIZE; x++) {
                            int cell = 2 + c;
                            int v = 50 + 45 * c + ((x / cell + y / cell) % 2) * 60 + random.nextInt(-30, 31);
                            image.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
                        }
                    }
                    Path file = dir.resolve(split).resolve(CLASSES.get(c)).resolve(String.format("%s-%03d.png", split, i));
                    Files.createDirectories(file.getParent());
                    ImageIO.write(image, "png", file.toFile());
                }
            }
        }
        return dir;
    }

    /** What {@code mentor pseudo-label --teacher TEACHER --unlabeled folder:POOL} labels: the single-process reference. */
    static PseudoLabels singleProcess(Path teacher, Path pool, Path out) {
        SavedModel saved = SavedModel.read(teacher);
        UnlabeledFolder folder = new UnlabeledFolder(pool, 1, SIZE, SIZE, saved.classNames());
        UnlabeledPool unlabeled = new UnlabeledPool(folder, UnlabeledPool.ids(folder), PseudoLabelFile.IdKind.PATH, null,
                new PseudoLabelFile.Pool("folder:" + pool, null, null, null, null, null, null, folder.size()));
        try (NDManager manager = NDManager.newBaseManager()) {
            return PseudoLabelRun.label(teacher, unlabeled, out, manager, line -> { });
        }
    }
}
