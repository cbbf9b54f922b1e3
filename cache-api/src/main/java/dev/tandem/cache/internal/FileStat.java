package dev.tandem.cache.internal;

import java.nio.file.Path;

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
     * One stat call ({@link InputIndex#stat}): through the Unix view where there is one, else the basic view (the
     * file key's hash for the inode, the creation time for the change time); {@code null} when the file is gone or
     * cannot be stat'ed.
     *
     * @param follow whether a symbolic link is followed (its target's metadata) or reported as a {@link #LINK}
     */
    public static FileStat of(Path file, boolean follow) {
        long[] metadata = new long[4];
        int kind = InputIndex.stat(file, follow, metadata);
        return kind < 0 ? null : new FileStat(file, kind, metadata[0], metadata[1], metadata[2], metadata[3]);
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
