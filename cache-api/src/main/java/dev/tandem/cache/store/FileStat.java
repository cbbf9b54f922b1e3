package dev.tandem.cache.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A file's metadata as the input index compares it, from one stat call: size, modification time, inode and change
 * time (as git's index does), and the type. {@code tandem:prepare} records it per file; a compilation compares it
 * again before it believes a checksum from the index, so a file changed after the index was written is never
 * answered with its old checksum.
 */
public final class FileStat {
    public static final int OTHER = 0;
    public static final int FILE = 1;
    public static final int DIRECTORY = 2;
    public static final int LINK = 3;

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

    private final Path file;
    private final int kind;
    private final long size;
    private final long mtimeNanos;
    private final long inode;
    private final long ctimeNanos;

    private FileStat(Path file, int kind, long size, long mtimeNanos, long inode, long ctimeNanos) {
        this.file = file;
        this.kind = kind;
        this.size = size;
        this.mtimeNanos = mtimeNanos;
        this.inode = inode;
        this.ctimeNanos = ctimeNanos;
    }

    /**
     * One stat call: through the Unix view where there is one, else the basic view (the file key's hash for the
     * inode, the creation time for the change time); {@code null} when the file is gone or cannot be stat'ed.
     *
     * @param follow whether a symbolic link is followed (its target's metadata) or reported as a {@link #LINK}
     */
    public static FileStat of(Path file, boolean follow) {
        LinkOption[] options = follow ? FOLLOW : NO_FOLLOW;
        try {
            Map<String, Object> unix = Files.readAttributes(file, UNIX_ATTRIBUTES, options);
            int type = ((Integer) unix.get("mode")) & S_IFMT;
            return new FileStat(
                    file,
                    type == S_IFREG ? FILE : type == S_IFDIR ? DIRECTORY : type == S_IFLNK ? LINK : OTHER,
                    (Long) unix.get("size"),
                    nanos((FileTime) unix.get("lastModifiedTime")),
                    (Long) unix.get("ino"),
                    nanos((FileTime) unix.get("ctime")));
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            try {
                BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class, options);
                return new FileStat(
                        file,
                        basic.isRegularFile()
                                ? FILE
                                : basic.isDirectory() ? DIRECTORY : basic.isSymbolicLink() ? LINK : OTHER,
                        basic.size(),
                        nanos(basic.lastModifiedTime()),
                        basic.fileKey() == null ? 0L : (long) basic.fileKey().hashCode(),
                        nanos(basic.creationTime()));
            } catch (IOException | SecurityException gone) {
                return null;
            }
        } catch (IOException | SecurityException gone) {
            return null;
        }
    }

    private static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }

    /** The path it was read from (a link's own path when the link was followed). */
    public Path file() {
        return file;
    }

    /** {@link #FILE}, {@link #DIRECTORY}, {@link #LINK} or {@link #OTHER}. */
    public int kind() {
        return kind;
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
}
