package dev.tandem.cache.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One consumer's folder, and the one owner of what changes its entries: take the consumer's lock, open (or create)
 * its pack, append or compact, keep the used keys in step; and of its record, {@code consumer.properties}. A compilation's cache ({@code ProcessorCache}), prepare's
 * maintenance and the remote fetch all write through here, so the sequence and its lock order are written once.
 *
 * <p>The pack is opened at the first call that needs it and kept until {@link #close}. A cache opened for a
 * compilation may fall back to reading only (a read-only disk still gives hits); its first append then throws why
 * the pack could not be opened to write.
 */
public final class ConsumerFolder implements Closeable {
    private final Path folder;
    private final boolean readOnlyFallback;
    private volatile EntryPack pack;

    /**
     * @param folder the consumer's folder, made by the caller ({@link CacheFiles#createDirectories}) before the
     *     first write
     * @param readOnlyFallback whether a pack that cannot be opened to write is opened for reading instead
     */
    public ConsumerFolder(Path folder, boolean readOnlyFallback) {
        this.folder = folder;
        this.readOnlyFallback = readOnlyFallback;
    }

    /** The consumer's writer lock: for the small files written beside the pack at a compilation's end. */
    public ConsumerLock lock() throws IOException {
        return ConsumerLock.acquire(CacheLayout.lock(folder));
    }

    /** The pack, opened (or created) at the first call; reads need no lock. */
    public EntryPack pack() throws IOException {
        EntryPack open = pack;
        if (open == null) {
            synchronized (this) {
                if (pack == null) {
                    pack = openPack(CacheLayout.pack(folder), readOnlyFallback);
                }
                open = pack;
            }
        }
        return open;
    }

    /** The pack if a call opened it, else null: for statistics that must not open one. */
    public EntryPack packIfOpen() {
        return pack;
    }

    /** Appends one entry under the consumer's lock; the bytes written. */
    public long append(byte[] digest, byte[] value, int computeMicros) throws IOException {
        // a call alone in the try block: each compilation's fresh class loader verifies every instruction of a try
        // block against each of its handlers
        try (ConsumerLock ignored = lock()) {
            return pack().append(digest, value, computeMicros);
        }
    }

    /**
     * Keeps the most recently used entries that fit in {@code maxSize} bytes and the used keys of those only, under
     * the consumer's lock; returns how many entries were evicted.
     */
    public int compact(long maxSize) throws IOException {
        try (ConsumerLock ignored = lock()) {
            EntryPack open = pack();
            Map<ByteBuffer, Integer> lastUse = new HashMap<>();
            for (UsedKeys.Use use : UsedKeys.read(CacheLayout.used(folder))) {
                Integer before = lastUse.get(ByteBuffer.wrap(use.digest()));
                if (before == null || before < use.build()) {
                    lastUse.put(ByteBuffer.wrap(use.digest()), use.build());
                }
            }
            List<byte[]> digests = open.digests();
            digests.sort(new MostRecentFirst(lastUse));
            List<byte[]> keep = new ArrayList<>();
            long size = 8;
            for (byte[] digest : digests) {
                long record = open.recordSize(digest);
                if (size + record > maxSize) {
                    break;
                }
                keep.add(digest);
                size += record;
            }
            open.rewrite(keep);
            synchronized (this) { // the rewritten file replaced the one this pack reads: the next call reopens
                pack = null;
                open.close();
            }
            List<UsedKeys.Use> kept = new ArrayList<>();
            for (byte[] digest : keep) {
                Integer when = lastUse.get(ByteBuffer.wrap(digest));
                if (when != null) {
                    kept.add(new UsedKeys.Use(digest, when));
                }
            }
            UsedKeys.write(CacheLayout.used(folder), kept);
            return digests.size() - keep.size();
        }
    }

    /**
     * Closes the pack. The lock file's channel stays open: it is shared by everyone in this class loader, and closing
     * it releases every lock this JVM holds on the file, so only the compilation's own cache, at its end, closes it
     * ({@link #closeLockChannel}); prepare's maintenance and fetch may run beside a compilation holding a lock on the
     * same consumer (a cache folder shared between modules, under {@code -T}).
     */
    @Override
    public void close() {
        try {
            EntryPack open = pack;
            if (open != null) {
                open.close();
            }
        } catch (IOException ignored) {
            // read and appended under the lock: nothing is left to write
        }
    }

    /** Closes the lock file's shared channel: a compilation's cache at its end, with no lock held. */
    public void closeLockChannel() {
        ConsumerLock.closeChannel(CacheLayout.lock(folder));
    }

    // consumer.properties, the folder's record: the id that owns the folder, the format's version, the last build
    // that used it (what "changed since my last build" is measured from, and what prepare prunes by) and the
    // consumer's version; a checksummed ChecksummedProperties file written at the end of each compilation that used the
    // consumer.
    // Here, not in a class of its own, because a compilation's open reads it: one class fewer to load.

    private static final String LAST_BUILD = "lastBuild";
    private static final String ID = "id";

    /** The record's properties; empty when missing, null when damaged (unreadable, or not matching its checksum). */
    public static Properties readRecordOrNull(Path file) {
        return ChecksummedProperties.readOrNull(file);
    }

    /** The last build that used the consumer, {@code otherwise} when the record says none or is damaged. */
    public static int lastBuild(Path file, int otherwise) {
        return ChecksummedProperties.number(ChecksummedProperties.read(file), LAST_BUILD, otherwise);
    }

    /** The last build a record read with {@link #readRecordOrNull} holds, 0 when none. */
    public static int lastBuild(Properties record) {
        return ChecksummedProperties.number(record, LAST_BUILD, 0);
    }

    /** Whether a record read with {@link #readRecordOrNull} names another owner than {@code id}. */
    public static boolean ownedByAnother(Properties record, String id) {
        return !record.isEmpty() && !id.equals(record.getProperty(ID));
    }

    public static void writeRecord(Path file, String id, int lastBuild, String version) throws IOException {
        Properties record = new Properties();
        record.setProperty(ID, id);
        record.setProperty("formatVersion", String.valueOf(ChecksummedProperties.FORMAT_VERSION));
        record.setProperty(LAST_BUILD, String.valueOf(lastBuild));
        record.setProperty("version", version);
        ChecksummedProperties.write(file, record, "Tandem consumer " + id);
    }

    private static EntryPack openPack(Path file, boolean readOnlyFallback) throws IOException {
        try {
            return EntryPack.open(file);
        } catch (CacheFiles.LinkInCacheException link) {
            throw link; // not even for reading
        } catch (IOException cannotWrite) {
            EntryPack readOnly = readOnlyFallback ? EntryPack.openForReading(file, cannotWrite) : null;
            if (readOnly == null) {
                throw cannotWrite;
            }
            return readOnly;
        }
    }

    /** Entries by their last use, newest first; never used counts as build 0. Named: no lambda in this class. */
    private static final class MostRecentFirst implements Comparator<byte[]> {
        private final Map<ByteBuffer, Integer> lastUse;

        MostRecentFirst(Map<ByteBuffer, Integer> lastUse) {
            this.lastUse = lastUse;
        }

        @Override
        public int compare(byte[] a, byte[] b) {
            return Integer.compare(when(b), when(a));
        }

        private int when(byte[] digest) {
            Integer when = lastUse.get(ByteBuffer.wrap(digest));
            return when == null ? 0 : when;
        }
    }
}
