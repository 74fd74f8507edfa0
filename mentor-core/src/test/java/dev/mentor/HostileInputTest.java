package dev.mentor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.data.CifarSource;
import dev.mentor.data.DataSpec;
import dev.mentor.data.FolderSource;
import dev.mentor.data.IdxSource;
import dev.mentor.data.ImageFiles;
import dev.mentor.io.Json;
import dev.mentor.io.Safetensors;
import dev.mentor.model.ModelSpec;
import dev.mentor.run.ExperimentConfig;
import dev.mentor.run.RunDirectory;
import dev.mentor.run.SelfTrainingConfig;
import dev.mentor.run.SelfTrainingDirectory;
import dev.mentor.teacher.LegacyPseudoLabelFile;
import dev.mentor.teacher.PseudoLabelFile;
import dev.mentor.teacher.PseudoLabelTargets;
import dev.mentor.teacher.PseudoLabels;
import dev.mentor.testing.SyntheticData;
import dev.mentor.train.Checkpoint;
import dev.mentor.train.LegacyCheckpoint;
import dev.mentor.train.Normalization;
import dev.mentor.train.OptimizerConfig;
import dev.mentor.train.SavedModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader against hostile files: IDX (raw and gzip), CIFAR binary, PNG and JPEG images, run and
 * self-training configs (JSON), pseudo-label artifacts, checkpoints, saved models and safetensors files. Each is fed
 * truncated, bit-flipped, random and oversized-header variants of a valid file (some with their
 * checksums recomputed, so the checks behind the checksum are reached too): thousands of cases, each of
 * which must either read or end in a {@link MentorException} naming the file — never another exception,
 * an out-of-memory error or a hang.
 */
class HostileInputTest {
    private static final long SEED = 20261122L;
    private static final Duration PER_READER = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** A case that failed: what was fed, and what came out. */
    record Failure(String input, Throwable thrown) {
        @Override
        public String toString() {
            return input + " -> " + thrown;
        }
    }

    /** Counts cases and collects failures for one reader. */
    static final class Cases {
        final List<Failure> failures = new ArrayList<>();
        int count;
        int errors;

        /** Runs {@code read}; a MentorException must name {@code mention} (the file or folder). */
        void check(String input, String mention, Runnable read) {
            count++;
            try {
                read.run();
            } catch (MentorException e) {
                errors++;
                String message = e.getMessage();
                if (message == null || message.isBlank() || !message.contains(mention) || message.contains("\n")) {
                    failures.add(new Failure(input, new AssertionError("not one line naming " + mention + ": " + message)));
                }
            } catch (RuntimeException | Error e) {
                failures.add(new Failure(input, e));
            }
        }

        void assertClean(String reader, int atLeast) {
            assertTrue(failures.isEmpty(), reader + ": " + failures.size() + " of " + count + " cases failed, e.g.\n"
                    + String.join("\n", failures.stream().limit(8).map(Failure::toString).toList()));
            assertTrue(count >= atLeast, reader + ": only " + count + " cases");
            assertTrue(errors > count / 2, reader + ": only " + errors + " of " + count + " hostile inputs were refused");
        }
    }

