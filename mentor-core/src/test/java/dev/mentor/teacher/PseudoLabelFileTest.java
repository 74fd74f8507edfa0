package dev.mentor.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.MentorException;
import dev.mentor.io.Safetensors;
import dev.mentor.io.Safetensors.DType;
import dev.mentor.io.Safetensors.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifact round-trips exactly, is a safetensors file any reader parses, and every kind of damage is refused naming the file and record. */
class PseudoLabelFileTest {
    private static final List<String> NAMES = List.of("class0", "class1", "class2");
    private static final PseudoLabelFile.Teacher TEACHER = new PseudoLabelFile.Teacher("runs/t", "cnn-small", "0123456789abcdef", "f00d");
    private static final PseudoLabelFile.Pool POOL = new PseudoLabelFile.Pool("idx:/data", null, "f00d", 0L, 30, null, 5, 200);
    private static final PseudoLabelFile.Pool FOLDER = new PseudoLabelFile.Pool("folder:/pool", List.of(0, 2, 5), null, null, null, null, null, 3);

    @TempDir
    Path dir;

    private static PseudoLabels paths() {
        float[] p = {0.7f, 0.2f, 0.1f, 0.1f, 0.1f, 0.8f, 1f / 3, 1f / 3, 1f / 3};
        return new PseudoLabels(List.of("a.png", "sub/b.png", "sub/deeper/c ü.jpg"), p, 3);
    }

