package dev.mentor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mentor.MentorException;
import dev.mentor.io.Safetensors.Contents;
import dev.mentor.io.Safetensors.DType;
import dev.mentor.io.Safetensors.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> sample() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("conv.weight", Tensor.f32(new float[] {1f, -2f, 3.5f, 0f, 1e-7f, Float.MAX_VALUE}, 3, 1, 2, 1));
        tensors.put("bn.num_batches_tracked", Tensor.i64(new long[] {42L}));
        tensors.put("fc.bias", Tensor.f32(new float[] {0.25f, -0.25f}, 2));
        tensors.put("empty", Tensor.f32(new float[0], 0, 4));
        return tensors;
    }

    @Test
    void writesTheLayoutOfTheFormatAndReadsItBack() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, sample(), Map.of("architecture", "cnn-small"));
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to 8 bytes");
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        assertEquals("F32", header.at("/conv.weight/dtype").asText());
        assertEquals("[3,1,2,1]", header.at("/conv.weight/shape").toString());
        assertEquals("[0,24]", header.at("/conv.weight/data_offsets").toString());
        assertEquals("I64", header.at("/bn.num_batches_tracked/dtype").asText());
        assertEquals("[]", header.at("/bn.num_batches_tracked/shape").toString());
        assertEquals("[24,32]", header.at("/bn.num_batches_tracked/data_offsets").toString());
        assertEquals("cnn-small", header.at("/__metadata__/architecture").asText());
        assertEquals(8 + n + 24 + 8 + 8, bytes.length);
        assertEquals(-2f, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat((int) (8 + n + 4)));

        Contents read = Safetensors.read(file);
        assertEquals(List.of("conv.weight", "bn.num_batches_tracked", "fc.bias", "empty"), List.copyOf(read.tensors().keySet()));
        assertArrayEquals(sample().get("conv.weight").floats(), read.tensors().get("conv.weight").floats());
        assertArrayEquals(new long[] {3, 1, 2, 1}, read.tensors().get("conv.weight").shape());
        assertArrayEquals(new long[] {42L}, read.tensors().get("bn.num_batches_tracked").longs());
        assertEquals(DType.I64, read.tensors().get("bn.num_batches_tracked").dtype());
        assertArrayEquals(new long[] {0, 4}, read.tensors().get("empty").shape());
        assertEquals(Map.of("architecture", "cnn-small"), read.metadata());

        Contents inMemory = Safetensors.read(file, bytes);
        assertEquals(List.copyOf(read.tensors().keySet()), List.copyOf(inMemory.tensors().keySet()));
        read.tensors().forEach((name, t) -> {
            assertArrayEquals(t.data(), inMemory.tensors().get(name).data(), name);
            assertArrayEquals(t.shape(), inMemory.tensors().get(name).shape(), name);
        });
        assertEquals(read.metadata(), inMemory.metadata());
    }

    /** Another writer's file: no padding, metadata last, header order unlike the data's, other dtypes. */
    @Test
    void readsFilesOfOtherWriters() throws IOException {
        String header = "{\"b\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[4,6]},"
                + "\"a\":{\"data_offsets\":[0,4],\"shape\":[2],\"dtype\":\"F16\"},\"__metadata__\":{\"format\":\"pt\"}}";
        Path file = write("other.safetensors", header, new byte[] {0, 60, 0, -64, 7, 9});
        Contents read = Safetensors.read(file);
        assertEquals(List.of("b", "a"), List.copyOf(read.tensors().keySet()));
        assertArrayEquals(new byte[] {7, 9}, read.tensors().get("b").data());
        assertEquals(DType.F16, read.tensors().get("a").dtype());
        assertEquals("pt", read.metadata().get("format"));
    }

    @Test
    void refusesForgedHeaders() throws IOException {
        String f32 = "\"dtype\":\"F32\",\"shape\":[2]";
        byte[] eight = new byte[8];
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("not JSON", "{\"a\":");
        forged.put("not an object", "[1, 2]                  ");
        forged.put("unknown dtype", "{\"a\":{\"dtype\":\"F31\",\"shape\":[2],\"data_offsets\":[0,8]}}");
        forged.put("dtype not a string", "{\"a\":{\"dtype\":4,\"shape\":[2],\"data_offsets\":[0,8]}}");
        forged.put("shape does not match bytes", "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}");
        forged.put("shape overflows", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,4],\"data_offsets\":[0,8]}}");
        forged.put("negative dimension", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}");
        forged.put("fractional dimension", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}");
        forged.put("huge dimension", "{\"a\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999999],\"data_offsets\":[0,8]}}");
        forged.put("offsets past the end", "{\"a\":{" + f32 + ",\"data_offsets\":[8,16]}}");
        forged.put("offsets reversed", "{\"a\":{" + f32 + ",\"data_offsets\":[8,0]}}");
        forged.put("three offsets", "{\"a\":{" + f32 + ",\"data_offsets\":[0,4,8]}}");
        forged.put("overlap", "{\"a\":{" + f32 + ",\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}");
        forged.put("hole", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}");
        forged.put("bytes after the last tensor", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}");
        forged.put("duplicate name", "{\"a\":{" + f32 + ",\"data_offsets\":[0,8]},\"a\":{" + f32 + ",\"data_offsets\":[0,8]}}");
        forged.put("extra field", "{\"a\":{" + f32 + ",\"data_offsets\":[0,8],\"x\":1}}");
        forged.put("missing field", "{\"a\":{" + f32 + "}}");
        forged.put("metadata not strings", "{\"__metadata__\":{\"n\":1},\"a\":{" + f32 + ",\"data_offsets\":[0,8]}}");
        forged.put("metadata not an object", "{\"__metadata__\":\"x\",\"a\":{" + f32 + ",\"data_offsets\":[0,8]}}");
        forged.put("trailing tokens", "{\"a\":{" + f32 + ",\"data_offsets\":[0,8]}} {}");
        forged.put("deeply nested", "{\"__metadata__\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        for (Map.Entry<String, String> c : forged.entrySet()) {
            Path file = write("forged.safetensors", c.getValue(), eight);
            assertRefused(file, c.getKey());
        }
        Path file = write("latin1.safetensors", "{\"a\":{" + f32 + ",\"data_offsets\":[0,8]}}", eight);
        byte[] bytes = Files.readAllBytes(file);
        bytes[10] = (byte) 0xE9; // a lone Latin-1 byte inside the name
        Files.write(file, bytes);
        assertRefused(file, "not UTF-8");
    }

    @Test
    void refusesHeaderLengthsTheFileCannotHold() throws IOException {
        Path good = dir.resolve("good.safetensors");
        Safetensors.write(good, sample(), Map.of());
        byte[] bytes = Files.readAllBytes(good);
        for (long length : new long[] {-1L, Long.MAX_VALUE, bytes.length, bytes.length - 7, 0, 1, Safetensors.MAX_HEADER_BYTES + 1}) {
            byte[] forged = bytes.clone();
            ByteBuffer.wrap(forged).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
            Path file = dir.resolve("length.safetensors");
            Files.write(file, forged);
            assertRefused(file, "header length " + length);
        }
        // a header length the cap refuses although the (sparse) file could hold it
        Path sparse = dir.resolve("sparse.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(1L << 40);
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 39).array());
        }
        assertRefused(sparse, "header length 2^39 in a 2^40-byte file");
    }

    @Test
    void refusesEveryTruncation() throws IOException {
        Path good = dir.resolve("good.safetensors");
        Safetensors.write(good, sample(), Map.of("k", "v"));
        byte[] bytes = Files.readAllBytes(good);
        Path file = dir.resolve("cut.safetensors");
        for (int length = 0; length < bytes.length; length++) {
            Files.write(file, Arrays.copyOf(bytes, length));
            assertRefused(file, "truncated to " + length + " bytes");
        }
    }

    @Test
    void writeFailuresNameTheFile() {
        Path file = dir.resolve("no-such-folder").resolve("m.safetensors");
        MentorException e = assertThrows(MentorException.class, () -> Safetensors.write(file, sample(), Map.of()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    /** Refused from the file and, the same way, from its bytes in memory (unless the file is too large to hold). */
    private static void assertRefused(Path file, String what) throws IOException {
        MentorException e = assertThrows(MentorException.class, () -> Safetensors.read(file), what);
        String message = e.getMessage();
        assertTrue(message.contains(file.toString()) && !message.contains("\n"), what + ": " + message);
        if (Files.size(file) < 1 << 20) {
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(message, assertThrows(MentorException.class, () -> Safetensors.read(file, bytes), what).getMessage());
        }
    }

    private Path write(String name, String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
        out.write(json);
        out.write(data);
        Path file = dir.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }
}
