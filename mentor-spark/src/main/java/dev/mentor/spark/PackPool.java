package dev.mentor.spark;

import dev.mentor.MentorException;
import dev.mentor.augment.Image;
import dev.mentor.augment.WeakAugment;
import dev.mentor.data.ImageFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Packs a folder of images into a Parquet pool ({@code id}: the path under the folder; {@code image}: the
 * file's bytes) that {@code --unlabeled parquet:PATH} labels, optionally with augmented copies to make a
 * large pool from a small one: copy k of image {@code ID} is {@code ID#k}, the image under Mentor's weak
 * augmentation (random flip and reflect-padded crop, seeded by the image's id and k), encoded as PNG.
 * Copy 0 is the file itself. The copies are made on the executors, so the driver only lists the folder.
 */
@Command(name = "mentor-spark-pack", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Pack a folder of images (and augmented copies) into a Parquet pool for --unlabeled parquet:PATH.")
public final class PackPool implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "DIR", description = "A folder of images")
    Path from;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "The Parquet pool to write (must not exist)")
    Path out;

    @Option(names = "--copies", defaultValue = "1", description = "Copies of each image, the first the image itself (default: ${DEFAULT-VALUE})")
    int copies;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the copies' augmentation (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    SparkMaster master;

    @Option(names = "--images-per-file", defaultValue = "50000", description = "Rows per Parquet file, about (default: ${DEFAULT-VALUE})")
    int imagesPerFile;

    @Override
    public Integer call() {
        if (copies < 1) {
            throw new MentorException("--copies: must be at least 1, got " + copies);
        }
        if (imagesPerFile < 1) {
            throw new MentorException("--images-per-file: must be at least 1, got " + imagesPerFile);
        }
        if (!Files.isDirectory(from)) {
            throw new MentorException("--from: " + from + " is not a directory");
        }
        if (Files.exists(out)) {
            throw new MentorException("--out: " + out + " exists");
        }
        Path root = from.toAbsolutePath();
        List<String> ids = new ArrayList<>();
        for (Path file : ImageFiles.listRecursively(root)) {
            ids.add(root.relativize(file).toString().replace(java.io.File.separatorChar, '/'));
        }
        if (ids.isEmpty()) {
            throw new MentorException("--from: " + from + " holds no images");
        }
        int files = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) ids.size() * copies / imagesPerFile));
        String where = master.resolve();
        String rootText = root.toString();
        int n = copies;
        long s = seed;
        try (SparkSession spark = SparkSession.builder().appName("mentor pack pool").master(where).config("spark.ui.enabled", "false")
                .getOrCreate()) {
            JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ids, files)
                    .flatMap(id -> copiesOf(rootText, id, n, s).iterator());
            StructType schema = new StructType().add("id", DataTypes.StringType, false).add("image", DataTypes.BinaryType, false);
            spark.createDataFrame(rows, schema).write().parquet(out.toString());
        }
        System.err.printf("packed %,d images x %d copies into %s%n", ids.size(), copies, out);
        return 0;
    }

    private static List<Row> copiesOf(String root, String id, int copies, long seed) throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of(root).resolve(id));
        List<Row> rows = new ArrayList<>(copies);
        rows.add(RowFactory.create(id, bytes));
        if (copies > 1) {
            Image image;
            try {
                image = ImageFiles.decode(bytes, id);
            } catch (MentorException e) {
                return rows; // an unreadable image stays one row, which the labeling skips and lists
            }
            WeakAugment augment = WeakAugment.standard(image.width(), true);
            for (int k = 1; k < copies; k++) {
                SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id.hashCode() * 31L + k);
                rows.add(RowFactory.create(id + "#" + k, png(augment.apply(image, random))));
            }
        }
        return rows;
    }

    /** The image as a PNG file's bytes: grey for one channel, RGB for three. */
    static byte[] png(Image image) {
        int h = image.height();
        int w = image.width();
        byte[] pixels = image.pixelsReadOnly();
        BufferedImage out;
        if (image.channels() == 1) {
            out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            out.getRaster().setDataElements(0, 0, w, h, pixels);
        } else {
            out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int plane = h * w;
            for (int i = 0; i < plane; i++) {
                out.setRGB(i % w, i / w, (pixels[i] & 0xFF) << 16 | (pixels[plane + i] & 0xFF) << 8 | (pixels[2 * plane + i] & 0xFF));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new PackPool(), args, new java.io.PrintWriter(System.err, true)));
    }
}
