package dev.tandem.cache.store;

import java.io.IOException;
import java.nio.file.Path;

/** A cache file that is not intact: treated as absent (a miss, or a rebuild), never as data. */
public final class CorruptCacheFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptCacheFileException(Path file, String what) {
        super("Tandem cache file " + file + " is damaged (" + what + "); it is ignored and rebuilt");
    }
}
