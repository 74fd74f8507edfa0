package dev.mentor.data;

import dev.mentor.MentorException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one IDX file of unsigned bytes (the MNIST format): a 4-byte magic number, one big-endian
 * 32-bit size per dimension, then the values. Gzip is recognised by its first bytes, not by the name.
 *
 * <p>A header is never trusted for allocation: a raw file's claim is checked against its length
 * before anything is allocated, and a gzip stream is read into a buffer that starts small and grows
 * only as data actually arrives, so a header claiming 10⁹ images fails with "truncated" at once.
 */
final class IdxFile {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    static final int MAX_SIDE = 1 << 15;

    private static final int BUFFER = 1 << 16;
    private static final int FIRST_CAPACITY = 1 << 24;
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    /** Images read from an IDX file: {@code count × rows × cols} pixel values, row-major. */
    record Images(int count, int rows, int cols, byte[] pixels) {
    }

    private IdxFile() {
    }

    static Images readImages(Path file, Fingerprint fingerprint) {
        try (InputStream in = open(file)) {
            long rawLength = isGzip(file) ? -1 : Files.size(file) - 16;
            byte[] header = readHeader(in, file, 16, IMAGES_MAGIC, "IDX unsigned-byte images");
            long count = Integer.toUnsignedLong(intAt(header, 4));
            int rows = intAt(header, 8);
            int cols = intAt(header, 12);
            if (rows <= 0 || cols <= 0 || rows > MAX_SIDE || cols > MAX_SIDE) {
                throw new MentorException(file + ": bad image size " + Integer.toUnsignedString(rows) + "x"
                        + Integer.toUnsignedString(cols) + " in the header (expected 1.." + MAX_SIDE + " each)");
            }
            if (count == 0) {
                throw new MentorException(file + ": holds no images (its header claims 0)");
            }
            fingerprint.update(header);
            byte[] pixels = readBody(in, file, rawLength, count, rows * cols, "images", fingerprint);
            return new Images(pixels.length / (rows * cols), rows, cols, pixels);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static byte[] readLabels(Path file, Fingerprint fingerprint) {
        try (InputStream in = open(file)) {
            long rawLength = isGzip(file) ? -1 : Files.size(file) - 8;
            byte[] header = readHeader(in, file, 8, LABELS_MAGIC, "IDX unsigned-byte labels");
            long count = Integer.toUnsignedLong(intAt(header, 4));
            fingerprint.update(header);
            return readBody(in, file, rawLength, count, 1, "labels", fingerprint);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        return isGzip(file) ? new GZIPInputStream(raw, BUFFER) : raw;
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static byte[] readHeader(InputStream in, Path file, int length, int magic, String kind)
            throws IOException {
        byte[] header = new byte[length];
        int got = readUpTo(in, header, 0, 4);
        if (got < 4) {
            throw new MentorException(file + ": truncated: " + got + " bytes, too short for an IDX header");
        }
        int found = intAt(header, 0);
        if (found != magic) {
            throw new MentorException(String.format("%s: wrong magic number 0x%08x, expected 0x%08x (%s)",
                    file, found, magic, kind));
        }
        got += readUpTo(in, header, 4, length - 4);
        if (got < length) {
            throw new MentorException(file + ": truncated: " + got + " bytes, the IDX header needs " + length);
        }
        return header;
    }

    /**
     * Reads {@code count} items of {@code itemSize} bytes. A raw file's length is checked first; a
     * gzip stream's buffer starts small and doubles only as data arrives.
     */
    private static byte[] readBody(InputStream in, Path file, long rawLength, long count, int itemSize,
            String what, Fingerprint fingerprint) throws IOException {
        long claimed = count * itemSize;
        if (rawLength >= 0) {
            if (rawLength < claimed) {
                throw truncated(file, count, rawLength / itemSize, what);
            }
            if (rawLength > claimed) {
                throw new MentorException(file + ": holds " + rawLength + " bytes after the header, more than the "
                        + count + " " + what + " its header claims (" + claimed + " bytes)");
            }
        }
        long limit = Math.min(claimed, MAX_BYTES / itemSize * itemSize);
        byte[] buffer = new byte[(int) Math.min(limit, FIRST_CAPACITY)];
        int filled = 0;
        while (filled < limit) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(limit, 2L * buffer.length));
            }
            int got = readUpTo(in, buffer, filled, buffer.length - filled);
            if (got == 0) {
                throw truncated(file, count, filled / itemSize, what);
            }
            fingerprint.update(buffer, filled, got);
            filled += got;
        }
        if (limit < claimed) {
            throw new MentorException(file + ": header claims " + count + " " + what + " (" + claimed
                    + " bytes), more than one data set can hold in memory (" + MAX_BYTES + " bytes)");
        }
        if (readUpTo(in, new byte[1], 0, 1) != 0) {
            throw new MentorException(file + ": holds more data than the " + count + " " + what
                    + " its header claims");
        }
        return buffer;
    }

    /** Reads until {@code length} bytes or the end of data; a cut-off gzip stream counts as the end. */
    private static int readUpTo(InputStream in, byte[] buffer, int offset, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int got;
            try {
                got = in.read(buffer, offset + total, length - total);
            } catch (EOFException e) {
                got = -1;
            }
            if (got < 0) {
                break;
            }
            total += got;
        }
        return total;
    }

    private static MentorException truncated(Path file, long claimed, long held, String what) {
        return new MentorException(file + ": truncated: header claims " + claimed + " " + what
                + " but file holds only " + held);
    }

    private static MentorException unreadable(Path file, IOException e) {
        String reason = e instanceof EOFException ? "truncated: the gzip stream ends early"
                : e instanceof ZipException ? "corrupt gzip data (" + e.getMessage() + ")"
                : "cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        return new MentorException(file + ": " + reason, e);
    }

    private static int intAt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16
                | (bytes[offset + 2] & 0xFF) << 8 | (bytes[offset + 3] & 0xFF);
    }
}
