package dev.tandem.cache.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cache.CacheKey;
import dev.tandem.cache.ProcessorCache;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.CacheStats;
import dev.tandem.cache.internal.CorruptCacheFileException;
import dev.tandem.cache.internal.EntryPack;
import dev.tandem.cache.internal.InputIndex;
import dev.tandem.cache.internal.InputIndexTest;
import dev.tandem.cache.internal.InputIndexWriter;
import dev.tandem.cache.internal.TrackedInputs;
import dev.tandem.cache.internal.UsedKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates the cache's binary files (input index, entry pack, statistics, tracked inputs, used keys) and its
 * properties files, then runs a whole compilation's use of the cache over them. In half the cases the checksums are
 * recomputed after the mutation, so the damage gets past the CRC and the parsers themselves are exercised. Nothing
 * may escape to the processor but its own exceptions, and where the checksums were left alone every value must be
 * the right one.
 */
class FuzzTest {
    private static final int CASES = 10_000;
    private static final int KEYS = 12;
    private static final String[] FILES = {
        "inputs.idx",
        "consumers/torture/entries.pack",
        "consumers/torture/stats",
        "consumers/torture/tracked",
        "consumers/torture/used",
        "consumers/torture/consumer.properties",
        "build.properties"
    };
    private static final int[] INTERESTING = {
        0, 1, -1, 2, 8, 31, 32, 255, 0x7fff, 0xffff, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30, 65536
    };

    @TempDir
    Path project;

    private Path root() {
        return project.resolve("target/tandem");
    }

    @Test
    @DisplayName("10,000 mutated cache files: no exception reaches the processor, no wrong value where CRCs hold")
    void mutatedFilesNeverEscapeOrLie() throws Exception {
        List<Path> data = new ArrayList<>();
        List<InputIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            Path file = project.resolve("src/data-" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.write(file, ("data " + i).getBytes(StandardCharsets.UTF_8));
            data.add(file);
            entries.add(InputIndexTest.real(project, "src/data-" + i + ".txt", 1 + i % 3));
        }
        InputIndexWriter.write(root().resolve("inputs.idx"), project, 3, InputIndexTest.indexedNow(), entries);
        Files.write(root().resolve("build.properties"), "build=3\n".getBytes(StandardCharsets.ISO_8859_1));
        compile(data, new ArrayList<>()); // fills the pack, stats, tracked, used, consumer.properties
        compile(data, new ArrayList<>()); // and the stats of a build with hits
        Map<String, byte[]> pristine = new LinkedHashMap<>();
        for (String name : FILES) {
            pristine.put(name, Files.readAllBytes(root().resolve(name)));
        }

        Random random = new Random(20261201);
        int exceptions = 0;
        int wrong = 0;
        int pastCrc = 0;
        List<String> firstProblems = new ArrayList<>();
        Map<String, Integer> perFile = new LinkedHashMap<>();
        for (int c = 0; c < CASES; c++) {
            restore(pristine);
            String name = FILES[random.nextInt(FILES.length)];
            boolean fixCrc = random.nextBoolean();
            byte[] mutated = mutate(pristine.get(name), random);
            if (fixCrc) {
                recomputeChecksums(name, mutated);
            }
            Files.write(root().resolve(name), mutated);
            perFile.merge(name, 1, Integer::sum);
            if (fixCrc && intactAfterMutation(name)) {
                pastCrc++;
            }
            try {
                readEveryFileDirectly();
                int bad = compile(data, new ArrayList<>());
                if (!fixCrc || !name.endsWith("entries.pack")) {
                    wrong += bad; // a pack with recomputed CRCs may hold forged values: nothing could tell
                }
            } catch (Throwable e) {
                exceptions++;
                if (firstProblems.size() < 5) {
                    firstProblems.add(name + " (" + (fixCrc ? "CRC fixed" : "CRC left") + "): " + e);
                }
            }
        }
        System.out.printf(
                "fuzz: %d mutated cache files %s, %d got past their checksum into the parsers, %d exceptions, %d"
                        + " wrong values%n",
                CASES, perFile, pastCrc, exceptions, wrong);
        assertThat(firstProblems).as("exceptions").isEmpty();
        assertThat(exceptions).isZero();
        assertThat(wrong).isZero();
        assertThat(pastCrc).as("cases that really reached the parsers").isGreaterThan(CASES / 10);
    }

