package dev.tandem.cache.internal;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The input files a consumer's keys were made from, each with the SHA-256 it had then. {@code tandem:prepare}
 * compares them with the fresh index: a changed one makes the next compile rerun, which javac alone would not do
 * for a file that is not Java source. Paths are as the consumer gave them, absolute.
 */
public final class TrackedInputs {
    static final int MAGIC = 0x544e4454; // "TNDT"
    static final short VERSION = 1;

    /**
     * In place of a SHA-256: only that the file must still be there. Tandem's compiler tracks its sources so, as the
     * compiler plugin notices their edits itself, but not (3.10.1 and older) a source deleted alone.
     */
    public static final String PRESENT = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

    private TrackedInputs() {}

    /** @return path to hex SHA-256; empty when there is no file or it is damaged */
    public static Map<String, String> read(Path file) {
        return read(file, null);
    }

    /** As {@link #read(Path)}, telling {@code damaged} (when not null) when the file was there but damaged. */
    public static Map<String, String> read(Path file, java.util.function.Consumer<String> damaged) {
        try {
            ByteBuffer in = ChecksummedFile.read(file, MAGIC, VERSION);
            Map<String, String> tracked = new TreeMap<>();
            if (in == null) {
                return tracked;
            }
            int count = in.getInt();
            for (int i = 0; i < count; i++) {
                byte[] path = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(path);
                byte[] sha = new byte[32];
                in.get(sha);
                tracked.put(new String(path, StandardCharsets.UTF_8), Hex.of(sha));
            }
            return tracked;
        } catch (IOException | BufferUnderflowException | IllegalArgumentException e) {
            if (damaged != null) {
                damaged.accept(file.getFileName().toString());
            }
            return Collections.emptyMap();
        }
    }

    /** @param tracked path to hex SHA-256 */
    public static void write(Path file, Map<String, String> tracked) throws IOException {
        int size = 4;
        for (String path : tracked.keySet()) {
            size += 2 + path.getBytes(StandardCharsets.UTF_8).length + 32;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(tracked.size());
        for (Map.Entry<String, String> e : tracked.entrySet()) {
            byte[] path = e.getKey().getBytes(StandardCharsets.UTF_8);
            out.putShort((short) path.length).put(path).put(unhex(e.getValue()));
        }
        ChecksummedFile.write(file, MAGIC, VERSION, out);
    }

    private static byte[] unhex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
