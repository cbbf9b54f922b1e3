package dev.tandem.cache.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

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
    private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];
    private static final FileAttribute<?>[] FOLDER =
            new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))};
    private static final FileAttribute<?>[] FILE =
            new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))};
    private static final FileAttribute<?>[] TEMPORARY =
            new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
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
            channel = writes ? openInFolder(file, all, attributes) : null;
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

    /** The cache roots of this JVM ({@link CacheLayout} registers each): where a folder's chain of handles starts. */
    private static final Set<Path> ROOTS = ConcurrentHashMap.newKeySet();

    /**
     * Makes {@code root} a cache root: a handle on a folder inside it is opened from the root's parent down, each
     * folder from the root on without following a link.
     */
    static void registerRoot(Path root) {
        ROOTS.add(root.toAbsolutePath().normalize());
    }

    /**
     * A handle on {@code folder}, for creating, renaming and deleting inside it: what goes through the handle stays
     * in the folder that was opened, even when someone swaps a folder on the way for a link meanwhile (the swap can
     * only make the opening fail). Inside a registered cache root, every folder from the root down to {@code
     * folder} is opened from the one above it without following a link ({@code openat} with {@code O_NOFOLLOW} on
     * Linux), starting from the root's parent (the build directory, the user's); elsewhere, {@code folder} alone is
     * opened that way from its parent. {@code null} where the platform has no {@link SecureDirectoryStream}; callers
     * then fall back to paths, checked as before.
     *
     * @throws LinkInCacheException when a folder on the way is a link
     */
    static SecureDirectoryStream<Path> openFolder(Path folder) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        Path base = target.getParent();
        if (base == null) {
            return null;
        }
        for (Path root : ROOTS) { // no stream: a lambda is dear cold
            Path above = root.getParent();
            if (above != null && target.startsWith(root) && above.getNameCount() < base.getNameCount()) {
                base = above; // the longest chain: from above the outermost root that holds the folder
            }
        }
        DirectoryStream<Path> up = Files.newDirectoryStream(base);
        if (!(up instanceof SecureDirectoryStream)) {
            up.close();
            return null;
        }
        SecureDirectoryStream<Path> at = (SecureDirectoryStream<Path>) up;
        Path reached = base;
        try {
            for (Path name : base.relativize(target)) {
                reached = reached.resolve(name);
                SecureDirectoryStream<Path> next;
                try {
                    next = at.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException | NotDirectoryException e) {
                    throw e;
                } catch (IOException e) {
                    if (isLink(reached)) {
                        throw new LinkInCacheException(reached, "a symbolic link");
                    }
                    throw e;
                }
                at.close();
                at = next;
            }
            SecureDirectoryStream<Path> opened = at;
            at = null;
            return opened;
        } finally {
            if (at != null) {
                at.close();
            }
        }
    }

    /** Opens {@code file} through a handle on its folder ({@link #openFolder}); {@code null} where there is none. */
    private static FileChannel openInFolder(Path file, Set<OpenOption> options, FileAttribute<?>[] attributes)
            throws IOException {
        SecureDirectoryStream<Path> folder = openFolder(file.toAbsolutePath().getParent());
        if (folder == null) {
            return null;
        }
        try {
            SeekableByteChannel channel = folder.newByteChannel(file.getFileName(), options, attributes);
            if (channel instanceof FileChannel) {
                return (FileChannel) channel;
            }
            channel.close(); // not a FileChannel (no locks, no positional writes): by path, as without a handle
            return null;
        } finally {
            folder.close();
        }
    }

    /**
     * Deletes {@code file} through a handle on its folder where the platform has one; nothing when there is no
     * file. A link is deleted itself, never what it points to.
     */
    public static void deleteIfExists(Path file) throws IOException {
        SecureDirectoryStream<Path> folder;
        try {
            folder = openFolder(file.toAbsolutePath().getParent());
        } catch (NoSuchFileException gone) {
            return;
        }
        if (folder == null) {
            Files.deleteIfExists(file);
            return;
        }
        try {
            folder.deleteFile(file.getFileName());
        } catch (NoSuchFileException gone) {
            // already gone
        } finally {
            folder.close();
        }
    }

    /**
     * Renames {@code source} to {@code target} in the same folder, replacing {@code target}, atomically; through a
     * handle on the folder where the platform has one.
     */
    static void replace(Path source, Path target) throws IOException {
        SecureDirectoryStream<Path> folder = source.toAbsolutePath()
                        .getParent()
                        .equals(target.toAbsolutePath().getParent())
                ? openFolder(target.toAbsolutePath().getParent())
                : null;
        if (folder == null) {
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        try {
            folder.move(source.getFileName(), folder, target.getFileName()); // rename(2): atomic, replaces
        } finally {
            folder.close();
        }
    }

    /**
     * Deletes the folder {@code dir} and everything in it without following a link out of it: each folder is
     * opened from its parent without following a link, and everything in it is deleted through that handle, so
     * a folder swapped for a link meanwhile makes the deletion fail rather than reach outside. A link at {@code
     * dir} is deleted itself; nothing happens when there is no {@code dir}.
     */
    public static void deleteTree(Path dir) throws IOException {
        SecureDirectoryStream<Path> parent;
        try {
            parent = openFolder(dir.toAbsolutePath().getParent());
        } catch (NoSuchFileException gone) {
            return;
        }
        if (parent == null) {
            deleteTreeByPath(dir);
            return;
        }
        try {
            deleteEntry(parent, dir.getFileName());
        } catch (NoSuchFileException gone) {
            // deleted meanwhile
        } finally {
            parent.close();
        }
    }

    /** Deletes {@code name} in {@code folder}: a file or a link itself, or a folder with everything in it. */
    private static void deleteEntry(SecureDirectoryStream<Path> folder, Path name) throws IOException {
        BasicFileAttributes attributes = folder.getFileAttributeView(
                        name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
        if (!attributes.isDirectory()) {
            folder.deleteFile(name); // a file or a link: the link itself goes, never its target
            return;
        }
        SecureDirectoryStream<Path> inner = folder.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
        try {
            deleteContents(inner);
        } finally {
            inner.close();
        }
        folder.deleteDirectory(name); // a link put there meanwhile is no folder: this fails, nothing outside goes
    }

    private static void deleteContents(SecureDirectoryStream<Path> folder) throws IOException {
        List<Path> names = new ArrayList<>();
        for (Path entry : folder) {
            names.add(entry.getFileName());
        }
        for (Path name : names) {
            try {
                deleteEntry(folder, name);
            } catch (NoSuchFileException gone) {
                // deleted meanwhile
            }
        }
    }

    /** Where the platform has no secure directory stream: the JDK's walk, which does not follow links either. */
    private static void deleteTreeByPath(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
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

    /**
     * Creates an empty temporary file beside {@code target} for an atomic replacement, {@code 0600}, named {@code
     * .<target's name>.<random>.tmp} (maintenance sweeps those a killed build left); through a handle on the folder
     * where the platform has one, so it is never made outside.
     */
    static Path createTempFile(Path target) throws IOException {
        Set<OpenOption> options = new LinkedHashSet<>(
                Arrays.asList(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
        FileAttribute<?>[] attributes = posix(target) ? TEMPORARY : NONE;
        for (int attempt = 0; ; attempt++) {
            Path temp = target.resolveSibling("." + target.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
            try {
                FileChannel channel = openInFolder(temp, options, attributes);
                if (channel == null) {
                    channel = FileChannel.open(temp, options, attributes);
                }
                channel.close();
                return temp;
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 8) {
                    throw taken;
                }
            }
        }
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

    private static FileAttribute<?>[] fileAttributes(Path at) {
        return posix(at) ? FILE : NONE;
    }

    private static boolean posix(Path at) {
        return at.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
