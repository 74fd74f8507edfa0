package dev.mentor.train;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Prepares the next batches of a {@link BatchStream} on background threads while the current step
 * trains; hands them out in order. Because batches are pure functions of their number, the result
 * is the same for any number of threads.
 */
public final class Prefetcher implements AutoCloseable {
    private final BatchStream stream;
    private final ExecutorService workers;
    private final ArrayDeque<CompletableFuture<HostBatch>> queue = new ArrayDeque<>();
    private final int depth;
    private long next;

    public Prefetcher(BatchStream stream, long firstBatch, int threads, int depth) {
        this.stream = stream;
        this.depth = depth;
        this.next = firstBatch;
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mentor-batches");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < depth; i++) {
            enqueue();
        }
    }

    private void enqueue() {
        long k = next++;
        queue.add(CompletableFuture.supplyAsync(() -> stream.batch(k), workers));
    }

    /** The next batch in sequence, waiting for it if it is not ready yet. */
    public HostBatch next() {
        CompletableFuture<HostBatch> head = queue.poll();
        enqueue();
        try {
            return head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("preparing a batch failed", e.getCause());
        }
    }

    public int depth() {
        return depth;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
