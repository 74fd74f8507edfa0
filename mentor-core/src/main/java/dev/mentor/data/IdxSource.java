package dev.mentor.data;

import dev.mentor.MentorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * MNIST-style IDX files in one directory: {@code train-images-idx3-ubyte}, {@code
 * train-labels-idx1-ubyte} and optionally {@code t10k-images-idx3-ubyte} with {@code
 * t10k-labels-idx1-ubyte}, each raw or gzipped ({@code .gz}; the raw file wins when both exist).
 *
 * <p>Class names are given, or the Fashion-MNIST names when the directory is called {@code
 * fashion-mnist}, or else the digits {@code "0"} up to the largest training label.
 */
public final class IdxSource implements DataSource {
    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    static final List<String> FILE_NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private final Path directory;
    private final String name;
    private final List<String> classNames;

    /** IDX files in {@code directory}, named after it; Fashion-MNIST class names if it is {@code fashion-mnist}. */
    public IdxSource(Path directory) {
        this(directory, nameOf(directory), isFashionMnist(directory) ? FashionMnistSource.CLASS_NAMES : null);
    }

    /** IDX files in {@code directory} with the given class names, or digit names when {@code classNames} is null. */
    public IdxSource(Path directory, String name, List<String> classNames) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.name = Objects.requireNonNull(name, "name");
        this.classNames = classNames == null ? null : List.copyOf(classNames);
    }

    /** Whether {@code directory} holds the training pair, raw or gzipped. */
    public static boolean hasTrainingFiles(Path directory) {
        return find(directory, TRAIN_IMAGES) != null && find(directory, TRAIN_LABELS) != null;
    }

    @Override
    public LoadedData load() {
        if (!Files.isDirectory(directory)) {
            throw new MentorException(directory + ": no such directory (expected IDX files "
                    + String.join(", ", FILE_NAMES) + ")");
        }
        Fingerprint fingerprint = new Fingerprint();
        Part train = Part.read(require(TRAIN_IMAGES), require(TRAIN_LABELS), fingerprint);
        Path testImages = find(directory, TEST_IMAGES);
        Path testLabels = find(directory, TEST_LABELS);
        if ((testImages == null) != (testLabels == null)) {
            throw new MentorException(directory + ": has " + (testImages == null ? testLabels : testImages)
                    + " but not its partner " + (testImages == null ? TEST_IMAGES : TEST_LABELS) + "[.gz]");
        }
        Part test = testImages == null ? null : Part.read(testImages, testLabels, fingerprint);
        List<String> names = classNames != null ? classNames : digitNames(train);
        train.checkLabels(names);
        ImageSet trainSet = train.toImageSet(names);
        ImageSet testSet = null;
        if (test != null) {
            if (test.images.rows() != train.images.rows() || test.images.cols() != train.images.cols()) {
                throw new MentorException(test.imageFile + ": images are " + test.images.rows() + "x"
                        + test.images.cols() + " but the training images in " + train.imageFile + " are "
                        + train.images.rows() + "x" + train.images.cols());
            }
            test.checkLabels(names);
            testSet = test.toImageSet(names);
        }
        return new LoadedData(name, trainSet, testSet, fingerprint.hex());
    }

    @Override
    public String describe() {
        return "IDX files in " + directory;
    }

    private Path require(String baseName) {
        Path file = find(directory, baseName);
        if (file == null) {
            throw new MentorException(directory + ": no " + baseName + " or " + baseName
                    + ".gz (an IDX directory holds " + String.join(", ", FILE_NAMES) + ", each raw or .gz)");
        }
        return file;
    }

    /** The raw file, else the gzipped one, else the same two with the old {@code .idx3-ubyte} spelling. */
    private static Path find(Path directory, String baseName) {
        String dotted = baseName.replace("-idx", ".idx");
        for (String candidate : List.of(baseName, baseName + ".gz", dotted, dotted + ".gz")) {
            Path file = directory.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    private static List<String> digitNames(Part train) {
        int max = -1;
        for (byte label : train.labels) {
            max = Math.max(max, label & 0xFF);
        }
        if (max < 1) {
            throw new MentorException(train.labelFile + ": every label is " + max
                    + "; a classifier needs at least 2 classes");
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c <= max; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    private static boolean isFashionMnist(Path directory) {
        Path last = directory.toAbsolutePath().normalize().getFileName();
        return last != null && last.toString().equalsIgnoreCase(FashionMnistSource.NAME);
    }

    private static String nameOf(Path directory) {
        Path last = directory.toAbsolutePath().normalize().getFileName();
        return last == null ? directory.toString() : last.toString();
    }

    /** One split: an images file and its labels file, read and checked against each other. */
    private record Part(Path imageFile, Path labelFile, IdxFile.Images images, byte[] labels) {
        static Part read(Path imageFile, Path labelFile, Fingerprint fingerprint) {
            IdxFile.Images images = IdxFile.readImages(imageFile, fingerprint);
            byte[] labels = IdxFile.readLabels(labelFile, fingerprint);
            if (labels.length != images.count()) {
                throw new MentorException(labelFile + ": holds " + labels.length + " labels but " + imageFile
                        + " holds " + images.count() + " images");
            }
            return new Part(imageFile, labelFile, images, labels);
        }

        void checkLabels(List<String> names) {
            for (int i = 0; i < labels.length; i++) {
                int label = labels[i] & 0xFF;
                if (label >= names.size()) {
                    throw new MentorException(labelFile + ": label " + label + " of image " + i
                            + " is out of range (" + names.size() + " classes, labels 0.." + (names.size() - 1) + ")");
                }
            }
        }

        ImageSet toImageSet(List<String> names) {
            int[] intLabels = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                intLabels[i] = labels[i] & 0xFF;
            }
            return new ArrayImageSet(1, images.rows(), images.cols(), images.pixels(), intLabels, names);
        }
    }
}
