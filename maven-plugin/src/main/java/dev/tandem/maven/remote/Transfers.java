package dev.tandem.maven.remote;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The small bounded pool remote transfers run in: daemon threads, so a stuck request never holds up Maven's exit. */
final class Transfers {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private Transfers() {}

    static ExecutorService pool(int threads) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "tandem-remote-" + pool + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Waits for the pool's tasks within the phase's budget (and a second's grace); then stops what is left. */
    static void finish(ExecutorService pool, Remote.Phase phase) {
        pool.shutdown();
        try {
            long wait = Math.max(0, phase.remainingNanos()) + TimeUnit.SECONDS.toNanos(1);
            if (!pool.awaitTermination(wait, TimeUnit.NANOSECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
