package dev.tandem.cache.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes the {@linkplain InputIndex input index} ({@code tandem:prepare}'s side). Apart from {@link InputIndex} because
 * every compilation loads that class in a fresh class loader to look files up, and never writes: each kilobyte of a
 * class it loads costs it about 20 µs of parsing and verification (benchmarks/cache/run.sh, "first open").
 */
public final class InputIndexWriter {
    private InputIndexWriter() {}

    /**
     * Writes an index atomically. Entries are sorted here.
     *
     * @return the index just written, read from the bytes in memory rather than from the file again
     */
    public static InputIndex write(
            Path file, Path basedir, int buildNumber, long indexedAtMillis, List<InputIndex.Entry> entries)
            throws IOException {
        // each path encoded once, then sorted by its bytes (encoding inside the comparator cost more than the rest)
        List<Map.Entry<byte[], InputIndex.Entry>> byPath = new ArrayList<>(entries.size());
        int entriesSize = 0;
        for (InputIndex.Entry e : entries) {
            byte[] p = e.path().getBytes(StandardCharsets.UTF_8);
            if (p.length > 0xffff) {
                throw new IllegalArgumentException(
                        "path longer than 65535 bytes: " + e.path().substring(0, 80));
            }
            byPath.add(new AbstractMap.SimpleImmutableEntry<>(p, e));
            entriesSize += 2 + p.length + InputIndex.FIXED_ENTRY_SIZE;
        }
        byPath.sort((a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey()));
        List<byte[]> paths = new ArrayList<>(byPath.size());
        List<InputIndex.Entry> sorted = new ArrayList<>(byPath.size());
        for (Map.Entry<byte[], InputIndex.Entry> e : byPath) {
            paths.add(e.getKey());
            sorted.add(e.getValue());
        }
        byte[] base = basedir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
        int table = InputIndex.HEADER + base.length;
        ByteBuffer out = ByteBuffer.allocate(table + 4 * sorted.size() + 4 + entriesSize + 4);
        out.putInt(InputIndex.MAGIC)
                .putShort(InputIndex.FORMAT_VERSION)
                .putShort((short) 0)
                .putInt(sorted.size())
                .putInt(buildNumber);
        out.putLong(indexedAtMillis).putShort((short) base.length).put(base);
        int offset = 0;
        for (byte[] p : paths) {
            out.putInt(offset);
            offset += 2 + p.length + InputIndex.FIXED_ENTRY_SIZE;
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        for (int i = 0; i < sorted.size(); i++) {
            InputIndex.Entry e = sorted.get(i);
            int start = out.position();
            out.putShort((short) paths.get(i).length).put(paths.get(i));
            out.putLong(e.size()).putLong(e.mtimeNanos()).putLong(e.inode()).putLong(e.ctimeNanos());
            out.putInt(e.changedInBuild()).put(e.sha256);
            crc.reset();
            crc.update(out.array(), start, out.position() - start);
            out.putInt((int) crc.getValue());
        }
        crc.reset();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        CacheFiles.createDirectories(file.getParent(), file.getParent());
        AtomicFiles.write(file, out.array());
        // made from the bytes just written: checking their CRCs and bounds again would be a second pass for nothing
        return InputIndex.written(
                file, ByteBuffer.wrap(out.array()), sorted.size(), buildNumber, indexedAtMillis, base);
    }
}
