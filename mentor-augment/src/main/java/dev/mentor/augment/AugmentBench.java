package dev.mentor.augment;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Single-threaded augmentation throughput: a policy ({@link Policies} spelling) applied to generated
 * images (gradients, a block and noise) of one shape, after a warm-up, timed with {@code nanoTime}.
 * Compare with {@code src/test/python/bench_torchvision.py}, which times torchvision on PIL images.
 *
 * <pre>  java -cp mentor-augment.jar dev.mentor.augment.AugmentBench randaugment:n=2,m=9 1x28x28 200000</pre>
 */
public final class AugmentBench {
    private static final int POOL = 64;
    /** Seconds of untimed augmentation before the measurement. */
    public static final double WARMUP_SECONDS = 3.0;

    /** What one measurement saw. */
    public record Result(String policy, int channels, int height, int width, int images, double seconds, long checksum) {
        public double imagesPerSecond() {
            return images / seconds;
        }
    }

    private AugmentBench() {}

    /** Images per second of {@code policy} on {@code c×h×w} images, one thread. */
    public static double imagesPerSecond(String policy, int c, int h, int w, int images, long seed) {
        return measure(policy, c, h, w, images, seed).imagesPerSecond();
    }

    /**
     * Warms up for {@link #WARMUP_SECONDS} seconds (the JIT compiles the kernels; a training run is
     * long past that), then times {@code images} images.
     */
    public static Result measure(String policy, int c, int h, int w, int images, long seed) {
        return measure(policy, c, h, w, images, seed, WARMUP_SECONDS);
    }

    /** As {@link #measure(String, int, int, int, int, long)} with a warm-up of {@code warmupSeconds}. */
    public static Result measure(String policy, int c, int h, int w, int images, long seed, double warmupSeconds) {
        if (images <= 0) {
            throw new IllegalArgumentException("images must be > 0, got " + images);
        }
        if (!(warmupSeconds >= 0 && warmupSeconds <= 600)) {
            throw new IllegalArgumentException("warm-up must be 0 to 600 seconds, got " + warmupSeconds);
        }
        Augmentation augmentation = Policies.parse(policy, w);
        Image[] pool = new Image[POOL];
        SplittableRandom inputs = new SplittableRandom(seed);
        for (int i = 0; i < POOL; i++) {
            pool[i] = generated(c, h, w, inputs);
        }
        SplittableRandom warmup = new SplittableRandom(seed + 1);
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            run(augmentation, pool, 1000, warmup);
        }
        long start = System.nanoTime();
        long checksum = run(augmentation, pool, images, new SplittableRandom(seed + 2));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(policy, c, h, w, images, seconds, checksum);
    }

    private static long run(Augmentation augmentation, Image[] pool, int images, SplittableRandom random) {
        long checksum = 0;
        for (int i = 0; i < images; i++) {
            Image out = augmentation.apply(pool[i % POOL], random);
            checksum += out.get(0, out.height() / 2, out.width() / 2);
        }
        return checksum;
    }

    private static Image generated(int c, int h, int w, SplittableRandom random) {
        byte[] pixels = new byte[c * h * w];
        int blockTop = random.nextInt(h);
        int blockLeft = random.nextInt(w);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = (x * 200 / w + y * 55 / h + ch * 40) % 256;
                    if (y >= blockTop && y < blockTop + h / 3 && x >= blockLeft && x < blockLeft + w / 3) {
                        v = 240 - 50 * ch;
                    }
                    v += random.nextInt(31) - 15;
                    pixels[(ch * h + y) * w + x] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        return Image.wrap(c, h, w, pixels);
    }

    /** Arguments: POLICY CxHxW IMAGES [SEED]; prints {@code img/s: N} last. */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: AugmentBench POLICY CxHxW IMAGES [SEED]");
            System.exit(2);
        }
        String[] shape = args[1].toLowerCase(Locale.ROOT).split("x");
        Result r = measure(args[0], Integer.parseInt(shape[0]), Integer.parseInt(shape[1]), Integer.parseInt(shape[2]),
                Integer.parseInt(args[2]), args.length > 3 ? Long.parseLong(args[3]) : 0);
        System.out.printf(Locale.ROOT, "policy %s shape %dx%dx%d images %d seconds %.3f%n", r.policy(), r.channels(), r.height(), r.width(), r.images(), r.seconds());
        System.out.printf(Locale.ROOT, "img/s: %.1f%n", r.imagesPerSecond());
    }
}
