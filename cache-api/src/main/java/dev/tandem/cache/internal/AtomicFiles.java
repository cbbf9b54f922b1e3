package dev.tandem.cache.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file whole: readers see the old content or the new, never a mix. The temporary file is made, written
 * and renamed through a handle on the folder ({@link FolderHandles}), so none of it happens outside the
 * folder, even if the folder is swapped for a link meanwhile.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, byte[] content) throws IOException {
        Path temp = FolderHandles.createTempFile(target);
        try {
            try (FileChannel out = CacheFiles.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            move(temp, target);
        } finally {
            FolderHandles.deleteIfExists(temp);
        }
    }

    /** Renames {@code source} over {@code target}, both in one folder, atomically where the file system can. */
    public static void move(Path source, Path target) throws IOException {
        FolderHandles.replace(source, target);
    }
}
