package dev.tandem.cache;

import dev.tandem.cache.internal.Hex;
import dev.tandem.cache.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * What a cached value was computed from: the consumer's id and version, then everything the code adds, strings,
 * bytes, numbers and input files, in order. Built with {@link ProcessorCache#newKey()}:
 *
 * <pre>{@code
 * CacheKey key = cache.newKey().add("schema-v3").addFile(sqlFile).add(typeName).build();
 * }</pre>
 *
 * A file contributes its SHA-256 from the input index (hashed on demand when the index lacks it), so changing a
 * file's content changes every key made from it, and the file is tracked: when it changes and no Java file does,
 * {@code tandem:prepare} still makes the next compile run.
 */
public final class CacheKey {
    private final byte[] digest;

    CacheKey(byte[] digest) {
        this.digest = digest;
    }

    byte[] digest() {
        return digest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheKey && Arrays.equals(digest, ((CacheKey) o).digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    /** The key's SHA-256 in hexadecimal. */
    @Override
    public String toString() {
        return Hex.of(digest);
    }

    /** Adds parts in order; each part is length-prefixed and typed, so ("ab","c") and ("a","bc") differ. */
    public static final class Builder {
        private static final byte STRING = 1;
        private static final byte BYTES = 2;
        private static final byte NUMBER = 3;
        private static final byte FILE = 4;

        private final MessageDigest sha = Sha256.newDigest();
        private final Inputs inputs;

        Builder(String consumerId, String consumerVersion, Inputs inputs) {
            this.inputs = inputs;
            add("tandem-key-1").add(consumerId).add(consumerVersion);
        }

        public Builder add(String part) {
            return part(STRING, part.getBytes(StandardCharsets.UTF_8));
        }

        public Builder add(byte[] part) {
            return part(BYTES, part);
        }

        public Builder add(long part) {
            return part(NUMBER, java.nio.ByteBuffer.allocate(8).putLong(part).array());
        }

        /**
         * Adds an input file by its content's SHA-256, from the index when it has the file, and tracks the file.
         * A missing file adds a marker of its absence, so creating it later changes the key.
         */
        public Builder addFile(Path file) {
            return part(FILE, inputs.keyPart(file));
        }

        private Builder part(byte type, byte[] bytes) {
            sha.update(type);
            sha.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha.update(bytes);
            return this;
        }

        public CacheKey build() {
            return new CacheKey(sha.digest());
        }
    }
}
