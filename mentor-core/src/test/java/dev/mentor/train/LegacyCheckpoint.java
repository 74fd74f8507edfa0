package dev.mentor.train;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Version 1 of the checkpoint layout, which runs written before checkpoints became safetensors files hold
 * (and {@link Checkpoint#read} still reads): magic {@code MENTORCK}, int version 1, int header length,
 * header UTF-8, int array count, per array int name length, name, int value count, floats; the CRC-32 of
 * everything before it as a long; little-endian. Written here only, to test that old runs still resume.
 */
public final class LegacyCheckpoint {
    private LegacyCheckpoint() {}

    public static byte[] bytes(String header, Map<String, float[]> arrays) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("MENTORCK".getBytes(StandardCharsets.US_ASCII));
        byte[] head = header.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(le(8).putInt(1).putInt(head.length).array());
        out.writeBytes(head);
        out.writeBytes(le(4).putInt(arrays.size()).array());
        arrays.forEach((name, values) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(le(4).putInt(n.length).array());
            out.writeBytes(n);
            ByteBuffer data = le(4 + 4 * values.length).putInt(values.length);
            data.asFloatBuffer().put(values);
            out.writeBytes(data.array());
        });
        byte[] body = out.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        out.writeBytes(le(8).putLong(crc.getValue()).array());
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
