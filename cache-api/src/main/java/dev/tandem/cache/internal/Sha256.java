package dev.tandem.cache.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, the checksum of input files and keys (a JDK intrinsic: about 1 GB/s here). */
public final class Sha256 {
    /** What a missing or unreadable file is recorded as: no content has this checksum in practice. */
    public static final String MISSING = "0000000000000000000000000000000000000000000000000000000000000000";

    /** Cloning a digest skips the provider look-up of getInstance, which costs a cold invocation dearly. */
    private static final MessageDigest PROTOTYPE = create();

    private Sha256() {}

    public static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return create();
        }
    }

    private static MessageDigest create() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Reads the file and returns its checksum. */
    public static byte[] of(Path file) throws IOException {
        return of(file, new byte[64 * 1024]);
    }

    /**
     * As {@link #of(Path)}, reading through {@code buffer}: a caller that hashes thousands of files (prepare's
     * index) passes one per thread, instead of allocating and zeroing 64 KB for each.
     */
    public static byte[] of(Path file, byte[] buffer) throws IOException {
        MessageDigest sha = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return sha.digest();
    }

    /** The file's checksum in hexadecimal, or {@link #MISSING} when it cannot be read. */
    /** The checksum of a file, or 32 zero bytes ({@link #MISSING}) when it is missing or unreadable. */
    public static byte[] ofOrMissing(Path file) {
        try {
            return of(file);
        } catch (IOException | SecurityException e) {
            return new byte[32];
        }
    }

    public static String hexOrMissing(Path file) {
        return Hex.of(ofOrMissing(file)); // 32 zero bytes are MISSING
    }
}
