package dev.mentor.teacher;

import dev.mentor.MentorException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The payload of a version-1 pseudo-label artifact ({@value PseudoLabelFile#LEGACY_PAYLOAD}), which artifacts
 * written before the payload became a safetensors file hold; read only, with every check it always had.
 *
 * <p>Layout (little-endian): magic {@code MENTORPL}, int version 1, int id kind (0 index, 1 path), int
 * count, int classes; per image: the id (int index, or int byte length and UTF-8 path), int hard label,
 * float confidence, float entropy (nats), {@code classes} float probabilities; last, the CRC-32 of
 * everything before it as a long. The header ({@value PseudoLabelFile#HEADER}, version 1) holds its size and
 * SHA-256, checked before it is decoded.
 */
final class PseudoLabelFileV1 {
    private static final byte[] MAGIC = "MENTORPL".getBytes(StandardCharsets.US_ASCII);

    private PseudoLabelFileV1() {}

    /** The labels of a version-1 payload whose bytes the header vouched for. */
    static PseudoLabels decode(Path file, byte[] bytes, PseudoLabelFile.Header header) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int end = bytes.length - 8;
        if (end < MAGIC.length + 16) {
            throw new MentorException(file + ": too short for a pseudo-label file (" + bytes.length + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, end);
        if (in.getLong(end) != crc.getValue()) {
            throw new MentorException(file + ": checksum mismatch (corrupt)");
        }
        for (byte b : MAGIC) {
            if (in.get() != b) {
                throw new MentorException(file + ": wrong magic, not a pseudo-label file");
            }
        }
        int version = in.getInt();
        int kind = in.getInt();
        int count = in.getInt();
        int classes = in.getInt();
        if (version != PseudoLabelFile.LEGACY_VERSION || version != header.version() || kind != header.idKind().ordinal()
                || count != header.count() || classes != header.classes()) {
            throw new MentorException(file + ": version " + version + ", id kind " + kind + ", count " + count + ", classes "
                    + classes + " disagree with the header (" + header.version() + ", " + header.idKind().ordinal() + ", "
                    + header.count() + ", " + header.classes() + ")");
        }
        long smallest = (header.idKind() == PseudoLabelFile.IdKind.INDEX ? 4L : 5L) + 12 + 4L * classes;
        if (count < 0 || (long) count * smallest > end - in.position()) {
            throw new MentorException(file + ": " + count + " records of " + classes + " classes cannot fit in its "
                    + (end - in.position()) + " bytes (truncated, or a forged count)");
        }
        List<String> ids = new ArrayList<>(count);
        Set<String> seen = new HashSet<>();
        float[] probabilities = new float[Math.multiplyExact(count, classes)];
        for (int i = 0; i < count; i++) {
            String where = file + ": record " + i;
            String id = readId(in, end, header, where);
            where += " (id " + id + ")";
            if (!seen.add(id)) {
                throw new MentorException(where + ": the id appears twice");
            }
            need(in, end, 12 + 4 * classes, where);
            int label = in.getInt();
            float confidence = in.getFloat();
            float entropy = in.getFloat();
            in.asFloatBuffer().get(probabilities, i * classes, classes);
            in.position(in.position() + 4 * classes);
            PseudoLabelFile.checkRecord(where, probabilities, i * classes, classes, label, confidence, entropy);
            ids.add(id);
        }
        if (in.position() != end) {
            throw new MentorException(file + ": " + (end - in.position()) + " bytes after the last record");
        }
        return new PseudoLabels(ids, probabilities, classes);
    }

    private static String readId(ByteBuffer in, int end, PseudoLabelFile.Header header, String where) {
        need(in, end, 4, where);
        int value = in.getInt();
        if (header.idKind() == PseudoLabelFile.IdKind.INDEX) {
            if (value < 0 || value >= header.pool().baseSize()) {
                throw new MentorException(where + ": index " + value + " is outside the training set of " + header.pool().baseSize());
            }
            return Integer.toString(value);
        }
        if (value <= 0 || value > PseudoLabelFile.MAX_PATH_BYTES) {
            throw new MentorException(where + ": path length " + value + " is not in 1.." + PseudoLabelFile.MAX_PATH_BYTES);
        }
        need(in, end, value, where);
        String id = PseudoLabelFile.pathId(where, in.array(), in.position(), value);
        in.position(in.position() + value);
        return id;
    }

    private static void need(ByteBuffer in, int end, int bytes, String where) {
        if (in.position() + (long) bytes > end) {
            throw new MentorException(where + ": runs past the end of the file (truncated)");
        }
    }
}
