package dev.mentor.teacher;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.Interruption;
import dev.mentor.MentorException;
import dev.mentor.augment.Image;
import dev.mentor.data.Fingerprint;
import dev.mentor.data.ImageSet;
import dev.mentor.ndarray.NativeArrays;
import dev.mentor.train.Checkpoint;
import dev.mentor.train.Normalization;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Teacher outputs computed once and kept on disk, for distillation that reuses them across epochs
 * and runs ({@code --cache-teacher}): a teacher's logits for every image of a set, un-augmented,
 * normalised the student's way.
 *
 * <p>One file per (teacher, student normalisation, images). Its name is a digest of the teacher's
 * {@link Teacher#fingerprint() fingerprint} (its files and input mapping), the normalisation, and the
 * content of the images (shape, then every image's pixels in order): changing any of them misses
 * the cache, while the same data drawn into the same split hits it from any run. A file is a
 * {@link Checkpoint} (CRC-checked) whose header repeats the key and the sizes; it is written under a
 * temporary name and renamed into place. A file that is damaged, a link, or not what its name
 * promises is reported and rebuilt. Names are hex digests inside the cache folder, so nothing is
 * read or written outside it.
 */
public final class TeacherCache {
    private static final String VERSION = "mentor-teacher-logits-1";
    private static final String SUFFIX = ".logits";
    private static final int BATCH = 256;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path directory;
    private final Consumer<String> log;

    /**
     * @param directory the cache folder (created when missing)
     * @param log receives one line per cache read, write or rebuild
     */
    public TeacherCache(Path directory, Consumer<String> log) {
        this.directory = directory.toAbsolutePath().normalize();
        this.log = log;
    }

    /** {@code ~/.mentor/cache/teacher}. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".mentor", "cache", "teacher");
    }

    public Path directory() {
        return directory;
    }

    /**
     * The teacher's logits for the labeled set and, when {@code unlabeled} is not null, for it too.
     */
    public CachedOutputs outputs(Teacher teacher, ImageSet labeled, ImageSet unlabeled, Normalization normalization,
            NDManager manager) {
        return new CachedOutputs(logits(teacher, labeled, normalization, manager),
                unlabeled == null ? null : logits(teacher, unlabeled, normalization, manager));
    }

    /**
     * The teacher's logits for every image of {@code images}, un-augmented and normalised with
     * {@code normalization}: read from the cache when a valid entry exists, otherwise computed in
     * batches and written.
     */
    public CachedLogits logits(Teacher teacher, ImageSet images, Normalization normalization, NDManager manager) {
        String fingerprint = teacher.fingerprint();
        if (fingerprint == null) {
            throw MentorException.of("cache_teacher", teacher.describe() + " cannot be fingerprinted, so its outputs cannot be cached");
        }
        String key = key(fingerprint, images, normalization);
        Path file = directory.resolve(key + SUFFIX);
        if (!file.getParent().equals(directory)) {
            throw new IllegalStateException("cache entry " + file + " is outside " + directory);
        }
        int classes = teacher.classes();
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                float[] rows = read(file, key, images.size(), classes);
                log.accept(String.format("teacher cache: read the logits of %d images from %s", images.size(), file));
                return new CachedLogits(rows, classes);
            } catch (MentorException e) {
                log.accept("teacher cache: " + e.getMessage() + "; computing it again");
            }
        }
        log.accept(String.format("teacher cache: computing the logits of %d images with %s", images.size(), teacher.describe()));
        float[] rows = compute(teacher, images, normalization, manager, classes);
        write(file, key, teacher, images.size(), classes, rows);
        log.accept("teacher cache: wrote " + file);
        return new CachedLogits(rows, classes);
    }

    private static String key(String teacher, ImageSet images, Normalization normalization) {
        Fingerprint f = new Fingerprint().update(VERSION).update(teacher).update(Digests.normalization(normalization));
        f.update(images.channels()).update(images.height()).update(images.width()).update(images.size());
        for (int i = 0; i < images.size(); i++) {
            f.update(images.image(i).pixelsReadOnly());
        }
        return f.hex();
    }

    private static float[] read(Path file, String key, int images, int classes) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new MentorException(file + " is not a regular file");
        }
        Checkpoint entry = Checkpoint.read(file);
        JsonNode header;
        try {
            header = JSON.readTree(entry.header());
        } catch (IOException e) {
            throw new MentorException(file + " has a damaged header");
        }
        float[] rows = entry.arrays().get("logits");
        if (!key.equals(header.path("key").asText()) || header.path("images").asInt(-1) != images
                || header.path("classes").asInt(-1) != classes || rows == null || rows.length != images * classes) {
            throw new MentorException(file + " does not hold what its name promises (key " + header.path("key").asText()
                    + ", " + header.path("images").asInt(-1) + " images, " + header.path("classes").asInt(-1) + " classes)");
        }
        return rows;
    }

    private static float[] compute(Teacher teacher, ImageSet images, Normalization normalization, NDManager manager, int classes) {
        int volume = images.channels() * images.height() * images.width();
        float[] rows = new float[images.size() * classes];
        float[] buffer = new float[BATCH * volume];
        for (int start = 0; start < images.size(); start += BATCH) {
            Interruption.check();
            int n = Math.min(BATCH, images.size() - start);
            for (int i = 0; i < n; i++) {
                Image image = images.image(start + i);
                normalization.write(image, buffer, i * volume);
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = NativeArrays.create(scope, FloatBuffer.wrap(buffer, 0, n * volume),
                        new Shape(n, images.channels(), images.height(), images.width()));
                float[] logits = teacher.predict(x).get(0).toFloatArray();
                if (logits.length != n * classes) {
                    throw new IllegalStateException(teacher.describe() + " returned " + logits.length + " values for " + n + " images");
                }
                System.arraycopy(logits, 0, rows, start * classes, n * classes);
            }
        }
        return rows;
    }

    /** Writes the cache file; {@link Checkpoint#write} is itself atomic (a unique temporary file, fsync, rename). */
    private void write(Path file, String key, Teacher teacher, int images, int classes, float[] rows) {
        try {
            Files.createDirectories(directory);
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("key", key);
            header.put("teacher", teacher.describe());
            header.put("images", images);
            header.put("classes", classes);
            new Checkpoint(JSON.writeValueAsString(header), Map.of("logits", rows)).write(file);
        } catch (IOException e) {
            throw MentorException.of("cache_teacher", "cannot write " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
