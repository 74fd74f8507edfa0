package dev.mentor.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Runs the CLI in-process and writes small IDX data sets for it. */
final class CliFixture {
    private CliFixture() {}

    record Result(int code, String out, String err) {}

    /**
     * Runs a training command that writes into {@code out}, asking it to stop (as Ctrl-C would) once its
     * first checkpoint exists; the pending stop is cleared afterwards.
     */
    static Result runStoppedAtFirstCheckpoint(java.nio.file.Path out, String... args) {
        Thread stopper = new Thread(() -> {
            while (!java.nio.file.Files.exists(out.resolve("checkpoint.ckpt"))) {
                Thread.onSpinWait();
            }
            dev.mentor.Interruption.request("test", 130);
        });
        stopper.setDaemon(true);
        stopper.start();
        try {
            return run(args);
        } finally {
            dev.mentor.Interruption.clear();
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** An IDX folder of 16×16 images, {@code classes} classes, each a bright square at its own place. */
    static Path idx(Path dir, int train, int test, int classes) throws IOException {
        Files.createDirectories(dir);
        writeSet(dir, "train", train, classes, 1);
        writeSet(dir, "t10k", test, classes, 2);
        return dir;
    }

    /** As {@link #idx(Path, int, int, int)}, but class {@code rare} has only {@code rareCount} training images. */
    static Path idx(Path dir, int train, int test, int classes, int rare, int rareCount) throws IOException {
        Files.createDirectories(dir);
        int[] labels = java.util.stream.IntStream.range(0, train).map(i -> i % classes).toArray();
        int[] kept = new int[train];
        int n = 0;
        int seen = 0;
        for (int label : labels) {
            if (label != rare || seen++ < rareCount) {
                kept[n++] = label;
            }
        }
        writeSet(dir, "train", java.util.Arrays.copyOf(kept, n), 1);
        writeSet(dir, "t10k", java.util.stream.IntStream.range(0, test).map(i -> i % classes).toArray(), 2);
        return dir;
    }

    private static void writeSet(Path dir, String prefix, int n, int classes, long seed) throws IOException {
        writeSet(dir, prefix, java.util.stream.IntStream.range(0, n).map(i -> i % classes).toArray(), seed);
    }

    private static void writeSet(Path dir, String prefix, int[] labelOf, long seed) throws IOException {
        int n = labelOf.length;
        SplittableRandom random = new SplittableRandom(seed);
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        DataOutputStream img = new DataOutputStream(images);
        img.writeInt(0x803);
        img.writeInt(n);
        img.writeInt(16);
        img.writeInt(16);
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        DataOutputStream lab = new DataOutputStream(labels);
        lab.writeInt(0x801);
        lab.writeInt(n);
        for (int i = 0; i < n; i++) {
            int label = labelOf[i];
            lab.writeByte(label);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    boolean in = y >= label * 3 && y < label * 3 + 5 && x >= 8 - label && x < 13 - label;
                    img.writeByte(in ? 200 + random.nextInt(56) : random.nextInt(50));
                }
            }
        }
        gzip(dir.resolve(prefix + "-images-idx3-ubyte.gz"), images.toByteArray());
        gzip(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels.toByteArray());
    }

    private static void gzip(Path file, byte[] bytes) throws IOException {
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
    }
}
