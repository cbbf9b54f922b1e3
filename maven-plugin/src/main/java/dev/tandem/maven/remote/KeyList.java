package dev.tandem.maven.remote;

import dev.tandem.cache.store.Hex;
import dev.tandem.cache.store.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's list of the keys its last pushed build used, per consumer: what a later {@code prepare} fetches. Only a
 * hint: entries are found and checked by key, so a list from another branch costs a few useless downloads.
 *
 * <pre>"TNDL" (4) | format 1 (2) | count (4) | count × [consumer id length (2) | id | digest (32)] | SHA-256 (32)</pre>
 */
public final class KeyList {
    static final int MAGIC = 0x544e444c; // "TNDL"
    static final short FORMAT = 1;
    /** The largest list read: about 800,000 keys. */
    static final long MAX_SIZE = 64L * 1024 * 1024;

    private KeyList() {}

    /** The list's place on the server for a module ({@code groupId:artifactId}). */
    public static String path(RemoteConfig.Layout layout, String module) {
        String hex = Hex.of(Sha256.newDigest().digest(("tandem-list-1\0" + module).getBytes(StandardCharsets.UTF_8)));
        return layout == RemoteConfig.Layout.BAZEL ? "ac/" + hex : "tandem-lists/" + hex.substring(0, 2) + "/" + hex;
    }

    public static byte[] encode(Map<String, List<byte[]>> keys) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeShort(FORMAT);
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
        return ByteBuffer.allocate(body.length + 32)
                .put(body)
                .put(Sha256.newDigest().digest(body))
                .array();
    }

    /** The keys per consumer, in order; null when the bytes are not an intact list. */
    public static Map<String, List<byte[]>> decode(byte[] bytes) {
        if (bytes.length < 4 + 2 + 4 + 32) {
            return null;
        }
        MessageDigest sha = Sha256.newDigest();
        sha.update(bytes, 0, bytes.length - 32);
        byte[] stored = new byte[32];
        System.arraycopy(bytes, bytes.length - 32, stored, 0, 32);
        if (!MessageDigest.isEqual(sha.digest(), stored)) {
            return null;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - 32);
            if (in.getInt() != MAGIC || in.getShort() != FORMAT) {
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
