package dev.tandem.maven.remote;

import dev.tandem.cache.internal.Hex;
import dev.tandem.cache.internal.Sha256;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * One cache entry as it travels: the consumer and key it belongs to, what computing it cost, the value with its
 * SHA-256 and size, and optionally a signature over all of that.
 *
 * <pre>
 * "TNDR" (4) | format 1 (2) | flags (2: 1 = signed) | consumer id length (2) | consumer id (UTF-8)
 * key digest (32) | compute micros (4) | value length (4) | value SHA-256 (32) | value
 * [signature length (2) | signature]      over every byte before it
 * </pre>
 *
 * The consumer and key are inside, so a damaged or misplaced entry is a miss. Only a signature stops a forgery:
 * without {@code remotePublicKey}, whoever can write the server can make an entry that passes every check, with
 * any value, and a value is what a replayed processor's output is written from, code in every build that fetches
 * it. With a public key set, whoever can write the server can at most make entries miss.
 */
public final class RemoteEntry {
    static final int MAGIC = 0x544e4452; // "TNDR"
    static final short FORMAT = 1;
    private static final short SIGNED = 1;

    private final byte[] value;
    private final int computeMicros;

    private RemoteEntry(byte[] value, int computeMicros) {
        this.value = value;
        this.computeMicros = computeMicros;
    }

    public byte[] value() {
        return value;
    }

    public int computeMicros() {
        return computeMicros;
    }

    /** An entry that failed a check: a miss, never a value. The message says which check. */
    public static final class BadEntry extends Exception {
        private static final long serialVersionUID = 1L;

        public BadEntry(String why) {
            super(why);
        }
    }

    /** The entry's bytes, signed with {@code signingKey} when there is one. */
    public static byte[] encode(String consumer, byte[] digest, int computeMicros, byte[] value, PrivateKey signingKey)
            throws GeneralSecurityException {
        byte[] id = consumer.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(4 + 2 + 2 + 2 + id.length + 32 + 4 + 4 + 32 + value.length);
        body.putInt(MAGIC).putShort(FORMAT).putShort(signingKey == null ? 0 : SIGNED);
        body.putShort((short) id.length)
                .put(id)
                .put(digest)
                .putInt(computeMicros)
                .putInt(value.length);
        body.put(Sha256.newDigest().digest(value)).put(value);
        if (signingKey == null) {
            return body.array();
        }
        byte[] signature = Keys.sign(signingKey, body.array());
        return ByteBuffer.allocate(body.capacity() + 2 + signature.length)
                .put(body.array())
                .putShort((short) signature.length)
                .put(signature)
                .array();
    }

    /**
     * Checks an entry downloaded for {@code consumer} and {@code digest}: format, consumer, key, size, checksum,
     * and, when {@code publicKey} is set, a valid signature by it.
     */
    public static RemoteEntry decode(byte[] bytes, String consumer, byte[] digest, PublicKey publicKey)
            throws BadEntry {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.getInt() != MAGIC) {
                throw new BadEntry("not a Tandem entry");
            }
            short format = in.getShort();
            if (format != FORMAT) {
                throw new BadEntry("entry format " + format + ", this Tandem reads " + FORMAT);
            }
            boolean signed = (in.getShort() & SIGNED) != 0;
            byte[] id = new byte[in.getShort() & 0xffff];
            in.get(id);
            if (!consumer.equals(new String(id, StandardCharsets.UTF_8))) {
                throw new BadEntry("it belongs to another consumer");
            }
            byte[] key = new byte[32];
            in.get(key);
            if (!Arrays.equals(key, digest)) {
                throw new BadEntry("it was stored for another key");
            }
            int computeMicros = in.getInt();
            int length = in.getInt();
            if (length < 0 || length > in.remaining() - 32) {
                throw new BadEntry("its value is cut short");
            }
            byte[] sha = new byte[32];
            in.get(sha);
            byte[] value = new byte[length];
            in.get(value);
            if (!MessageDigest.isEqual(sha, Sha256.newDigest().digest(value))) {
                throw new BadEntry("its value does not match its checksum");
            }
            int signedLength = in.position();
            if (signed) {
                byte[] signature = new byte[in.getShort() & 0xffff];
                in.get(signature);
                if (publicKey != null && !Keys.verify(publicKey, bytes, signedLength, signature)) {
                    throw new BadEntry("its signature does not match the configured public key");
                }
            } else if (publicKey != null) {
                throw new BadEntry("it is not signed, and a public key is configured");
            }
            if (in.hasRemaining()) {
                throw new BadEntry("it has " + in.remaining() + " bytes past its end");
            }
            return new RemoteEntry(value, computeMicros);
        } catch (BufferUnderflowException e) {
            throw new BadEntry("it is cut short");
        }
    }

    /** Where entries of {@code consumer} live on the server, relative to its URL. */
    public static String path(RemoteConfig.Layout layout, String consumer, byte[] digest) {
        String hex = Hex.of(digest);
        if (layout == RemoteConfig.Layout.BAZEL) {
            // bazel-remote's action cache wants 64 hex digits: the consumer goes into the name, not a folder
            return "ac/" + Hex.of(Sha256.newDigest().digest((consumer + "\0" + hex).getBytes(StandardCharsets.UTF_8)));
        }
        return consumer + "/" + hex.substring(0, 2) + "/" + hex;
    }
}
