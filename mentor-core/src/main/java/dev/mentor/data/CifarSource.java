package dev.mentor.data;

import dev.mentor.MentorException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The binary versions of CIFAR-10 and CIFAR-100 (Krizhevsky, 2009): fixed-size records of label
 * byte(s) then 3,072 pixel bytes, a 32×32 RGB image already in planar order (1,024 red, 1,024 green,
 * 1,024 blue). CIFAR-10 reads {@code data_batch_N.bin} (N = 1..5) and {@code test_batch.bin}, class
 * names from {@code batches.meta.txt}; CIFAR-100 reads {@code train.bin} and {@code test.bin} with
 * their fine labels (the coarse label byte is checked and skipped), names from {@code
 * fine_label_names.txt}. The directory may also be the one the archive extracts into.
 */
public final class CifarSource implements DataSource {
    private static final int PIXELS = 3 * 32 * 32;
    private static final Pattern BATCH = Pattern.compile("data_batch_(\\d{1,6})\\.bin");

    /** The two variants' file names and record layout. */
    public enum Variant {
        CIFAR10("cifar10", "CIFAR-10", "cifar-10-batches-bin", "test_batch.bin", "batches.meta.txt", 1, 10,
                List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")),
        CIFAR100("cifar100", "CIFAR-100", "cifar-100-binary", "test.bin", "fine_label_names.txt", 2, 100, null);

        final String scheme;
        final String title;
        final String archiveDirectory;
        final String testFile;
        final String namesFile;
        final int labelBytes;
        final int classes;
        final List<String> defaultNames;

        Variant(String scheme, String title, String archiveDirectory, String testFile, String namesFile,
                int labelBytes, int classes, List<String> defaultNames) {
            this.scheme = scheme;
            this.title = title;
            this.archiveDirectory = archiveDirectory;
            this.testFile = testFile;
            this.namesFile = namesFile;
            this.labelBytes = labelBytes;
            this.classes = classes;
            this.defaultNames = defaultNames;
        }

        int recordSize() {
            return labelBytes + PIXELS;
        }
    }

    private final Path directory;
    private final Variant variant;

    public CifarSource(Path directory, Variant variant) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.variant = Objects.requireNonNull(variant, "variant");
    }

    @Override
    public LoadedData load() {
        Path dir = dataDirectory();
        List<Path> trainFiles = trainFiles(dir);
        Path testFile = dir.resolve(variant.testFile);
        List<String> names = classNames(dir);
        Fingerprint fingerprint = new Fingerprint();
        ImageSet train = readRecords(trainFiles, names, fingerprint);
        ImageSet test = Files.isRegularFile(testFile) ? readRecords(List.of(testFile), names, fingerprint) : null;
        return new LoadedData(variant.scheme, train, test, fingerprint.hex());
    }

    @Override
    public String describe() {
        return variant.title + " binary files in " + directory;
    }

    private Path dataDirectory() {
        if (!Files.isDirectory(directory)) {
            throw new MentorException(directory + ": no such directory (expected the " + variant.title
                    + " binary files)");
        }
        Path extracted = directory.resolve(variant.archiveDirectory);
        return trainFileList(directory).isEmpty() && Files.isDirectory(extracted) ? extracted : directory;
    }

    private List<Path> trainFiles(Path dir) {
        List<Path> files = trainFileList(dir);
        if (files.isEmpty()) {
            String expected = variant == Variant.CIFAR10 ? "data_batch_1.bin .. data_batch_5.bin" : "train.bin";
            throw new MentorException(dir + ": no " + expected + " (the " + variant.title
                    + " binary version, extracted)");
        }
        return files;
    }

    private List<Path> trainFileList(Path dir) {
        if (variant == Variant.CIFAR100) {
            Path train = dir.resolve("train.bin");
            return Files.isRegularFile(train) ? List.of(train) : List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> BATCH.matcher(p.getFileName().toString()).matches())
                    .sorted((a, b) -> Integer.compare(batchNumber(a), batchNumber(b)))
                    .toList();
        } catch (IOException e) {
            throw new MentorException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    private static int batchNumber(Path file) {
        Matcher m = BATCH.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    private List<String> classNames(Path dir) {
        Path file = dir.resolve(variant.namesFile);
        if (!Files.isRegularFile(file)) {
            if (variant.defaultNames != null) {
                return variant.defaultNames;
            }
            List<String> digits = new ArrayList<>();
            for (int c = 0; c < variant.classes; c++) {
                digits.add(Integer.toString(c));
            }
            return digits;
        }
        List<String> names;
        try {
            names = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new MentorException(file + ": cannot read class names (" + e.getMessage() + ")", e);
        }
        if (names.size() != variant.classes) {
            throw new MentorException(file + ": holds " + names.size() + " class names, expected "
                    + variant.classes + " for " + variant.title);
        }
        return names;
    }

    private ImageSet readRecords(List<Path> files, List<String> names, Fingerprint fingerprint) {
        int recordSize = variant.recordSize();
        long total = 0;
        for (Path file : files) {
            long length = size(file);
            if (length == 0 || length % recordSize != 0) {
                throw new MentorException(file + ": length " + length + " bytes is not a whole number of "
                        + recordSize + "-byte " + variant.title + " records (" + variant.labelBytes
                        + " label byte" + (variant.labelBytes > 1 ? "s" : "") + " + " + PIXELS
                        + " pixel bytes); the file is truncated or not the binary version");
            }
            total += length / recordSize;
        }
        if (total * PIXELS > Integer.MAX_VALUE - 8) {
            throw new MentorException(files.get(0).getParent() + ": " + total + " records are more than one "
                    + "data set can hold in memory");
        }
        byte[] pixels = new byte[(int) total * PIXELS];
        int[] labels = new int[(int) total];
        byte[] record = new byte[recordSize];
        int index = 0;
        for (Path file : files) {
            try (DataInputStream in = new DataInputStream(
                    new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
                for (long r = 0, n = size(file) / recordSize; r < n; r++, index++) {
                    in.readFully(record);
                    fingerprint.update(record);
                    labels[index] = checkedLabel(file, r, record);
                    System.arraycopy(record, variant.labelBytes, pixels, index * PIXELS, PIXELS);
                }
            } catch (IOException e) {
                throw new MentorException(file + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
        return new ArrayImageSet(3, 32, 32, pixels, labels, names);
    }

    /** The fine label (the last label byte), after checking every label byte's range. */
    private int checkedLabel(Path file, long record, byte[] bytes) {
        if (variant == Variant.CIFAR100 && (bytes[0] & 0xFF) >= 20) {
            throw new MentorException(file + ": record " + record + " has coarse label " + (bytes[0] & 0xFF)
                    + ", but CIFAR-100 coarse labels are 0..19");
        }
        int label = bytes[variant.labelBytes - 1] & 0xFF;
        if (label >= variant.classes) {
            throw new MentorException(file + ": record " + record + " has label " + label + ", but "
                    + variant.title + " labels are 0.." + (variant.classes - 1));
        }
        return label;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new MentorException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
