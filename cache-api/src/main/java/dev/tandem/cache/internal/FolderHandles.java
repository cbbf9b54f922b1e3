package dev.tandem.cache.internal;

import java.io.IOException;
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
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the cache creates, renames and deletes files: through a handle on the folder, reached from above the cache
 * root without following a link, so that what it does stays in the folder it meant even when someone swaps a folder
 * on the way for a link while a build runs (the swap can only make the operation fail, a miss). Apart from {@link
 * CacheFiles}, which reads, so that a compilation's first look-up does not load it.
 */
public final class FolderHandles {
    private static final FileAttribute<?>[] TEMPORARY =
            new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};

    private FolderHandles() {}

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
        for (Path root : CacheLayout.roots()) { // no stream: a lambda is dear cold
            Path above = root.getParent();
            if (above != null && target.startsWith(root) && above.getNameCount() < base.getNameCount()) {
                base = above; // the longest chain: from above the outermost root that holds the folder
            }
        }
        return openFrom(base, target);
    }

    /** A handle on {@code target}, each folder below {@code base} opened without following a link. */
    private static SecureDirectoryStream<Path> openFrom(Path base, Path target) throws IOException {
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
                    if (CacheFiles.isLink(reached)) {
                        throw new CacheFiles.LinkInCacheException(reached, "a symbolic link");
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
    static FileChannel openInFolder(Path file, Set<OpenOption> options, FileAttribute<?>[] attributes)
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
     * dir} is deleted itself; nothing happens when there is no {@code dir}. The chain of handles starts above {@code
     * root}, the cache directory that holds {@code dir}, so no folder from the root down is followed if a link.
     */
    public static void deleteTree(Path root, Path dir) throws IOException {
        Path cacheRoot = root.toAbsolutePath().normalize();
        Path folder = dir.toAbsolutePath().normalize();
        if (!folder.startsWith(cacheRoot) || cacheRoot.getParent() == null || folder.equals(cacheRoot)) {
            throw new IllegalArgumentException(dir + " is not inside the cache directory " + root);
        }
        SecureDirectoryStream<Path> parent;
        try {
            parent = openFrom(cacheRoot.getParent(), folder.getParent());
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
     * Creates an empty temporary file beside {@code target} for an atomic replacement, {@code 0600}, named {@code
     * .<target's name>.<random>.tmp} (maintenance sweeps those a killed build left); through a handle on the folder
     * where the platform has one, so it is never made outside.
     */
    public static Path createTempFile(Path target) throws IOException {
        Set<OpenOption> options = new LinkedHashSet<>(
                Arrays.asList(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
        FileAttribute<?>[] attributes = CacheFiles.posix(target) ? TEMPORARY : CacheFiles.NONE;
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
}
