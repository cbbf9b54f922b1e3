package dev.tandem.cache.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * One consumer's entries: an append-only file of records, each {@code [magic][key digest][compute micros][length]
 * [CRC32C][value]}. Appending costs a few microseconds where a file per entry costs a temp file and a rename.
 *
 * <p>Records are never changed once written. A reader validates each record's CRC, so a record half-written by a
 * killed writer, a flipped byte or a truncated file is a miss, never a wrong value. A writer, under the
 * consumer's {@link ConsumerLock}, first reads what other writers appended and cuts off a torn tail. {@code
 * tandem:prepare} rewrites the file (temp file and atomic rename) to drop dead records and evict old ones.
 */
public final class EntryPack implements Closeable {
    static final int FILE_MAGIC = 0x544e4450; // "TNDP"
    static final short FORMAT_VERSION = 1;
    static final int HEADER_SIZE = 8;
    static final int RECORD_MAGIC = 0x54524543; // "TREC"
    public static final int DIGEST_SIZE = 32;
    static final int RECORD_HEADER_SIZE = 4 + DIGEST_SIZE + 4 + 4 + 4;
    /** No single value may be larger: protects the reader from a corrupt length. */
    public static final int MAX_VALUE_SIZE = 256 * 1024 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final Map<ByteBuffer, Location> index = new ConcurrentHashMap<>();
    private long indexedUpTo = HEADER_SIZE;
    /** The file is of another format or version: nothing in it is read, and nothing is appended to it. */
    private boolean foreign;
    /**
     * Why nothing is ever appended, or {@code null} for a pack {@link #open} found starting with a pack's header:
     * one opened for reading (a read-only disk, {@code tandem:status}) may be any file swapped in under the name, a
     * hard link to the user's file included.
     */
    private final IOException notWritable;

    private int corrupt;

    private EntryPack(Path file, FileChannel channel, IOException notWritable) {
        this.file = file;
        this.channel = channel;
        this.notWritable = notWritable;
    }

    /** Where a value lies, and what computing it cost. */
    static final class Location {
        final long offset;
        final int length;
        final int crc;
        final int computeMicros;

        Location(long offset, int length, int crc, int computeMicros) {
            this.offset = offset;
            this.length = length;
            this.crc = crc;
            this.computeMicros = computeMicros;
        }
    }

    /** A value read back whole and intact. */
    public static final class Value {
        private final byte[] bytes;
        private final int computeMicros;

        Value(byte[] bytes, int computeMicros) {
            this.bytes = bytes;
            this.computeMicros = computeMicros;
        }

        public byte[] bytes() {
            return bytes;
        }

        /** What computing it cost when it was put: what a hit saves. */
        public int computeMicros() {
            return computeMicros;
        }
    }

    /**
     * Opens (creating if needed) the pack for reading and appending; a file of another format starts afresh.
     *
     * <p>A pack is made, header and all, under the consumer's writer lock, and whoever finds it shorter than its
     * header judges it under that lock too: otherwise a compilation opening the pack a moment after another one
     * created it, before the header was there, would call the empty file damage.
     */
    public static EntryPack open(Path file) throws IOException {
        if (hasHeaderRoom(file)) {
            return open(file, false);
        }
        try (ConsumerLock ignored = ConsumerLock.acquire(CacheLayout.lock(file.getParent()))) {
            return open(file, Files.exists(file, LinkOption.NOFOLLOW_LINKS));
        }
    }

