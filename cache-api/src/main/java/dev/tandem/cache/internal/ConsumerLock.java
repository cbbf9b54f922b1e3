package dev.tandem.cache.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive access to one consumer's entries, among threads and among JVMs.
 *
 * <p>Java file locks belong to the whole JVM: a second {@code lock()} from another thread of the same JVM throws
 * {@link OverlappingFileLockException} instead of waiting. Threads that share this class are ordered by an in-JVM
 * lock first. Two javac compilations running at once under {@code mvn -T} load this class in two class loaders,
 * though, so they do not share that lock; for them the exception means "another thread of this JVM holds it", and
 * the lock is tried again until it is free. The exception never escapes. Nor does the kernel's "resource deadlock
 * avoided", which process-wide POSIX locks report between two multi-threaded JVMs without a real cycle. Where the
 * file system has no locks, the in-JVM lock alone is kept.
 */
public final class ConsumerLock implements AutoCloseable {
    private static final ConcurrentMap<String, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
    /**
     * One channel per lock file, kept open: on Linux, closing any channel of a file releases every lock the JVM
     * holds on it, so a channel per acquisition would drop a key's lock when the writer's lock is released.
     */
    private static final ConcurrentMap<Path, FileChannel> CHANNELS = new ConcurrentHashMap<>();
    /** The byte range that guards appends to the pack and the consumer's small files. */
    public static final long WRITER = 0;

    private final ReentrantLock inJvm;
    private final FileLock fileLock;

    private ConsumerLock(ReentrantLock inJvm, FileLock fileLock) {
        this.inJvm = inJvm;
        this.fileLock = fileLock;
    }

    /** Waits for the writer lock; reentrant for the thread that holds it. */
    public static ConsumerLock acquire(Path lockFile) throws IOException {
        return acquire(lockFile, WRITER);
    }

    /**
     * Waits for one byte range of the lock file: range {@link #WRITER} for writers, others for computing one key,
     * so computations of different keys do not wait for each other.
     */
    public static ConsumerLock acquire(Path lockFile, long range) throws IOException {
        String name = lockFile.toAbsolutePath().normalize() + "#" + range;
        ReentrantLock inJvm = IN_JVM.get(name);
        if (inJvm == null) { // no computeIfAbsent: its lambda would spin a class in every compilation
            ReentrantLock fresh = new ReentrantLock();
            ReentrantLock raced = IN_JVM.putIfAbsent(name, fresh);
            inJvm = raced != null ? raced : fresh;
        }
        inJvm.lock();
        if (inJvm.getHoldCount() > 1) {
            return new ConsumerLock(inJvm, null);
        }
        try {
            return new ConsumerLock(inJvm, lockAcrossClassLoaders(lockFile, range));
        } catch (IOException | RuntimeException | Error e) {
            inJvm.unlock();
            throw e;
        }
    }

    private static synchronized FileChannel channel(Path lockFile) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        FileChannel channel = CHANNELS.get(key);
        if (channel == null || !channel.isOpen()) {
            channel = CacheFiles.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            CHANNELS.put(key, channel);
        }
        return channel;
    }

    /**
     * Closes the lock file's channel, when its consumer is closed; the next acquisition opens it again. Closing
     * releases every lock of this JVM on the file, so only call it with none held.
     */
    public static synchronized void closeChannel(Path lockFile) {
        FileChannel channel = CHANNELS.remove(lockFile.toAbsolutePath().normalize());
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // it held nothing any more
            }
        }
    }

    private static FileLock lockAcrossClassLoaders(Path lockFile, long range) throws IOException {
        long pause = 1;
        while (true) {
            try {
                return channel(lockFile).lock(range, 1, false);
            } catch (java.nio.channels.ClosedChannelException closedMeanwhile) {
                // closeChannel ran between look-up and lock: open it again
            } catch (OverlappingFileLockException heldInThisJvm) {
                sleep(pause);
                pause = Math.min(pause * 2, 20);
            } catch (IOException e) {
                if (isDeadlockAvoided(e)) {
                    // POSIX locks belong to the process, not the thread: the kernel reports a cycle between two
                    // JVMs that their threads do not have (no thread waits for a key while holding the writer
                    // range). It clears when the writer finishes its append; wait and ask again.
                    sleep(pause);
                    pause = Math.min(pause * 2, 20);
                } else if (isLockingUnsupported(e)) {
                    return null;
                } else {
                    throw e;
                }
            }
        }
    }

    private static boolean isDeadlockAvoided(IOException e) {
        return String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("deadlock");
    }

    private static boolean isLockingUnsupported(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("not supported") || message.contains("not implemented") || message.contains("nolck");
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a Tandem cache lock", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (fileLock != null && fileLock.isValid()) {
                fileLock.release();
            }
        } finally {
            inJvm.unlock();
        }
    }
}
