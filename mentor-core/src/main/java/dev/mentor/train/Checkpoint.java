package dev.mentor.train;

import dev.mentor.MentorException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A checkpoint file: a JSON header (run state: epoch, step, model spec...) and named float arrays,
 * closed by a CRC-32 of everything before it. Written to a temporary file, forced to disk and renamed
 * over the old one, so a crash mid-write leaves the previous checkpoint intact; read back only if the
 * checksum matches.
 *
 * <p>Layout (little-endian): magic {@code MENTORCK}, int version, int header length, header UTF-8,
 * int array count, then per array: int name length, name UTF-8, int value count, float values; last
 * the CRC-32 as a long.
 */
public record Checkpoint(String header, Map<String, float[]> arrays) {
    private static final byte[] MAGIC = "MENTORCK".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int MAX_NAME = 4096;

    public Checkpoint {
        arrays = new LinkedHashMap<>(arrays);
    }

    /** Writes atomically: temp file in the same folder, fsync, rename. */
    public void write(Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(tmp);
                    BufferedOutputStream buffered = new BufferedOutputStream(raw, 1 << 20)) {
                CRC32 crc = new CRC32();
                writeBody(buffered, crc);
                ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(crc.getValue());
                buffered.write(tail.array());
            }
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new MentorException(file + ": cannot write checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private void writeBody(OutputStream out, CRC32 crc) throws IOException {
        ByteBuffer small = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        emit(out, crc, MAGIC);
        byte[] head = header.getBytes(StandardCharsets.UTF_8);
        emit(out, crc, small.clear().putInt(VERSION).putInt(head.length).array());
        emit(out, crc, head);
        emit(out, crc, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(arrays.size()).array());
        for (Map.Entry<String, float[]> e : arrays.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            float[] values = e.getValue();
            emit(out, crc, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(name.length).array());
            emit(out, crc, name);
            ByteBuffer data = ByteBuffer.allocate(4 + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            data.putInt(values.length);
            data.asFloatBuffer().put(values);
            emit(out, crc, data.array());
        }
    }

    private static void emit(OutputStream out, CRC32 crc, byte[] bytes) throws IOException {
        crc.update(bytes);
        out.write(bytes);
    }

    /** Reads and verifies a checkpoint; any damage is a {@link MentorException} naming the file. */
    public static Checkpoint read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MentorException(file + ": cannot read checkpoint (" + e.getMessage() + ")", e);
        }
        if (bytes.length < MAGIC.length + 8 + 4 + 8) {
            throw new MentorException(file + ": not a Mentor checkpoint (" + bytes.length + " bytes, too short)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte b : MAGIC) {
            if (in.get() != b) {
                throw new MentorException(file + ": not a Mentor checkpoint (wrong magic)");
            }
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = in.getLong(bytes.length - 8);
        if (stored != crc.getValue()) {
            throw new MentorException(file + ": checkpoint is corrupt or truncated (checksum mismatch)");
        }
        int version = in.getInt();
        if (version != VERSION) {
            throw new MentorException(file + ": checkpoint version " + version + " is not supported (expected " + VERSION + ")");
        }
        int limit = bytes.length - 8;
        int headerLength = checkedLength(file, in, limit, 1);
        String header = new String(bytes, in.position() + 4, headerLength, StandardCharsets.UTF_8);
        in.position(in.position() + 4 + headerLength);
        int count = checkedLength(file, in, limit, 0);
        in.position(in.position() + 4);
        Map<String, float[]> arrays = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int nameLength = checkedLength(file, in, Math.min(limit, in.position() + 4 + MAX_NAME), 1);
            String name = new String(bytes, in.position() + 4, nameLength, StandardCharsets.UTF_8);
            in.position(in.position() + 4 + nameLength);
            int values = checkedLength(file, in, limit, 4);
            in.position(in.position() + 4);
            float[] data = new float[values];
            in.asFloatBuffer().get(data);
            in.position(in.position() + 4 * values);
            arrays.put(name, data);
        }
        return new Checkpoint(header, arrays);
    }

    /** Reads a length at the current position without moving and checks it fits before {@code limit}. */
    private static int checkedLength(Path file, ByteBuffer in, int limit, int unit) {
        if (in.position() + 4 > limit) {
            throw new MentorException(file + ": checkpoint is corrupt (entry runs past the end)");
        }
        int length = in.getInt(in.position());
        if (length < 0 || (long) in.position() + 4 + (long) length * unit > limit) {
            throw new MentorException(file + ": checkpoint is corrupt (length " + length + " runs past the end)");
        }
        return length;
    }
}
