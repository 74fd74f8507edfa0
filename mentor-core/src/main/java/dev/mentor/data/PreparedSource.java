package dev.mentor.data;

import dev.mentor.MentorException;
import dev.mentor.OptionText;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Applies {@link DataOptions} to whatever a source loads: resizes to {@code imageSize} and, when the
 * data has no test split, holds out a seeded, stratified {@code testSplit} fraction of each class
 * (never a class's last image). The fingerprint stays that of the data read.
 */
final class PreparedSource implements DataSource {
    private final DataSource source;
    private final DataOptions options;

    PreparedSource(DataSource source, DataOptions options) {
        this.source = source;
        this.options = options;
    }

    @Override
    public LoadedData load() {
        LoadedData data = source.load();
        ImageSet train = data.train();
        ImageSet test = data.test();
        if (options.imageSize() != null) {
            train = ImageSets.resized(train, options.imageSize(), options.imageSize());
            test = test == null ? null : ImageSets.resized(test, options.imageSize(), options.imageSize());
        }
        LoadedData resized = new LoadedData(data.name(), train, test, data.fingerprint());
        if (options.testSplit() == null) {
            return resized;
        }
        if (test != null) {
            throw MentorException.of("test_split", OptionText.text(options.testSplit() + " given, but " + source.describe()
                    + " already has a test split; leave ").thenOption("test_split").then(" out"));
        }
        return holdOut(resized, options.testSplit(), options.seed());
    }

    @Override
    public String describe() {
        return source.describe()
                + (options.imageSize() == null ? "" : ", resized to " + options.imageSize() + "x" + options.imageSize())
                + (options.testSplit() == null ? "" : ", " + options.testSplit() + " of each class held out as test"
                        + " (seed " + options.seed() + ")");
    }

    static LoadedData holdOut(LoadedData data, double fraction, long seed) {
        int[][] byClass = Stratified.byClass(data.train());
        SplittableRandom random = new SplittableRandom(seed);
        int[] test = new int[data.train().size()];
        int[] train = new int[data.train().size()];
        int testCount = 0;
        int trainCount = 0;
        int largest = 0;
        for (int[] members : byClass) {
            int[] order = Stratified.shuffled(members, random.split());
            int held = (int) Math.min(Math.round(members.length * fraction), Math.max(0, members.length - 1));
            for (int i = 0; i < order.length; i++) {
                if (i < held) {
                    test[testCount++] = order[i];
                } else {
                    train[trainCount++] = order[i];
                }
            }
            largest = Math.max(largest, members.length);
        }
        if (testCount == 0) {
            throw MentorException.of("test_split", fraction + " holds out no image (the largest class has "
                    + largest + " images); raise it or add a test folder");
        }
        int[] testIndices = Arrays.copyOf(test, testCount);
        int[] trainIndices = Arrays.copyOf(train, trainCount);
        Arrays.sort(testIndices);
        Arrays.sort(trainIndices);
        return new LoadedData(data.name(), new Subset(data.train(), trainIndices),
                new Subset(data.train(), testIndices), data.fingerprint());
    }
}
