package dev.tandem.cache.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * What a processor's code is, the same on every machine and however it is packaged: a digest of every file's name,
 * CRC-32 and size, read from a jar's central directory or from a class folder's files, never a path or a time, so
 * keys made from it are shared by two checkouts anywhere, and a processor built in the reactor (its class folder)
 * shares entries with the same processor installed (its jar). What maven-jar-plugin adds to a jar and a class
 * folder lacks ({@code META-INF/MANIFEST.MF}, {@code META-INF/INDEX.LIST}, {@code META-INF/maven/}) is left out. A
 * jar's identity is memoized per JVM by path, size and time, so a daemon or in-process javac reads it once; a
 * folder's is read every time (a file changed inside it leaves the folder's own time as it was).
 *
 * <p>Two modes, one owner: {@link #of} (content: for keys, which must agree between machines) and {@link #stamp}
 * (size and time: for prepare's every-build check that the processors are what they were, where a rebuild of the same
 * code may rerun a compile but reading every class of a folder each build would not pay); {@link #ofPath} composes
 * content identities over a processor path.
 */
public final class CodeIdentity {
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    private static final int CENTRAL_FILE_HEADER = 0x02014b50;
    private static final int MAX_COMMENT = 0xffff;
    private static final Map<String, String> KNOWN = new ConcurrentHashMap<>();

    private CodeIdentity() {}

    /** The identity of a jar or class folder; {@code unknown:} and the name when it cannot be read. */
    public static String of(Path location) {
        String memo;
        try {
            BasicFileAttributes attributes = Files.readAttributes(location, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                return compute(location);
            }
            memo = location + "\0" + attributes.size() + "\0"
                    + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "unknown:" + location.getFileName();
        }
        String known = KNOWN.get(memo);
        if (known == null) {
            known = compute(location);
            KNOWN.put(memo, known);
        }
        return known;
    }

    /**
     * The identity of a processor path, in order: one digest of every entry's {@link #of identity}; an entry that is
     * not there counts as missing (javac and its class loader skip it). Null when an entry is there but cannot be
     * read: nothing can then stand for its content.
     */
    public static String ofPath(Iterable<Path> entries) {
        MessageDigest sha = Sha256.newDigest();
        for (Path entry : entries) {
            String identity = of(entry);
            if (identity.startsWith("unknown:")) {
                if (Files.exists(entry)) {
                    return null;
                }
                identity = "missing";
            }
            sha.update(identity.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return Hex.of(sha.digest());
    }

    /**
     * The cheap identity: a file's size and modification time, or for a folder every file's relative name, size and
     * time; {@code unreadable} when it cannot be read. Any rebuild changes it, so does a touch; the content is never
     * read.
     */
    public static String stamp(Path location) {
        try {
            if (!Files.isDirectory(location)) {
                return stampOf(location);
            }
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(location)) {
                for (Iterator<Path> i = walk.iterator(); i.hasNext(); ) {
                    Path file = i.next();
                    if (Files.isRegularFile(file)) {
                        files.add(file);
                    }
                }
            }
            Collections.sort(files);
            StringBuilder stamps = new StringBuilder();
            for (Path file : files) {
                if (stamps.length() > 0) {
                    stamps.append(',');
                }
                stamps.append(location.relativize(file)).append(':').append(stampOf(file));
            }
            return stamps.toString();
        } catch (IOException | RuntimeException e) {
            return "unreadable";
        }
    }

    private static String stampOf(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.size() + ":" + attributes.lastModifiedTime().toMillis();
    }

    private static String compute(Path location) {
        try {
            if (Files.isDirectory(location)) {
                return "code:" + Hex.of(folderDigest(location));
            }
            byte[] directory = centralDirectory(location);
            byte[] digest = directory == null ? null : jarDigest(directory);
            return digest != null ? "code:" + Hex.of(digest) : "file:" + Hex.of(Sha256.of(location));
        } catch (IOException | RuntimeException e) {
            return "unknown:" + location.getFileName();
        }
    }

    /** Whether a file of this name is part of the code, not of its packaging. */
    private static boolean counted(String name) {
        return !name.endsWith("/")
                && !name.equals("META-INF/MANIFEST.MF")
                && !name.equals("META-INF/INDEX.LIST")
                && !name.startsWith("META-INF/maven/");
    }

    /** The digest of a sorted name-to-"crc size" map: the identity both a jar and a folder reduce to. */
    private static byte[] digest(Map<String, String> files) {
        MessageDigest sha = Sha256.newDigest();
        for (Map.Entry<String, String> file : files.entrySet()) {
            sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(file.getValue().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return sha.digest();
    }

    private static byte[] folderDigest(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Iterator<Path> i = walk.iterator(); i.hasNext(); ) {
                Path file = i.next();
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(file);
                }
            }
        }
        Map<String, String> entries = new TreeMap<>();
        byte[] buffer = new byte[64 * 1024];
        for (Path file : files) {
            String name = folder.relativize(file).toString().replace('\\', '/');
            if (!counted(name)) {
                continue;
            }
            CRC32 crc = new CRC32();
            long size = 0;
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    crc.update(buffer, 0, n);
                    size += n;
                }
            }
            entries.put(name, Long.toHexString(crc.getValue()) + " " + size);
        }
        return digest(entries);
    }

    /** The digest of a central directory's entries, or null when it holds one Tandem cannot read (zip64). */
    private static byte[] jarDigest(byte[] directory) {
        ByteBuffer entries = ByteBuffer.wrap(directory).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, String> files = new TreeMap<>();
        int at = 0;
        while (at + 46 <= directory.length && entries.getInt(at) == CENTRAL_FILE_HEADER) {
            long crc = entries.getInt(at + 16) & 0xffffffffL;
            long size = entries.getInt(at + 24) & 0xffffffffL;
            int nameLength = entries.getShort(at + 28) & 0xffff;
            int extraLength = entries.getShort(at + 30) & 0xffff;
            int commentLength = entries.getShort(at + 32) & 0xffff;
            if (size == 0xffffffffL || at + 46 + nameLength > directory.length) {
                return null;
            }
            String name = new String(directory, at + 46, nameLength, StandardCharsets.UTF_8);
            if (counted(name)) {
                files.put(name, Long.toHexString(crc) + " " + size);
            }
            at += 46 + nameLength + extraLength + commentLength;
        }
        return at == directory.length ? digest(files) : null;
    }

    /** The zip's central directory, or null when the file is not a zip Tandem can read that way. */
    static byte[] centralDirectory(Path jar) throws IOException {
        try (FileChannel channel = FileChannel.open(jar, StandardOpenOption.READ)) {
            long size = channel.size();
            int tail = (int) Math.min(size, 22 + MAX_COMMENT);
            ByteBuffer end = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, end, size - tail);
            for (int at = tail - 22; at >= 0; at--) {
                if (end.getInt(at) == END_OF_CENTRAL_DIRECTORY) {
                    long length = end.getInt(at + 12) & 0xffffffffL;
                    long offset = end.getInt(at + 16) & 0xffffffffL;
                    if (length == 0xffffffffL || offset == 0xffffffffL || offset + length > size || length > 64 << 20) {
                        return null; // zip64, or not what it seems: hash the whole file instead
                    }
                    ByteBuffer directory = ByteBuffer.allocate((int) length);
                    readFully(channel, directory, offset);
                    return directory.array();
                }
            }
            return null;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }
}
