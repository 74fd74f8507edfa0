package dev.mentor.augment.mix;

import java.util.random.RandomGenerator;

/**
 * CutMix (Yun et al., "CutMix: Regularization Strategy to Train Strong Classifiers with Localizable
 * Features", 2019): one {@code λ ~ Beta(α, α)} per batch; a box of {@code ⌊H·√(1−λ)⌋ × ⌊W·√(1−λ)⌋}
 * centred at a uniformly random pixel, clipped to the image, is pasted into every image from its
 * partner (a random permutation). λ is then corrected to the box's true area, {@code λ = 1 − box/(H·W)},
 * and the targets mixed with it. Draws: λ, centre row, centre column, permutation.
 *
 * @param alpha Beta shape α > 0 (1 typical)
 */
public record CutMix(double alpha) implements BatchMix {
    public CutMix {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("cutmix alpha must be a positive number, got " + alpha);
        }
    }

    /** Rows {@code [top, bottom)} and columns {@code [left, right)}. */
    public record Box(int top, int left, int bottom, int right) {
        public int area() {
            return (bottom - top) * (right - left);
        }
    }

    @Override
    public MixedBatch apply(Batch batch, RandomGenerator random) {
        double lambda = Beta.sample(random, alpha, alpha);
        Box box = box(batch.height(), batch.width(), lambda, random.nextInt(batch.height()), random.nextInt(batch.width()));
        int[] partners = BatchMix.permutation(batch.size(), random);
        return paste(batch, partners, box);
    }

    /** The box for a drawn λ centred at ({@code centerY}, {@code centerX}), clipped to the image. */
    public static Box box(int height, int width, double lambda, int centerY, int centerX) {
        double ratio = Math.sqrt(1 - lambda);
        int cutH = (int) (height * ratio);
        int cutW = (int) (width * ratio);
        int top = centerY - cutH / 2;
        int left = centerX - cutW / 2;
        return new Box(clamp(top, height), clamp(left, width), clamp(top + cutH, height), clamp(left + cutW, width));
    }

    /** Pastes {@code box} from each partner; λ is 1 minus the box's share of the image. */
    public static MixedBatch paste(Batch batch, int[] partners, Box box) {
        int h = batch.height();
        int w = batch.width();
        int plane = h * w;
        int volume = batch.volume();
        float[] x = batch.images();
        float[] out = x.clone();
        for (int i = 0; i < batch.size(); i++) {
            for (int ch = 0; ch < batch.channels(); ch++) {
                int own = i * volume + ch * plane;
                int other = partners[i] * volume + ch * plane;
                for (int y = box.top(); y < box.bottom(); y++) {
                    int row = y * w;
                    System.arraycopy(x, other + row + box.left(), out, own + row + box.left(), box.right() - box.left());
                }
            }
        }
        double lambda = 1.0 - (double) box.area() / plane;
        return new MixedBatch(out, BatchMix.mixTargets(batch, partners, lambda), lambda, partners, "cutmix");
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size, v));
    }
}
