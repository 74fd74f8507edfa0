package dev.mentor.data;

import dev.mentor.MentorException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Opens the sources a {@link DataSpec} names: {@code fashion-mnist}, {@code idx:DIR}, {@code folder:DIR}, {@code
 * cifar10:DIR} or {@code cifar100:DIR} for the data, {@code folder:DIR} for an unlabeled pool. A leading {@code ~/} in
 * DIR is the home directory. A new kind of source implements {@link DataSource} and gets a {@link DataSpec.Kind} here.
 */
public final class DataSources {
    private DataSources() {
    }

    /** The source {@code spec} names, read with the process environment and the user's home directory. */
    public static DataSource open(DataSpec spec, DataOptions options) {
        return open(spec, options, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The source {@code spec} names; {@code environment} and {@code userHome} decide where Fashion-MNIST is looked for
     * and what {@code ~} means. The options' image size and test split apply to every source.
     */
    public static DataSource open(DataSpec spec, DataOptions options, Map<String, String> environment, Path userHome) {
        Objects.requireNonNull(options, "options");
        if (spec == null) {
            throw MentorException.of("data", "unknown data source '' (expected " + DataSpec.EXPECTED + ")");
        }
        Path directory = spec.directory(userHome);
        DataSource source = switch (spec.kind()) {
            case FASHION_MNIST -> new FashionMnistSource(FashionMnistSource.defaultSearchDirectories(environment, userHome));
            case IDX -> new IdxSource(directory);
            case FOLDER -> new FolderSource(directory, options.imageSize());
            case CIFAR10 -> new CifarSource(directory, CifarSource.Variant.CIFAR10);
            case CIFAR100 -> new CifarSource(directory, CifarSource.Variant.CIFAR100);
        };
        boolean plain = options.imageSize() == null && options.testSplit() == null;
        return plain ? source : new PreparedSource(source, options);
    }

    /** The source the text {@code spec} names ({@link DataSpec#parse}), with the process environment and the user's home directory. */
    public static DataSource parse(String spec, DataOptions options) {
        return open(DataSpec.parse(spec), options);
    }

    /** The source the text {@code spec} names ({@link DataSpec#parse}). */
    public static DataSource parse(String spec, DataOptions options, Map<String, String> environment, Path userHome) {
        return open(DataSpec.parse(spec), options, environment, userHome);
    }

    /**
     * The unlabeled pool {@code spec} names, a folder, delivered in the shape of {@code labeled} (channels, height,
     * width) with its class names, without the files that do not decode ({@link UnlabeledFolder#readable()}).
     */
    public static UnlabeledFolder openUnlabeled(DataSpec spec, ImageSet labeled) {
        if (spec.kind() != DataSpec.Kind.FOLDER) {
            throw DataSpec.unlabeledNotAFolder(spec.kind().scheme());
        }
        return UnlabeledFolder.like(spec.directory(), labeled).readable();
    }

    /** The unlabeled pool the text {@code spec} names ({@link DataSpec#parseUnlabeled}). */
    public static UnlabeledFolder parseUnlabeled(String spec, ImageSet labeled) {
        return openUnlabeled(DataSpec.parseUnlabeled(spec), labeled);
    }
}
