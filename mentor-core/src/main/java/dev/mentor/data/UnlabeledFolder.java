package dev.mentor.data;

import dev.mentor.MentorException;
import dev.mentor.augment.Image;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * An unlabeled pool read from disk: every {@code .png}, {@code .jpg} or {@code .jpeg} file anywhere
 * under a directory, in sorted path order, of any size and colour. Each {@link #image} call decodes
 * its file afresh and brings it to the labeled data's shape (channels converted, resized), so the pool
 * can be far larger than memory. Every label is {@link ImageSet#UNLABELED}. Safe for many threads: no
 * state changes after construction. {@link #readable()} leaves out the files that do not decode (a
 * truncated download, a file that only has an image's extension): one bad file in a user's pool must
 * not stop a run after its teacher has trained. Since that check decodes every file anyway, it keeps the
 * decoded, reshaped pixels when the whole pool fits in {@link #cacheBudget()} bytes, and {@link #image}
 * then copies them instead of decoding again: a pool of 58,000 28×28 PNGs is 45 MB, and decoding it
 * cost as much as the teacher's forward passes over it.
 */
public final class UnlabeledFolder implements ImageSet {
    private final Path directory;
    private final List<Path> files;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classNames;
    private final List<String> unreadable;
    /** Each kept image's reshaped pixels, or null when the pool was not decoded or did not fit the budget. */
    private final byte[][] decoded;

    /** The images under {@code directory}, delivered as {@code channels × height × width}. */
    public UnlabeledFolder(Path directory, int channels, int height, int width, List<String> classNames) {
        this(directory, listed(directory, channels, height, width), channels, height, width, classNames, List.of(), null);
    }

    private static List<Path> listed(Path directory, int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        if (!Files.isDirectory(directory)) {
            throw MentorException.of("unlabeled", directory + " is not a directory");
        }
        List<Path> files = ImageFiles.listRecursively(directory);
        if (files.isEmpty()) {
            throw MentorException.of("unlabeled", directory + " holds no images (looked for "
                    + String.join(", ", ImageFiles.EXTENSIONS) + " files in it and its subfolders)");
        }
        return files;
    }

    private UnlabeledFolder(Path directory, List<Path> files, int channels, int height, int width, List<String> classNames,
            List<String> unreadable, byte[][] decoded) {
        this.directory = directory;
        this.files = List.copyOf(files);
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classNames = List.copyOf(classNames);
        this.unreadable = List.copyOf(unreadable);
        this.decoded = decoded;
    }

    /**
     * The most bytes of decoded pixels {@link #readable()} keeps in memory: a quarter of the heap, at
     * most 2 GiB. A larger pool is decoded again on every {@link #image} call.
     */
    public static long cacheBudget() {
        return Math.min(Runtime.getRuntime().maxMemory() / 4, 2L << 30);
    }

    /**
     * This pool without its files that do not decode as images, each of which is named with the reason in
     * {@link #unreadable()}. Decodes every file once (on every core), which costs about one pass of
     * training over the pool.
     *
     * @throws MentorException when no file of the pool decodes
     */
    public UnlabeledFolder readable() {
        return readable(cacheBudget());
    }

    /** As {@link #readable()}, keeping the decoded pool when it takes at most {@code budget} bytes. */
    UnlabeledFolder readable(long budget) {
        boolean keep = (long) files.size() * channels * height * width <= budget;
        String[] failures = new String[files.size()];
        byte[][] pixels = keep ? new byte[files.size()][] : null;
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            try {
                Image image = ImageFiles.read(files.get(i));
                if (keep) {
                    pixels[i] = Reshape.to(image, channels, height, width).pixelsReadOnly();
                }
            } catch (MentorException e) {
                failures[i] = e.getMessage();
            }
        });
        List<Path> kept = new ArrayList<>();
        List<byte[]> keptPixels = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < failures.length; i++) {
            if (failures[i] == null) {
                kept.add(files.get(i));
                if (keep) {
                    keptPixels.add(pixels[i]);
                }
            } else {
                skipped.add(failures[i]);
            }
        }
        if (kept.isEmpty()) {
            throw MentorException.of("unlabeled", directory + ": none of its " + files.size()
                    + " image files can be read (" + skipped.get(0) + ")");
        }
        return new UnlabeledFolder(directory, kept, channels, height, width, classNames, skipped,
                keep ? keptPixels.toArray(byte[][]::new) : null);
    }

    /** Whether {@link #image} copies pixels kept in memory rather than decoding its file. */
    public boolean inMemory() {
        return decoded != null;
    }

    /** The files {@link #readable()} left out, each as {@code "FILE: REASON"}; empty otherwise. */
    public List<String> unreadable() {
        return unreadable;
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
        if (decoded != null) {
            return Image.wrap(channels, height, width, decoded[index].clone());
        }
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