    private void writeIndex() {
        PseudoLabelFile.write(dir, SelectionTest.pool(), PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
    }

    @Test
    void indexIdsRoundTripExactly() {
        PseudoLabels labels = SelectionTest.pool();
        PseudoLabels shifted = new PseudoLabels(labels.ids().stream().map(id -> Integer.toString(Integer.parseInt(id) + 50)).toList(),
                labels.probabilities(), 3);
        PseudoLabelFile.Header written = PseudoLabelFile.write(dir, shifted, PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
        PseudoLabelFile.Artifact back = PseudoLabelFile.read(dir);
        assertEquals(shifted.ids(), back.labels().ids());
        assertArrayEquals(shifted.probabilities(), back.labels().probabilities());
        assertEquals(written, back.header());
        assertEquals(TEACHER, back.header().teacher());
        assertEquals(POOL, back.header().pool());
        assertEquals(NAMES, back.header().classNames());
        assertEquals(10, back.header().count());
        assertEquals(2, back.header().version());
        assertEquals("pseudo-labels.safetensors", back.header().payload());
        assertFalse(Files.exists(dir.resolve(PseudoLabelFile.LEGACY_PAYLOAD)));
    }

    @Test
    void pathIdsRoundTripAndTiesPickTheFirstClass() {
        PseudoLabelFile.write(dir, paths(), PseudoLabelFile.IdKind.PATH, NAMES, TEACHER, FOLDER);
        PseudoLabels back = PseudoLabelFile.read(dir).labels();
        assertEquals(paths().ids(), back.ids());
        assertEquals(0, back.label(2));
        assertEquals((float) Math.log(3), back.entropy(2), 1e-6f);
        assertEquals(dir.toAbsolutePath().resolve("sub/b.png"), PseudoLabelFile.resolve(dir, "sub/b.png"));
    }

    /**
     * What a reader without Mentor does (Python's {@code struct} and {@code json}, or {@code safetensors.numpy.load_file}):
     * the first 8 bytes are the header's length, the header is JSON naming every tensor's dtype, shape and offsets in
     * the data, each tensor aligned to its element size, and the values are plain little-endian arrays; the header's
     * SHA-256 is that of the file's bytes.
     */
    @Test
    void thePayloadIsASafetensorsFileAnyReaderParses() throws Exception {
        PseudoLabelFile.write(dir, paths(), PseudoLabelFile.IdKind.PATH, NAMES, TEACHER, FOLDER);
        byte[] bytes = Files.readAllBytes(dir.resolve("pseudo-labels.safetensors"));
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = in.getLong(0);
        assertEquals(0, n % 8);
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        assertEquals("{\"format\":\"mentor-pseudo-labels\",\"version\":\"2\",\"id_kind\":\"PATH\"}", header.get("__metadata__").toString());
        int start = 8 + (int) n;
        Map<String, String> layout = new LinkedHashMap<>();
        long at = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode t = e.getValue();
            layout.put(e.getKey(), t.get("dtype").asText() + " " + t.get("shape"));
            long begin = t.get("data_offsets").get(0).asLong();
            assertEquals(at, begin, e.getKey() + " follows the tensor before");
            assertEquals(0, (start + begin) % DType.valueOf(t.get("dtype").asText()).bytes(), e.getKey() + " is aligned");
            at = t.get("data_offsets").get(1).asLong();
        }
        assertEquals(bytes.length - start, at, "the tensors cover the data");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("labels", "I64 [3]");
        expected.put("path_offsets", "I64 [4]");
        expected.put("distributions", "F32 [3,3]");
        expected.put("confidences", "F32 [3]");
        expected.put("entropies", "F32 [3]");
        expected.put("path_bytes", "U8 [" + String.join("", paths().ids()).getBytes(StandardCharsets.UTF_8).length + "]");
        assertEquals(expected, layout);

        int labels = start + header.at("/labels/data_offsets/0").asInt();
        int offsets = start + header.at("/path_offsets/data_offsets/0").asInt();
        int distributions = start + header.at("/distributions/data_offsets/0").asInt();
        int path = start + header.at("/path_bytes/data_offsets/0").asInt();
        for (int i = 0; i < 3; i++) {
            assertEquals(paths().label(i), in.getLong(labels + 8 * i));
            int from = (int) in.getLong(offsets + 8 * i);
            int to = (int) in.getLong(offsets + 8 * (i + 1));
            assertEquals(paths().ids().get(i), new String(bytes, path + from, to - from, StandardCharsets.UTF_8));
            for (int c = 0; c < 3; c++) {
                assertEquals(paths().probability(i, c), in.getFloat(distributions + 4 * (3 * i + c)));
            }
        }
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(sha, new ObjectMapper().readTree(dir.resolve(PseudoLabelFile.HEADER).toFile()).get("payloadSha256").asText());
    }

    /**
     * Python reads the artifact with the standard library alone (and with {@code safetensors.numpy} when it is
     * installed): the ids, labels and distributions Mentor reads. Skipped where there is no {@code python3}.
     */
    @Test
    void pythonReadsTheSameLabels() throws Exception {
        Assumptions.assumeTrue(python("-c", "import hashlib, json, struct") != null, "no python3 here");
        Path script = dir.resolve("read_pseudo_labels.py");
        try (InputStream in = getClass().getResourceAsStream("read_pseudo_labels.py")) {
            Files.write(script, in.readAllBytes());
        }
        for (PseudoLabelFile.IdKind kind : PseudoLabelFile.IdKind.values()) {
            Path folder = dir.resolve(kind.name());
            PseudoLabels labels = kind == PseudoLabelFile.IdKind.PATH ? paths() : SelectionTest.pool();
            PseudoLabelFile.write(folder, labels, kind, NAMES, TEACHER, kind == PseudoLabelFile.IdKind.PATH ? FOLDER : POOL);
            String output = python(script.toString(), folder.toString());
            assertTrue(output != null, "the script failed");
            JsonNode read = new ObjectMapper().readTree(output);
            List<String> ids = new ArrayList<>();
            read.get("ids").forEach(id -> ids.add(id.asText()));
            assertEquals(labels.ids(), ids, read.get("reader").asText());
            for (int i = 0; i < labels.size(); i++) {
                assertEquals(labels.label(i), read.get("labels").get(i).asInt());
                assertEquals(labels.confidence(i), (float) read.get("confidences").get(i).asDouble());
                for (int c = 0; c < 3; c++) {
                    assertEquals(labels.probability(i, c), (float) read.get("distributions").get(i).get(c).asDouble());
                }
            }
        }
    }

    /** What {@code python3 ARGS} prints, or null when it cannot run or fails. */
    private static String python(String... args) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return null;
        }
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            process.destroyForcibly();
            return null;
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return null;
        }
        return process.exitValue() == 0 ? out : null;
    }

    @Test
    void pathsThatCouldLeaveTheFolderAreRefused() {
        for (String bad : new String[] {"../x.png", "/etc/passwd", "a/../../b.png", "a//b.png", "./a.png", "C:/x.png",
            "a\\..\\b.png", "a\nb.png", ""}) {
            assertThrows(MentorException.class, () -> PseudoLabelFile.checkRelative(bad), bad);
            assertThrows(MentorException.class, () -> PseudoLabelFile.resolve(dir, bad), bad);
        }
    }

    @Test
    void aSymbolicLinkOutOfTheFolderIsRefused() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path pool = Files.createDirectories(dir.resolve("pool"));
        Files.writeString(outside.resolve("secret.png"), "x");
        Files.createSymbolicLink(pool.resolve("link"), outside);
        MentorException e = assertThrows(MentorException.class, () -> PseudoLabelFile.resolve(pool, "link/secret.png"));
        assertTrue(e.getMessage().contains("links outside"), e.getMessage());
    }

    @Test
    void aPathLeavingTheFolderInsideThePayloadIsRefusedOnReading() throws Exception {
        PseudoLabels labels = new PseudoLabels(List.of("aaaaaaaa.png"), new float[] {0.5f, 0.3f, 0.2f}, 3);
        PseudoLabelFile.write(dir, labels, PseudoLabelFile.IdKind.PATH, NAMES, TEACHER, FOLDER);
        assertDamage(t -> path(t, "../x.png".getBytes(StandardCharsets.US_ASCII)), "record 0", "'..'");
        PseudoLabelFile.write(dir, labels, PseudoLabelFile.IdKind.PATH, NAMES, TEACHER, FOLDER);
        assertDamage(t -> path(t, new byte[] {'a', (byte) 0xFF, 'b', '.', 'p', 'n', 'g'}), "record 0", "not UTF-8");
    }

    /** The one image's path replaced by {@code utf8}. */
    private static void path(Map<String, Tensor> tensors, byte[] utf8) {
        tensors.put("path_offsets", Tensor.i64(new long[] {0, utf8.length}, 2));
        tensors.put("path_bytes", Tensor.u8(utf8, utf8.length));
    }

    @Test
    void damagedRecordsAreRefusedNamingTheRecord() throws Exception {
        writeIndex();
        assertDamage(t -> setLong(t, "labels", 3, 2), "record 3 (id 103)", "hard label 2 is not the most probable class 0");
        writeIndex();
        assertDamage(t -> setFloat(t, "distributions", 3 + 1, 0.9f), "record 1", "sum to");
        writeIndex();
        assertDamage(t -> setFloat(t, "confidences", 2, 0.41f), "record 2", "confidence 0.41");
        writeIndex();
        assertDamage(t -> setFloat(t, "entropies", 2, 3f), "record 2", "entropy 3.0");
        writeIndex();
        assertDamage(t -> setLong(t, "ids", 4, 101), "record 4 (id 101)", "appears twice");
        writeIndex();
        assertDamage(t -> setLong(t, "ids", 0, 200), "record 0", "index 200 is outside the training set of 200");
        writeIndex();
        assertDamage(t -> setLong(t, "ids", 0, -1L << 40), "record 0", "index -1099511627776");
        writeIndex();
        assertDamage(t -> setFloat(t, "distributions", 5 * 3 + 2, Float.NaN), "record 5", "NaN");
        writeIndex();
        assertDamage(t -> setLong(t, "labels", 1, 1L << 32), "record 1", "hard label 4294967296");
    }

    /** Tensors missing, extra, of another dtype or shape, metadata not Mentor's, path offsets that do not tile the bytes. */
    @Test
    void aPayloadThatIsNotTheHeadersIsRefused() throws Exception {
        writeIndex();
        assertDamage(t -> t.remove("entropies"), "tensors", "expected [confidences, distributions, entropies, ids, labels]");
        writeIndex();
        assertDamage(t -> t.put("extra", Tensor.f32(new float[] {1f}, 1)), "tensors", "extra");
        writeIndex();
        assertDamage(t -> t.put("labels", Tensor.f32(new float[10], 10)), "tensor 'labels' is F32 [10], expected I64 [10]");
        writeIndex();
        assertDamage(t -> t.put("distributions", Tensor.f32(t.get("distributions").floats(), 3, 10)),
                "tensor 'distributions' is F32 [3, 10], expected F32 [10, 3]");
        writeIndex();
        String good = Files.readString(dir.resolve(PseudoLabelFile.HEADER));
        Files.writeString(dir.resolve(PseudoLabelFile.HEADER), good.replace("\"count\" : 10", "\"count\" : 11"));
        assertRefused("tensor 'labels' is I64 [10], expected I64 [11]");
        writeIndex();
        assertDamage(t -> { }, m -> m.put("id_kind", "PATH"), "metadata", "'PATH'", "are not the header's");
        writeIndex();
        assertDamage(t -> { }, m -> m.put("version", "1"), "metadata", "'1'");
        writeIndex();
        assertDamage(t -> { }, Map::clear, "metadata", "null");

        PseudoLabelFile.write(dir, paths(), PseudoLabelFile.IdKind.PATH, NAMES, TEACHER, FOLDER);
        assertDamage(t -> setLong(t, "path_offsets", 0, 1), "path offsets run from 1 to 33, not over the 33 path bytes");
        PseudoLabelFile.write(dir, paths(), PseudoLabelFile.IdKind.PATH, NAMES, TEACHER, FOLDER);
        assertDamage(t -> setLong(t, "path_offsets", 1, 0), "record 0", "path bytes 0 to 0");
        PseudoLabelFile.write(dir, paths(), PseudoLabelFile.IdKind.PATH, NAMES, TEACHER, FOLDER);
        assertDamage(t -> setLong(t, "path_offsets", 2, 3), "record 1", "path bytes 5 to 3");
        PseudoLabelFile.write(dir, paths(), PseudoLabelFile.IdKind.PATH, NAMES, TEACHER, FOLDER);
        assertDamage(t -> setLong(t, "path_offsets", 2, 1000), "record 1", "path bytes 5 to 1000");
        PseudoLabelFile.write(dir, paths(), PseudoLabelFile.IdKind.PATH, NAMES, TEACHER, FOLDER);
        assertDamage(t -> t.put("path_offsets", Tensor.i64(new long[] {0, 5, 33}, 3)), "tensor 'path_offsets' is I64 [3], expected I64 [4]");
        PseudoLabelFile.write(dir, paths(), PseudoLabelFile.IdKind.PATH, NAMES, TEACHER, FOLDER);
        assertDamage(t -> t.put("path_bytes", Tensor.f32(new float[] {1f}, 1)), "tensor 'path_bytes' is F32 [1], expected U8 [4]");
    }

    @Test
    void aChangedTruncatedOrMissingPayloadIsRefused() throws Exception {
        writeIndex();
        Path payload = dir.resolve(PseudoLabelFile.PAYLOAD);
        byte[] bytes = Files.readAllBytes(payload);
        bytes[bytes.length - 17] ^= 1;
        Files.write(payload, bytes);
        assertRefused("SHA-256");
        Files.write(payload, Arrays.copyOf(bytes, 100));
        assertRefused("truncated");
        Files.delete(payload);
        assertRefused(PseudoLabelFile.PAYLOAD);
    }

    /** No bit of either version's payload can change unseen: every byte flipped is a one-line error naming the file. */
    @Test
    void aFlippedBitAnywhereInEitherPayloadIsFound() throws Exception {
        PseudoLabelFile.write(dir, paths(), PseudoLabelFile.IdKind.PATH, NAMES, TEACHER, FOLDER);
        assertEveryFlippedBitFound(dir.resolve(PseudoLabelFile.PAYLOAD));
        Path old = dir.resolve("v1");
        LegacyPseudoLabelFile.write(old, paths(), PseudoLabelFile.IdKind.PATH, NAMES, TEACHER, FOLDER);
        assertEveryFlippedBitFound(old.resolve(PseudoLabelFile.LEGACY_PAYLOAD));
    }

    private static void assertEveryFlippedBitFound(Path file) throws IOException {
        byte[] good = Files.readAllBytes(file);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            Files.write(file, bad);
            MentorException e = assertThrows(MentorException.class, () -> PseudoLabelFile.read(file.getParent()), "byte " + i);
            assertTrue(e.getMessage().startsWith(file.toString()) && !e.getMessage().contains("\n"), e.getMessage());
        }
        Files.write(file, good);
        PseudoLabelFile.read(file.getParent());
    }

    @Test
    void aForeignOrInconsistentHeaderIsRefused() throws Exception {
        writeIndex();
        Path header = dir.resolve(PseudoLabelFile.HEADER);
        String good = Files.readString(header);
        Files.writeString(header, good.replace("\"version\" : 2", "\"version\" : 7"));
        assertRefused("version 7 is not supported (expected 1 or 2)");
        Files.writeString(header, good.replace("\"classes\" : 3", "\"classes\" : 4"));
        assertRefused("do not fit");
        Files.writeString(header, good.replace("\"payload\" : \"pseudo-labels.safetensors\"", "\"payload\" : \"../../etc/passwd\""));
        assertRefused("../../etc/passwd");
        Files.writeString(header, good.replace("\"payload\" : \"pseudo-labels.safetensors\"", "\"payload\" : \"a\\nb\""));
        assertRefused("got 'a?b'");
        Files.writeString(header, good.replace("\"format\" : \"mentor-pseudo-labels\"", "\"format\" : \"x\\ny\""));
        assertRefused("format is 'x?y'");
        Files.writeString(header, good.replace("\"payload\" : \"pseudo-labels.safetensors\"", "\"payload\" : \"pseudo-labels.bin\""));
        assertRefused("payload of version 2 must be 'pseudo-labels.safetensors'");
        Files.writeString(header, good.replace("\"version\" : 2", "\"version\" : 1"));
        assertRefused("payload of version 1 must be 'pseudo-labels.bin'");
        Files.writeString(header, "{\"format\": \"something-else\"}");
        assertRefused("something-else");
        Files.writeString(header, "[1, 2");
        assertTrue(assertThrows(MentorException.class, () -> PseudoLabelFile.read(dir)).getMessage().startsWith(header.toString()));
        Files.delete(header);
        assertRefused("no pseudo-label header");
    }

    /** Artifacts written before the payload became a safetensors file (version 1, MENTORPL) still read, and are checked as they were. */
    @Test
    void versionOneArtifactsStillRead() throws Exception {
        LegacyPseudoLabelFile.write(dir, paths(), PseudoLabelFile.IdKind.PATH, NAMES, TEACHER, FOLDER);
        PseudoLabelFile.Artifact back = PseudoLabelFile.read(dir);
        assertEquals(1, back.header().version());
        assertEquals(paths().ids(), back.labels().ids());
        assertArrayEquals(paths().probabilities(), back.labels().probabilities());
        assertEquals(FOLDER, back.header().pool());

        Path index = dir.resolve("index");
        LegacyPseudoLabelFile.write(index, SelectionTest.pool(), PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
        assertEquals(SelectionTest.pool().ids(), PseudoLabelFile.read(index).labels().ids());
        assertArrayEquals(SelectionTest.pool().probabilities(), PseudoLabelFile.read(index).labels().probabilities());
    }

    /** Offset of record i's fields in a version-1 index-id payload of 3 classes: id, label, confidence, entropy, p0..p2. */
    private static int legacyRecord(int i) {
        return 8 + 16 + i * (4 + 12 + 12);
    }

    @Test
    void versionOneDamageBehindValidChecksumsIsStillRefused() throws Exception {
        String[][] cases = {
            {"label", "record 3", "hard label 2 is not the most probable class 0"}, {"sum", "record 1", "sum to"},
            {"duplicate", "record 4 (id 101)", "appears twice"}, {"outside", "record 0", "index 200 is outside the training set of 200"},
            {"count", "count 11", "disagree with the header"}, {"confidence", "record 2", "confidence 0.41"}};
        for (String[] c : cases) {
            LegacyPseudoLabelFile.write(dir, SelectionTest.pool(), PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
            assertLegacyDamage(b -> {
                ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                switch (c[0]) {
                    case "label" -> le.putInt(legacyRecord(3) + 4, 2);
                    case "sum" -> le.putFloat(legacyRecord(1) + 16, 0.9f);
                    case "duplicate" -> le.putInt(legacyRecord(4), 101);
                    case "outside" -> le.putInt(legacyRecord(0), 200);
                    case "count" -> le.putInt(8 + 8, 11);
                    default -> le.putFloat(legacyRecord(2) + 8, 0.41f);
                }
            }, Arrays.copyOfRange(c, 1, c.length));
        }
        PseudoLabels one = new PseudoLabels(List.of("aaaaaaaa.png"), new float[] {0.5f, 0.3f, 0.2f}, 3);
        LegacyPseudoLabelFile.write(dir, one, PseudoLabelFile.IdKind.PATH, NAMES, TEACHER, FOLDER);
        assertLegacyDamage(b -> System.arraycopy("../x.png".getBytes(StandardCharsets.US_ASCII), 0, b, 8 + 4 * 4 + 4, 8), "record 0", "'..'");
    }

    /** Writing an artifact where a version-1 one lies replaces it whole: the old payload goes with the header naming it. */
    @Test
    void writingOverAVersionOneArtifactReplacesIt() throws Exception {
        LegacyPseudoLabelFile.write(dir, SelectionTest.pool(), PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
        writeIndex();
        assertFalse(Files.exists(dir.resolve(PseudoLabelFile.LEGACY_PAYLOAD)));
        assertEquals(2, PseudoLabelFile.read(dir).header().version());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(PseudoLabelFile.HEADER, PseudoLabelFile.PAYLOAD),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    private void assertRefused(String... mentions) {
        MentorException e = assertThrows(MentorException.class, () -> PseudoLabelFile.read(dir));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "'" + m + "' missing from: " + e.getMessage());
        }
    }

    private void assertDamage(Consumer<Map<String, Tensor>> change, String... mentions) throws IOException {
        assertDamage(change, m -> { }, mentions);
    }

    /**
     * Rewrites the version-2 payload with {@code change} to its tensors and metadata and has the header vouch for the
     * result (size and SHA-256), so only the change is wrong; the read must name the payload and {@code mentions}.
     */
    private void assertDamage(Consumer<Map<String, Tensor>> change, Consumer<Map<String, String>> metadata, String... mentions)
            throws IOException {
        Path payload = dir.resolve(PseudoLabelFile.PAYLOAD);
        Safetensors.Contents contents = Safetensors.read(payload);
        Map<String, Tensor> tensors = new LinkedHashMap<>(contents.tensors());
        Map<String, String> meta = new LinkedHashMap<>(contents.metadata());
        change.accept(tensors);
        metadata.accept(meta);
        Safetensors.write(payload, tensors, meta);
        vouch(Files.readAllBytes(payload));
        assertRefused(mentions);
        assertTrue(assertThrows(MentorException.class, () -> PseudoLabelFile.read(dir)).getMessage().startsWith(payload.toString()));
    }

    /** Rewrites the version-1 payload with {@code change}, fixes its CRC-32 and the header's SHA-256, and expects an error. */
    private void assertLegacyDamage(Consumer<byte[]> change, String... mentions) throws IOException {
        Path payload = dir.resolve(PseudoLabelFile.LEGACY_PAYLOAD);
        byte[] bytes = Files.readAllBytes(payload);
        change.accept(bytes);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(bytes.length - 8, crc.getValue());
        Files.write(payload, bytes);
        vouch(bytes);
        assertRefused(mentions);
    }

    /** The header made to vouch for {@code payload}: its size and SHA-256. */
    private void vouch(byte[] payload) throws IOException {
        Path header = dir.resolve(PseudoLabelFile.HEADER);
        Files.writeString(header, Files.readString(header)
                .replaceAll("\"payloadBytes\" : \\d+", "\"payloadBytes\" : " + payload.length)
                .replaceAll("\"payloadSha256\" : \"[0-9a-f]+\"", "\"payloadSha256\" : \"" + LegacyPseudoLabelFile.sha256(payload) + "\""));
    }

    private static void setLong(Map<String, Tensor> tensors, String name, int index, long value) {
        Tensor t = tensors.get(name);
        long[] values = t.longs();
        values[index] = value;
        tensors.put(name, Tensor.i64(values, t.shape()));
    }

    private static void setFloat(Map<String, Tensor> tensors, String name, int index, float value) {
        Tensor t = tensors.get(name);
        float[] values = t.floats();
        values[index] = value;
        tensors.put(name, Tensor.f32(values, t.shape()));
    }
}
