package dev.mentor.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mentor.MentorException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifact round-trips exactly and every kind of damage is refused with the file and record named. */
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

    @Test
    void indexIdsRoundTripExactly() {
        PseudoLabels labels = SelectionTest.pool();
        PseudoLabels shifted = new PseudoLabels(labels.ids().stream().map(id -> Integer.toString(Integer.parseInt(id) + 50)).toList(),
                labels.probabilities(), 3);
        PseudoLabelFile.write(dir, shifted, PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
        PseudoLabelFile.Artifact back = PseudoLabelFile.read(dir);
        assertEquals(shifted.ids(), back.labels().ids());
        assertArrayEquals(shifted.probabilities(), back.labels().probabilities());
        assertEquals(TEACHER, back.header().teacher());
        assertEquals(POOL, back.header().pool());
        assertEquals(NAMES, back.header().classNames());
        assertEquals(10, back.header().count());
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
        assertDamage(bytes -> putAscii(bytes, 8 + 4 * 4 + 4, "../x.png"), "record 0", "'..'");
    }

    /** Rewrites the payload with {@code change}, fixes its checksums so only the change is wrong, and expects an error. */
    private void assertDamage(Consumer<byte[]> change, String... mentions) throws Exception {
        Path payload = dir.resolve(PseudoLabelFile.PAYLOAD);
        byte[] bytes = Files.readAllBytes(payload);
        change.accept(bytes);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(bytes.length - 8, crc.getValue());
        Files.write(payload, bytes);
        String header = Files.readString(dir.resolve(PseudoLabelFile.HEADER));
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        Files.writeString(dir.resolve(PseudoLabelFile.HEADER), header.replaceAll("\"payloadSha256\" : \"[0-9a-f]+\"",
                "\"payloadSha256\" : \"" + sha + "\""));
        MentorException e = assertThrows(MentorException.class, () -> PseudoLabelFile.read(dir));
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "'" + m + "' missing from: " + e.getMessage());
        }
    }

    private static void putAscii(byte[] bytes, int at, String text) {
        byte[] t = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, bytes, at, t.length);
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Offset of record i's fields in an index-id payload of 3 classes: id, label, confidence, entropy, p0..p2. */
    private static int record(int i) {
        return 8 + 16 + i * (4 + 12 + 12);
    }

    @Test
    void damagedRecordsAreRefusedNamingTheRecord() throws Exception {
        PseudoLabelFile.write(dir, SelectionTest.pool(), PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
        assertDamage(b -> le(b).putInt(record(3) + 4, 2), "record 3", "hard label 2 is not the most probable class 0");
        PseudoLabelFile.write(dir, SelectionTest.pool(), PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
        assertDamage(b -> le(b).putFloat(record(1) + 16, 0.9f), "record 1", "sum to");
        PseudoLabelFile.write(dir, SelectionTest.pool(), PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
        assertDamage(b -> le(b).putFloat(record(2) + 8, 0.41f), "record 2", "confidence 0.41");
        PseudoLabelFile.write(dir, SelectionTest.pool(), PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
        assertDamage(b -> le(b).putFloat(record(2) + 12, 3f), "record 2", "entropy 3.0");
        PseudoLabelFile.write(dir, SelectionTest.pool(), PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
        assertDamage(b -> le(b).putInt(record(4), 101), "record 4 (id 101)", "appears twice");
        PseudoLabelFile.write(dir, SelectionTest.pool(), PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
        assertDamage(b -> le(b).putInt(record(0), 200), "record 0", "index 200 is outside the training set of 200");
        PseudoLabelFile.write(dir, SelectionTest.pool(), PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
        assertDamage(b -> le(b).putFloat(record(5) + 20, Float.NaN), "record 5", "NaN");
        PseudoLabelFile.write(dir, SelectionTest.pool(), PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
        assertDamage(b -> le(b).putInt(8 + 8, 11), "count 11", "disagree with the header");
    }

    @Test
    void aChangedTruncatedOrMissingPayloadIsRefused() throws Exception {
        PseudoLabelFile.write(dir, SelectionTest.pool(), PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
        Path payload = dir.resolve(PseudoLabelFile.PAYLOAD);
        byte[] bytes = Files.readAllBytes(payload);
        bytes[record(2) + 17] ^= 1;
        Files.write(payload, bytes);
        assertTrue(assertThrows(MentorException.class, () -> PseudoLabelFile.read(dir)).getMessage().contains("SHA-256"));
        Files.write(payload, java.util.Arrays.copyOf(bytes, 100));
        assertTrue(assertThrows(MentorException.class, () -> PseudoLabelFile.read(dir)).getMessage().contains("truncated"));
        Files.delete(payload);
        assertTrue(assertThrows(MentorException.class, () -> PseudoLabelFile.read(dir)).getMessage().contains(PseudoLabelFile.PAYLOAD));
    }

    @Test
    void aForeignOrInconsistentHeaderIsRefused() throws Exception {
        PseudoLabelFile.write(dir, SelectionTest.pool(), PseudoLabelFile.IdKind.INDEX, NAMES, TEACHER, POOL);
        Path header = dir.resolve(PseudoLabelFile.HEADER);
        String good = Files.readString(header);
        Files.writeString(header, good.replace("\"version\" : 1", "\"version\" : 7"));
        assertTrue(assertThrows(MentorException.class, () -> PseudoLabelFile.read(dir)).getMessage().contains("version 7"));
        Files.writeString(header, good.replace("\"classes\" : 3", "\"classes\" : 4"));
        assertTrue(assertThrows(MentorException.class, () -> PseudoLabelFile.read(dir)).getMessage().contains("do not fit"));
        Files.writeString(header, good.replace("\"payload\" : \"pseudo-labels.bin\"", "\"payload\" : \"../../etc/passwd\""));
        assertTrue(assertThrows(MentorException.class, () -> PseudoLabelFile.read(dir)).getMessage().contains("../../etc/passwd"));
        Files.writeString(header, "{\"format\": \"something-else\"}");
        assertTrue(assertThrows(MentorException.class, () -> PseudoLabelFile.read(dir)).getMessage().contains("something-else"));
        Files.writeString(header, "[1, 2");
        assertTrue(assertThrows(MentorException.class, () -> PseudoLabelFile.read(dir)).getMessage().startsWith(header.toString()));
        Files.delete(header);
        assertTrue(assertThrows(MentorException.class, () -> PseudoLabelFile.read(dir)).getMessage().contains("no pseudo-label header"));
    }
}
