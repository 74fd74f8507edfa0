package dev.mentor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.augment.Image;
import dev.mentor.augment.ImageOp;
import dev.mentor.data.ImageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code augment apply}, {@code augment preview} and {@code bench augment} end to end. */
class AugmentCommandTest {
    @TempDir
    Path dir;

    private static Image random(int c, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] pixels = new byte[c * h * w];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) r.nextInt(256);
        }
        return Image.wrap(c, h, w, pixels);
    }

    private static void assertUserError(CliFixture.Result r, String... mentions) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), "one line expected:\n" + r.err());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), "'" + m + "' missing from: " + r.err());
        }
    }

    @Test
    void applyToAFileKeepsModeAndSizeAndAppliesExactlyThatOp() {
        Image rgb = random(3, 29, 17, 1);
        Path in = dir.resolve("rgb.png");
        PngFiles.write(rgb, in);
        assertEquals(rgb, ImageFiles.read(in), "PNG round trip");
        Path out = dir.resolve("out.png");
        CliFixture.Result r = CliFixture.run("augment", "apply", "--op", "Rotate", "--value", "-17.5", "--in", in.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(ImageOp.ROTATE.apply(rgb, -17.5), ImageFiles.read(out));
    }

    @Test
    void applyToAFolderWritesEachPngUnderItsNameAndRefusesToOverwrite() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Image grey = random(1, 24, 32, 2);
        Image rgb = random(3, 28, 28, 3);
        PngFiles.write(grey, in.resolve("a.png"));
        PngFiles.write(rgb, in.resolve("b.png"));
        Files.writeString(in.resolve("notes.txt"), "not an image");
        Path out = dir.resolve("out");
        String[] args = {"augment", "apply", "--op", "sharpness", "--value", "0.6", "--in", in.toString(), "--out", out.toString()};
        assertEquals(0, CliFixture.run(args).code());
        Image a = ImageFiles.read(out.resolve("a.png"));
        assertEquals(1, a.channels());
        assertEquals(ImageOp.SHARPNESS.apply(grey, 0.6), a);
        assertEquals(ImageOp.SHARPNESS.apply(rgb, 0.6), ImageFiles.read(out.resolve("b.png")));
        assertFalse(Files.exists(out.resolve("notes.txt")));

        Files.delete(out.resolve("a.png"));
        long before = Files.getLastModifiedTime(out.resolve("b.png")).toMillis();
        assertUserError(CliFixture.run(args), "--out", "b.png", "--force");
        assertFalse(Files.exists(out.resolve("a.png")), "nothing written when one output would be refused");
        assertEquals(before, Files.getLastModifiedTime(out.resolve("b.png")).toMillis());

        String[] forced = Arrays.copyOf(args, args.length + 1);
        forced[args.length] = "--force";
        assertEquals(0, CliFixture.run(forced).code());
        assertTrue(Files.exists(out.resolve("a.png")));
    }

    @Test
    void applyErrorsNameTheOptionAndTheValue() throws Exception {
        Path in = dir.resolve("x.png");
        PngFiles.write(random(1, 8, 8, 4), in);
        String out = dir.resolve("y.png").toString();
        assertUserError(CliFixture.run("augment", "apply", "--op", "Blur", "--value", "1", "--in", in.toString(), "--out", out), "--op", "'Blur'");
        assertUserError(CliFixture.run("augment", "apply", "--op", "ShearX", "--in", in.toString(), "--out", out), "--value", "ShearX");
        assertUserError(CliFixture.run("augment", "apply", "--op", "Posterize", "--value", "9", "--in", in.toString(), "--out", out), "--value", "9");
        assertUserError(CliFixture.run("augment", "apply", "--op", "Invert", "--in", dir.resolve("none.png").toString(), "--out", out), "--in", "none.png");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertUserError(CliFixture.run("augment", "apply", "--op", "Invert", "--in", empty.toString(), "--out", dir.resolve("o").toString()), "--in", "no .png");
        assertFalse(Files.exists(Path.of(out)));
        assertEquals(0, CliFixture.run("augment", "apply", "--op", "Invert", "--in", in.toString(), "--out", out).code(), "Invert needs no --value");
    }

    @Test
    void previewWritesOriginalsBesideCopies() throws Exception {
        Path data = CliFixture.idx(dir.resolve("idx"), 40, 8, 4);
        Path grid = dir.resolve("grid.png");
        CliFixture.Result r = CliFixture.run("augment", "preview", "--policy", "randaugment:n=2,m=9", "--data", "idx:" + data,
                "--out", grid.toString(), "--images", "3", "--copies", "2", "--zoom", "1");
        assertEquals(0, r.code(), r.err());
        Image image = ImageFiles.read(grid);
        // 3 rows of 16-pixel images with 2-pixel gaps; 3 columns, an 8-pixel gap after the originals.
        assertEquals(1, image.channels());
        assertEquals(3 * 16 + 4 * 2, image.height());
        assertEquals(3 * 16 + 8 + 3 * 2, image.width());
        Image first = dev.mentor.data.DataSources.parse("idx:" + data, dev.mentor.data.DataOptions.defaults()).load().train().image(0);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                assertEquals(first.get(0, y, x), image.get(0, 2 + y, 2 + x));
            }
        }
        assertUserError(CliFixture.run("augment", "preview", "--policy", "randaugment:m=99", "--data", "idx:" + data, "--out",
                dir.resolve("g2.png").toString()), "--policy", "m=99", "99");
        assertUserError(CliFixture.run("augment", "preview", "--policy", "weak", "--data", "idx:" + data, "--out", grid.toString()), "--out", "--force");
    }

    @Test
    void benchPrintsTheRateLast() {
        CliFixture.Result r = CliFixture.run("bench", "augment", "--policy", "randaugment:n=2,m=9", "--shape", "3x32x32",
                "--images", "500", "--warmup-seconds", "0");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\\R");
        assertTrue(lines[lines.length - 1].matches("img/s: \\d+\\.\\d"), r.out());
        assertUserError(CliFixture.run("bench", "augment", "--shape", "2x28x28"), "--shape", "2x28x28");
        assertUserError(CliFixture.run("bench", "augment", "--policy", "fancy", "--warmup-seconds", "0"), "--policy", "fancy");
    }
}
