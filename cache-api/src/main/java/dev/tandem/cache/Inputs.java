package dev.tandem.cache;

import dev.tandem.cache.internal.FileStat;
import dev.tandem.cache.internal.InputIndex;
import dev.tandem.cache.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checksums {@code tandem:prepare} computed for the project's input files, once per build, for every
 * invocation to look up instead of reading the files again.
 *
 * <pre>{@code
 * Optional<String> sha = cache.inputs().sha256(sqlFile);         // from the index: no file read
 * Set<Path> changed = cache.inputs().changedSinceLastBuild();
 * String all = cache.inputs().digestOf("src/main/sql/**&#47;*.sql"); // one digest of a set of files
 * }</pre>
 *
 * <p>A checksum from the index is believed only while the file's size, modification time, inode and change time are
 * still what {@code tandem:prepare} recorded (one stat call): a file changed since then (saved during the build,
 * rewritten by a plugin after {@code generate-sources}) is hashed where it is asked about, never answered with its
 * old checksum, and counts as changed.
 */
public final class Inputs {
    /** Replaced by an empty one when a look-up finds it damaged: files are then hashed where they are read. */
    private volatile InputIndex index;

    private final int lastBuildOfConsumer;
    private final java.util.function.Consumer<String> warnings;
    private final Map<String, String> tracked = new ConcurrentHashMap<>();
    /** Per file, what a key adds for it: many invocations read the same data file in one compilation. */
    private final Map<Path, byte[]> keyParts = new ConcurrentHashMap<>();

    Inputs(InputIndex index, int lastBuildOfConsumer, java.util.function.Consumer<String> warnings) {
        this.index = index;
        this.lastBuildOfConsumer = lastBuildOfConsumer;
        this.warnings = warnings;
    }

    /** The index, or an empty one (with one warning) once a look-up found it damaged. */
    private InputIndex damaged(InputIndex.DamagedException e) {
        InputIndex was = index;
        synchronized (this) {
            if (index == was && was.size() > 0) {
                index = InputIndex.empty(was.basedir());
                was.close();
                warnings.accept("Tandem's input index is damaged (" + e.getMessage() + "); this compilation hashes"
                        + " the files it reads itself, and the next tandem:prepare writes the index again.");
            }
        }
        return index;
    }

    /** Set at the cache's last close: what needs every entry can no longer be answered, and says so. */
    private volatile boolean closed;

    /**
     * Closes the index's file, at the cache's last close: look-ups after that find nothing indexed, so a file is
     * then hashed where it is read, never answered from a closed file; {@link #changedSinceLastBuild} and {@link
     * #digestOf} throw, since "nothing" would be a wrong answer.
     */
    synchronized void close() {
        closed = true;
        InputIndex was = index;
        index = InputIndex.empty(was.basedir());
        was.close();
    }

    /**
     * The SHA-256 (hexadecimal) of a file as indexed at the start of this build, without reading it; empty when
     * the index does not cover the file.
     */
    public Optional<String> sha256(Path file) {
        InputIndex.Entry entry = current(file.toAbsolutePath().normalize());
        return entry == null ? Optional.empty() : Optional.of(entry.sha256Hex());
    }

    /**
     * The index's entry for a file, when the file is still as the index recorded it; {@code null} when the index
     * does not cover it, or the file changed since (or may have: modified no earlier than the index was begun, a
     * change within the same clock tick would not show).
     */
    private InputIndex.Entry current(Path absolute) {
        InputIndex now = index;
        InputIndex.Entry entry;
        try {
            entry = now.find(absolute);
        } catch (InputIndex.DamagedException e) {
            now = damaged(e);
            entry = now.find(absolute);
        }
        return entry != null && unchanged(now, entry, absolute) ? entry : null;
    }

    static boolean unchanged(InputIndex index, InputIndex.Entry entry, Path file) {
        if (entry.mtimeNanos() / 1_000_000 >= index.indexedAtMillis()) {
            return false;
        }
        long[] now = new long[4]; // through InputIndex, loaded already: a class fewer in a compilation's first look-up
        return InputIndex.stat(file, true, now) == FileStat.FILE && entry.sameMetadata(now[0], now[1], now[2], now[3]);
    }

    /**
     * The indexed files whose content changed since this consumer last ran (all of them on its first run), as
     * absolute paths.
     */
    public Set<Path> changedSinceLastBuild() {
        requireOpen("changedSinceLastBuild()");
        try {
            return IndexWalks.changedSinceLastBuild(index, lastBuildOfConsumer);
        } catch (InputIndex.DamagedException e) {
            return IndexWalks.changedSinceLastBuild(damaged(e), lastBuildOfConsumer);
        }
    }

    private void requireOpen(String what) {
        if (closed) {
            throw new IllegalStateException("Tandem: " + what + " after the cache was closed; call it before close()"
                    + " (at the last round), when the index it reads is still open.");
        }
    }

    /**
     * One SHA-256 over the paths and checksums of every indexed file matching a pattern relative to the project's
     * base directory, written as in Maven's {@code <includes>} ({@code src/main/sql/**&#47;*.sql} matches
     * {@code src/main/sql/a.sql} too); the matching files are tracked. The key for the one-expensive-pass pattern: compute a table for the whole module once, under
     * this digest, and let each invocation read its slice.
     */
    public String digestOf(String glob) {
        requireOpen("digestOf()");
        try {
            return IndexWalks.digestOf(this, glob, index);
        } catch (InputIndex.DamagedException e) {
            return IndexWalks.digestOf(this, glob, damaged(e));
        }
    }

    /** Random, once per compilation: its invocations still share one table under the digest. */
    private volatile byte[] unknownSet;

    byte[] unknownSet() {
        byte[] nonce = unknownSet;
        if (nonce == null) {
            synchronized (this) {
                if (unknownSet == null) {
                    byte[] fresh = new byte[32];
                    new SecureRandom().nextBytes(fresh);
                    unknownSet = fresh;
                }
                nonce = unknownSet;
            }
        }
        return nonce;
    }

    /**
     * Records that the consumer's output depends on this file, so that a change to it alone makes the next
     * compile rerun. {@link CacheKey.Builder#addFile} does this by itself.
     */
    public void track(Path file) {
        checksumForKey(file);
    }

    /**
     * What a key adds for a file: its absolute path and checksum, looked up once per file and compilation (the
     * index and the file do not change while javac runs).
     */
    byte[] keyPart(Path file) {
        byte[] part = keyParts.get(file);
        if (part == null) { // no computeIfAbsent: its lambda would spin a class in every compilation
            Path absolute = file.toAbsolutePath().normalize();
            part = (absolute + "\0" + checksumForKey(absolute)).getBytes(StandardCharsets.UTF_8);
            keyParts.putIfAbsent(file, part); // two threads at once compute the same bytes
        }
        return part;
    }

    /** The file's checksum from the index, else from reading it; tracks the file. */
    String checksumForKey(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        InputIndex.Entry entry = current(absolute);
        // a missing or unreadable file counts as MISSING: any readable state later differs from it
        String checksum = entry != null ? entry.sha256Hex() : Sha256.hexOrMissing(absolute);
        tracked.put(absolute.toString(), checksum);
        return checksum;
    }

    Map<String, String> tracked() {
        return tracked;
    }
}
