package dev.tandem.cache.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The framing of Tandem's small binary files: {@code [magic (4)][version (2)][payload][CRC32C (4)]}, replaced
 * atomically. A file that fails any check reads as absent.
 */
final class ChecksummedFile {
    private ChecksummedFile() {}

    static void write(Path file, int magic, short version, ByteBuffer payload) throws IOException {
        payload.flip();
        ByteBuffer out = ByteBuffer.allocate(6 + payload.remaining() + 4);
        out.putInt(magic).putShort(version).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        AtomicFiles.write(file, out.array());
    }

    /**
     * @return the payload, or {@code null} when the file is missing
     * @throws CorruptCacheFileException when it is damaged or of another format
     */
    static ByteBuffer read(Path file, int magic, short version) throws IOException {
        byte[] bytes;
        try {
            bytes = CacheFiles.readSmall(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < 10 || in.getInt(0) != magic || in.getShort(4) != version) {
            throw new CorruptCacheFileException(file, "not a Tandem file of this format");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != in.getInt(bytes.length - 4)) {
            throw new CorruptCacheFileException(file, "checksum mismatch");
        }
        in.position(6).limit(bytes.length - 4);
        return in.slice();
    }
}
