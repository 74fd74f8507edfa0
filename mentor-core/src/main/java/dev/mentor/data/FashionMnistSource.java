package dev.mentor.data;

import dev.mentor.MentorException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 60,000 training and 10,000 test greyscale 28×28
 * images of ten kinds of clothing, as IDX files. It is looked for in a list of directories, the first
 * holding the training files wins; by default {@code $MENTOR_DATA/fashion-mnist}, {@code
 * ~/.mentor/datasets/fashion-mnist} and {@code /usr/share/datasets/fashion-mnist} (Debian's {@code
 * dataset-fashion-mnist} package).
 */
public final class FashionMnistSource implements DataSource {
    public static final String NAME = "fashion-mnist";

    /** The official class names, in label order. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private final List<Path> searchDirectories;

    /** Looks in {@code searchDirectories}, in order. */
    public FashionMnistSource(List<Path> searchDirectories) {
        if (searchDirectories.isEmpty()) {
            throw new IllegalArgumentException("no directory to look for Fashion-MNIST in");
        }
        this.searchDirectories = List.copyOf(searchDirectories);
    }

    /**
     * The default places, given the environment ({@code MENTOR_DATA} is used when set) and the user's
     * home directory.
     */
    public static List<Path> defaultSearchDirectories(Map<String, String> environment, Path userHome) {
        List<Path> directories = new ArrayList<>();
        String mentorData = environment.get("MENTOR_DATA");
        if (mentorData != null && !mentorData.isBlank()) {
            directories.add(Path.of(mentorData, NAME));
        }
        directories.add(userHome.resolve(".mentor").resolve("datasets").resolve(NAME));
        directories.add(Path.of("/usr/share/datasets", NAME));
        return directories;
    }

    public List<Path> searchDirectories() {
        return searchDirectories;
    }

    /** The first search directory holding the training files, or null when there is none. */
    public Path locate() {
        for (Path directory : searchDirectories) {
            if (IdxSource.hasTrainingFiles(directory)) {
                return directory;
            }
        }
        return null;
    }

    @Override
    public LoadedData load() {
        Path directory = locate();
        if (directory != null) {
            return new IdxSource(directory, NAME, CLASS_NAMES).load();
        }
        throw MentorException.naming("{} fashion-mnist: not found; looked in "
                + searchDirectories.stream().map(Path::toString).collect(Collectors.joining(", "))
                + ". Get it with 'apt-get install dataset-fashion-mnist' (Debian) or put the four IDX files ("
                + String.join(", ", IdxSource.FILE_NAMES) + ", each raw or .gz) in ~/.mentor/datasets/" + NAME, "data");
    }

    @Override
    public String describe() {
        return "Fashion-MNIST from the first of " + searchDirectories + " holding its IDX files";
    }
}
