package dev.tandem.cache.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The input index: per input file its path (relative to the project's base directory), size, modification time,
 * inode, change time, SHA-256 and the build in which its content last changed. Written by {@code tandem:prepare}
 * once per build, read by every processor invocation.
 *
 * <p>javac loads processors in a fresh class loader for every compilation, so opening must not parse: the file is
 * read whole (not mapped: a mapping faults the reader when someone truncates the file in place), its CRC and every
 * offset in it checked against its size, and a look-up is a binary search over an offset table. Layout, big-endian:
 *
 * <pre>
 * magic "TNDI" (4)  version (2)  reserved (2)  entry count (4)  build number (4)  indexed at, epoch ms (8)
 * base directory: length (2) + UTF-8
 * offset table: one int per entry, from the start of the entries area, entries sorted by path bytes
 * entries: path length (2) + UTF-8, size (8), mtime ns (8), inode (8), ctime ns (8), changed in build (4), SHA-256 (32)
 * CRC32C of everything before it (4)
 * </pre>
 */
public final class InputIndex {
    static final int MAGIC = 0x544e4449; // "TNDI"
    static final short FORMAT_VERSION = 1;
    private static final int FIXED_ENTRY_SIZE = 8 + 8 + 8 + 8 + 4 + 32;

    private final ByteBuffer buffer;
    private final int count;
    private final int buildNumber;
    private final long indexedAtMillis;
    private final Path basedir;
    private final int offsetTable;
    private final int entriesStart;
    /** Where entries end: the CRC's offset. */
    private final int end;

    /** The file it was read from, for messages; null for one built in memory. */
    private Path file;

    private InputIndex(ByteBuffer buffer, int count, int buildNumber, long indexedAtMillis, Path basedir, int table) {
        this.buffer = buffer;
        this.count = count;
        this.buildNumber = buildNumber;
        this.indexedAtMillis = indexedAtMillis;
        this.basedir = basedir;
        this.offsetTable = table;
        this.entriesStart = table + 4 * count;
        this.end = Math.max(0, buffer.limit() - 4);
    }

    /**
     * An entry of a CRC-valid index lies outside the file: only a writer other than Tandem makes one. Thrown by the
     * look-ups of an index opened with {@link #openForLookups}; {@link #open} finds it before returning.
     */
    public static final class DamagedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DamagedException(String message) {
            super(message);
        }
    }

    /** One input file. */
    public static final class Entry {
        private final String path;
        private final long size;
        private final long mtimeNanos;
        private final long inode;
        private final long ctimeNanos;
        private final int changedInBuild;
        private final byte[] sha256;

        public Entry(
                String path,
                long size,
                long mtimeNanos,
                long inode,
                long ctimeNanos,
                int changedInBuild,
                byte[] sha256) {
            this.path = path;
            this.size = size;
            this.mtimeNanos = mtimeNanos;
            this.inode = inode;
            this.ctimeNanos = ctimeNanos;
            this.changedInBuild = changedInBuild;
            this.sha256 = sha256;
        }

        /** Relative to the base directory, with {@code /} separators. */
        public String path() {
            return path;
        }

        public long size() {
            return size;
        }

        public long mtimeNanos() {
            return mtimeNanos;
        }

        public long inode() {
            return inode;
        }

        public long ctimeNanos() {
            return ctimeNanos;
        }

        public int changedInBuild() {
            return changedInBuild;
        }

        public byte[] sha256() {
            return sha256.clone();
        }

        public String sha256Hex() {
            return Hex.of(sha256);
        }

        /** Whether the file still looks as it did when indexed, by its metadata alone. */
        public boolean sameMetadata(long size, long mtimeNanos, long inode, long ctimeNanos) {
            return this.size == size
                    && this.mtimeNanos == mtimeNanos
                    && this.inode == inode
                    && this.ctimeNanos == ctimeNanos;
        }

        public Entry withChangedInBuild(int build) {
            return new Entry(path, size, mtimeNanos, inode, ctimeNanos, build, sha256);
        }
    }

    /** An index with no entries, for a project that was never indexed. */
    public static InputIndex empty(Path basedir) {
        return new InputIndex(ByteBuffer.allocate(0), 0, 0, 0, basedir, 0);
    }

    /**
     * Maps an index file.
     *
     * @return the index, or {@code null} when there is no file
     * @throws CorruptCacheFileException when it is not an intact index of this format
     */
    public static InputIndex open(Path file) throws IOException {
        return open(file, true);
    }

    /**
     * As {@link #open}, without checking every entry's bounds up front: a processor opens the index in a fresh class
     * loader in every compilation and looks a few entries up, so it checks those it reads (a look-up of one that
     * lies outside the file throws {@link DamagedException}). Saves a pass over the offset table at open, which in
     * a cold JVM costs more than all the look-ups.
     */
    public static InputIndex openForLookups(Path file) throws IOException {
        return open(file, false);
    }

    private static InputIndex open(Path file, boolean checkAll) throws IOException {
        byte[] bytes;
        try {
            bytes = CacheFiles.readWhole(file, Integer.MAX_VALUE - 8);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            InputIndex index = parseHeader(file, ByteBuffer.wrap(bytes), checkAll);
            index.file = file;
            return index;
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new CorruptCacheFileException(file, "truncated");
        }
    }

    private static InputIndex parseHeader(Path file, ByteBuffer map, boolean checkAll)
            throws CorruptCacheFileException {
        int size = map.limit();
        if (size < 30 || map.getInt(0) != MAGIC) {
            throw new CorruptCacheFileException(file, "not a Tandem input index");
        }
        if (map.getShort(4) != FORMAT_VERSION) {
            throw new CorruptCacheFileException(
                    file, "index format " + map.getShort(4) + ", expected " + FORMAT_VERSION);
        }
        CRC32C crc = new CRC32C();
        ByteBuffer body = map.duplicate();
        body.position(0).limit(size - 4);
        crc.update(body);
        if ((int) crc.getValue() != map.getInt(size - 4)) {
            throw new CorruptCacheFileException(file, "checksum mismatch");
        }
        int count = map.getInt(8);
        int build = map.getInt(12);
        long indexedAt = map.getLong(16);
        int basedirLength = Short.toUnsignedInt(map.getShort(24));
        byte[] basedir = new byte[basedirLength];
        ByteBuffer dup = map.duplicate();
        dup.position(26);
        dup.get(basedir);
        int table = 26 + basedirLength;
        if (count < 0 || table + 4L * count > size - 4) {
            throw new CorruptCacheFileException(file, "entry count out of range");
        }
        Path base;
        try {
            base = Paths.get(new String(basedir, StandardCharsets.UTF_8));
        } catch (java.nio.file.InvalidPathException e) {
            throw new CorruptCacheFileException(file, "base directory is not a path");
        }
        if (!base.isAbsolute()) {
            throw new CorruptCacheFileException(file, "base directory is not absolute");
        }
        if (checkAll) {
            checkEntryBounds(file, map, table, count, size - 4);
        }
        return new InputIndex(map, count, build, indexedAt, base, table);
    }

    /**
     * Every entry the offset table points at lies whole between the table's end and the CRC: the CRC proves the
     * bytes are the ones written, not that the writer was Tandem. One pass over the table, cheap next to the CRC.
     */
    private static void checkEntryBounds(Path file, ByteBuffer map, int table, int count, int end)
            throws CorruptCacheFileException {
        long entriesStart = table + 4L * count;
        for (int i = 0; i < count; i++) {
            long at = entriesStart + map.getInt(table + 4 * i);
            if (at < entriesStart || at + 2 > end) {
                throw new CorruptCacheFileException(file, "entry " + i + " lies outside the file");
            }
            int pathLength = Short.toUnsignedInt(map.getShort((int) at));
            if (at + 2 + pathLength + FIXED_ENTRY_SIZE > end) {
                throw new CorruptCacheFileException(file, "entry " + i + " runs past the end of the file");
            }
        }
    }

    /**
     * Writes an index atomically. Entries are sorted here.
     *
     * @return the index just written, read from the bytes in memory rather than from the file again
     */
    public static InputIndex write(Path file, Path basedir, int buildNumber, long indexedAtMillis, List<Entry> entries)
            throws IOException {
        List<byte[]> paths = new ArrayList<>(entries.size());
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> compare(utf8(a.path), utf8(b.path)));
        int entriesSize = 0;
        for (Entry e : sorted) {
            byte[] p = utf8(e.path);
            if (p.length > 0xffff) {
                throw new IllegalArgumentException("path longer than 65535 bytes: " + e.path.substring(0, 80));
            }
            paths.add(p);
            entriesSize += 2 + p.length + FIXED_ENTRY_SIZE;
        }
        byte[] base = utf8(basedir.toAbsolutePath().toString());
        int table = 26 + base.length;
        ByteBuffer out = ByteBuffer.allocate(table + 4 * sorted.size() + entriesSize + 4);
        out.putInt(MAGIC)
                .putShort(FORMAT_VERSION)
                .putShort((short) 0)
                .putInt(sorted.size())
                .putInt(buildNumber);
        out.putLong(indexedAtMillis).putShort((short) base.length).put(base);
        int offset = 0;
        for (byte[] p : paths) {
            out.putInt(offset);
            offset += 2 + p.length + FIXED_ENTRY_SIZE;
        }
        for (int i = 0; i < sorted.size(); i++) {
            Entry e = sorted.get(i);
            out.putShort((short) paths.get(i).length).put(paths.get(i));
            out.putLong(e.size).putLong(e.mtimeNanos).putLong(e.inode).putLong(e.ctimeNanos);
            out.putInt(e.changedInBuild).put(e.sha256);
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        CacheFiles.createDirectories(file.getParent(), file.getParent());
        AtomicFiles.write(file, out.array());
        return parseHeader(file, ByteBuffer.wrap(out.array()), true);
    }

    public Path basedir() {
        return basedir;
    }

    public int buildNumber() {
        return buildNumber;
    }

    /** When the walk that wrote this index started: files modified since then are "racily clean". */
    public long indexedAtMillis() {
        return indexedAtMillis;
    }

    public int size() {
        return count;
    }

    /** Where entry {@code i} starts, checked to lie whole inside the entries area. */
    private int entryAt(int i) {
        long at = (long) entriesStart + buffer.getInt(offsetTable + 4 * i);
        if (at < entriesStart || at + 2 > end) {
            throw new DamagedException("entry " + i + " of " + name() + " lies outside the file");
        }
        if (at + 2 + Short.toUnsignedInt(buffer.getShort((int) at)) + FIXED_ENTRY_SIZE > end) {
            throw new DamagedException("entry " + i + " of " + name() + " runs past the end of the file");
        }
        return (int) at;
    }

    private String name() {
        return file == null ? "the input index" : file.toString();
    }

    public Entry entry(int i) {
        int at = entryAt(i);
        int pathLength = Short.toUnsignedInt(buffer.getShort(at));
        byte[] path = new byte[pathLength];
        ByteBuffer dup = buffer.duplicate();
        dup.position(at + 2);
        dup.get(path);
        int f = at + 2 + pathLength;
        byte[] sha = new byte[32];
        dup.position(f + 36);
        dup.get(sha);
        return new Entry(
                new String(path, StandardCharsets.UTF_8),
                buffer.getLong(f),
                buffer.getLong(f + 8),
                buffer.getLong(f + 16),
                buffer.getLong(f + 24),
                buffer.getInt(f + 32),
                sha);
    }

    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(entry(i));
        }
        return Collections.unmodifiableList(all);
    }

    /** The entry for a path relative to the base directory, by binary search; {@code null} if not indexed. */
    public Entry find(String relativePath) {
        byte[] wanted = utf8(relativePath);
        int low = 0;
        int high = count - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cmp = compareAt(mid, wanted);
            if (cmp < 0) {
                low = mid + 1;
            } else if (cmp > 0) {
                high = mid - 1;
            } else {
                return entry(mid);
            }
        }
        return null;
    }

    /** The entry for a file, absolute or relative to the base directory; {@code null} if outside it or absent. */
    public Entry find(Path file) {
        Path absolute =
                file.isAbsolute() ? file.normalize() : basedir.resolve(file).normalize();
        if (!absolute.startsWith(basedir)) {
            return null;
        }
        return find(relativize(basedir, absolute));
    }

    /**
     * The entry's file as an absolute path, or {@code null} when its name is no path inside the base directory (an
     * index Tandem wrote never has such a name; a forged or damaged one might, even with a valid CRC).
     */
    public Path resolve(Entry entry) {
        try {
            Path file = basedir.resolve(entry.path()).normalize();
            return file.startsWith(basedir) ? file : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** The index's name for a file under the base directory. */
    public static String relativize(Path basedir, Path file) {
        return basedir.relativize(file).toString().replace('\\', '/');
    }

    private int compareAt(int i, byte[] wanted) {
        int at = entryAt(i);
        int length = Short.toUnsignedInt(buffer.getShort(at));
        int n = Math.min(length, wanted.length);
        for (int k = 0; k < n; k++) {
            int c = Byte.toUnsignedInt(buffer.get(at + 2 + k)) - Byte.toUnsignedInt(wanted[k]);
            if (c != 0) {
                return c;
            }
        }
        return length - wanted.length;
    }

    private static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
