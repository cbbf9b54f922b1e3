package dev.tandem.cache.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How the cache touches the disk: never through a link, and never more open than {@code 0644} for files and
 * {@code 0755} for folders, whatever the umask (a cache entry becomes code in a build, so nobody else may plant
 * one).
 *
 * <p>A link anywhere inside the cache directory could point a write, a truncation or a deletion at a file outside
 * it. So every folder from the cache root down is checked to be a real folder, files are opened with {@link
 * LinkOption#NOFOLLOW_LINKS}, and a file with a second hard link is never written in place. What finds a link throws
 * {@link LinkInCacheException}, which names it.
 */
public final class CacheFiles {
    static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];
    private static final FileAttribute<?>[] FOLDER =
            new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))};
    private static final FileAttribute<?>[] FILE =
            new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))};
    /** Files Tandem reads whole (statistics, tracked inputs, used keys, properties) are small; a larger one is damage. */
    static final long MAX_SMALL_FILE = 64L * 1024 * 1024;

    private CacheFiles() {}

    /** A link where the cache needs a real file or folder. */
    public static final class LinkInCacheException extends IOException {
        private static final long serialVersionUID = 1L;

        LinkInCacheException(Path link, String what) {
            super(link + " is " + what + "; Tandem never follows links inside its cache directory. Delete it (mvn"
                    + " clean removes the whole cache).");
        }
    }

    /**
     * Creates {@code dir} and the folders between {@code root} and it (each {@code 0755} at most), and checks that
     * {@code root} and every folder below it on the way is a real folder, not a link. The folders above {@code
     * root} are the user's and are not checked.
     */
    public static Path createDirectories(Path root, Path dir) throws IOException {
        if (!dir.startsWith(root)) {
            throw new IllegalArgumentException(dir + " is not inside the cache directory " + root);
        }
        Path parent = root.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, folderAttributes(parent));
        }
        Path at = root;
        makeFolder(at);
        for (Path name : root.relativize(dir)) {
            if (name.toString().isEmpty()) {
                continue;
            }
            at = at.resolve(name);
            makeFolder(at);
        }
        return dir;
    }

    /** Looks before it creates: nearly always the folder is there, and an exception per level is dear in javac. */
    private static void makeFolder(Path folder) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException missing) {
            try {
                Files.createDirectory(folder, folderAttributes(folder));
            } catch (FileAlreadyExistsException raced) {
                // made meanwhile by another build thread or process: checked below like any other
            }
            attributes = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        requireRealFolder(folder, attributes);
    }

    /** Throws {@link LinkInCacheException} when {@code folder} is a link, or something other than a folder. */
    public static void requireRealFolder(Path folder) throws IOException {
        requireRealFolder(folder, Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    private static void requireRealFolder(Path folder, BasicFileAttributes attributes) throws IOException {
        if (attributes.isSymbolicLink()) {
            throw new LinkInCacheException(folder, "a symbolic link");
        }
        if (!attributes.isDirectory()) {
            throw new IOException(folder + " is not a folder; delete it (mvn clean removes the whole cache).");
        }
    }

    /** Whether {@code path} is a symbolic link itself (its target is not looked at). */
    public static boolean isLink(Path path) {
        return Files.isSymbolicLink(path);
    }

    /** Whether {@code path} is a real folder: not a link, even to a folder. */
    public static boolean isRealFolder(Path path) {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Opens a file of the cache without following a link; a file it creates is {@code 0644} at most. A file with
     * another hard link is refused when opened for writing, since writing it would write the other name's file.
     */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        requireRegularIfThere(file);
        Set<OpenOption> all = new LinkedHashSet<>(Arrays.asList(options));
        all.add(LinkOption.NOFOLLOW_LINKS);
        boolean writes = all.contains(StandardOpenOption.WRITE);
        if (!writes && all.size() == 2 && all.contains(StandardOpenOption.READ)) {
            return openUnblocked(file); // only to read
        }
        all.add(StandardOpenOption.READ); // read-write: opening a FIFO swapped in after the check does not block
        FileAttribute<?>[] attributes = all.contains(StandardOpenOption.CREATE) ? fileAttributes(file) : NONE;
        FileChannel channel;
        try {
            channel = writes ? FolderHandles.openInFolder(file, all, attributes) : null;
            if (channel == null) {
                channel = FileChannel.open(file, all, attributes);
            }
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            if (isLink(file)) {
                throw new LinkInCacheException(file, "a symbolic link");
            }
            throw e;
        }
        requireSeekable(file, channel);
        if (writes && hardLinks(file) > 1) {
            channel.close();
            throw new LinkInCacheException(file, "a hard link to a file outside Tandem's control");
        }
        return channel;
    }

    /**
     * Refuses a file that is there and is not a regular file: a link, or a FIFO, socket or device, which opening
     * could block on forever (a FIFO with no writer) or read from another process.
     */
    private static void requireRegularIfThere(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException absent) {
            return;
        }
        if (attributes.isSymbolicLink()) {
            throw new LinkInCacheException(file, "a symbolic link");
        }
        if (!attributes.isRegularFile()) {
            throw notRegular(file);
        }
    }

    /** As {@link #readWhole(Path, long)} for the small files, at most {@link #MAX_SMALL_FILE}. */
    public static byte[] readSmall(Path file) throws IOException {
        return readWhole(file, MAX_SMALL_FILE);
    }

    /**
     * Reads a file whole into memory, without following a link, and refuses anything but a regular file (a FIFO
     * would block the build) or a file past {@code maxBytes}. In memory, a file shrunk later by someone else cannot
     * fault a reader as a shrunk mapping would.
     *
     * @throws NoSuchFileException when there is no file
     */
    public static byte[] readWhole(Path file, long maxBytes) throws IOException {
        try (FileChannel channel = openForReading(file, maxBytes)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // until full or at the end: a file that shrank meanwhile reads shorter and fails its checks
            }
            // the whole file, as nearly always, needs no second copy
            return buffer.hasRemaining() ? Arrays.copyOf(buffer.array(), buffer.position()) : buffer.array();
        }
    }

    /**
     * Opens a file of the cache for reading as {@link #readWhole} reads it: not through a link, only a regular file,
     * at most {@code maxBytes}. For a reader that reads parts of a large file ({@link InputIndex#openForLookups}).
     *
     * @throws NoSuchFileException when there is no file
     */
    public static FileChannel openForReading(Path file, long maxBytes) throws IOException {
        BasicFileAttributes attributes =
                Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw new LinkInCacheException(file, "a symbolic link");
        }
        if (!attributes.isRegularFile()) {
            throw new CorruptCacheFileException(file, "not a regular file");
        }
        FileChannel channel = openUnblocked(file);
        if (channel.size() > maxBytes) {
            channel.close();
            throw new CorruptCacheFileException(file, "larger than any file Tandem writes");
        }
        return channel;
    }

    /**
     * Opens a file to read without ever blocking: read-write where it may (opening a FIFO read-write does not wait
     * for a writer, as opening it to read does; nothing is written), read-only on a read-only disk; then refuses
     * what cannot seek (a FIFO or socket swapped in after the caller's check).
     */
    private static FileChannel openUnblocked(Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException notWritable) {
            // a read-only disk or a file that is not ours to write; nobody could have made a FIFO there either
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        }
        return requireSeekable(file, channel);
    }

    /** {@code channel}, when it can seek; else it is closed: a FIFO or socket is refused as {@link #open} refuses it. */
    private static FileChannel requireSeekable(Path file, FileChannel channel) throws IOException {
        try {
            channel.position(0);
            return channel;
        } catch (IOException notAFile) {
            channel.close();
            throw notRegular(file);
        }
    }

    private static IOException notRegular(Path file) {
        return new IOException(file + " is not a regular file (a FIFO, socket, device or folder); Tandem never"
                + " opens one, since it could block the build. Delete it (mvn clean removes the whole cache).");
    }

    private static int hardLinks(Path file) {
        try {
            Object links = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            return links instanceof Integer ? (Integer) links : 1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 1; // no such attribute on this file system: nothing to check
        }
    }

    private static FileAttribute<?>[] folderAttributes(Path at) {
        return posix(at) ? FOLDER : NONE;
    }

    static FileAttribute<?>[] fileAttributes(Path at) {
        return posix(at) ? FILE : NONE;
    }

    static boolean posix(Path at) {
        return at.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
