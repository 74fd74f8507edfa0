package dev.mentor.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.mentor.MentorException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which images a run reads: Fashion-MNIST, or a directory of IDX files, of class folders or of CIFAR batches. A Java
 * user builds one ({@code DataSpec.folder(Path.of("shapes"))}); the command line parses its text ({@code --data
 * folder:shapes}, {@link #parse}); its text ({@link #toString()}: {@code fashion-mnist}, {@code idx:DIR}, {@code
 * folder:DIR}, {@code cifar10:DIR}, {@code cifar100:DIR}) is what {@code config.json} records. The directory is kept as
 * written, a leading {@code ~/} included, and resolved when the images are read ({@link #directory(Path)}).
 *
 * @param kind the kind of source
 * @param location the directory as written, or null for Fashion-MNIST (found in the usual places)
 */
public record DataSpec(Kind kind, String location) {
    /** The kinds of source, each with its scheme (the text before the colon). */
    public enum Kind {
        FASHION_MNIST("fashion-mnist"), IDX("idx"), FOLDER("folder"), CIFAR10("cifar10"), CIFAR100("cifar100");

        private final String scheme;

        Kind(String scheme) {
            this.scheme = scheme;
        }

        /** The text before the colon: {@code folder}, {@code cifar10}, ... */
        public String scheme() {
            return scheme;
        }
    }

    static final String EXPECTED = "fashion-mnist, idx:DIR, folder:DIR, cifar10:DIR or cifar100:DIR";

    public DataSpec {
        if (kind == null) {
            throw MentorException.of("data", "no kind of source (expected " + EXPECTED + ")");
        }
        if (kind == Kind.FASHION_MNIST ? location != null : location == null || location.isBlank()) {
            throw MentorException.of("data", kind == Kind.FASHION_MNIST ? "fashion-mnist takes no directory, got '" + location + "'"
                    : kind.scheme + " needs a directory, got '" + location + "'");
        }
    }

    /** Fashion-MNIST, found where {@link FashionMnistSource#defaultSearchDirectories} looks. */
    public static DataSpec fashionMnist() {
        return new DataSpec(Kind.FASHION_MNIST, null);
    }

    /** The four IDX files (raw or .gz) in {@code directory}. */
    public static DataSpec idx(Path directory) {
        return new DataSpec(Kind.IDX, directory.toString());
    }

    /** Images in one folder per class under {@code directory} (with {@code train/} and {@code test/} when it has them). */
    public static DataSpec folder(Path directory) {
        return new DataSpec(Kind.FOLDER, directory.toString());
    }

    /** CIFAR-10's binary batches in {@code directory}. */
    public static DataSpec cifar10(Path directory) {
        return new DataSpec(Kind.CIFAR10, directory.toString());
    }

    /** CIFAR-100's binary files in {@code directory}. */
    public static DataSpec cifar100(Path directory) {
        return new DataSpec(Kind.CIFAR100, directory.toString());
    }

    /** The source {@code text} names ({@code --data}); a bad one is a {@link MentorException} about {@code data} quoting it. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DataSpec parse(String text) {
        Text t = Text.of(text);
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.scheme.equals(t.scheme)).findFirst()
                .orElseThrow(() -> MentorException.of("data", "unknown data source '" + t.scheme + "' (expected " + EXPECTED + ")"));
        if (kind == Kind.FASHION_MNIST) {
            if (t.argument != null) {
                throw MentorException.of("data", "'" + t.text + "': fashion-mnist takes no directory "
                        + "(use idx:DIR for IDX files in a directory of your choice)");
            }
            return fashionMnist();
        }
        return new DataSpec(kind, t.location("data"));
    }

    /**
     * The unlabeled pool {@code text} names ({@code --unlabeled}): a folder of images, {@code folder:DIR}; anything else
     * is a {@link MentorException} about {@code unlabeled}.
     */
    public static DataSpec parseUnlabeled(String text) {
        Text t = Text.of(text);
        if (!t.scheme.equals(Kind.FOLDER.scheme)) {
            throw unlabeledNotAFolder(t.scheme);
        }
        return new DataSpec(Kind.FOLDER, t.location("unlabeled"));
    }

    /** Refuses, as the component {@code unlabeled}, a pool that is not a folder of images. */
    static MentorException unlabeledNotAFolder(String scheme) {
        return MentorException.of("unlabeled", "unknown source '" + scheme + "' (expected folder:DIR)");
    }

    /** The directory, a leading {@code ~} being {@code userHome}; null for Fashion-MNIST. */
    public Path directory(Path userHome) {
        if (location == null) {
            return null;
        }
        if (location.equals("~")) {
            return userHome;
        }
        return location.startsWith("~/") ? userHome.resolve(location.substring(2)) : Path.of(location);
    }

    /** The directory, a leading {@code ~} being the user's home directory; null for Fashion-MNIST. */
    public Path directory() {
        return directory(Path.of(System.getProperty("user.home")));
    }

    /** The spec's text: {@code fashion-mnist} or {@code SCHEME:DIR}, as the command line takes it and config.json records it. */
    @JsonValue
    @Override
    public String toString() {
        return location == null ? kind.scheme : kind.scheme + ":" + location;
    }

    /** A spec's text split at its first colon into a lower-case scheme and an argument (or null). */
    private record Text(String text, String scheme, String argument) {
        static Text of(String spec) {
            String text = spec == null ? "" : spec.strip();
            int colon = text.indexOf(':');
            String scheme = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT);
            return new Text(text, scheme, colon < 0 ? null : text.substring(colon + 1));
        }

        /** The argument as a directory of the component {@code component}: present and a valid path. */
        String location(String component) {
            if (argument == null || argument.isBlank()) {
                throw MentorException.of(component, "'" + text + "' needs a directory after the colon, e.g. "
                        + scheme + ":/data/images");
            }
            try {
                if (!argument.equals("~")) {
                    Path.of(argument.startsWith("~/") ? argument.substring(2) : argument);
                }
            } catch (InvalidPathException e) {
                throw MentorException.of(component, "'" + text + "': not a valid path (" + e.getMessage() + ")", e);
            }
            return argument;
        }
    }
}