    private static boolean hasHeaderRoom(Path file) {
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() && attributes.size() >= HEADER_SIZE;
        } catch (IOException absent) {
            return false;
        }
    }

    private static EntryPack open(Path file, boolean existed) throws IOException {
        FileChannel channel =
                CacheFiles.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        EntryPack pack = new EntryPack(file, channel, null);
        try {
            if (!pack.hasValidHeader()) {
                // empty, cut short or of another format: never written in place, since the file under this name may
                // not be Tandem's (a hard link swapped in after the check); a new pack is renamed over the name
                long size = channel.size();
                int damaged = (size == 0 && existed) || (size > 0 && size < HEADER_SIZE) ? 1 : 0;
                channel.close();
                try (ConsumerLock ignored = ConsumerLock.acquire(CacheLayout.lock(file.getParent()))) {
                    replaceWithEmpty(file);
                }
                channel = CacheFiles.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                pack = new EntryPack(file, channel, null);
                pack.corrupt += damaged;
                if (!pack.hasValidHeader()) {
                    throw new CorruptCacheFileException(file, "replaced by another file while it was opened");
                }
            }
            pack.refresh();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return pack;
    }

    /** Puts an empty pack (its header alone) at {@code file}, by renaming a new file over the name. */
    private static void replaceWithEmpty(Path file) throws IOException {
        Path temp = FolderHandles.createTempFile(file);
        try {
            try (FileChannel out = CacheFiles.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer header = header();
                while (header.hasRemaining()) {
                    out.write(header);
                }
            }
            AtomicFiles.move(temp, file);
        } finally {
            FolderHandles.deleteIfExists(temp);
        }
    }

    /** Opens an existing pack for reading only, e.g. for {@code tandem:status}; {@code null} when there is none. */
    public static EntryPack openForReading(Path file) throws IOException {
        return openForReading(file, new IOException(file + " is open for reading only"));
    }

    /**
     * As {@link #openForReading(Path)}, where {@link #open} failed: every append then throws {@code whyNotWritable},
     * so the writer says why the pack could not be opened to write (a read-only disk).
     */
    public static EntryPack openForReading(Path file, IOException whyNotWritable) throws IOException {
        FileChannel channel;
        try {
            channel = CacheFiles.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
        EntryPack pack = new EntryPack(file, channel, whyNotWritable);
        try {
            pack.refresh();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return pack;
    }

    /** Indexes the records other writers appended since the last look. */
    public synchronized void refresh() throws IOException {
        long size = channel.size();
        if (size < indexedUpTo) {
            // records never shrink away: someone truncated the file in place. What was indexed is gone; count it
            // as damage and index whatever is left from the start
            corrupt += index.size();
            index.clear();
            indexedUpTo = HEADER_SIZE;
        }
        if (foreign || size < HEADER_SIZE) {
            return;
        }
        if (indexedUpTo == HEADER_SIZE && !hasValidHeader()) {
            foreign = true;
            corrupt++; // damaged, or of a format this version cannot read: either way, nothing in it is used
            return;
        }
        ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER_SIZE);
        long position = indexedUpTo;
        while (position + RECORD_HEADER_SIZE <= size) {
            header.clear();
            if (readFully(header, position) < RECORD_HEADER_SIZE) {
                break;
            }
            header.flip();
            if (header.getInt() != RECORD_MAGIC) {
                break;
            }
            byte[] digest = new byte[DIGEST_SIZE];
            header.get(digest);
            int computeMicros = header.getInt();
            int length = header.getInt();
            int crc = header.getInt();
            long valueOffset = position + RECORD_HEADER_SIZE;
            if (length < 0 || length > MAX_VALUE_SIZE || valueOffset + length > size) {
                break; // torn or corrupt: everything from here on is unreadable
            }
            index.put(ByteBuffer.wrap(digest), new Location(valueOffset, length, crc, computeMicros));
            position = valueOffset + length;
        }
        indexedUpTo = position;
    }

    private boolean hasValidHeader() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        return readFully(header, 0) == HEADER_SIZE
                && header.getInt(0) == FILE_MAGIC
                && header.getShort(4) == FORMAT_VERSION;
    }

    /** The value stored under {@code digest}, or {@code null} for a miss (absent, or damaged and now forgotten). */
    public Value get(byte[] digest) throws IOException {
        ByteBuffer key = ByteBuffer.wrap(digest);
        Location location = index.get(key);
        if (location == null) {
            refresh();
            location = index.get(key);
            if (location == null) {
                return null;
            }
        }
        byte[] value = new byte[location.length];
        if (!read(value, location.offset) || crc(digest, value) != location.crc) {
            // a record another JVM is still writing can be indexed (its header and the file's size are there)
            // before all of its bytes are visible here: read once more before calling it damage
            if (!read(value, location.offset) || crc(digest, value) != location.crc) {
                forget(key, location);
                return null;
            }
        }
        return new Value(value, location.computeMicros);
    }

    /**
     * A positional read, not a mapping: a file truncated in place by someone else then reads short (a miss), where
     * a mapping would fault the reading thread at some later point, possibly inside the processor. It costs a
     * system call per hit, about a microsecond.
     */
    private boolean read(byte[] into, long offset) throws IOException {
        return readFully(ByteBuffer.wrap(into), offset) == into.length;
    }

    private synchronized void forget(ByteBuffer key, Location location) {
        if (index.remove(key, location)) {
            corrupt++;
        }
    }

    /**
     * Appends a value; the caller holds the consumer's {@link ConsumerLock}, so no other writer is mid-record.
     *
     * @return the bytes written
     */
    public synchronized long append(byte[] digest, byte[] value, int computeMicros) throws IOException {
        if (digest.length != DIGEST_SIZE) {
            throw new IllegalArgumentException("a key digest has " + DIGEST_SIZE + " bytes");
        }
        if (value.length > MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("a cache value may have at most " + MAX_VALUE_SIZE + " bytes");
        }
        if (notWritable != null) {
            throw notWritable;
        }
        refresh();
        if (foreign) {
            // it started as a pack when opened and was overwritten in place since: not Tandem's to write any more
            throw new CorruptCacheFileException(file, "overwritten in place by something that is not a pack");
        }
        long size = channel.size();
        if (size < HEADER_SIZE) {
            if (size > 0) {
                corrupt++; // a few bytes, no whole header
            }
            channel.truncate(0);
            writeFully(header(), 0);
            index.clear();
            indexedUpTo = HEADER_SIZE;
        } else if (size > indexedUpTo) {
            // under the writer lock nobody is mid-record: a writer died there (or the file was cut). Count the torn
            // record and cut it off
            corrupt++;
            channel.truncate(indexedUpTo);
        }
        int crc = crc(digest, value);
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_SIZE + value.length)
                .putInt(RECORD_MAGIC)
                .put(digest)
                .putInt(computeMicros)
                .putInt(value.length)
                .putInt(crc)
                .put(value);
        record.flip();
        long offset = indexedUpTo;
        writeFully(record, offset);
        index.put(
                ByteBuffer.wrap(digest.clone()),
                new Location(offset + RECORD_HEADER_SIZE, value.length, crc, computeMicros));
        indexedUpTo = offset + RECORD_HEADER_SIZE + value.length;
        return RECORD_HEADER_SIZE + (long) value.length;
    }

    /** Live entries: the last record of each key. */
    public int entryCount() {
        return index.size();
    }

    /** Damage found since this pack was opened: records failing their CRC, a torn tail cut off, a bad header. */
    public synchronized int corruptCount() {
        return corrupt;
    }

    /** The digests of all live entries, each with its record size; for eviction. */
    public List<byte[]> digests() {
        List<byte[]> digests = new ArrayList<>();
        for (ByteBuffer k : index.keySet()) { // no lambda: this class is loaded in every compilation
            digests.add(k.array().clone());
        }
        return digests;
    }

    /** The size of the record holding {@code digest}, or 0. */
    public long recordSize(byte[] digest) {
        Location location = index.get(ByteBuffer.wrap(digest));
        return location == null ? 0 : RECORD_HEADER_SIZE + (long) location.length;
    }

    /**
     * Writes a new pack holding only the given keys' intact values, then atomically replaces this one's file.
     * The caller holds the consumer's lock. This pack must not be used afterwards.
     *
     * @return the number of records dropped as damaged
     */
    public int rewrite(List<byte[]> keep) throws IOException {
        Path temp = FolderHandles.createTempFile(file);
        int damaged = 0;
        try {
            try (EntryPack fresh = open(temp)) {
                for (byte[] digest : keep) {
                    Value value = get(digest);
                    if (value == null) {
                        damaged++;
                    } else {
                        fresh.append(digest, value.bytes(), value.computeMicros());
                    }
                }
            }
            AtomicFiles.move(temp, file);
        } finally {
            FolderHandles.deleteIfExists(temp);
        }
        return damaged;
    }

    private static ByteBuffer header() {
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).putInt(FILE_MAGIC).putShort(FORMAT_VERSION);
        header.putShort((short) 0).flip();
        return header;
    }

    static int crc(byte[] digest, byte[] value) {
        CRC32C crc = new CRC32C();
        crc.update(digest);
        crc.update(value);
        return (int) crc.getValue();
    }

    private int readFully(ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private void writeFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
