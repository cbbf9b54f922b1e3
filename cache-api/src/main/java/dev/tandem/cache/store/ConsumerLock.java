package dev.tandem.cache.store;

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
 * the lock is tried again until it is free. The exception never escapes. Where the file system has no locks, the
 * in-JVM lock alone is kept.
 */
public final class ConsumerLock implements AutoCloseable {
    private static final ConcurrentMap<String, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
    /** The byte range that guards appends to the pack and the consumer's small files. */
    public static final long WRITER = 0;

    private final ReentrantLock inJvm;
    private final FileChannel channel;
    private final FileLock fileLock;

    private ConsumerLock(ReentrantLock inJvm, FileChannel channel, FileLock fileLock) {
        this.inJvm = inJvm;
        this.channel = channel;
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
        ReentrantLock inJvm = IN_JVM.computeIfAbsent(name, p -> new ReentrantLock());
        inJvm.lock();
        if (inJvm.getHoldCount() > 1) {
            return new ConsumerLock(inJvm, null, null);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new ConsumerLock(inJvm, channel, lockAcrossClassLoaders(channel, range));
        } catch (IOException | RuntimeException | Error e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            inJvm.unlock();
            throw e;
        }
    }

    private static FileLock lockAcrossClassLoaders(FileChannel channel, long range) throws IOException {
        long pause = 1;
        while (true) {
            try {
                return channel.lock(range, 1, false);
            } catch (OverlappingFileLockException heldInThisJvm) {
                sleep(pause);
                pause = Math.min(pause * 2, 20);
            } catch (IOException unsupported) {
                if (isLockingUnsupported(unsupported)) {
                    return null;
                }
                throw unsupported;
            }
        }
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
            if (fileLock != null) {
                fileLock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } finally {
            inJvm.unlock();
        }
    }
}
