package dev.mentor.cli;

import dev.mentor.MentorException;
import dev.mentor.augment.AugmentBench;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mentor bench augment --policy P --shape CxHxW --images N}: augmentation images per second on
 * one thread, after a warm-up, on generated images. Its torchvision peer is
 * {@code mentor-augment/src/test/python/bench_torchvision.py}. Prints {@code img/s: N} last.
 */
@Command(name = "augment", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Augmentation throughput on one thread. Last line: img/s: N")
final class BenchAugmentCommand extends Subcommand {
    @Option(names = "--policy", defaultValue = "randaugment:n=2,m=9", description = "Augmentation (default: ${DEFAULT-VALUE})")
    String policy;

    @Option(names = "--shape", defaultValue = "1x28x28", description = "Image shape CxHxW, C = 1 or 3 (default: ${DEFAULT-VALUE})")
    String shape;

    @Option(names = "--images", defaultValue = "100000", description = "Timed images (default: ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--warmup-seconds", defaultValue = "3", description = "Untimed augmentation first, "
            + "so the JIT has compiled the kernels (default: ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of images and draws (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    Verbose verbose;

    @Override
    public Integer call() {
        if (images <= 0) {
            throw new MentorException("--images: must be > 0, got " + images);
        }
        if (!(warmupSeconds >= 0 && warmupSeconds <= 600)) {
            throw new MentorException("--warmup-seconds: must be between 0 and 600, got " + warmupSeconds);
        }
        int[] s = parseShape(shape);
        AugmentBench.Result r;
        try {
            r = AugmentBench.measure(policy, s[0], s[1], s[2], images, seed, warmupSeconds);
        } catch (IllegalArgumentException e) {
            throw new MentorException("--policy: " + e.getMessage());
        }
        var out = out();
        out.printf(Locale.ROOT, "mentor augment %s shape=%dx%dx%d warmup=%.1fs images=%d seconds=%.3f threads=1%n",
                r.policy(), r.channels(), r.height(), r.width(), warmupSeconds, r.images(), r.seconds());
        out.printf(Locale.ROOT, "img/s: %.1f%n", r.imagesPerSecond());
        return 0;
    }

    static int[] parseShape(String text) {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 3) {
                int c = Integer.parseInt(parts[0]);
                int h = Integer.parseInt(parts[1]);
                int w = Integer.parseInt(parts[2]);
                if ((c == 1 || c == 3) && h > 0 && w > 0 && h <= 4096 && w <= 4096) {
                    return new int[] {c, h, w};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MentorException("--shape: '" + text + "' is not CxHxW with C 1 or 3 and sides 1..4096 (e.g. 3x32x32)");
    }
}
