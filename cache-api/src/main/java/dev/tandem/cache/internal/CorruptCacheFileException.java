package dev.tandem.cache.internal;

import java.io.IOException;
import java.nio.file.Path;

/** A cache file that is not intact: treated as absent (a miss, or a rebuild), never as data. */
public final class CorruptCacheFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean otherFormat;

    public CorruptCacheFileException(Path file, String what) {
        super("Tandem cache file " + file + " is damaged (" + what + "); it is ignored and rebuilt");
        this.otherFormat = false;
    }

    /** A file in the format of another Tandem version when {@code otherFormat}: not damage, but read no better. */
    public CorruptCacheFileException(Path file, String what, boolean otherFormat) {
        super(
                otherFormat
                        ? "Tandem cache file " + file + " was written by another Tandem version (" + what
                                + "); it is rebuilt"
                        : "Tandem cache file " + file + " is damaged (" + what + "); it is ignored and rebuilt");
        this.otherFormat = otherFormat;
    }

    /** Whether the file is of another Tandem version's format rather than damaged: worth no warning. */
    public boolean otherFormat() {
        return otherFormat;
    }
}
