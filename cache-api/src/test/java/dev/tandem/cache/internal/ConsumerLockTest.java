package dev.tandem.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerLockTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("a file lock held elsewhere in this JVM (another class loader's copy) makes it wait, not throw")
    void waitsForALockHeldByAnotherClassLoader() throws Exception {
        Path lockFile = dir.resolve("entries.lock");
        try (FileChannel other = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock held = other.lock(ConsumerLock.WRITER, 1, false);
            AtomicBoolean acquired = new AtomicBoolean();
            CountDownLatch trying = new CountDownLatch(1);
            Thread waiter = new Thread(() -> {
                trying.countDown();
                try (ConsumerLock ignored = ConsumerLock.acquire(lockFile)) {
                    acquired.set(true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            waiter.start();
            assertThat(trying.await(5, TimeUnit.SECONDS)).isTrue();
            // it is waiting once it sleeps between tries: the only timed wait on its way to the lock
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (waiter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(waiter.getState()).isEqualTo(Thread.State.TIMED_WAITING);
            assertThat(acquired).as("acquired while another holder had it").isFalse();
            held.release();
            waiter.join(5_000);
            assertThat(acquired).as("acquired once released").isTrue();
        }
    }

    @Test
    @DisplayName("different byte ranges (different keys) do not wait for each other")
    void rangesAreIndependent() throws Exception {
        Path lockFile = dir.resolve("entries.lock");
        try (ConsumerLock one = ConsumerLock.acquire(lockFile, 5)) {
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                try (ConsumerLock two = ConsumerLock.acquire(lockFile, 6)) {
                    // got it while range 5 is held
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            other.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("the holding thread may take it again, and another thread gets it once both are released")
    void isReentrantForTheHoldingThread() throws Exception {
        Path lockFile = dir.resolve("entries.lock");
        CompletableFuture<Void> nested = CompletableFuture.runAsync(() -> {
            try (ConsumerLock outer = ConsumerLock.acquire(lockFile);
                    ConsumerLock inner = ConsumerLock.acquire(lockFile)) {
                assertThat(inner).isNotNull();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        nested.get(5, TimeUnit.SECONDS); // a lock that is not reentrant deadlocks here and fails instead of hanging
        CompletableFuture.runAsync(() -> {
                    try (ConsumerLock again = ConsumerLock.acquire(lockFile)) {
                        assertThat(again).isNotNull();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .get(5, TimeUnit.SECONDS);
    }
}
