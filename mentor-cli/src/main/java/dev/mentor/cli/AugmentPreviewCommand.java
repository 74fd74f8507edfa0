package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.augment.Augmentation;
import dev.mentor.augment.Image;
import dev.mentor.augment.Policies;
import dev.mentor.data.DataOptions;
import dev.mentor.data.DataSources;
import dev.mentor.data.ImageSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mentor augment preview --policy P --data D --out grid.png}: a PNG grid for a person to judge a
 * policy: one row per training image (spread evenly over the set), the original first, then
 * {@code --copies} augmented copies. Copy {@code j} of row {@code i} uses its own generator split from
 * {@code --seed}, so a grid is reproducible.
 */
@Command(name = "preview", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a PNG grid of training images beside augmented copies.")
final class AugmentPreviewCommand implements Callable<Integer> {
    private static final int GAP = 2;
    private static final int ORIGINAL_GAP = 8;
    private static final int BACKGROUND = 255;

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

    @Option(names = "--force", description = "Overwrite an existing --out file")
    boolean force;

    @Option(names = "--verbose", description = "Show stack traces of errors")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        check("--images", images, 1, 1000);
        check("--copies", copies, 1, 100);
        check("--zoom", zoom, 1, 16);
        if (!force && Files.exists(out)) {
            throw new MentorException("--out: " + out + " already exists (use --force to overwrite)");
        }
        ImageSet train = DataSources.parse(data, DataOptions.defaults()).load().train();
        Augmentation augmentation;
        try {
            augmentation = Policies.parse(policy, train.width());
        } catch (IllegalArgumentException e) {
            throw new MentorException("--policy: " + e.getMessage());
        }
        int rows = Math.min(images, train.size());
        int c = train.channels();
        int cellH = train.height() * zoom;
        int cellW = train.width() * zoom;
        int gridH = rows * cellH + (rows + 1) * GAP;
        int gridW = (1 + copies) * cellW + ORIGINAL_GAP + (copies + 1) * GAP;
        byte[] grid = new byte[c * gridH * gridW];
        Arrays.fill(grid, (byte) BACKGROUND);
        SplittableRandom root = new SplittableRandom(seed);
        for (int r = 0; r < rows; r++) {
            Image original = train.image((int) ((long) r * train.size() / rows));
            int top = GAP + r * (cellH + GAP);
            paste(grid, gridH, gridW, original, top, GAP);
            for (int j = 0; j < copies; j++) {
                Image copy = augmentation.apply(original, root.split());
                paste(grid, gridH, gridW, copy, top, GAP + ORIGINAL_GAP + (j + 1) * (cellW + GAP) - GAP);
            }
        }
        PngFiles.write(Image.wrap(c, gridH, gridW, grid), out);
        spec.commandLine().getOut().printf("wrote %s: %d images, each beside %d copies under %s (seed %d)%n",
                out, rows, copies, policy, seed);
        return 0;
    }

    private void paste(byte[] grid, int gridH, int gridW, Image image, int top, int left) {
        for (int ch = 0; ch < image.channels(); ch++) {
            for (int y = 0; y < image.height() * zoom; y++) {
                for (int x = 0; x < image.width() * zoom; x++) {
                    grid[(ch * gridH + top + y) * gridW + left + x] = (byte) image.get(ch, y / zoom, x / zoom);
                }
            }
        }
    }

    private static void check(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new MentorException(option + ": " + value + " is not between " + min + " and " + max);
        }
    }
}
