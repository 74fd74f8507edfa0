package dev.mentor.data;

import dev.mentor.MentorException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the {@code --data} and {@code --unlabeled} option values into sources. {@code --data} is one
 * of {@code fashion-mnist}, {@code idx:DIR}, {@code folder:DIR}, {@code cifar10:DIR} or {@code
 * cifar100:DIR}; {@code --unlabeled} is {@code folder:DIR}. A leading {@code ~/} in DIR is the home
 * directory. A new kind of source implements {@link DataSource} and gets a scheme here.
 */
public final class DataSources {
    static final String EXPECTED = "fashion-mnist, idx:DIR, folder:DIR, cifar10:DIR or cifar100:DIR";

    private DataSources() {
    }

    /** Parses {@code spec} with the process environment and the user's home directory. */
    public static DataSource parse(String spec, DataOptions options) {
        return parse(spec, options, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Parses {@code spec}; {@code environment} and {@code userHome} decide where Fashion-MNIST is looked
     * for and what {@code ~} means. The options' image size and test split apply to every source.
     */
    public static DataSource parse(String spec, DataOptions options, Map<String, String> environment,
            Path userHome) {
        Objects.requireNonNull(options, "options");
        Spec parsed = Spec.of("data", spec, userHome);
        DataSource source = switch (parsed.scheme) {
            case "fashion-mnist" -> {
                if (parsed.argument != null) {
                    throw MentorException.of("data", "'" + parsed.text + "': fashion-mnist takes no directory "
                            + "(use idx:DIR for IDX files in a directory of your choice)");
                }
                yield new FashionMnistSource(FashionMnistSource.defaultSearchDirectories(environment, userHome));
            }
            case "idx" -> new IdxSource(parsed.directory());
            case "folder" -> new FolderSource(parsed.directory(), options.imageSize());
            case "cifar10" -> new CifarSource(parsed.directory(), CifarSource.Variant.CIFAR10);
            case "cifar100" -> new CifarSource(parsed.directory(), CifarSource.Variant.CIFAR100);
            default -> throw MentorException.of("data", "unknown data source '" + parsed.scheme
                    + "' (expected " + EXPECTED + ")");
        };
        boolean plain = options.imageSize() == null && options.testSplit() == null;
        return plain ? source : new PreparedSource(source, options);
    }

    /**
     * Parses an {@code --unlabeled} value, {@code folder:DIR}, into a pool delivered in the shape of
     * {@code labeled} (channels, height, width) with its class names, without the files that do not
     * decode ({@link UnlabeledFolder#readable()}).
     */
    public static UnlabeledFolder parseUnlabeled(String spec, ImageSet labeled) {
        Spec parsed = Spec.of("unlabeled", spec, Path.of(System.getProperty("user.home")));
        if (!parsed.scheme.equals("folder")) {
            throw MentorException.of("unlabeled", "unknown source '" + parsed.scheme + "' (expected folder:DIR)");
        }
        return UnlabeledFolder.like(parsed.directory(), labeled).readable();
    }

    /** An option value (of the config component {@code component}) split at its first colon into a lower-case scheme and an argument (or null). */
    private record Spec(String component, String text, String scheme, String argument, Path userHome) {
        static Spec of(String component, String spec, Path userHome) {
            String text = spec == null ? "" : spec.strip();
            int colon = text.indexOf(':');
            String scheme = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT);
            return new Spec(component, text, scheme, colon < 0 ? null : text.substring(colon + 1), userHome);
        }

        Path directory() {
            if (argument == null || argument.isBlank()) {
                throw MentorException.of(component, "'" + text + "' needs a directory after the colon, e.g. "
                        + scheme + ":/data/images");
            }
            try {
                if (argument.equals("~")) {
                    return userHome;
                }
                return argument.startsWith("~/") ? userHome.resolve(argument.substring(2)) : Path.of(argument);
            } catch (InvalidPathException e) {
                throw MentorException.of(component, "'" + text + "': not a valid path (" + e.getMessage() + ")", e);
            }
        }
    }
}
