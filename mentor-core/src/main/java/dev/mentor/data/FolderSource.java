package dev.mentor.data;

import dev.mentor.MentorException;
import dev.mentor.OptionText;
import dev.mentor.augment.Image;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Labeled images in class folders: {@code DIR/train/<class>/*.png|jpg|jpeg} and optionally {@code
 * DIR/test/<class>/...}. The classes are the sorted names of the training subfolders; a test folder
 * must use the same names (it may lack some). Everything is decoded into memory once (labeled sets
 * are small).
 *
 * <p>Shape: one channel when every image is grey, else three (grey replicated). Without an {@code
 * imageSize} all images must share one size; with it, each is resized to {@code imageSize ×
 * imageSize}. A held-out test split for data without a test folder ({@code --test-split}) is applied
 * by {@link DataSources}, as for every source.
 */
public final class FolderSource implements DataSource {
    private final Path directory;
    private final Integer imageSize;

    /** Reads {@code directory}; {@code imageSize} may be null (keep the images' common size). */
    public FolderSource(Path directory, Integer imageSize) {
        this.directory = Objects.requireNonNull(directory, "directory");
        if (imageSize != null && imageSize <= 0) {
            throw new IllegalArgumentException("imageSize must be positive, got " + imageSize);
        }
        this.imageSize = imageSize;
    }

    @Override
    public LoadedData load() {
        Path trainRoot = directory.resolve("train");
        if (!Files.isDirectory(trainRoot)) {
            throw new MentorException(directory + ": no 'train' folder (expected " + trainRoot
                    + "/<class>/*.png|jpg|jpeg and optionally " + directory.resolve("test") + "/<class>/...)");
        }
        List<String> classes = subfolders(trainRoot);
        if (classes.size() < 2) {
            throw new MentorException(trainRoot + ": holds " + classes.size() + " class folder"
                    + (classes.size() == 1 ? " " + classes : "s") + "; a classifier needs at least 2");
        }
        Path testRoot = directory.resolve("test");
        Decoded train = decode(trainRoot, classes, classes, null);
        Decoded test = Files.isDirectory(testRoot)
                ? decode(testRoot, subfolders(testRoot), classes, imageSize == null ? train : null)
                : null;
        int channels = train.channels() == 3 || test != null && test.channels() == 3 ? 3 : 1;
        int height = imageSize != null ? imageSize : train.images.get(0).height();
        int width = imageSize != null ? imageSize : train.images.get(0).width();

        Fingerprint fingerprint = new Fingerprint();
        classes.forEach(fingerprint::update);
        ImageSet trainSet = train.toImageSet(classes, channels, height, width, fingerprint);
        ImageSet testSet = test == null ? null : test.toImageSet(classes, channels, height, width, fingerprint);
        return new LoadedData(nameOf(directory), trainSet, testSet, fingerprint.hex());
    }

    @Override
    public String describe() {
        String resize = imageSize == null ? "" : ", resized to " + imageSize + "x" + imageSize;
        return "image folders in " + directory + resize;
    }

    /**
     * Decodes every image under {@code root/<folder>}; each folder must be one of {@code classes} and
     * hold images. Unless {@code sameSizeAs} is null or an image size is set, sizes must all match.
     */
    private Decoded decode(Path root, List<String> folders, List<String> classes, Decoded sameSizeAs) {
        Decoded decoded = sameSizeAs == null ? new Decoded() : new Decoded(sameSizeAs);
        for (String folder : folders) {
            int label = classes.indexOf(folder);
            if (label < 0) {
                throw new MentorException(root.resolve(folder) + ": class '" + folder
                        + "' is not among the training classes " + classes);
            }
            List<Path> files = ImageFiles.list(root.resolve(folder));
            if (files.isEmpty()) {
                throw new MentorException(root.resolve(folder) + ": class folder holds no images (expected "
                        + String.join(", ", ImageFiles.EXTENSIONS) + " files)");
            }
            for (Path file : files) {
                decoded.add(file, ImageFiles.read(file), label, imageSize == null);
            }
        }
        return decoded;
    }

    private static List<String> subfolders(Path root) {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new MentorException(root + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    private static String nameOf(Path directory) {
        Path last = directory.toAbsolutePath().normalize().getFileName();
        return last == null ? directory.toString() : last.toString();
    }

    /** Images decoded at their own shape, with labels, and the file that fixed the common size. */
    private static final class Decoded {
        final List<Image> images = new ArrayList<>();
        final List<Integer> labels = new ArrayList<>();
        Path sizeFile;
        Image sizeImage;

        Decoded() {
        }

        Decoded(Decoded sizeReference) {
            sizeFile = sizeReference.sizeFile;
            sizeImage = sizeReference.sizeImage;
        }

        void add(Path file, Image image, int label, boolean sizesMustMatch) {
            if (sizeImage == null) {
                sizeFile = file;
                sizeImage = image;
            } else if (sizesMustMatch
                    && (image.height() != sizeImage.height() || image.width() != sizeImage.width())) {
                throw MentorException.of(OptionText.text(file + ": image is " + image.width() + "x" + image.height()
                        + " but " + sizeFile + " is " + sizeImage.width() + "x" + sizeImage.height() + "; pass ")
                        .thenOption("image_size").then(" N to resize every image to NxN"));
            }
            images.add(image);
            labels.add(label);
        }

        int channels() {
            return images.stream().anyMatch(image -> image.channels() == 3) ? 3 : 1;
        }

        ImageSet toImageSet(List<String> classes, int channels, int height, int width, Fingerprint fingerprint) {
            int imageSize = channels * height * width;
            byte[] pixels = new byte[Math.multiplyExact(images.size(), imageSize)];
            int[] labelArray = new int[images.size()];
            for (int i = 0; i < images.size(); i++) {
                byte[] values = Reshape.to(images.get(i), channels, height, width).pixelsReadOnly();
                System.arraycopy(values, 0, pixels, i * imageSize, imageSize);
                labelArray[i] = labels.get(i);
                fingerprint.update(values);
                fingerprint.update(labelArray[i]);
            }
            return new ArrayImageSet(channels, height, width, pixels, labelArray, classes);
        }
    }
}
