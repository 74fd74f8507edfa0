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

    /** Parses {@code spec}; {@code environment} and {@code userHome} decide where Fashion-MNIST is looked for. */
    public static DataSource parse(String spec, DataOptions options, Map<String, String> environment, Path userHome) {
        Objects.requireNonNull(options, "options");
        String trimmed = spec == null ? "" : spec.strip();
        int colon = trimmed.indexOf(':');
        String scheme = (colon < 0 ? trimmed : trimmed.substring(0, colon)).toLowerCase(Locale.ROOT);
        String argument = colon < 0 ? null : trimmed.substring(colon + 1);
        DataSource source = switch (scheme) {
            case "fashion-mnist" -> {
                if (argument != null) {
                    throw new MentorException("--data: '" + trimmed + "': fashion-mnist takes no directory "
                            + "(use idx:DIR for IDX files in a directory of your choice)");
                }
                yield new FashionMnistSource(FashionMnistSource.defaultSearchDirectories(environment, userHome));
            }
            case "idx" -> new IdxSource(directory("--data", trimmed, argument, userHome));
            case "folder" -> new FolderSource(directory("--data", trimmed, argument, userHome), options.imageSize());
            case "cifar10" -> new CifarSource(directory("--data", trimmed, argument, userHome), CifarSource.Variant.CIFAR10);
            case "cifar100" -> new CifarSource(directory("--data", trimmed, argument, userHome), CifarSource.Variant.CIFAR100);
            default -> throw new MentorException("--data: unknown data source '" + (scheme.isEmpty() ? trimmed : scheme)
                    + "' (expected " + EXPECTED + ")");
        };
        boolean plain = options.imageSize() == null && options.testSplit() == null;
        return plain ? source : new PreparedSource(source, options);
    }

    /**
     * Parses an {@code --unlabeled} value, {@code folder:DIR}, into a pool delivered in the shape of
     * {@code labeled} (channels, height, width) with its class names.
     */
    public static UnlabeledFolder parseUnlabeled(String spec, ImageSet labeled) {
        String trimmed = spec == null ? "" : spec.strip();
        int colon = trimmed.indexOf(':');
        String scheme = colon < 0 ? trimmed : trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("folder")) {
            throw new MentorException("--unlabeled: unknown source '" + scheme + "' (expected folder:DIR)");
        }
        Path home = Path.of(System.getProperty("user.home"));
        return UnlabeledFolder.like(directory("--unlabeled", trimmed, trimmed.substring(colon + 1), home), labeled);
    }

    private static Path directory(String option, String spec, String argument, Path userHome) {
        if (argument == null || argument.isBlank()) {
            throw new MentorException(option + ": '" + spec + "' needs a directory after the colon, e.g. "
                    + spec.replace(":", "") + ":/data/images");
        }
        if (argument.equals("~")) {
            return userHome;
        }
        try {
            return argument.startsWith("~/") ? userHome.resolve(argument.substring(2)) : Path.of(argument);
        } catch (InvalidPathException e) {
            throw new MentorException(option + ": '" + spec + "': not a valid path (" + e.getMessage() + ")", e);
        }
    }
}