    /** The mutations every file gets: truncated, bit-flipped, spliced, random. */
    static List<byte[]> mutations(byte[] good, SplittableRandom random, int rounds) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            out.add(Arrays.copyOf(good, random.nextInt(good.length)));
            byte[] flipped = good.clone();
            for (int f = 1 + random.nextInt(8); f > 0; f--) {
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            }
            out.add(flipped);
            byte[] header = good.clone();
            int at = random.nextInt(Math.min(64, header.length));
            header[at] = (byte) random.nextInt(256);
            out.add(header);
            int from = random.nextInt(good.length);
            int length = random.nextInt(good.length - from + 1);
            ByteArrayOutputStream spliced = new ByteArrayOutputStream();
            spliced.write(good, 0, from);
            spliced.write(good, from + length / 2, good.length - from - length / 2);
            out.add(spliced.toByteArray());
            byte[] noise = new byte[random.nextInt(4096)];
            random.nextBytes(noise);
            out.add(noise);
        }
        return out;
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    /** A sparse file of {@code length} bytes: it claims a huge size without using the disk. */
    static void sparse(Path file, long length) throws IOException {
        Files.deleteIfExists(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    @Test
    void idxFiles() throws Exception {
        Path good = SyntheticData.idx(dir.resolve("good"), 24, 8, 4);
        Map<String, byte[]> raw = new LinkedHashMap<>();
        for (String name : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")) {
            raw.put(name, gunzip(Files.readAllBytes(good.resolve(name + ".gz"))));
        }
        SplittableRandom random = new SplittableRandom(SEED);
        Cases cases = new Cases();
        Path bad = dir.resolve("idx");
        assertTimeoutPreemptively(PER_READER, () -> {
            for (String target : raw.keySet()) {
                List<byte[]> variants = new ArrayList<>(mutations(raw.get(target), random, 30));
                for (long count : new long[] {0xFFFFFFFFL, 1_000_000_000L, 0x7FFFFFFFL, 25, 0}) {
                    variants.add(withInt(raw.get(target), 4, (int) count));
                }
                if (target.contains("images")) {
                    for (int side : new int[] {0x7FFF, 0x8000, -1, 0, 1 << 20}) {
                        variants.add(withInt(withInt(raw.get(target), 8, side), 12, side));
                    }
                }
                for (byte[] variant : variants) {
                    for (boolean compressed : new boolean[] {false, true}) {
                        writeIdx(bad, raw, target, variant, compressed);
                        cases.check(target + (compressed ? ".gz" : "") + " (" + variant.length + " bytes)", bad.toString(),
                                () -> new IdxSource(bad).load());
                    }
                }
                // the gzip stream itself damaged
                for (byte[] variant : mutations(gzip(raw.get(target)), random, 10)) {
                    writeIdx(bad, raw, target, variant, false);
                    Files.move(bad.resolve(target), bad.resolve(target + ".gz"));
                    cases.check(target + ".gz stream (" + variant.length + " bytes)", bad.toString(), () -> new IdxSource(bad).load());
                }
            }
        });
        cases.assertClean("IDX", 1000);
    }

    private static byte[] withInt(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        if (copy.length >= offset + 4) {
            ByteBuffer.wrap(copy).putInt(offset, value);
        }
        return copy;
    }

    private static void writeIdx(Path folder, Map<String, byte[]> raw, String target, byte[] variant, boolean compressed)
            throws IOException {
        if (Files.exists(folder)) {
            try (var files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> e : raw.entrySet()) {
            byte[] bytes = e.getKey().equals(target) ? variant : e.getValue();
            boolean gz = e.getKey().equals(target) && compressed;
            Files.write(folder.resolve(e.getKey() + (gz ? ".gz" : "")), gz ? gzip(bytes) : bytes);
        }
    }

    @Test
    void cifarBinaries() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        byte[] good = new byte[3 * 3073];
        random.nextBytes(good);
        for (int r = 0; r < 3; r++) {
            good[r * 3073] = (byte) r;
        }
        Path bad = dir.resolve("cifar");
        Files.createDirectories(bad);
        Cases cases = new Cases();
        assertTimeoutPreemptively(PER_READER, () -> {
            for (byte[] variant : mutations(good, random, 60)) {
                Files.write(bad.resolve("data_batch_1.bin"), variant);
                Files.write(bad.resolve("test_batch.bin"), good);
                cases.check("data_batch_1.bin (" + variant.length + " bytes)", bad.toString(),
                        () -> new CifarSource(bad, CifarSource.Variant.CIFAR10).load());
                Files.write(bad.resolve("train.bin"), Arrays.copyOf(variant, variant.length - variant.length % 3074));
                cases.check("train.bin (" + variant.length + " bytes)", bad.toString(),
                        () -> new CifarSource(bad, CifarSource.Variant.CIFAR100).load());
            }
            for (String names : List.of("", "a\nb\n", "\u0000\n".repeat(10), "x\n".repeat(100_000))) {
                Files.write(bad.resolve("data_batch_1.bin"), good);
                Files.writeString(bad.resolve("batches.meta.txt"), names);
                cases.check("batches.meta.txt", bad.toString(), () -> new CifarSource(bad, CifarSource.Variant.CIFAR10).load());
            }
            Files.delete(bad.resolve("batches.meta.txt"));
            // a file as long as 10^12 / 3073 records: refused before anything is allocated
            sparse(bad.resolve("data_batch_2.bin"), 3073L * 1_000_000_000L / 3073 * 3073);
            cases.check("sparse data_batch_2.bin of 10^12 bytes", bad.toString(), () -> new CifarSource(bad, CifarSource.Variant.CIFAR10).load());
        });
        cases.assertClean("CIFAR", 240);
    }

    @Test
    void imageFiles() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        Map<String, byte[]> goods = new LinkedHashMap<>();
        goods.put("png", encode(BufferedImage.TYPE_BYTE_GRAY, "png", random));
        goods.put("jpg", encode(BufferedImage.TYPE_INT_RGB, "jpg", random));
        List<Map.Entry<String, byte[]>> variants = new ArrayList<>();
        for (Map.Entry<String, byte[]> good : goods.entrySet()) {
            mutations(good.getValue(), random, 80).forEach(v -> variants.add(Map.entry(good.getKey(), v)));
        }
        variants.add(Map.entry("png", pngOfSize(goods.get("png"), 1 << 20, 1 << 20)));
        variants.add(Map.entry("png", pngOfSize(goods.get("png"), 100_000, 100_000)));
        variants.add(Map.entry("png", pngOfSize(goods.get("png"), 0, 16)));
        variants.add(Map.entry("jpg", jpegOfSize(goods.get("jpg"), 65_535, 65_535)));
        variants.add(Map.entry("jpg", jpegOfSize(goods.get("jpg"), 0, 0)));
        Cases cases = new Cases();
        assertTimeoutPreemptively(PER_READER, () -> {
            int i = 0;
            for (Map.Entry<String, byte[]> v : variants) {
                Path file = dir.resolve("image-" + (i++) + "." + v.getKey());
                Files.write(file, v.getValue());
                cases.check(file.getFileName() + " (" + v.getValue().length + " bytes)", file.toString(), () -> ImageFiles.read(file));
                Files.delete(file);
            }
            // through a folder data set as well
            Path folder = dir.resolve("folder");
            for (int c = 0; c < 2; c++) {
                Files.createDirectories(folder.resolve("train/c" + c));
                Files.write(folder.resolve("train/c" + c + "/good.png"), goods.get("png"));
            }
            for (int k = 0; k < 40; k++) {
                Map.Entry<String, byte[]> v = variants.get(random.nextInt(variants.size()));
                Path file = folder.resolve("train/c1/bad." + v.getKey());
                Files.write(file, v.getValue());
                cases.check("folder with " + file.getFileName(), folder.toString(), () -> new FolderSource(folder, 16).load());
                Files.delete(file);
            }
        });
        cases.assertClean("images", 800);
    }

    private static byte[] encode(int type, String format, SplittableRandom random) throws IOException {
        BufferedImage image = new BufferedImage(16, 16, type);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** The PNG with its IHDR width and height replaced and the chunk's CRC recomputed: a well-formed lie. */
    private static byte[] pngOfSize(byte[] png, int width, int height) {
        byte[] copy = png.clone();
        ByteBuffer b = ByteBuffer.wrap(copy);
        b.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(copy, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return copy;
    }

    /** The JPEG with its baseline frame header's height and width replaced. */
    private static byte[] jpegOfSize(byte[] jpeg, int width, int height) {
        byte[] copy = jpeg.clone();
        for (int i = 2; i + 9 < copy.length; i++) {
            if ((copy[i] & 0xFF) == 0xFF && (copy[i + 1] & 0xFF) == 0xC0) {
                ByteBuffer.wrap(copy).putShort(i + 5, (short) height).putShort(i + 7, (short) width);
                return copy;
            }
        }
        throw new IllegalStateException("no SOF0 marker");
    }

    @Test
    void runAndSelfTrainingConfigs() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED + 3);
        ExperimentConfig config = new ExperimentConfig(DataSpec.parse("idx:/data"), null, List.of(0, 1), null, null, 40, null, 5, "cnn-small", -1, 0,
                2, 8, 0.05, 0, OptimizerConfig.sgd(5e-4), 0.9, "weak", 0, 0, 0.5, 3, 1);
        SelfTrainingConfig selfTraining = new SelfTrainingConfig(SelfTrainingConfig.NOISY_STUDENT, 2, List.of("cnn-small"), 2,
                PseudoLabelTargets.Kind.SOFT, 0.3, Switch.ON, 0, 1, Switch.ON, Switch.ON, null);
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        config.write(run.resolve(RunDirectory.CONFIG));
        byte[] good = Files.readAllBytes(run.resolve(RunDirectory.CONFIG));
        Json.write(run.resolve(RunDirectory.CONFIG), config); // the layout of builds before records had versions
        byte[] goodLegacy = Files.readAllBytes(run.resolve(RunDirectory.CONFIG));
        new SelfTrainingDirectory.Saved(config, selfTraining).write(run.resolve(RunDirectory.CONFIG));
        byte[] goodSaved = Files.readAllBytes(run.resolve(RunDirectory.CONFIG));
        Cases cases = new Cases();
        assertTimeoutPreemptively(PER_READER, () -> {
            List<byte[]> variants = new ArrayList<>(mutations(good, random, 60));
            variants.addAll(jsonValueMutations(new String(good, StandardCharsets.UTF_8), random, 300));
            variants.addAll(jsonValueMutations(new String(goodLegacy, StandardCharsets.UTF_8), random, 100));
            variants.add(("[".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
            variants.add(("{\"data\":\"" + "x".repeat(30_000_000)).getBytes(StandardCharsets.UTF_8));
            for (byte[] variant : variants) {
                Files.write(run.resolve(RunDirectory.CONFIG), variant);
                cases.check("config.json (" + variant.length + " bytes)", run.toString(), () -> RunDirectory.readConfig(run, "--resume"));
            }
            List<byte[]> saved = new ArrayList<>(mutations(goodSaved, random, 30));
            saved.addAll(jsonValueMutations(new String(goodSaved, StandardCharsets.UTF_8), random, 200));
            for (byte[] variant : saved) {
                Files.write(run.resolve(SelfTrainingDirectory.CONFIG), variant);
                cases.check("self-training config.json (" + variant.length + " bytes)", run.toString(),
                        () -> SelfTrainingDirectory.readConfig(run));
            }
        });
        cases.assertClean("configs", 900);
    }

    private static final String[] HOSTILE_VALUES = {"null", "-1", "0", "1e309", "-1e309", "2147483648", "\"\"", "\"x\"", "[]", "{}",
        "true", "\"../../etc\"", "9223372036854775808", "[1,2,3]", "\"\\u0000\""};

    /** The JSON with one value (a token after a colon) replaced by a hostile one. */
    static List<byte[]> jsonValueMutations(String json, SplittableRandom random, int count) {
        List<Integer> colons = new ArrayList<>();
        for (int i = json.indexOf(':'); i >= 0; i = json.indexOf(':', i + 1)) {
            colons.add(i);
        }
        List<byte[]> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int at = colons.get(random.nextInt(colons.size())) + 1;
            int end = at;
            int depth = 0;
            boolean inString = false;
            while (end < json.length()) {
                char c = json.charAt(end);
                if (inString) {
                    inString = c != '"' || json.charAt(end - 1) == '\\';
                } else if (c == '"') {
                    inString = true;
                } else if (c == '[' || c == '{') {
                    depth++;
                } else if (c == ']' || c == '}') {
                    if (depth-- == 0) {
                        break;
                    }
                } else if (c == ',' && depth == 0) {
                    break;
                }
                end++;
            }
            String value = HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)];
            out.add((json.substring(0, at) + " " + value + json.substring(end)).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The labels of {@link #pseudoLabelArtifacts}: four images of a folder pool, by path. */
    private static PseudoLabels poolLabels() {
        int classes = 3;
        List<String> ids = List.of("a.png", "sub/b.png", "c.jpg", "d.png");
        float[] p = new float[ids.size() * classes];
        for (int i = 0; i < ids.size(); i++) {
            p[i * classes] = 0.5f;
            p[i * classes + 1] = 0.3f;
            p[i * classes + 2] = 0.2f;
        }
        return new PseudoLabels(ids, p, classes);
    }

    private static final PseudoLabelFile.Pool FOLDER_POOL = new PseudoLabelFile.Pool("folder:/pool", null, null, null, null, null, null, 4);
    private static final PseudoLabelFile.Teacher TEACHER = new PseudoLabelFile.Teacher("/teacher", "cnn-small", "abc", null);

    @Test
    void pseudoLabelArtifacts() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED + 4);
        Path folder = dir.resolve("labels");
        PseudoLabelFile.write(folder, poolLabels(), PseudoLabelFile.IdKind.PATH, List.of("x", "y", "z"), TEACHER, FOLDER_POOL);
        LabelArtifact artifact = LabelArtifact.written(folder, PseudoLabelFile.PAYLOAD);
        byte[] payload = artifact.payload();
        int tensorsLength = (int) ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String tensorsHeader = new String(payload, 8, tensorsLength, StandardCharsets.UTF_8).strip();
        byte[] data = Arrays.copyOfRange(payload, 8 + tensorsLength, payload.length);
        Cases cases = new Cases();
        assertTimeoutPreemptively(PER_READER, () -> {
            List<byte[]> forgeries = new ArrayList<>();
            for (byte[] variant : mutations(payload, random, 60)) {
                artifact.checkPayload(cases, variant);
                forgeries.add(variant);
            }
            // the safetensors header inside the payload with one hostile value (a shape, an offset, a dtype, the metadata)
            for (byte[] h : jsonValueMutations(tensorsHeader, random, 300)) {
                forgeries.add(safetensorsBytes(h, data));
            }
            forgeries.add(safetensorsBytes(tensorsHeader.replace("\"shape\":[4,3]", "\"shape\":[1000000000,3]")
                    .getBytes(StandardCharsets.UTF_8), data));
            // ids that would leave the pool folder
            for (String evil : List.of("../evil.png", "/etc/passwd", "a/../../b.png", "C:\\x.png", "a//b.png", "./a.png", "a\u0000.png")) {
                forgeries.add(withPathId(artifact.file(), payload, 2, evil));
            }
            // each behind a header that vouches for it (size and SHA-256 recomputed), so the checks behind the digest are reached
            for (byte[] forged : forgeries) {
                artifact.checkVouched(cases, "forged payload (" + forged.length + " bytes)", forged);
            }
            Files.write(artifact.file(), payload);
            checkPseudoLabelHeaders(cases, folder, artifact.header(), random);
            Files.writeString(folder.resolve(PseudoLabelFile.HEADER),
                    artifact.headerText().replaceAll("\"count\" : \\d+", "\"count\" : 1000000000"));
            artifact.check(cases, "count 10^9 in the header");
            artifact.checkSparse(cases);
        });
        cases.assertClean("pseudo-labels", 900);
        assertEquals(poolLabels().ids(), artifact.readBack());
    }

    /** Artifacts of version 1 ({@code MENTORPL}, written by {@link LegacyPseudoLabelFile}) still read, so their reader meets the same. */
    @Test
    void legacyPseudoLabelArtifacts() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED + 7);
        Path folder = dir.resolve("labels");
        LegacyPseudoLabelFile.write(folder, poolLabels(), PseudoLabelFile.IdKind.PATH, List.of("x", "y", "z"), TEACHER, FOLDER_POOL);
        LabelArtifact artifact = LabelArtifact.written(folder, PseudoLabelFile.LEGACY_PAYLOAD);
        byte[] payload = artifact.payload();
        Cases cases = new Cases();
        assertTimeoutPreemptively(PER_READER, () -> {
            for (byte[] variant : mutations(payload, random, 60)) {
                artifact.checkPayload(cases, variant);
                // the same damage behind a header that vouches for it (length and SHA-256 recomputed, CRC too)
                byte[] forged = withCrc(variant);
                artifact.checkVouched(cases, "forged payload (" + forged.length + " bytes)", forged);
                Files.write(folder.resolve(PseudoLabelFile.HEADER), artifact.header());
            }
            Files.write(artifact.file(), payload);
            checkPseudoLabelHeaders(cases, folder, artifact.header(), random);
            // ids that would leave the pool folder, and a count of 10^9 images, behind valid checksums
            for (String evil : List.of("../evil.png", "/etc/passwd", "a/../../b.png", "C:\\x.png", "a//b.png", "./a.png", "a\u0000.png")) {
                artifact.checkVouched(cases, "id " + evil, withCrc(replaceId(payload, "c.jpg", evil)));
            }
            byte[] huge = withCrc(withIntLe(payload, 16, 1_000_000_000));
            Files.write(artifact.file(), huge);
            Files.writeString(folder.resolve(PseudoLabelFile.HEADER),
                    vouching(artifact.headerText(), huge).replaceAll("\"count\" : \\d+", "\"count\" : 1000000000"));
            artifact.check(cases, "count 10^9 in payload and header");
            artifact.checkSparse(cases);
        });
        cases.assertClean("version-1 pseudo-labels", 900);
        assertEquals(poolLabels().ids(), artifact.readBack());
    }

    /** A pseudo-label artifact as written ({@code header} and {@code payload}, the good files), and checks of its reader on altered copies. */
    private record LabelArtifact(Path folder, Path file, byte[] header, byte[] payload) {
        /** The artifact just written into {@code folder}, its payload the file {@code name}. */
        static LabelArtifact written(Path folder, String name) throws IOException {
            Path file = folder.resolve(name);
            return new LabelArtifact(folder, file, Files.readAllBytes(folder.resolve(PseudoLabelFile.HEADER)), Files.readAllBytes(file));
        }

        String headerText() {
            return new String(header, StandardCharsets.UTF_8);
        }

        /** Reads the artifact as its files now are. */
        void check(Cases cases, String input) {
            cases.check(input, folder.toString(), () -> PseudoLabelFile.read(folder));
        }

        /** {@code variant} as the payload, behind the header as it is. */
        void checkPayload(Cases cases, byte[] variant) throws IOException {
            Files.write(file, variant);
            check(cases, "payload (" + variant.length + " bytes)");
        }

        /** {@code forged} as the payload, behind a header that vouches for it (size and SHA-256 recomputed). */
        void checkVouched(Cases cases, String input, byte[] forged) throws Exception {
            Files.write(file, forged);
            Files.writeString(folder.resolve(PseudoLabelFile.HEADER), vouching(headerText(), forged));
            check(cases, input);
        }

        /** The good header over a sparse payload of 2^40 bytes. */
        void checkSparse(Cases cases) throws IOException {
            Files.write(folder.resolve(PseudoLabelFile.HEADER), header);
            sparse(file, 1L << 40);
            check(cases, "sparse payload of 2^40 bytes");
        }

        /** The good files written back, read: the ids they hold. */
        List<String> readBack() throws IOException {
            Files.write(folder.resolve(PseudoLabelFile.HEADER), header);
            Files.write(file, payload);
            return PseudoLabelFile.read(folder).labels().ids();
        }
    }

    /** The artifact's JSON header mutated (bytes and values) over a good payload; the good header is back afterwards. */
    private static void checkPseudoLabelHeaders(Cases cases, Path folder, byte[] header, SplittableRandom random) throws IOException {
        String headerText = new String(header, StandardCharsets.UTF_8);
        List<byte[]> headers = new ArrayList<>(mutations(header, random, 40));
        headers.addAll(jsonValueMutations(headerText, random, 300));
        headers.add(headerText.replaceAll("\"count\" : \\d+", "\"count\" : 2000000000").getBytes(StandardCharsets.UTF_8));
        for (byte[] variant : headers) {
            Files.write(folder.resolve(PseudoLabelFile.HEADER), variant);
            cases.check("header (" + variant.length + " bytes)", folder.toString(), () -> PseudoLabelFile.read(folder));
        }
        Files.write(folder.resolve(PseudoLabelFile.HEADER), header);
    }

    /** A safetensors file of {@code header} (JSON, unpadded) and {@code data}. */
    private static byte[] safetensorsBytes(byte[] header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** The version-2 {@code payload} (of {@code file}) with image {@code i}'s path id replaced by {@code id}, well-formed otherwise. */
    private static byte[] withPathId(Path file, byte[] payload, int i, String id) throws IOException {
        Files.write(file, payload);
        Safetensors.Contents contents = Safetensors.read(file);
        long[] offsets = contents.tensors().get("path_offsets").longs();
        byte[] bytes = contents.tensors().get("path_bytes").data();
        ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
        long[] moved = new long[offsets.length];
        for (int k = 0; k + 1 < offsets.length; k++) {
            if (k == i) {
                utf8.writeBytes(id.getBytes(StandardCharsets.UTF_8));
            } else {
                utf8.write(bytes, (int) offsets[k], (int) (offsets[k + 1] - offsets[k]));
            }
            moved[k + 1] = utf8.size();
        }
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>(contents.tensors());
        tensors.put("path_offsets", Safetensors.Tensor.i64(moved, moved.length));
        tensors.put("path_bytes", Safetensors.Tensor.u8(utf8.toByteArray(), utf8.size()));
        Path forged = file.resolveSibling("forged.safetensors");
        Safetensors.write(forged, tensors, contents.metadata());
        byte[] out = Files.readAllBytes(forged);
        Files.delete(forged);
        return out;
    }

    private static byte[] withIntLe(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return copy;
    }

    /** Replaces the last 8 bytes with the CRC-32 of the rest (as version-1 pseudo-label payloads and checkpoints end). */
    private static byte[] withCrc(byte[] bytes) {
        if (bytes.length < 8) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        CRC32 crc = new CRC32();
        crc.update(copy, 0, copy.length - 8);
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(copy.length - 8, crc.getValue());
        return copy;
    }

    private static String vouching(String header, byte[] payload) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        return header.replaceAll("\"payloadBytes\" : \\d+", "\"payloadBytes\" : " + payload.length)
                .replaceAll("\"payloadSha256\" : \"[0-9a-f]+\"", "\"payloadSha256\" : \"" + sha + "\"");
    }

    private static byte[] replaceId(byte[] payload, String id, String replacement) {
        byte[] from = id.getBytes(StandardCharsets.UTF_8);
        byte[] to = replacement.getBytes(StandardCharsets.UTF_8);
        for (int i = 4; i + from.length <= payload.length; i++) {
            if (Arrays.equals(payload, i, i + from.length, from, 0, from.length)
                    && ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).getInt(i - 4) == from.length) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(payload, 0, i - 4);
                out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(to.length).array());
                out.writeBytes(to);
                out.write(payload, i + from.length, payload.length - i - from.length);
                return out.toByteArray();
            }
        }
        throw new IllegalStateException("id not found: " + id);
    }

    @Test
    void checkpointsAndSavedModels() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED + 5);
        Map<String, float[]> arrays = new LinkedHashMap<>();
        arrays.put("model/conv_weight", new float[] {1f, 2f, 3f, 4f});
        arrays.put("model/bias", new float[] {0.5f});
        arrays.put("optimizer/momentum/conv_weight", new float[] {0f, 0f, 0f, 0f});
        Path file = dir.resolve("checkpoint.ckpt");
        new Checkpoint("{\"epoch\":2,\"history\":[]}", arrays).write(file);
        byte[] good = Files.readAllBytes(file);
        // runs written before checkpoints became safetensors files hold version 1, which still reads
        byte[] legacy = LegacyCheckpoint.bytes("{\"epoch\":2,\"history\":[]}", arrays);
        Path model = dir.resolve("model.ckpt");
        new SavedModel(new ModelSpec("cnn-small", 1, 16, 16, 4, -1, 0), new Normalization(new float[] {0.3f}, new float[] {0.3f}),
                List.of("a", "b", "c", "d"), arrays).write(model);
        byte[] goodModel = Files.readAllBytes(model);
        Cases cases = new Cases();
        assertTimeoutPreemptively(PER_READER, () -> {
            List<byte[]> variants = new ArrayList<>();
            variants.addAll(mutations(good, random, 60));
            for (byte[] v : mutations(legacy, random, 60)) {
                variants.add(v);
                variants.add(withCrc(v));
            }
            for (int offset : new int[] {12, legacy.length - 8 - 4 * 4 - 4}) {
                for (int value : new int[] {Integer.MAX_VALUE, -1, 1 << 30}) {
                    variants.add(withCrc(withIntLe(legacy, offset, value)));
                }
            }
            for (byte[] variant : variants) {
                Files.write(file, variant);
                cases.check("checkpoint (" + variant.length + " bytes)", file.toString(), () -> Checkpoint.read(file));
                cases.check("checkpoint with fallback (" + variant.length + " bytes)", file.toString(),
                        () -> Checkpoint.readLatest(file, line -> {}));
            }
            sparse(file, 1L << 40);
            cases.check("sparse checkpoint of 2^40 bytes", file.toString(), () -> Checkpoint.read(file));
            List<byte[]> models = new ArrayList<>();
            models.addAll(mutations(goodModel, random, 40));
            String header = Checkpoint.read(model).header();
            byte[] legacyModel = LegacyCheckpoint.bytes(header, arrays);
            for (byte[] v : mutations(legacyModel, random, 40)) {
                models.add(v);
                models.add(withCrc(v));
            }
            for (byte[] h : jsonValueMutations(header, random, 200)) {
                models.add(checkpointBytes(new String(h, StandardCharsets.UTF_8), arrays));
            }
            for (byte[] variant : models) {
                Files.write(model, variant);
                cases.check("model (" + variant.length + " bytes)", model.toString(), () -> SavedModel.read(model));
            }
        });
        cases.assertClean("checkpoints", 1000);
    }

    @Test
    void safetensorsFiles() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED + 6);
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        tensors.put("f.0.weight", Safetensors.Tensor.f32(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 3, 2));
        tensors.put("f.1.num_batches_tracked", Safetensors.Tensor.i64(new long[] {7L}));
        tensors.put("f.1.bias", Safetensors.Tensor.f32(new float[] {0.5f, -0.5f}, 2));
        Path file = dir.resolve("model.safetensors");
        Map<String, String> metadata = new LinkedHashMap<>(); // Map.of's order, and so the file, would change from JVM to JVM
        metadata.put("architecture", "cnn-small");
        metadata.put("class_names", "[\"a\",\"b\"]");
        Safetensors.write(file, tensors, metadata);
        byte[] good = Files.readAllBytes(file);
        int headerLength = (int) ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(good, 8, headerLength, StandardCharsets.UTF_8).strip();
        byte[] data = Arrays.copyOfRange(good, 8 + headerLength, good.length);
        Cases cases = new Cases();
        assertTimeoutPreemptively(PER_READER, () -> {
            List<byte[]> variants = new ArrayList<>(mutations(good, random, 80));
            for (byte[] h : jsonValueMutations(header, random, 300)) {
                ByteArrayOutputStream forged = new ByteArrayOutputStream();
                forged.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
                forged.write(h);
                forged.write(data);
                variants.add(forged.toByteArray());
            }
            for (long length : new long[] {-1L, Long.MAX_VALUE, 1L << 31, good.length, headerLength + 1L, headerLength - 1L}) {
                byte[] forged = good.clone();
                ByteBuffer.wrap(forged).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
                variants.add(forged);
            }
            for (byte[] variant : variants) {
                Files.write(file, variant);
                cases.check("safetensors (" + variant.length + " bytes)", file.toString(), () -> Safetensors.read(file));
            }
            sparse(file, 1L << 40);
            cases.check("sparse safetensors of 2^40 bytes", file.toString(), () -> Safetensors.read(file));
        });
        cases.assertClean("safetensors", 700);
    }

    private byte[] checkpointBytes(String header, Map<String, float[]> arrays) throws IOException {
        Path tmp = dir.resolve("forged.ckpt");
        new Checkpoint(header, arrays).write(tmp);
        return Files.readAllBytes(tmp);
    }
}
