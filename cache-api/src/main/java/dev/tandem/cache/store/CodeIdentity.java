package dev.tandem.cache.store;

import java.io.IOException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What a processor's code is, the same on every machine: a digest of its jar's central directory (every entry's
 * name, CRC-32 and sizes, so any changed class changes it) or of every file of its class folder, never a path or a
 * time, so keys made from it are shared by two checkouts anywhere. A jar's is memoized per JVM by path, size and
 * time, so a daemon or in-process javac reads it once; a folder's is read every time (a file changed inside it
 * leaves the folder's own time as it was).
 */
public final class CodeIdentity {
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
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

    private static String compute(Path location) {
        try {
            if (Files.isDirectory(location)) {
                return "classes:" + Hex.of(folderDigest(location));
            }
            byte[] directory = centralDirectory(location);
            return directory != null
                    ? "jar:" + Hex.of(Sha256.newDigest().digest(directory))
                    : "file:" + Hex.of(Sha256.of(location));
        } catch (IOException | RuntimeException e) {
            return "unknown:" + location.getFileName();
        }
    }

    private static byte[] folderDigest(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.forEach(file -> {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(file);
                }
            });
        }
        Collections.sort(files);
        MessageDigest sha = Sha256.newDigest();
        for (Path file : files) {
            sha.update(folder.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Sha256.of(file));
        }
        return sha.digest();
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
