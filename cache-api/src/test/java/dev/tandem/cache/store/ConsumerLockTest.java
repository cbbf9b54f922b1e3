package dev.tandem.cache.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
            CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
                try (ConsumerLock ignored = ConsumerLock.acquire(lockFile)) {
                    // got it
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100);
            assertThat(waiter).isNotDone();
            held.release();
            waiter.get(5, TimeUnit.SECONDS);
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
    void isReentrantForTheHoldingThread() throws Exception {
        Path lockFile = dir.resolve("entries.lock");
        try (ConsumerLock outer = ConsumerLock.acquire(lockFile);
                ConsumerLock inner = ConsumerLock.acquire(lockFile)) {
            assertThat(inner).isNotNull();
        }
    }
}
