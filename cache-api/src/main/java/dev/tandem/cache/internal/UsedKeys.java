package dev.tandem.cache.internal;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Per consumer, per build, the keys it read or wrote: what makes an entry "recently used" when {@code
 * tandem:prepare} evicts entries past {@code maxConsumerSize}. Each entry's last build of use is kept as
 * {@code [digest (32)][build (4)]}.
 */
public final class UsedKeys {
    static final int MAGIC = 0x544e4455; // "TNDU"
    static final short VERSION = 1;

    private UsedKeys() {}

    /** A digest and the last build that used it. */
    public static final class Use {
        private final byte[] digest;
        private final int build;

        public Use(byte[] digest, int build) {
            this.digest = digest;
            this.build = build;
        }

        public byte[] digest() {
            return digest;
        }

        public int build() {
            return build;
        }
    }

    public static List<Use> read(Path file) {
        return read(file, null);
    }

    /** The uses recorded, empty when the file is missing or damaged (then {@code damaged} is told). */
    public static List<Use> read(Path file, java.util.function.Consumer<String> damaged) {
        List<Use> uses = new ArrayList<>();
        try {
            ByteBuffer in = ChecksummedFile.read(file, MAGIC, VERSION);
            while (in != null && in.remaining() >= 36) {
                byte[] digest = new byte[32];
                in.get(digest);
                uses.add(new Use(digest, in.getInt()));
            }
        } catch (IOException | BufferUnderflowException e) {
            if (damaged != null) {
                damaged.accept(file.getFileName().toString());
            }
            uses.clear();
        }
        return uses;
    }

    /** Adds this build's uses to the file; the caller holds the consumer's lock. */
    public static void record(Path file, Collection<byte[]> digests, int build) throws IOException {
        record(file, digests, build, null);
    }

    /** As {@link #record(Path, Collection, int)}, telling {@code damaged} (when not null) when the old file was damaged. */
    public static void record(
            Path file, Collection<byte[]> digests, int build, java.util.function.Consumer<String> damaged)
            throws IOException {
        Set<java.nio.ByteBuffer> seen = new LinkedHashSet<>();
        List<Use> merged = new ArrayList<>();
        for (byte[] d : digests) {
            if (seen.add(ByteBuffer.wrap(d))) {
                merged.add(new Use(d, build));
            }
        }
        for (Use old : read(file, damaged)) {
            if (seen.add(ByteBuffer.wrap(old.digest))) {
                merged.add(old);
            }
        }
        write(file, merged);
    }

    public static void write(Path file, List<Use> uses) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(36 * uses.size());
        for (Use use : uses) {
            out.put(use.digest).putInt(use.build);
        }
        ChecksummedFile.write(file, MAGIC, VERSION, out);
    }
}
