package dev.mentor.train;

import dev.mentor.MentorException;
import dev.mentor.io.AtomicFiles;
import dev.mentor.io.Safetensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * A checkpoint file: a JSON header (run state: epoch, step, model spec...) and named float arrays,
 * closed by a CRC-32 of everything before it. Written to a temporary file, forced to disk and renamed
 * over the old one, so a crash mid-write leaves the previous checkpoint intact; read back only if the
 * checksum matches. A training run writes with {@link #writeKeepingPrevious}, which also keeps the
 * checkpoint before ({@code checkpoint.prev.ckpt} beside {@code checkpoint.ckpt}), and resumes with
 * {@link #readLatest}, which falls back to that one when the newest is damaged.
 *
 * <p>Layout: the safetensors layout ({@link Safetensors}), so any tool that reads that format reads a
 * Mentor checkpoint or saved model: each array an F32 tensor of shape [n], in order, and {@code
 * __metadata__} {@code {"format": "mentor-checkpoint", "version": "2", "header": HEADER, "crc32": HEX}},
 * the CRC-32 over the header, then each array's name and values, so a flipped bit anywhere (a name, the
 * header, a value) is found. Files of version 1 (magic {@code MENTORCK}, int version, int header
 * length, header UTF-8, int array count, then per array: int name length, name UTF-8, int value count,
 * float values; last the CRC-32 of everything before it as a long; little-endian) still read.
 */
public record Checkpoint(String header, Map<String, float[]> arrays) {
    private static final byte[] MAGIC = "MENTORCK".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final String FORMAT = "mentor-checkpoint";
    private static final String SAFETENSORS_VERSION = "2";
    private static final int MAX_NAME = 4096;
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    public Checkpoint {
        arrays = new LinkedHashMap<>(arrays);
    }

    /** Writes atomically ({@link AtomicFiles}: temporary file in the same folder, fsync, rename, fsync of the folder). */
    public void write(Path file) {
        try {
            AtomicFiles.write(file, body());
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /**
     * Writes atomically as {@link #write} and keeps the checkpoint it replaces as {@link #previous}:
     * the old file is hard-linked (copied where links are not supported) to the previous name before
     * the new one is renamed over it, so at every moment {@code file} holds a whole checkpoint.
     */
    public void writeKeepingPrevious(Path file) {
        Path tmp;
        try {
            tmp = AtomicFiles.writeTemporary(file, body());
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
        try {
            if (Files.isRegularFile(file)) {
                Path previous = previous(file);
                Path link = previous.resolveSibling(previous.getFileName() + ".tmp");
                Files.deleteIfExists(link);
                try {
                    Files.createLink(link, file);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(file, link, StandardCopyOption.REPLACE_EXISTING);
                }
                AtomicFiles.move(link, previous);
            }
            AtomicFiles.replace(tmp, file);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw cannotWrite(file, e);
        }
    }

    /** The checkpoint kept before {@code file}: {@code checkpoint.ckpt} → {@code checkpoint.prev.ckpt}. */
    public static Path previous(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(dot > 0 ? name.substring(0, dot) + ".prev" + name.substring(dot) : name + ".prev");
    }

    /** Whether {@code file} or the checkpoint before it exists, so {@link #readLatest} has something to read. */
    public static boolean exists(Path file) {
        return Files.isRegularFile(file) || Files.isRegularFile(previous(file));
    }

    /**
     * Reads {@code file}; when it is missing, corrupt or truncated, reads the checkpoint before it
     * instead, tells {@code log} why, and moves the damaged file aside ({@code NAME.damaged}) so the
     * next {@link #writeKeepingPrevious} keeps the good one. Both unreadable is a {@link
     * MentorException} naming both.
     */
    public static Checkpoint readLatest(Path file, Consumer<String> log) {
        MentorException problem = null;
        if (Files.exists(file)) {
            try {
                return read(file);
            } catch (MentorException e) {
                problem = e;
            }
        }
        Path previous = previous(file);
        String why = problem == null ? file + ": missing" : problem.getMessage();
        if (!Files.isRegularFile(previous)) {
            throw problem != null ? problem : new MentorException(file + ": no checkpoint to resume from");
        }
        Checkpoint older;
        try {
            older = read(previous);
        } catch (MentorException e) {
            throw new MentorException(why + "; and the previous checkpoint is unusable too (" + e.getMessage() + ")", e);
        }
        if (problem != null) {
            try {
                AtomicFiles.move(file, file.resolveSibling(file.getFileName() + ".damaged"));
            } catch (IOException e) {
                throw new MentorException(file + ": damaged and cannot be moved aside (" + e.getMessage() + ")", e);
            }
        }
        log.accept(why + "; resuming from the checkpoint before it, " + previous);
        return older;
    }

    /** The file's bytes: the arrays as safetensors, the header and checksum in its metadata. */
    private AtomicFiles.Body body() {
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        arrays.forEach((name, values) -> tensors.put(name, Safetensors.Tensor.f32(values, values.length)));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("version", SAFETENSORS_VERSION);
        metadata.put("header", header);
        metadata.put("crc32", Long.toHexString(checksum(header, tensors)));
        return Safetensors.body(tensors, metadata);
    }

    private static long checksum(String header, Map<String, Safetensors.Tensor> tensors) {
        CRC32 crc = new CRC32();
        crc.update(header.getBytes(StandardCharsets.UTF_8));
        tensors.forEach((name, tensor) -> {
            crc.update(name.getBytes(StandardCharsets.UTF_8));
            crc.update(tensor.data());
        });
        return crc.getValue();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the temporary file is replaced by the next write
        }
    }

    private static MentorException cannotWrite(Path file, IOException e) {
        return new MentorException(file + ": cannot write checkpoint (" + e.getMessage() + ")", e);
    }

    /** Reads and verifies a checkpoint; any damage is a {@link MentorException} naming the file. */
    public static Checkpoint read(Path file) {
        try {
            checkSize(file);
            if (!startsWithMagic(file)) {
                return readSafetensors(file, null);
            }
            return readVersion1(file, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new MentorException(file + ": cannot read checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /**
     * All of {@code file}'s bytes, for {@link #parse}, once its size is checked to be one a checkpoint can have; a
     * caller that also digests the file reads it once.
     */
    public static byte[] readBytes(Path file) {
        try {
            checkSize(file);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MentorException(file + ": cannot read checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /** Verifies and reads the checkpoint whose bytes, all of {@code file}'s, are {@code bytes}: {@link #read} on bytes in memory. */
    public static Checkpoint parse(Path file, byte[] bytes) {
        boolean version1 = bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
        return version1 ? readVersion1(file, bytes) : readSafetensors(file, bytes);
    }

    private static void checkSize(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new MentorException(file + ": " + size + " bytes is more than a checkpoint can hold (" + MAX_BYTES
                    + "); not a Mentor checkpoint");
        }
    }

    private static Checkpoint readVersion1(Path file, byte[] bytes) {
        if (bytes.length < MAGIC.length + 8 + 4 + 8) {
            throw new MentorException(file + ": not a Mentor checkpoint (" + bytes.length + " bytes, too short)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        in.position(MAGIC.length);
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

    /** Whether the file begins with version 1's magic (a version 2 file begins with its header's length). */
    private static boolean startsWithMagic(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        }
    }

    /**
     * A checkpoint of version 2, the safetensors layout (read from {@code file}, or from {@code bytes} when they are given);
     * anything that is not Mentor's or does not check out names the file.
     */
    private static Checkpoint readSafetensors(Path file, byte[] bytes) {
        Safetensors.Contents contents;
        try {
            contents = bytes == null ? Safetensors.read(file) : Safetensors.read(file, bytes);
        } catch (MentorException e) {
            throw new MentorException(file + ": not a Mentor checkpoint, or corrupt or truncated ("
                    + e.getMessage().replaceFirst("^" + java.util.regex.Pattern.quote(file.toString()) + ": ", "") + ")", e);
        }
        Map<String, String> metadata = contents.metadata();
        if (!FORMAT.equals(metadata.get("format"))) {
            throw new MentorException(file + ": not a Mentor checkpoint (a safetensors file without Mentor's metadata)");
        }
        if (!SAFETENSORS_VERSION.equals(metadata.get("version"))) {
            throw new MentorException(file + ": checkpoint version " + metadata.get("version") + " is not supported (expected "
                    + SAFETENSORS_VERSION + ")");
        }
        String header = metadata.get("header");
        String crc = metadata.get("crc32");
        if (header == null || crc == null) {
            throw new MentorException(file + ": checkpoint is corrupt (its metadata lacks the header or the checksum)");
        }
        for (Map.Entry<String, Safetensors.Tensor> e : contents.tensors().entrySet()) {
            Safetensors.Tensor t = e.getValue();
            if (t.dtype() != Safetensors.DType.F32 || t.shape().length != 1) {
                throw new MentorException(file + ": checkpoint is corrupt (" + e.getKey() + " is not a flat F32 array)");
            }
        }
        if (!Long.toHexString(checksum(header, contents.tensors())).equals(crc)) {
            throw new MentorException(file + ": checkpoint is corrupt or truncated (checksum mismatch)");
        }
        Map<String, float[]> arrays = new LinkedHashMap<>();
        contents.tensors().forEach((name, t) -> arrays.put(name, t.floats()));
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
