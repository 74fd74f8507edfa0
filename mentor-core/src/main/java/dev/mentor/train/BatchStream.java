package dev.mentor.train;

import dev.mentor.augment.Augmentation;
import dev.mentor.augment.Image;
import dev.mentor.augment.mix.Batch;
import dev.mentor.augment.mix.BatchMix;
import dev.mentor.augment.mix.MixedBatch;
import dev.mentor.data.ImageSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An endless, deterministic sequence of batches over an image set: the concatenation of seeded
 * permutations of the set, cut into batches. Batch {@code k} is a pure function of (seed, stream, k),
 * so a resumed run continues exactly, and every image's augmentation uses a generator derived from
 * its position in the sequence, so the result does not depend on which thread prepares it.
 */
public final class BatchStream {
    private final ImageSet images;
    private final int batchSize;
    private final long seed;
    private final List<Augmentation> views;
    private final Normalization normalization;
    private final TargetSource targets;
    private final BatchMix mix;
    private final TargetSource auxiliary;
    private long cachedPass = -1;
    private int[] cachedPermutation;

    /**
     * @param views one augmentation per view (e.g. [weak] for labeled, [weak, strong] for unlabeled)
     * @param targets target rows, or null for an unlabeled stream
     */
    public BatchStream(ImageSet images, int batchSize, long seed, List<Augmentation> views,
            Normalization normalization, TargetSource targets) {
        this(images, batchSize, seed, views, normalization, targets, null);
    }

    /**
     * @param mix a batch-level mix (CutMix, MixUp) of the first view and the targets, or null
     */
    public BatchStream(ImageSet images, int batchSize, long seed, List<Augmentation> views,
            Normalization normalization, TargetSource targets, BatchMix mix) {
        this(images, batchSize, seed, views, normalization, targets, mix, null);
    }

    /**
     * @param auxiliary per-image rows that ride along with each batch unchanged (e.g. teacher logits
     *     cached for the un-augmented images), or null; not with {@code mix}, whose mixed images the
     *     rows would not match
     */
    public BatchStream(ImageSet images, int batchSize, long seed, List<Augmentation> views,
            Normalization normalization, TargetSource targets, BatchMix mix, TargetSource auxiliary) {
        if (images.size() == 0) {
            throw new IllegalArgumentException("cannot draw batches from an empty set");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }
        this.images = images;
        this.batchSize = batchSize;
        this.seed = seed;
        this.views = List.copyOf(views);
        this.normalization = normalization;
        this.targets = targets;
        if (mix != null && targets == null) {
            throw new IllegalArgumentException("batch mixing needs targets to mix");
        }
        this.mix = mix;
        if (mix != null && auxiliary != null) {
            throw new IllegalArgumentException("auxiliary rows cannot ride along with batch mixing: they would not match the mixed images");
        }
        this.auxiliary = auxiliary;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Batches that make one pass over the set (the last one completed from the next pass). */
    public long batchesPerPass() {
        return (images.size() + batchSize - 1) / batchSize;
    }

    /** Batch number {@code k} of the sequence. */
    public HostBatch batch(long k) {
        int n = batchSize;
        int volume = images.channels() * images.height() * images.width();
        int[] indices = new int[n];
        long start = k * n;
        for (int i = 0; i < n; i++) {
            indices[i] = indexAt(start + i);
        }
        float[][] out = new float[views.size()][n * volume];
        for (int i = 0; i < n; i++) {
            Image image = images.image(indices[i]);
            for (int v = 0; v < views.size(); v++) {
                SplittableRandom random = new SplittableRandom(mix(seed, start + i, v));
                Image augmented = views.get(v).apply(image, random);
                normalization.write(augmented, out[v], i * volume);
            }
        }
        float[] rows = null;
        if (targets != null) {
            int c = targets.classes();
            rows = new float[n * c];
            for (int i = 0; i < n; i++) {
                targets.write(indices[i], rows, i * c);
            }
            if (mix != null) {
                MixedBatch mixed = mix.apply(new Batch(out[0], rows, n, images.channels(), images.height(), images.width()),
                        new SplittableRandom(mix(seed, k, -2)));
                out[0] = mixed.images();
                rows = mixed.targets();
            }
        }
        float[] extra = null;
        if (auxiliary != null) {
            int w = auxiliary.classes();
            extra = new float[n * w];
            for (int i = 0; i < n; i++) {
                auxiliary.write(indices[i], extra, i * w);
            }
        }
        return new HostBatch(n, indices, out, rows, extra);
    }

    private synchronized int indexAt(long position) {
        long pass = position / images.size();
        if (pass != cachedPass) {
            cachedPermutation = permutation(pass);
            cachedPass = pass;
        }
        return cachedPermutation[(int) (position % images.size())];
    }

    private int[] permutation(long pass) {
        int size = images.size();
        int[] p = new int[size];
        for (int i = 0; i < size; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(mix(seed, pass, -1));
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A well-mixed 64-bit seed from three values (SplitMix64 finaliser over a combination). */
    public static long mix(long a, long b, long c) {
        long z = a * 0x9E3779B97F4A7C15L + b * 0xBF58476D1CE4E5B9L + c * 0x94D049BB133111EBL + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
