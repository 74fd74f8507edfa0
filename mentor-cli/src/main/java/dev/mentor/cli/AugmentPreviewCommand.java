package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.augment.Augmentation;
import dev.mentor.augment.Policies;
import dev.mentor.data.DataOptions;
import dev.mentor.data.DataSources;
import dev.mentor.data.ImageSet;
import dev.mentor.report.SampleGrid;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mentor augment preview --policy P --data D --out grid.png}: a PNG grid for a person to judge a
 * policy: one row per training image (spread evenly over the set), the original first, then
 * {@code --copies} augmented copies ({@link SampleGrid}, as the report draws them).
 */
@Command(name = "preview", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a PNG grid of training images beside augmented copies.")
final class AugmentPreviewCommand extends Subcommand {
    @Option(names = "--policy", required = true, description = "Augmentation, e.g. randaugment:n=2,m=9, trivial, strong, weak")
    String policy;

    @Option(names = "--data", required = true, description = "Data whose training images to show, e.g. fashion-mnist")
    String data;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "The grid file to write")
    Path out;

    @Option(names = "--images", defaultValue = "8", description = "Rows: training images shown (default: ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--copies", defaultValue = "4", description = "Augmented copies per image (default: ${DEFAULT-VALUE})")
    int copies;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the augmentation draws (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--zoom", defaultValue = "2", description = "Pixels per image pixel in the grid (default: ${DEFAULT-VALUE})")
    int zoom;

    @Mixin
    OutFileOptions outFile;

    @Override
    public Integer call() {
        check("--images", images, 1, 1000);
        check("--copies", copies, 1, 100);
        check("--zoom", zoom, 1, 16);
        outFile.refuseExisting(out);
        ImageSet train = DataSources.parse(data, DataOptions.defaults()).load().train();
        Augmentation augmentation;
        try {
            augmentation = Policies.parse(policy, train.width());
        } catch (IllegalArgumentException e) {
            throw new MentorException("--policy: " + e.getMessage());
        }
        int rows = Math.min(images, train.size());
        PngFiles.write(SampleGrid.render(train, augmentation, images, copies, seed, zoom), out);
        out().printf("wrote %s: %d images, each beside %d copies under %s (seed %d)%n",
                out, rows, copies, policy, seed);
        return 0;
    }

    private static void check(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new MentorException(option + ": " + value + " is not between " + min + " and " + max);
        }
    }
}
