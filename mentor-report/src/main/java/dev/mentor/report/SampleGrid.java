package dev.mentor.report;

import dev.mentor.augment.Augmentation;
import dev.mentor.augment.Image;
import dev.mentor.data.ImageSet;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A grid for a person to judge an augmentation: one row per training image (spread evenly over the
 * set), the original first, then {@code copies} augmented copies. Copy {@code j} of row {@code i} uses
 * its own generator split from the seed, so a grid is reproducible.
 */
public final class SampleGrid {
    private static final int GAP = 2;
    private static final int ORIGINAL_GAP = 8;
    private static final int BACKGROUND = 255;

    private SampleGrid() {}

    public static Image render(ImageSet images, Augmentation augmentation, int rows, int copies, long seed, int zoom) {
        if (rows < 1 || copies < 1 || zoom < 1) {
            throw new IllegalArgumentException("rows, copies and zoom must be positive, got " + rows + ", " + copies + ", " + zoom);
        }
        int shown = Math.min(rows, images.size());
        int c = images.channels();
        int cellH = images.height() * zoom;
        int cellW = images.width() * zoom;
        int gridH = shown * cellH + (shown + 1) * GAP;
        int gridW = (1 + copies) * cellW + ORIGINAL_GAP + (copies + 1) * GAP;
        byte[] grid = new byte[c * gridH * gridW];
        Arrays.fill(grid, (byte) BACKGROUND);
        SplittableRandom root = new SplittableRandom(seed);
        for (int r = 0; r < shown; r++) {
            Image original = images.image((int) ((long) r * images.size() / shown));
            int top = GAP + r * (cellH + GAP);
            paste(grid, gridH, gridW, original, top, GAP, zoom);
            for (int j = 0; j < copies; j++) {
                Image copy = augmentation.apply(original, root.split());
                paste(grid, gridH, gridW, copy, top, GAP + ORIGINAL_GAP + (j + 1) * (cellW + GAP) - GAP, zoom);
            }
        }
        return Image.wrap(c, gridH, gridW, grid);
    }

    private static void paste(byte[] grid, int gridH, int gridW, Image image, int top, int left, int zoom) {
        for (int ch = 0; ch < image.channels(); ch++) {
            for (int y = 0; y < image.height() * zoom; y++) {
                for (int x = 0; x < image.width() * zoom; x++) {
                    grid[(ch * gridH + top + y) * gridW + left + x] = (byte) image.get(ch, y / zoom, x / zoom);
                }
            }
        }
    }
}
