package dev.tandem.cache;

import dev.tandem.cache.store.AntPattern;
import dev.tandem.cache.store.Hex;
import dev.tandem.cache.store.InputIndex;
import dev.tandem.cache.store.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 */
public final class Inputs {
    private final InputIndex index;
    private final int lastBuildOfConsumer;
    private final Map<String, String> tracked = new ConcurrentHashMap<>();
    /** Per file, what a key adds for it: many invocations read the same data file in one compilation. */
    private final Map<Path, byte[]> keyParts = new ConcurrentHashMap<>();

    Inputs(InputIndex index, int lastBuildOfConsumer) {
        this.index = index;
        this.lastBuildOfConsumer = lastBuildOfConsumer;
    }

    /**
     * The SHA-256 (hexadecimal) of a file as indexed at the start of this build, without reading it; empty when
     * the index does not cover the file.
     */
    public Optional<String> sha256(Path file) {
        InputIndex.Entry entry = index.find(file);
        return entry == null ? Optional.empty() : Optional.of(entry.sha256Hex());
    }

    /**
     * The indexed files whose content changed since this consumer last ran (all of them on its first run), as
     * absolute paths.
     */
    public Set<Path> changedSinceLastBuild() {
        Set<Path> changed = new TreeSet<>();
        for (int i = 0; i < index.size(); i++) {
            InputIndex.Entry entry = index.entry(i);
            if (lastBuildOfConsumer <= 0 || entry.changedInBuild() > lastBuildOfConsumer) {
                Path file = index.resolve(entry); // only for the changed ones: most entries are not
                if (file != null) {
                    changed.add(file);
                }
            }
        }
        return Collections.unmodifiableSet(changed);
    }

    /**
     * One SHA-256 over the paths and checksums of every indexed file matching a pattern relative to the project's
     * base directory, written as in Maven's {@code <includes>} ({@code src/main/sql/**&#47;*.sql} matches
     * {@code src/main/sql/a.sql} too); the matching files are tracked. The key for the one-expensive-pass pattern: compute a table for the whole module once, under
     * this digest, and let each invocation read its slice.
     */
    public String digestOf(String glob) {
        AntPattern matcher = AntPattern.compile(glob);
        MessageDigest sha = Sha256.newDigest();
        for (int i = 0; i < index.size(); i++) {
            InputIndex.Entry entry = index.entry(i);
            Path file = matcher.matches(entry.path()) ? index.resolve(entry) : null;
            if (file != null) {
                sha.update(entry.path().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(entry.sha256());
                tracked.put(file.toString(), entry.sha256Hex());
            }
        }
        return Hex.of(sha.digest());
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
        return keyParts.computeIfAbsent(file, f -> {
            Path absolute = f.toAbsolutePath().normalize();
            return (absolute + "\0" + checksumForKey(absolute)).getBytes(StandardCharsets.UTF_8);
        });
    }

    /** The file's checksum from the index, else from reading it; tracks the file. */
    String checksumForKey(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        InputIndex.Entry entry = index.find(absolute);
        // a missing or unreadable file counts as MISSING: any readable state later differs from it
        String checksum = entry != null ? entry.sha256Hex() : Sha256.hexOrMissing(absolute);
        tracked.put(absolute.toString(), checksum);
        return checksum;
    }

    Map<String, String> tracked() {
        return tracked;
    }
}
