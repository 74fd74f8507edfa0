package dev.mentor.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mentor.MentorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named tensors in the safetensors layout (Hugging Face's format, read by PyTorch, JAX, NumPy and most
 * model tools): an unsigned 64-bit little-endian header length N, N bytes of UTF-8 JSON
 * {@code {"NAME": {"dtype": "F32", "shape": [..], "data_offsets": [BEGIN, END]}, ..., "__metadata__":
 * {STRING: STRING}}}, then the tensors' raw little-endian bytes; offsets count from the first byte after
 * the header. The writer pads the header with spaces to a multiple of 8 bytes, as the reference writer
 * does, and stores the tensors in the order given.
 *
 * <p>The reader treats the file as hostile: the header length is bounded by the file and by {@link
 * #MAX_HEADER_BYTES} before it is read; every entry must have a known dtype, a shape of non-negative
 * integers whose product (overflow-checked) times the dtype's size is its byte count, and offsets inside
 * the data; together the tensors must cover the data exactly, contiguous and without overlap (the
 * format's rule: no holes, nothing after the last tensor). Each violation is a one-line {@link
 * MentorException} naming the file, found before any tensor memory is allocated.
 */
public final class Safetensors {
    /** The largest header read (the reference implementation's limit, 100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The largest tensor data read into memory (one Java array). */
    static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8L;
    private static final String METADATA = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Safetensors() {}

    /** The element types of the format, with their sizes in bytes. */
    public enum DType {
        BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1), I16(2), U16(2), F16(2), BF16(2), I32(4), U32(4), F32(4),
        I64(8), U64(8), F64(8);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }
    }

    /**
     * One tensor: its element type, shape and little-endian bytes (row-major). Arrays are not copied.
     */
    public record Tensor(DType dtype, long[] shape, byte[] data) {
        public Tensor {
            long count = elementCount(shape);
            if (count < 0 || count * dtype.bytes() != data.length) {
                throw new IllegalArgumentException("a " + dtype + " tensor of shape " + Arrays.toString(shape) + " needs "
                        + (count < 0 ? "a valid shape" : count * dtype.bytes() + " bytes") + ", got " + data.length);
            }
        }

        /** An F32 tensor of {@code values} with {@code shape}. */
        public static Tensor f32(float[] values, long... shape) {
            ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            return new Tensor(DType.F32, shape.clone(), bytes.array());
        }

        /** An I64 tensor of {@code values} with {@code shape}. */
        public static Tensor i64(long[] values, long... shape) {
            ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asLongBuffer().put(values);
            return new Tensor(DType.I64, shape.clone(), bytes.array());
        }

        /** A U8 tensor of {@code values} (not copied) with {@code shape}. */
        public static Tensor u8(byte[] values, long... shape) {
            return new Tensor(DType.U8, shape.clone(), values);
        }

        /** The values of an F32 tensor. */
        public float[] floats() {
            require(DType.F32);
            float[] values = new float[data.length / 4];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return values;
        }

        /** The values of an I64 tensor. */
        public long[] longs() {
            require(DType.I64);
            long[] values = new long[data.length / 8];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
            return values;
        }

        private void require(DType wanted) {
            if (dtype != wanted) {
                throw new IllegalStateException("the tensor is " + dtype + ", not " + wanted);
            }
        }
    }

    /** What a file holds: its tensors in file order and its {@code __metadata__} (empty when absent). */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    /** The number of elements of a shape, or -1 when a dimension is negative or the product overflows. */
    static long elementCount(long[] shape) {
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return count;
    }

    /**
     * Writes {@code tensors} (in this order) and {@code metadata} atomically ({@link AtomicFiles}); a
     * failure is a {@link MentorException} naming the file, which then is as it was.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        AtomicFiles.Body body = body(tensors, metadata);
        try {
            AtomicFiles.write(file, body);
        } catch (IOException e) {
            throw new MentorException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The file's bytes for {@link AtomicFiles} (a writer that also keeps the file it replaces, as
     * checkpoints do, writes them itself): the header is laid out now, the tensors are streamed.
     */
    public static AtomicFiles.Body body(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().equals(METADATA)) {
                throw new IllegalArgumentException("a tensor cannot be named '" + e.getKey() + "'");
            }
            Tensor t = e.getValue();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", t.dtype().name());
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + t.data().length);
            offset += t.data().length;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] head = Arrays.copyOf(json, padded);
        Arrays.fill(head, json.length, padded, (byte) ' ');
        List<Tensor> data = List.copyOf(tensors.values());
        return out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(head.length).array());
            out.write(head);
            for (Tensor t : data) {
                out.write(t.data());
            }
        };
    }

    /** Reads and checks a safetensors file; anything wrong is a one-line {@link MentorException} naming it. */
    public static Contents read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file, channel.size(), length -> readFully(channel, length));
        } catch (IOException e) {
            throw new MentorException(file + ": cannot read safetensors file (" + oneLine(e.getMessage()) + ")", e);
        }
    }

    /**
     * Checks and reads a safetensors file already in memory: {@code bytes} are all of {@code file}'s bytes, read once
     * by a caller that checks them first (a digest), so what is checked is what is parsed. The checks and messages
     * of {@link #read(Path)}.
     */
    public static Contents read(Path file, byte[] bytes) {
        ByteBuffer all = ByteBuffer.wrap(bytes);
        try {
            return read(file, bytes.length, length -> {
                ByteBuffer next = all.slice(all.position(), length);
                all.position(all.position() + length);
                return next;
            });
        } catch (IOException e) {
            throw new IllegalStateException("bytes in memory cannot fail to read", e);
        }
    }

    /** The next {@code length} bytes of a file, as a buffer of exactly them whose index 0 is the first. */
    @FunctionalInterface
    private interface Source {
        ByteBuffer next(int length) throws IOException;
    }

    private static Contents read(Path file, long size, Source source) throws IOException {
        if (size < 8) {
            throw bad(file, size + " bytes, shorter than the 8-byte header length");
        }
        long headerLength = source.next(8).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (headerLength < 2 || headerLength > size - 8 || headerLength > MAX_HEADER_BYTES) {
            throw bad(file, "header length " + Long.toUnsignedString(headerLength) + " does not fit a file of " + size
                    + " bytes (at most " + Math.min(size - 8, MAX_HEADER_BYTES) + ")");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        source.next((int) headerLength).get(0, headerBytes);
        long dataLength = size - 8 - headerLength;
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = parseHeader(file, headerBytes, dataLength, entries);
        checkCoverage(file, entries, dataLength);
        if (dataLength > MAX_DATA_BYTES) {
            throw bad(file, dataLength + " bytes of tensor data, more than Mentor reads at once (" + MAX_DATA_BYTES + ")");
        }
        ByteBuffer data = source.next((int) dataLength);
        entries.sort(Comparator.comparingInt(Entry::order));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            byte[] values = new byte[(int) (e.end() - e.begin())];
            data.get((int) e.begin(), values);
            tensors.put(e.name(), new Tensor(e.dtype(), e.shape(), values));
        }
        return new Contents(tensors, metadata);
    }

    /** A tensor's header entry, before its data is read; {@code order} is its place in the header. */
    private record Entry(String name, DType dtype, long[] shape, long begin, long end, int order) {}

    private static Map<String, String> parseHeader(Path file, byte[] bytes, long dataLength, List<Entry> entries) {
        if (bytes[0] != '{') {
            throw bad(file, "the header does not start with '{'");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw bad(file, "the header is not UTF-8");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw bad(file, "the header is not valid JSON (" + oneLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "the header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals(METADATA)) {
                if (!value.isObject()) {
                    throw bad(file, METADATA + " is not an object");
                }
                value.fields().forEachRemaining(m -> {
                    if (!m.getValue().isTextual()) {
                        throw bad(file, METADATA + " value of '" + quote(m.getKey()) + "' is not a string");
                    }
                    metadata.put(m.getKey(), m.getValue().textValue());
                });
            } else {
                entries.add(entry(file, name, value, dataLength, entries.size()));
            }
        }
        return metadata;
    }

    private static Entry entry(Path file, String name, JsonNode value, long dataLength, int order) {
        String what = "tensor '" + quote(name) + "'";
        if (name.isEmpty() || !value.isObject() || value.size() != 3 || !value.has("dtype") || !value.has("shape")
                || !value.has("data_offsets")) {
            throw bad(file, what + " is not {dtype, shape, data_offsets}");
        }
        DType dtype;
        try {
            dtype = DType.valueOf(value.get("dtype").asText(""));
        } catch (IllegalArgumentException e) {
            throw bad(file, what + " has unknown dtype " + quote(value.get("dtype").toString()));
        }
        long[] shape = longs(file, what + " shape", value.get("shape"), -1);
        long[] offsets = longs(file, what + " data_offsets", value.get("data_offsets"), 2);
        long count = elementCount(shape);
        if (count < 0 || count > dataLength) {
            throw bad(file, what + " shape " + Arrays.toString(shape) + " has more elements than the file has data bytes ("
                    + dataLength + ")");
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataLength) {
            throw bad(file, what + " data_offsets [" + begin + ", " + end + "] are not inside the " + dataLength + " data bytes");
        }
        if (end - begin != count * dtype.bytes()) {
            throw bad(file, what + " has " + (end - begin) + " bytes, its " + dtype + " shape " + Arrays.toString(shape)
                    + " needs " + count * dtype.bytes());
        }
        return new Entry(name, dtype, shape, begin, end, order);
    }

    /** A JSON array of non-negative integers ({@code length} of them unless it is -1; at most 64). */
    private static long[] longs(Path file, String what, JsonNode node, int length) {
        if (!node.isArray() || (length >= 0 && node.size() != length) || node.size() > 64) {
            throw bad(file, what + " is not " + (length >= 0 ? "an array of " + length : "an array of at most 64")
                    + " non-negative integers");
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw bad(file, what + " holds " + quote(v.toString()) + ", not a non-negative integer");
            }
            values[i] = v.longValue();
        }
        return values;
    }

    /** The tensors must tile {@code [0, dataLength)}: sorted by offset, each begins where the one before ends. */
    private static void checkCoverage(Path file, List<Entry> entries, long dataLength) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        for (Entry e : sorted) {
            if (e.begin() != at) {
                throw bad(file, "tensor '" + quote(e.name()) + "' begins at byte " + e.begin() + " of the data, expected " + at
                        + (e.begin() < at ? " (it overlaps the tensor before)" : " (a hole before it)"));
            }
            at = e.end();
        }
        if (at != dataLength) {
            throw bad(file, "the tensors cover " + at + " of the " + dataLength + " data bytes (truncated, or bytes after the last tensor)");
        }
    }

    private static ByteBuffer readFully(FileChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }

    /** At most 80 characters of a name or value from the file, on one line. */
    private static String quote(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > 80 ? flat.substring(0, 77) + "..." : flat;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static MentorException bad(Path file, String reason) {
        return new MentorException(file + ": not a valid safetensors file: " + reason);
    }
}
