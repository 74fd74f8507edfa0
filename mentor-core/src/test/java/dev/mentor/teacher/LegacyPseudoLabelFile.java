package dev.mentor.teacher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Version 1 of the pseudo-label artifact, which artifacts written before the payload became a safetensors file
 * hold (and {@link PseudoLabelFile#read} still reads): {@value PseudoLabelFile#HEADER} of version 1 naming {@value
 * PseudoLabelFile#LEGACY_PAYLOAD}, whose layout is magic {@code MENTORPL}, int version 1, int id kind, int count,
 * int classes, per image the id (int index, or int length and UTF-8 path), int label, float confidence, float
 * entropy, the probabilities, and last the CRC-32 of everything before it as a long; little-endian. Written here
 * only, to test that old artifacts still feed runs and that their reader still refuses damage.
 */
public final class LegacyPseudoLabelFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LegacyPseudoLabelFile() {}

    /** Writes a version-1 artifact into {@code folder} as the writer of that version did. */
    public static PseudoLabelFile.Header write(Path folder, PseudoLabels labels, PseudoLabelFile.IdKind idKind,
            List<String> classNames, PseudoLabelFile.Teacher teacher, PseudoLabelFile.Pool pool) throws IOException {
        byte[] payload = payload(labels, idKind);
        PseudoLabelFile.Header header = new PseudoLabelFile.Header(PseudoLabelFile.FORMAT, 1, idKind, labels.size(), labels.classes(),
                List.copyOf(classNames), teacher, pool, PseudoLabelFile.LEGACY_PAYLOAD, payload.length, sha256(payload));
        Files.createDirectories(folder);
        Files.write(folder.resolve(PseudoLabelFile.LEGACY_PAYLOAD), payload);
        Files.write(folder.resolve(PseudoLabelFile.HEADER), JSON.writeValueAsBytes(header));
        return header;
    }

    /** The payload bytes of version 1. */
    public static byte[] payload(PseudoLabels labels, PseudoLabelFile.IdKind idKind) {
        int classes = labels.classes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("MENTORPL".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(16).putInt(1).putInt(idKind.ordinal()).putInt(labels.size()).putInt(classes).array());
        float[] row = new float[classes];
        for (int i = 0; i < labels.size(); i++) {
            String id = labels.ids().get(i);
            byte[] idBytes = idKind == PseudoLabelFile.IdKind.PATH ? id.getBytes(StandardCharsets.UTF_8) : new byte[0];
            ByteBuffer record = le(4 + idBytes.length + 12 + 4 * classes);
            if (idKind == PseudoLabelFile.IdKind.INDEX) {
                record.putInt(Integer.parseInt(id));
            } else {
                record.putInt(idBytes.length).put(idBytes);
            }
            labels.copyRow(i, row, 0);
            record.putInt(labels.label(i)).putFloat(labels.confidence(i)).putFloat(labels.entropy(i));
            for (float v : row) {
                record.putFloat(v);
            }
            out.writeBytes(record.array());
        }
        CRC32 crc = new CRC32();
        crc.update(out.toByteArray());
        out.writeBytes(le(8).putLong(crc.getValue()).array());
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
