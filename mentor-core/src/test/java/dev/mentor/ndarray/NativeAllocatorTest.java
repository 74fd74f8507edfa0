package dev.mentor.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NativeAllocatorTest {
    private static final String LIBC = "7f1c2a600000-7f1c2a628000 r--p 00000000 00:2d 1049 /usr/lib/x86_64-linux-gnu/libc.so.6";
    private static final String TORCH = "7f1c10000000-7f1c12000000 r-xp 00000000 00:2d 2001 /root/.djl.ai/pytorch/2.7.1-cpu-linux-x86_64/libtorch_cpu.so";

    @Test
    void aPreloadedTcmallocIsFoundWhereverItIsMapped() {
        String tcmalloc = "7f1c2a800000-7f1c2a830000 r-xp 00000000 00:2d 77 /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10";
        assertEquals(NativeAllocator.TCMALLOC, NativeAllocator.fromMappedLibraries(List.of(tcmalloc, LIBC, TORCH)));
        assertEquals(NativeAllocator.TCMALLOC, NativeAllocator.fromMappedLibraries(List.of(LIBC, TORCH, tcmalloc)));
    }

    @Test
    void otherReplacementsAreNamed() {
        assertEquals(NativeAllocator.JEMALLOC, NativeAllocator.fromMappedLibraries(
                List.of(LIBC, "7f00-7f10 r-xp 00000000 00:2d 5 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2")));
        assertEquals(NativeAllocator.MIMALLOC, NativeAllocator.fromMappedLibraries(
                List.of("7f00-7f10 r-xp 00000000 00:2d 5 /opt/lib/libmimalloc.so.2.1", LIBC)));
    }

    @Test
    void withoutAReplacementItIsGlibcAndWithoutLibcUnknown() {
        assertEquals(NativeAllocator.GLIBC, NativeAllocator.fromMappedLibraries(List.of(TORCH, LIBC, "7ffd-7ffe rw-p 00000000 00:00 0 [stack]")));
        assertEquals(NativeAllocator.UNKNOWN, NativeAllocator.fromMappedLibraries(List.of("7ffd-7ffe rw-p 00000000 00:00 0 [stack]")));
        // torch's own libraries are not allocators, whatever they contain
        assertEquals(NativeAllocator.UNKNOWN, NativeAllocator.fromMappedLibraries(List.of(TORCH)));
    }

    @Test
    void thisProcessIsRead() {
        // the test JVM runs under glibc or under the tcmalloc the build preloads when installed; either way it is read
        NativeAllocator current = NativeAllocator.current();
        String preload = System.getenv().getOrDefault("LD_PRELOAD", "");
        NativeAllocator expected = preload.contains("libtcmalloc") ? NativeAllocator.TCMALLOC
                : preload.contains("libjemalloc") ? NativeAllocator.JEMALLOC
                : preload.contains("libmimalloc") ? NativeAllocator.MIMALLOC : NativeAllocator.GLIBC;
        assertEquals(expected, current, "LD_PRELOAD=" + preload);
    }
}
