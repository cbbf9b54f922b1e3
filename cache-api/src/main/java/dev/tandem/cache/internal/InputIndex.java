package dev.tandem.cache.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * The input index: per input file its path (relative to the project's base directory), size, modification time,
 * inode, change time, SHA-256 and the build in which its content last changed. Written by {@code tandem:prepare}
 * once per build, read by every processor invocation.
 *
 * <p>javac loads processors in a fresh class loader for every compilation, and a processor looks a few files up out
 * of thousands. So {@link #openForLookups} reads only the header and the offset table (4 bytes an entry) and checks
 * their CRC; a look-up is a binary search over the table that reads the few entries it visits from the open file,
 * each checked against its own CRC: a megabyte per 10,000 files is not read at every compilation. Reading all
 * ({@link #open}, for prepare, or a processor's walk over every entry) reads the file whole into memory (not mapped:
 * a mapping faults the reader when someone truncates the file in place) and checks the CRC of the whole. Every
 * offset is checked against the file's size before it is used. Layout, big-endian:
 *
 * <pre>
 * magic "TNDI" (4)  version (2)  reserved (2)  entry count (4)  build number (4)  indexed at, epoch ms (8)
 * base directory: length (2) + UTF-8
 * offset table: one int per entry, from the start of the entries area, entries sorted by path bytes
 * CRC32C of everything before it (4)
 * entries, each: path length (2) + UTF-8, size (8), mtime ns (8), inode (8), ctime ns (8), changed in build (4),
 *                SHA-256 (32), CRC32C of the entry's bytes before it (4)
 * CRC32C of everything before it (4)
 * </pre>
 */
public final class InputIndex implements Closeable {
    static final int MAGIC = 0x544e4449; // "TNDI"
    static final short FORMAT_VERSION = 2;
    static final int HEADER = 26;
    /** An entry's bytes after its path: size, mtime, inode, ctime, changed in build, SHA-256, the entry's CRC. */
    static final int FIXED_ENTRY_SIZE = 8 + 8 + 8 + 8 + 4 + 32 + 4;
    /** What {@link #openForLookups} reads first: header and table of up to about 16,000 entries in one read. */
    private static final int FIRST_READ = 64 * 1024;

    private static final int MAX_FILE = Integer.MAX_VALUE - 8;

    /** The header and the offset table, from offset 0 of the file. */
    private final ByteBuffer head;
    /** The whole file, or null while only the head is read (opened for look-ups, nothing read whole yet). */
    private volatile ByteBuffer whole;
    /** The file, open while only the head is read; null for an index read whole or built in memory. */
    private final FileChannel channel;

    private final int count;
    private final int buildNumber;
    private final long indexedAtMillis;
    private final Path basedir;
    private final int offsetTable;
    private final int entriesStart;
    /** Where entries end: the file CRC's offset. */
    private final int end;

    /** The file it was read from, for messages; null for one built in memory. */
    private final Path file;

    private InputIndex(
            Path file,
            ByteBuffer head,
            ByteBuffer whole,
            FileChannel channel,
            long size,
            int count,
            int buildNumber,
            long indexedAtMillis,
            Path basedir,
            int table) {
        this.file = file;
        this.head = head;
        this.whole = whole;
        this.channel = channel;
        this.count = count;
        this.buildNumber = buildNumber;
        this.indexedAtMillis = indexedAtMillis;
        this.basedir = basedir;
        this.offsetTable = table;
        this.entriesStart = table + 4 * count + 4;
        this.end = (int) Math.max(0, size - 4);
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
        /** Not copied: for {@link InputIndexWriter}, which writes it out. */
        final byte[] sha256;

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
        ByteBuffer none = ByteBuffer.allocate(0);
        return new InputIndex(null, none, none, null, 0, 0, 0, 0, basedir, 0);
    }

    /**
     * Reads an index file whole and checks all of it: its CRC, and that every entry lies inside it.
     *
     * @return the index, or {@code null} when there is no file
     * @throws CorruptCacheFileException when it is not an intact index of this format
     */
    public static InputIndex open(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = CacheFiles.readWhole(file, MAX_FILE);
        } catch (NoSuchFileException e) {
            return null;
        }
        ByteBuffer whole = ByteBuffer.wrap(bytes);
        try {
            return parse(file, whole, whole, null, bytes.length);
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new CorruptCacheFileException(file, "truncated");
        }
    }

    /**
     * Opens an index for a processor's look-ups: reads the header and the offset table and checks their CRC; the
     * entries are read when looked up, each checked against its own CRC (a damaged one throws {@link
     * DamagedException}), and the whole file only when all entries are asked for. The file stays open until {@link
     * #close}: a {@code tandem:prepare} that replaces it meanwhile (a rename) does not change what this one reads.
     *
     * @return the index, or {@code null} when there is no file
     * @throws CorruptCacheFileException when its header or table is damaged or of another format
     */
    public static InputIndex openForLookups(Path file) throws IOException {
        FileChannel channel;
        try {
            channel = CacheFiles.openForReading(file, MAX_FILE);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            return readHead(file, channel);
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            channel.close();
            throw new CorruptCacheFileException(file, "truncated");
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** {@link #openForLookups}'s reading, apart from its try block (each instruction in one is verified per handler). */
    private static InputIndex readHead(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer head = readAt(channel, 0, (int) Math.min(size, FIRST_READ));
        int headLength = head.limit() >= HEADER ? headLength(file, head, size) : HEADER;
        if (headLength > head.limit()) {
            head = readAt(channel, 0, headLength);
        }
        return parse(file, head, null, channel, size);
    }

    /** Reads {@code length} bytes at {@code position}; fewer when the file ends first (its checks then fail). */
    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
            // until full or at the end
        }
        buffer.flip();
        return buffer;
    }

    /** The length of header, offset table and header CRC, after checking magic, version and entry count. */
    private static int headLength(Path file, ByteBuffer head, long size) throws CorruptCacheFileException {
        if (size < HEADER + 8 || head.getInt(0) != MAGIC) {
            throw new CorruptCacheFileException(file, "not a Tandem input index");
        }
        if (head.getShort(4) != FORMAT_VERSION) {
            throw new CorruptCacheFileException(
                    file, "index format " + head.getShort(4) + ", expected " + FORMAT_VERSION, true);
        }
        int count = head.getInt(8);
        int table = HEADER + Short.toUnsignedInt(head.getShort(24));
        if (count < 0 || table + 4L * count + 4 > size - 4) {
            throw new CorruptCacheFileException(file, "entry count out of range");
        }
        return table + 4 * count + 4;
    }

    /**
     * Checks and reads the header; with the {@code whole} file, also its CRC and every entry's bounds.
     *
     * @param head the header and table, at least {@link #headLength} bytes, from offset 0
     */
    private static InputIndex parse(Path file, ByteBuffer head, ByteBuffer whole, FileChannel channel, long size)
            throws CorruptCacheFileException {
        if (whole != null && (size < HEADER + 8 || crc(whole, 0, (int) size - 4) != whole.getInt((int) size - 4))) {
            throw new CorruptCacheFileException(
                    file,
                    size >= HEADER + 8 && whole.getInt(0) == MAGIC ? "checksum mismatch" : "not a Tandem input index");
        }
        int headLength = headLength(file, head, size);
        if (crc(head, 0, headLength - 4) != head.getInt(headLength - 4)) {
            throw new CorruptCacheFileException(file, "checksum mismatch");
        }
        int count = head.getInt(8);
        int build = head.getInt(12);
        long indexedAt = head.getLong(16);
        byte[] basedir = new byte[Short.toUnsignedInt(head.getShort(24))];
        ByteBuffer dup = head.duplicate();
        dup.position(HEADER);
        dup.get(basedir);
        int table = HEADER + basedir.length;
        Path base;
        try {
            base = Paths.get(new String(basedir, StandardCharsets.UTF_8));
        } catch (java.nio.file.InvalidPathException e) {
            throw new CorruptCacheFileException(file, "base directory is not a path");
        }
        if (!base.isAbsolute()) {
            throw new CorruptCacheFileException(file, "base directory is not absolute");
        }
        InputIndex index = new InputIndex(file, head, whole, channel, size, count, build, indexedAt, base, table);
        if (whole != null) {
            index.checkEntryBounds(whole);
        }
        return index;
    }

    private static int crc(ByteBuffer buffer, int from, int to) {
        CRC32C crc = new CRC32C();
        ByteBuffer range = buffer.duplicate();
        range.position(from).limit(to);
        crc.update(range);
        return (int) crc.getValue();
    }

    /**
     * Every entry the offset table points at lies whole between the table's end and the CRC: the CRC proves the
     * bytes are the ones written, not that the writer was Tandem. One pass over the table, cheap next to the CRC.
     */
    private void checkEntryBounds(ByteBuffer whole) throws CorruptCacheFileException {
        for (int i = 0; i < count; i++) {
            long at = entriesStart + (long) head.getInt(offsetTable + 4 * i);
            if (at < entriesStart || at + 2 > end) {
                throw new CorruptCacheFileException(file, "entry " + i + " lies outside the file");
            }
            if (at + 2 + Short.toUnsignedInt(whole.getShort((int) at)) + FIXED_ENTRY_SIZE > end) {
                throw new CorruptCacheFileException(file, "entry " + i + " runs past the end of the file");
            }
        }
    }

    /** An index whose bytes {@link InputIndexWriter} has just written: read from memory, already checked. */
    static InputIndex written(
            Path file, ByteBuffer bytes, int count, int buildNumber, long indexedAtMillis, byte[] base) {
        return new InputIndex(
                file,
                bytes,
                bytes,
                null,
                bytes.capacity(),
                count,
                buildNumber,
                indexedAtMillis,
                Paths.get(new String(base, StandardCharsets.UTF_8)),
                HEADER + base.length);
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

    /** Where the offset table says entry {@code i} starts, checked to lie inside the entries area. */
    private long start(int i) {
        long at = entriesStart + (long) head.getInt(offsetTable + 4 * i);
        if (at < entriesStart || at + 2 > end) {
            throw new DamagedException("entry " + i + " of " + name() + " lies outside the file");
        }
        return at;
    }

    /** Where entry {@code i} starts in the whole file, checked to lie whole inside the entries area. */
    private int entryAt(ByteBuffer all, int i) {
        long at = start(i);
        if (at + 2 + Short.toUnsignedInt(all.getShort((int) at)) + FIXED_ENTRY_SIZE > end) {
            throw new DamagedException("entry " + i + " of " + name() + " runs past the end of the file");
        }
        return (int) at;
    }

    /**
     * Entry {@code i}'s bytes, from offset 0, read from the open file of an index opened for look-ups and checked
     * against the entry's own CRC and the bounds the table gives.
     */
    private ByteBuffer readEntry(int i) {
        long at = start(i);
        // entries lie one after the other in table order (as Tandem writes them), so the next offset ends this one
        long next = i + 1 < count ? entriesStart + (long) head.getInt(offsetTable + 4 * (i + 1)) : end;
        if (next > end || next - at < 2 + FIXED_ENTRY_SIZE || next - at > 2 + 0xffff + FIXED_ENTRY_SIZE) {
            throw new DamagedException("entry " + i + " of " + name() + " runs past the end of the file");
        }
        ByteBuffer bytes;
        try {
            bytes = readAt(channel, at, (int) (next - at));
        } catch (IOException e) {
            throw new DamagedException("cannot read entry " + i + " of " + name() + ": " + e);
        }
        int length = bytes.limit();
        if (length != next - at || 2 + Short.toUnsignedInt(bytes.getShort(0)) + FIXED_ENTRY_SIZE != length) {
            throw new DamagedException("entry " + i + " of " + name() + " runs past the end of the file");
        }
        if (crc(bytes, 0, length - 4) != bytes.getInt(length - 4)) {
            throw new DamagedException("entry " + i + " of " + name() + " fails its checksum");
        }
        return bytes;
    }

    private String name() {
        return file == null ? "the input index" : file.toString();
    }

    /** Entry {@code i} in path order; the first call on an index opened for look-ups reads and checks it whole. */
    public Entry entry(int i) {
        if (whole == null) {
            readWhole();
        }
        ByteBuffer all = whole;
        return entryFrom(all, entryAt(all, i));
    }

    /** The entry at {@code at}; absolute reads only, as walking threads share the buffer. */
    private static Entry entryFrom(ByteBuffer bytes, int at) {
        String path = pathAt(bytes, at);
        int f = at + 2 + Short.toUnsignedInt(bytes.getShort(at));
        byte[] sha = bytesAt(bytes, f + 36, 32);
        return new Entry(
                path,
                bytes.getLong(f),
                bytes.getLong(f + 8),
                bytes.getLong(f + 16),
                bytes.getLong(f + 24),
                bytes.getInt(f + 32),
                sha);
    }

    /**
     * Reads the rest of an index opened for look-ups, for a walk over all entries: one read and one CRC instead of a
     * read per entry. Checked as {@link #open} checks; damage throws {@link DamagedException}.
     */
    private synchronized void readWhole() {
        if (whole != null) {
            return;
        }
        try {
            ByteBuffer all = readAt(channel, 0, (int) Math.min(end + 4L, MAX_FILE));
            if (all.limit() != end + 4 || crc(all, 0, end) != all.getInt(end)) {
                throw new DamagedException(name() + " fails its checksum");
            }
            checkEntryBounds(all);
            whole = all;
        } catch (IOException e) {
            throw new DamagedException(e.getMessage());
        }
    }

    private static String pathAt(ByteBuffer bytes, int at) {
        return new String(bytesAt(bytes, at + 2, Short.toUnsignedInt(bytes.getShort(at))), StandardCharsets.UTF_8);
    }

    /**
     * {@code length} bytes at {@code at}, by a bulk copy from a view (walking threads share the buffer; and where
     * this code runs interpreted, in prepare's first modules and in every compilation, a loop per byte is dear).
     */
    private static byte[] bytesAt(ByteBuffer bytes, int at, int length) {
        byte[] copy = new byte[length];
        ByteBuffer view = bytes.duplicate();
        view.position(at);
        view.get(copy);
        return copy;
    }

    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(entry(i));
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * The entry for a path relative to the base directory, by binary search; {@code null} if not indexed. On an
     * index opened for look-ups it reads about log2(size) entries, each checked against its CRC.
     */
    public Entry find(String relativePath) {
        byte[] wanted = utf8(relativePath);
        int low = 0;
        int high = count - 1;
        ByteBuffer all = whole;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            ByteBuffer bytes = all != null ? all : readEntry(mid);
            int at = all != null ? entryAt(all, mid) : 0;
            int cmp = compare(bytes, at, wanted);
            if (cmp < 0) {
                low = mid + 1;
            } else if (cmp > 0) {
                high = mid - 1;
            } else {
                return entryFrom(bytes, at);
            }
        }
        return null;
    }

    /**
     * A file's metadata as the index records it, from one stat call, into {@code into}: size, modification time
     * (ns), inode, change time (ns). The kind ({@link FileStat#FILE} and the others), or -1 when the file is gone.
     * Here rather than in {@link FileStat} so that a compilation's look-ups load no class beyond the index's.
     */
    public static int stat(Path file, boolean follow, long[] into) {
        LinkOption[] options = follow ? FOLLOW : NO_FOLLOW;
        Map<String, Object> unix;
        // the try blocks hold the calls alone: the verifier checks every instruction of a try block against each of
        // its handlers, in every compilation's fresh class loader
        try {
            unix = Files.readAttributes(file, UNIX_ATTRIBUTES, options);
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            return statBasic(file, options, into);
        } catch (IOException | SecurityException gone) {
            return -1;
        }
        into[0] = (Long) unix.get("size");
        into[1] = ((FileTime) unix.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
        into[2] = (Long) unix.get("ino");
        into[3] = ((FileTime) unix.get("ctime")).to(TimeUnit.NANOSECONDS);
        int type = ((Integer) unix.get("mode")) & S_IFMT;
        return type == S_IFREG
                ? FileStat.FILE
                : type == S_IFDIR ? FileStat.DIRECTORY : type == S_IFLNK ? FileStat.LINK : FileStat.OTHER;
    }

    /** {@link #stat} where there is no {@code unix} view (Windows): the file key's hash and creation time stand in. */
    private static int statBasic(Path file, LinkOption[] options, long[] into) {
        BasicFileAttributes basic;
        try {
            basic = Files.readAttributes(file, BasicFileAttributes.class, options);
        } catch (IOException | SecurityException gone) {
            return -1;
        }
        into[0] = basic.size();
        into[1] = basic.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        into[2] = basic.fileKey() == null ? 0L : (long) basic.fileKey().hashCode();
        into[3] = basic.creationTime().to(TimeUnit.NANOSECONDS);
        return basic.isRegularFile()
                ? FileStat.FILE
                : basic.isDirectory() ? FileStat.DIRECTORY : basic.isSymbolicLink() ? FileStat.LINK : FileStat.OTHER;
    }

    /**
     * The fewest names that hold what the index compares, the type included (in {@code mode}): each name costs a
     * parse, a look-up and a map entry per file, which a walk running interpreted in a reactor's first modules
     * feels (seven names cost half as much again as these five).
     */
    private static final String UNIX_ATTRIBUTES = "unix:size,lastModifiedTime,ino,ctime,mode";

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;
    private static final LinkOption[] FOLLOW = new LinkOption[0];
    private static final LinkOption[] NO_FOLLOW = new LinkOption[] {LinkOption.NOFOLLOW_LINKS};

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

    /** The path of the entry at {@code at} against {@code wanted}, as unsigned bytes. */
    private static int compare(ByteBuffer entry, int at, byte[] wanted) {
        return compare(bytesAt(entry, at + 2, Short.toUnsignedInt(entry.getShort(at))), wanted);
    }

    /** Closes the file of an index opened for look-ups; later look-ups throw {@link DamagedException}. */
    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // a read-only file: nothing was lost
            }
        }
    }

    private static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
