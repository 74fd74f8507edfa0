package dev.mentor.ndarray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The C allocator PyTorch's CPU tensors come from in this process. PyTorch allocates each tensor with {@code malloc} and
 * frees it as soon as the last reference goes. glibc's {@code malloc} maps every block above its threshold (32 MiB at
 * most, and a large batch's activations are larger) fresh from the kernel and unmaps it on free, so every training step
 * faults its activations in again, page by page. tcmalloc keeps freed memory for the next step. On the 2-core machine
 * of docs/RESULTS.md a FixMatch run spent 45% of its CPU time in the kernel under glibc and ran 3.7× faster under tcmalloc,
 * with the same numbers. The {@code ./mentor} launcher preloads tcmalloc when it is installed; a library user sets
 * {@code LD_PRELOAD} the same way.
 */
public enum NativeAllocator {
    TCMALLOC("tcmalloc"),
    JEMALLOC("jemalloc"),
    MIMALLOC("mimalloc"),
    /** glibc's own malloc: nothing that replaces it is loaded. */
    GLIBC("glibc"),
    /** Not Linux, or /proc/self/maps unreadable. */
    UNKNOWN("unknown");

    private final String label;

    NativeAllocator(String label) {
        this.label = label;
    }

    /** The name a run's manifest records. */
    public String label() {
        return label;
    }

    /** The allocator of this process, read from the libraries mapped into it. */
    public static NativeAllocator current() {
        try {
            return fromMappedLibraries(Files.readAllLines(Path.of("/proc/self/maps")));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** The allocator that {@code /proc/PID/maps}'s lines show loaded: a replacement library if one is mapped, else glibc. */
    static NativeAllocator fromMappedLibraries(List<String> maps) {
        boolean glibc = false;
        for (String line : maps) {
            int slash = line.lastIndexOf('/');
            if (slash < 0) {
                continue;
            }
            String file = line.substring(slash + 1).toLowerCase(Locale.ROOT);
            if (file.startsWith("libtcmalloc")) {
                return TCMALLOC;
            }
            if (file.startsWith("libjemalloc")) {
                return JEMALLOC;
            }
            if (file.startsWith("libmimalloc")) {
                return MIMALLOC;
            }
            glibc |= file.startsWith("libc.so") || file.startsWith("libc-");
        }
        return glibc ? GLIBC : UNKNOWN;
    }
}
