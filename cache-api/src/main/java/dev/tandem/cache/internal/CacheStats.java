package dev.tandem.cache.internal;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** What a consumer's cache did in one build: hits, misses, bytes, time spent computing and time saved. */
public final class CacheStats {
    static final int MAGIC = 0x544e4453; // "TNDS"
    static final short VERSION = 1;

    private final int build;
    private final long hits;
    private final long misses;
    private final long corrupt;
    private final long bytesRead;
    private final long bytesWritten;
    private final long computeNanos;
    private final long savedNanos;

    public CacheStats(
            int build,
            long hits,
            long misses,
            long corrupt,
            long bytesRead,
            long bytesWritten,
            long computeNanos,
            long savedNanos) {
        this.build = build;
        this.hits = hits;
        this.misses = misses;
        this.corrupt = corrupt;
        this.bytesRead = bytesRead;
        this.bytesWritten = bytesWritten;
        this.computeNanos = computeNanos;
        this.savedNanos = savedNanos;
    }

    public static CacheStats none(int build) {
        return new CacheStats(build, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Adds another compilation of the same build (compile and testCompile both use a consumer). */
    public CacheStats plus(CacheStats other) {
        return new CacheStats(
                build,
                hits + other.hits,
                misses + other.misses,
                corrupt + other.corrupt,
                bytesRead + other.bytesRead,
                bytesWritten + other.bytesWritten,
                computeNanos + other.computeNanos,
                savedNanos + other.savedNanos);
    }

    /** @return the stats in the file, or {@code null} when there is none or it is damaged */
    public static CacheStats read(Path file) {
        return read(file, null);
    }

    /** As {@link #read(Path)}, telling {@code damaged} (when not null) when the file was there but damaged. */
    public static CacheStats read(Path file, java.util.function.Consumer<String> damaged) {
        try {
            ByteBuffer in = ChecksummedFile.read(file, MAGIC, VERSION);
            if (in == null) {
                return null;
            }
            return new CacheStats(
                    in.getInt(),
                    in.getLong(),
                    in.getLong(),
                    in.getLong(),
                    in.getLong(),
                    in.getLong(),
                    in.getLong(),
                    in.getLong());
        } catch (IOException | BufferUnderflowException e) {
            if (damaged != null) {
                damaged.accept(file.getFileName().toString());
            }
            return null;
        }
    }

    public void write(Path file) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(4 + 7 * 8);
        out.putInt(build)
                .putLong(hits)
                .putLong(misses)
                .putLong(corrupt)
                .putLong(bytesRead)
                .putLong(bytesWritten);
        out.putLong(computeNanos).putLong(savedNanos);
        ChecksummedFile.write(file, MAGIC, VERSION, out);
    }

    public int build() {
        return build;
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }

    public long corrupt() {
        return corrupt;
    }

    public long bytesRead() {
        return bytesRead;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    public long computeNanos() {
        return computeNanos;
    }

    public long savedNanos() {
        return savedNanos;
    }
}
