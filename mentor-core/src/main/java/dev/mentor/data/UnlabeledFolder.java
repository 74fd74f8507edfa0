package dev.mentor.data;

import dev.mentor.MentorException;
import dev.mentor.augment.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An unlabeled pool read from disk: every {@code .png}, {@code .jpg} or {@code .jpeg} file anywhere
 * under a directory, in sorted path order, of any size and colour. Each {@link #image} call decodes
 * its file afresh and brings it to the labeled data's shape (channels converted, resized), so the pool
 * can be far larger than memory. Every label is {@link ImageSet#UNLABELED}. Safe for many threads: no
 * state changes after construction.
 */
public final class UnlabeledFolder implements ImageSet {
    private final Path directory;
    private final List<Path> files;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classNames;

    /** The images under {@code directory}, delivered as {@code channels × height × width}. */
    public UnlabeledFolder(Path directory, int channels, int height, int width, List<String> classNames) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        if (!Files.isDirectory(directory)) {
            throw new MentorException("--unlabeled: " + directory + " is not a directory");
        }
        this.files = ImageFiles.listRecursively(directory);
        if (files.isEmpty()) {
            throw new MentorException("--unlabeled: " + directory + " holds no images (looked for "
                    + String.join(", ", ImageFiles.EXTENSIONS) + " files in it and its subfolders)");
        }
        this.directory = directory;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classNames = List.copyOf(classNames);
    }

    /** The images under {@code directory}, shaped like {@code labeled} and sharing its class names. */
    public static UnlabeledFolder like(Path directory, ImageSet labeled) {
        return new UnlabeledFolder(directory, labeled.channels(), labeled.height(), labeled.width(),
                labeled.classNames());
    }

    /** The file behind image {@code index}. */
    public Path file(int index) {
        return files.get(index);
    }

    public Path directory() {
        return directory;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public Image image(int index) {
        return Reshape.to(ImageFiles.read(files.get(index)), channels, height, width);
    }

    @Override
    public int label(int index) {
        if (index < 0 || index >= files.size()) {
            throw new IndexOutOfBoundsException("image " + index + " of a set of " + files.size());
        }
        return UNLABELED;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public String toString() {
        return "UnlabeledFolder[" + files.size() + " images under " + directory + " as " + channels + "x"
                + height + "x" + width + "]";
    }
}
