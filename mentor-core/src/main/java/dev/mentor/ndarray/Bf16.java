package dev.mentor.ndarray;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.mentor.MentorException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Differentiable casts between float32 and bfloat16 for DJL 0.35.1, whose own {@code toType} can do neither: its
 * native dtype table stops before bfloat16 ({@code toType(BFLOAT16)} ends the JVM) and it casts under a no-grad
 * guard. A TorchScript method runs with autograd, so the cast to bfloat16 is a one-line TorchScript module
 * ({@code torch.to(x, torch.bfloat16)}) that this class writes as the archive {@code torch.jit.save} would (its code and
 * pickled state, no tensors) and loads once per JVM; the cast back is {@code index_put_} into float32 zeros. The
 * bfloat16 arrays these return are named {@code UNKNOWN} by DJL. See docs/RESULTS.md, issue 19, for how this was found.
 */
public final class Bf16 {
    /** The module's TorchScript code; 15 is c10::ScalarType::BFloat16. */
    private static final String CODE = """
            class Cast(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.Cast,
                x: Tensor) -> Tensor:
                return torch.to(x, 15)
            """;

    private static Model model; // held: a collected Model releases its native module under the block
    private static Block cast;
    private static ParameterStore store;

    private Bf16() {
    }

    /** A bfloat16 copy of {@code x} that keeps autograd, owned by {@code owner}. */
    public static NDArray of(NDArray x, NDManager owner) {
        NDArray y = module().forward(store, new NDList(x), true).singletonOrThrow();
        y.attach(owner);
        return y;
    }

    /** A float32 copy of the bfloat16 {@code x} that keeps autograd, owned by {@code x}'s manager. */
    public static NDArray toFloat32(NDArray x) {
        NDArray y = x.getManager().zeros(x.getShape());
        y.set(new NDIndex("..."), x);
        return y;
    }

    private static synchronized Block module() {
        if (cast == null) {
            Path dir = null;
            try {
                dir = Files.createTempDirectory("mentor-bf16");
                Files.write(dir.resolve("bf16cast.pt"), archive());
                Model loaded = Model.newInstance("bf16cast", Device.cpu(), "PyTorch");
                loaded.load(dir, "bf16cast", Map.of("trainParam", "true"));
                store = new ParameterStore(loaded.getNDManager(), false);
                model = loaded; // kept for the JVM's life: every bf16 forward uses it
                cast = loaded.getBlock();
            } catch (IOException | MalformedModelException | RuntimeException e) {
                throw new MentorException("precision: cannot load the bfloat16 cast (" + e.getMessage() + ")", e);
            } finally {
                deleteQuietly(dir);
            }
        }
        return cast;
    }

    /** The TorchScript archive of the cast module: stored (uncompressed) entries, as torch.jit.save writes them. */
    static byte[] archive() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        byte[] name = "training".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream pickle = new ByteArrayOutputStream();
        // protocol 2: GLOBAL __torch__.Cast, NEWOBJ with no arguments, then its state {"training": True} by BUILD
        pickle.write(new byte[] {(byte) 0x80, 2});
        pickle.write("c__torch__\nCast\nq\u0000)\u0081}(".getBytes(StandardCharsets.ISO_8859_1));
        pickle.write('X');
        pickle.write(new byte[] {(byte) name.length, 0, 0, 0});
        pickle.write(name);
        pickle.write("q\u0001\u0088ub.".getBytes(StandardCharsets.ISO_8859_1));
        entries.put("bf16cast/data.pkl", pickle.toByteArray());
        entries.put("bf16cast/code/__torch__.py", CODE.getBytes(StandardCharsets.UTF_8));
        entries.put("bf16cast/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
        entries.put("bf16cast/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                entry.setCompressedSize(e.getValue().length);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** Whether this CPU has bfloat16 instructions oneDNN uses (AVX-512 BF16 or AMX); false when /proc/cpuinfo is unreadable. */
    public static boolean cpuHasBf16() {
        try {
            String info = Files.readString(Path.of("/proc/cpuinfo"));
            return info.contains(" avx512_bf16") || info.contains(" amx_bf16");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
