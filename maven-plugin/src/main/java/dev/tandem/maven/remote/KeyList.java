package dev.tandem.maven.remote;

import dev.tandem.cache.internal.Hex;
import dev.tandem.cache.internal.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's list of the keys its last pushed build used, per consumer: what a later {@code prepare} fetches. Only a
 * hint: entries are found and checked by key, so a list from another branch costs a few useless downloads.
 *
 * <pre>"TNDL" (4) | format (2) | count (4) | count × [consumer id length (2) | id | digest (32)] | SHA-256 (32)
 * [signature | signature length (2)]      format 2 only: over every byte before the signature</pre>
 *
 * <p>Format 1 is unsigned; CI with a signing key writes format 2. A reader with {@code remotePublicKey} takes only a
 * list signed by that key: a list names what every developer's build downloads, so one planted by someone with
 * write access could make builds fetch anything the server holds under a consumer's name (each entry is then
 * checked and, with a key, refused unless signed, but the downloads and folders would be theirs to choose).
 */
public final class KeyList {
    static final int MAGIC = 0x544e444c; // "TNDL"
    static final short FORMAT = 1;
    static final short FORMAT_SIGNED = 2;
    /** The largest list read: about 800,000 keys. */
    static final long MAX_SIZE = 64L * 1024 * 1024;

    private KeyList() {}

    /** A module's name on the server, {@code groupId:artifactId}: the same on every machine. */
    public static String module(String groupId, String artifactId) {
        return groupId + ":" + artifactId;
    }

    /** The list's place on the server for a module ({@link #module}). */
    public static String path(RemoteConfig.Layout layout, String module) {
        String hex = Hex.of(Sha256.newDigest().digest(("tandem-list-1\0" + module).getBytes(StandardCharsets.UTF_8)));
        return layout == RemoteConfig.Layout.BAZEL ? "ac/" + hex : "tandem-lists/" + hex.substring(0, 2) + "/" + hex;
    }

    /** Why a list that is intact is not taken: unsigned, or signed with another key, while a public key is set. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    /** The list's bytes, signed with {@code signingKey} when there is one (format 2), else format 1. */
    public static byte[] encode(Map<String, List<byte[]>> keys, PrivateKey signingKey) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeShort(signingKey == null ? FORMAT : FORMAT_SIGNED);
            out.writeInt(keys.values().stream().mapToInt(List::size).sum());
            for (Map.Entry<String, List<byte[]>> consumer : keys.entrySet()) {
                byte[] id = consumer.getKey().getBytes(StandardCharsets.UTF_8);
                for (byte[] digest : consumer.getValue()) {
                    out.writeShort(id.length);
                    out.write(id);
                    out.write(digest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory only
        }
        byte[] body = bytes.toByteArray();
        byte[] list = ByteBuffer.allocate(body.length + 32)
                .put(body)
                .put(Sha256.newDigest().digest(body))
                .array();
        if (signingKey == null) {
            return list;
        }
        byte[] signature;
        try {
            signature = Keys.sign(signingKey, list);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tandem cannot sign with its signing key: " + e, e);
        }
        return ByteBuffer.allocate(list.length + signature.length + 2)
                .put(list)
                .put(signature)
                .putShort((short) signature.length)
                .array();
    }

    /**
     * The keys per consumer, in order; null when the bytes are not an intact list.
     *
     * @throws Refused when {@code publicKey} is set and the list is not signed by it
     */
    public static Map<String, List<byte[]>> decode(byte[] bytes, PublicKey publicKey) throws Refused {
        if (bytes.length < 4 + 2 + 4 + 32) {
            return null;
        }
        short format = ByteBuffer.wrap(bytes, 4, 2).getShort();
        int length = bytes.length;
        if (format == FORMAT_SIGNED) {
            int signatureLength = ByteBuffer.wrap(bytes, length - 2, 2).getShort() & 0xffff;
            length -= 2 + signatureLength;
            if (length < 4 + 2 + 4 + 32) {
                return null;
            }
            if (publicKey != null) {
                byte[] signature = new byte[signatureLength];
                System.arraycopy(bytes, length, signature, 0, signatureLength);
                if (!Keys.verify(publicKey, bytes, length, signature)) {
                    throw new Refused("not signed by the key remotePublicKey names");
                }
            }
        } else if (format == FORMAT && publicKey != null) {
            throw new Refused("not signed, and remotePublicKey is set (push it from CI with remoteSigningServerId)");
        } else if (format != FORMAT) {
            return null;
        }
        MessageDigest sha = Sha256.newDigest();
        sha.update(bytes, 0, length - 32);
        byte[] stored = new byte[32];
        System.arraycopy(bytes, length - 32, stored, 0, 32);
        if (!MessageDigest.isEqual(sha.digest(), stored)) {
            return null;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, length - 32);
            if (in.getInt() != MAGIC || in.getShort() != format) {
                return null;
            }
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / 35) {
                return null;
            }
            Map<String, List<byte[]>> keys = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                byte[] id = new byte[in.getShort() & 0xffff];
                in.get(id);
                byte[] digest = new byte[32];
                in.get(digest);
                keys.computeIfAbsent(new String(id, StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(digest);
            }
            return in.hasRemaining() ? null : keys;
        } catch (BufferUnderflowException e) {
            return null;
        }
    }
}
