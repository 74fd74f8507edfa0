package dev.mentor.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Provokes what the garbage collector does to a tensor whose storage is Java memory: collects, lets
 * the cleaners free the direct buffers nobody references, and fills freshly allocated direct buffers
 * (which reuse that memory) with {@code 0x7f} bytes, so a tensor still reading the freed memory reads
 * 3.4e38 instead of its value. {@link #scribble()} does it once, where a test wants it; an open storm
 * does it over and over on a thread of its own while the test trains.
 */
public final class GarbageStorm implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    private GarbageStorm() {
        thread = new Thread(() -> {
            while (running) {
                scribble();
            }
        }, "garbage-storm");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts scribbling on a thread of its own until closed. */
    public static GarbageStorm start() {
        return new GarbageStorm();
    }

    /** One collection, then a few thousand small direct buffers filled with {@code 0x7f}. */
    public static void scribble() {
        System.gc();
        try {
            Thread.sleep(2); // the cleaner thread frees the collected buffers
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ByteBuffer> junk = new ArrayList<>();
        for (int k = 0; k < 4000; k++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4 + k % 64);
            while (b.hasRemaining()) {
                b.put((byte) 0x7f);
            }
            junk.add(b);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