    /** One compilation: every key through computeIfAbsent, then the input look-ups; returns wrong values. */
    private int compile(List<Path> data, List<String> warnings) {
        int wrong = 0;
        try (ProcessorCache cache = ProcessorCache.open(root(), CacheWorker.CONSUMER, "1", warnings::add)) {
            for (int i = 0; i < data.size(); i++) {
                int n = i;
                CacheKey key =
                        cache.newKey().add("key-" + n).addFile(data.get(n)).build();
                if (!Arrays.equals(
                        cache.computeIfAbsent(key, () -> CacheWorker.expected(n)), CacheWorker.expected(n))) {
                    wrong++;
                }
                cache.get(key);
            }
            cache.inputs().sha256(data.get(0));
            cache.inputs().changedSinceLastBuild();
            cache.inputs().digestOf("src/**/*.txt");
        }
        return wrong;
    }

    /** What tandem:status and tandem:prepare read: only the documented CorruptCacheFileException may come out. */
    private void readEveryFileDirectly() throws IOException {
        Path consumer = root().resolve("consumers/torture");
        try {
            InputIndex index = InputIndex.open(root().resolve("inputs.idx"));
            if (index != null) {
                index.entries();
                index.find("src/data-1.txt");
            }
        } catch (CorruptCacheFileException documented) {
            // the index is rebuilt
        }
        try (EntryPack pack = EntryPack.openForReading(CacheLayout.pack(consumer))) {
            if (pack != null) {
                for (byte[] digest : pack.digests()) {
                    pack.get(digest);
                }
            }
        }
        CacheStats.read(CacheLayout.stats(consumer));
        TrackedInputs.read(CacheLayout.tracked(consumer));
        UsedKeys.read(CacheLayout.used(consumer));
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        switch (random.nextInt(6)) {
            case 0: // flip 1 to 8 bits
                for (int i = 1 + random.nextInt(8); i > 0 && bytes.length > 0; i--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return bytes;
            case 1: // an interesting int over any offset: counts, lengths, offsets, build numbers
                if (bytes.length >= 4) {
                    int at = random.nextInt(bytes.length - 3);
                    ByteBuffer.wrap(bytes).putInt(at, INTERESTING[random.nextInt(INTERESTING.length)]);
                }
                return bytes;
            case 2: // an interesting short: path and base directory lengths
                if (bytes.length >= 2) {
                    int at = random.nextInt(bytes.length - 1);
                    ByteBuffer.wrap(bytes).putShort(at, (short) INTERESTING[random.nextInt(INTERESTING.length)]);
                }
                return bytes;
            case 3: // truncated anywhere
                return Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length));
            case 4: // garbage appended
                byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(100));
                for (int i = bytes.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt();
                }
                return longer;
            default: // a range zeroed
                if (bytes.length > 0) {
                    int from = random.nextInt(bytes.length);
                    Arrays.fill(bytes, from, Math.min(bytes.length, from + 1 + random.nextInt(64)), (byte) 0);
                }
                return bytes;
        }
    }

    /** The whole-file CRC at the end of the index and of the small files; each record's CRC in the pack. */
    private static void recomputeChecksums(String name, byte[] bytes) {
        if (name.endsWith(".properties")) {
            return; // text: its checksum is over parsed properties, and mutations mostly break the syntax anyway
        }
        if (name.endsWith("entries.pack")) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int at = 8;
            while (at + 48 <= bytes.length) {
                int length = in.getInt(at + 40);
                if (length < 0 || at + 48L + length > bytes.length) {
                    break;
                }
                CRC32C crc = new CRC32C();
                crc.update(bytes, at + 4, 32);
                crc.update(bytes, at + 48, length);
                in.putInt(at + 44, (int) crc.getValue());
                at += 48 + length;
            }
            return;
        }
        if (bytes.length >= 4) {
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length - 4);
            ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        }
    }

    /** Whether the mutated file still passes its own checksum, so that a parser, not the CRC, had to cope. */
    private boolean intactAfterMutation(String name) throws IOException {
        Path file = root().resolve(name);
        byte[] bytes = Files.readAllBytes(file);
        if (name.endsWith(".properties") || bytes.length < 8) {
            return false;
        }
        if (name.endsWith("entries.pack")) {
            return true; // per-record CRCs were recomputed where a record could be framed
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        return (int) crc.getValue() == ByteBuffer.wrap(bytes).getInt(bytes.length - 4);
    }

    private void restore(Map<String, byte[]> pristine) throws IOException {
        try (Stream<Path> walk = Files.walk(root())) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        for (Map.Entry<String, byte[]> file : pristine.entrySet()) {
            Path path = root().resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
    }
}
