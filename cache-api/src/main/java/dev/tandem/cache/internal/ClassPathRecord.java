package dev.tandem.cache.internal;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The jars of a compiler execution's class path as {@code tandem:prepare} resolved them for this build ({@code
 * outputs/<class output folder>.classpath} under the cache root), with the POM files they were resolved from. With
 * it, tandem-replay keys a processor's output on the identity of every jar at once and need not walk the classes
 * inside them: walking a library's classes to see what a source's signatures reach cost seconds per compile. A
 * compile that is not this build's (an IDE's, {@code mvn compiler:compile}) is caught by the POMs' checksums and
 * the jars' sizes and times, and then replay walks as it would without the record.
 */
public final class ClassPathRecord {
    static final int MAGIC = 0x544e4450; // "TNDP"
    static final short VERSION = 1;

    /** A jar of the class path as it was when resolved. */
    public static final class Jar {
        public final String path;
        public final long size;
        public final long modified;
        /** {@link CodeIdentity} of the jar. */
        public final String identity;

        public Jar(String path, long size, long modified, String identity) {
            this.path = path;
            this.size = size;
            this.modified = modified;
            this.identity = identity;
        }

        /** The jar at {@code file} now; null when it cannot be read. */
        public static Jar of(Path file) {
            try {
                BasicFileAttributes attributes =
                        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!attributes.isRegularFile()) {
                    return null;
                }
                return new Jar(
                        file.toString(),
                        attributes.size(),
                        attributes.lastModifiedTime().toMillis(),
                        CodeIdentity.of(file));
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /** POM file → its SHA-256 when the class path was resolved. */
    public final Map<String, String> poms;
    /** The class path's jars, in class path order. */
    public final List<Jar> jars;
    /** The class path's folders (the module's own class output, reactor modules' class outputs), in order. */
    public final List<String> folders;
    /**
     * A digest of the dependency declarations it was resolved from (tandem:prepare's to compare), "" when they
     * do not settle the result (SNAPSHOTs, ranges).
     */
    public final String declarations;

    public ClassPathRecord(Map<String, String> poms, List<Jar> jars, List<String> folders, String declarations) {
        this.poms = Collections.unmodifiableMap(new TreeMap<>(poms));
        this.jars = Collections.unmodifiableList(new ArrayList<>(jars));
        this.folders = Collections.unmodifiableList(new ArrayList<>(folders));
        this.declarations = declarations;
    }

    /**
     * One digest of every jar's identity, in order, and of the number of folders: what a key holds for the whole
     * class path's jars (the folders' classes are read one by one).
     */
    public String identity() {
        MessageDigest sha = Sha256.newDigest();
        for (Jar jar : jars) {
            sha.update(jar.identity.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        sha.update(("folders " + folders.size()).getBytes(StandardCharsets.UTF_8));
        return Hex.of(sha.digest());
    }

    /**
     * Whether the record is this build's: every POM as recorded and every jar of the size and time recorded. A
     * POM's checksum is taken from {@code checksum} (the input index), else read.
     */
    public String staleBecause(java.util.function.Function<Path, String> checksum) {
        for (Map.Entry<String, String> pom : poms.entrySet()) {
            if (!pom.getValue().equals(checksum.apply(Paths.get(pom.getKey())))) {
                return pom.getKey() + " changed since the class path was resolved";
            }
        }
        for (Jar jar : jars) {
            try {
                BasicFileAttributes now =
                        Files.readAttributes(Paths.get(jar.path), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (now.size() != jar.size || now.lastModifiedTime().toMillis() != jar.modified) {
                    return jar.path + " changed since the class path was resolved";
                }
            } catch (IOException | RuntimeException gone) {
                return jar.path + " is gone";
            }
        }
        return null;
    }

    /** The record in {@code file}; null when there is none or it is damaged. */
    public static ClassPathRecord read(Path file) {
        try {
            ByteBuffer in = ChecksummedFile.read(file, MAGIC, VERSION);
            if (in == null) {
                return null;
            }
            Map<String, String> poms = new TreeMap<>();
            int pomCount = count(in);
            for (int i = 0; i < pomCount; i++) {
                poms.put(string(in), string(in));
            }
            int jarCount = count(in);
            List<Jar> jars = new ArrayList<>(jarCount);
            for (int i = 0; i < jarCount; i++) {
                jars.add(new Jar(string(in), in.getLong(), in.getLong(), string(in)));
            }
            int folderCount = count(in);
            List<String> folders = new ArrayList<>(folderCount);
            for (int i = 0; i < folderCount; i++) {
                folders.add(string(in));
            }
            return new ClassPathRecord(poms, jars, folders, string(in));
        } catch (IOException | BufferUnderflowException | IllegalArgumentException damaged) {
            return null;
        }
    }

    public void write(Path file) throws IOException {
        List<byte[]> strings = new ArrayList<>();
        int size = 8;
        for (Map.Entry<String, String> pom : poms.entrySet()) {
            size += utf8(strings, pom.getKey()) + utf8(strings, pom.getValue());
        }
        for (Jar jar : jars) {
            size += utf8(strings, jar.path) + 16 + utf8(strings, jar.identity);
        }
        size += 4;
        for (String folder : folders) {
            size += utf8(strings, folder);
        }
        size += utf8(strings, declarations);
        ByteBuffer out = ByteBuffer.allocate(size);
        int next = 0;
        out.putInt(poms.size());
        for (int i = 0; i < 2 * poms.size(); i++) {
            put(out, strings.get(next++));
        }
        out.putInt(jars.size());
        for (Jar jar : jars) {
            put(out, strings.get(next++));
            out.putLong(jar.size).putLong(jar.modified);
            put(out, strings.get(next++));
        }
        out.putInt(folders.size());
        for (int i = 0; i < folders.size() + 1; i++) {
            put(out, strings.get(next++));
        }
        CacheFiles.createDirectories(file.getParent().getParent(), file.getParent());
        ChecksummedFile.write(file, MAGIC, VERSION, out);
    }

    private static int count(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("a count of " + count + " past the record's end");
        }
        return count;
    }

    private static int utf8(List<byte[]> strings, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        strings.add(utf8);
        return 4 + utf8.length;
    }

    private static void put(ByteBuffer out, byte[] utf8) {
        out.putInt(utf8.length).put(utf8);
    }

    private static String string(ByteBuffer in) {
        int length = count(in);
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
