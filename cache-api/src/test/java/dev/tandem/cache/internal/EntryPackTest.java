package dev.tandem.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryPackTest {
    @TempDir
    Path dir;

    @Test
    void valuesReadBackAfterReopening() throws Exception {
        Path file = dir.resolve("entries.pack");
        try (EntryPack pack = EntryPack.open(file)) {
            pack.append(digest(1), bytes("one"), 10);
            pack.append(digest(2), bytes("two"), 20);
        }
        try (EntryPack pack = EntryPack.open(file)) {
            assertThat(pack.get(digest(1)).bytes()).isEqualTo(bytes("one"));
            assertThat(pack.get(digest(2)).computeMicros()).isEqualTo(20);
            assertThat(pack.get(digest(3))).isNull();
            assertThat(pack.entryCount()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("a later value for a key replaces the earlier one")
    void laterValueWins() throws Exception {
        try (EntryPack pack = EntryPack.open(dir.resolve("p"))) {
            pack.append(digest(1), bytes("old"), 0);
            pack.append(digest(1), bytes("new"), 0);
            assertThat(pack.get(digest(1)).bytes()).isEqualTo(bytes("new"));
        }
    }

    @Test
    @DisplayName("a record cut off by a killed writer is a miss, and the next writer cuts it away")
    void tornTailIsAMissAndIsTruncated() throws Exception {
        Path file = dir.resolve("p");
        try (EntryPack pack = EntryPack.open(file)) {
            pack.append(digest(1), bytes("whole"), 0);
            pack.append(digest(2), new byte[1000], 0);
        }
        long whole = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(whole - 500);
        }
        try (EntryPack pack = EntryPack.open(file)) {
            assertThat(pack.get(digest(1)).bytes()).isEqualTo(bytes("whole"));
            assertThat(pack.get(digest(2))).isNull();
            pack.append(digest(3), bytes("after"), 0);
        }
        try (EntryPack pack = EntryPack.open(file)) {
            assertThat(pack.get(digest(3)).bytes()).isEqualTo(bytes("after"));
            assertThat(pack.entryCount()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("a flipped byte in a value is a miss, counted, never a wrong value")
    void flippedByteIsDetected() throws Exception {
        Path file = dir.resolve("p");
        try (EntryPack pack = EntryPack.open(file)) {
            pack.append(digest(1), bytes("precious value"), 0);
        }
        byte[] content = Files.readAllBytes(file);
        content[content.length - 3] ^= 0x20;
        Files.write(file, content);
        try (EntryPack pack = EntryPack.open(file)) {
            assertThat(pack.get(digest(1))).isNull();
            assertThat(pack.corruptCount()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a file of another format is not read, and is replaced by the first write")
    void foreignFileStartsAfresh() throws Exception {
        Path file = dir.resolve("p");
        Files.write(file, "this is not a pack at all".getBytes(StandardCharsets.UTF_8));
        try (EntryPack pack = EntryPack.open(file)) {
            assertThat(pack.get(digest(1))).isNull();
            pack.append(digest(1), bytes("fresh"), 0);
        }
        try (EntryPack pack = EntryPack.open(file)) {
            assertThat(pack.get(digest(1)).bytes()).isEqualTo(bytes("fresh"));
        }
    }

    @Test
    @DisplayName("a writer sees what another writer appended since it opened the pack")
    void seesOtherWritersAppends() throws Exception {
        Path file = dir.resolve("p");
        try (EntryPack reader = EntryPack.open(file);
                EntryPack writer = EntryPack.open(file)) {
            writer.append(digest(7), bytes("from the other"), 0);
            assertThat(reader.get(digest(7)).bytes()).isEqualTo(bytes("from the other"));
        }
    }

    @Test
    void rewriteKeepsOnlyTheGivenKeys() throws Exception {
        Path file = dir.resolve("p");
        try (EntryPack pack = EntryPack.open(file)) {
            pack.append(digest(1), new byte[100], 0);
            pack.append(digest(2), bytes("keep"), 0);
            assertThat(pack.rewrite(Collections.singletonList(digest(2)))).isZero();
        }
        try (EntryPack pack = EntryPack.open(file)) {
            assertThat(pack.entryCount()).isEqualTo(1);
            assertThat(pack.get(digest(2)).bytes()).isEqualTo(bytes("keep"));
        }
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
    }

    static byte[] digest(int n) {
        byte[] d = new byte[32];
        Arrays.fill(d, (byte) n);
        return d;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("packs opened at once by several compilations are never found damaged while one of them creates it")
    void simultaneousFirstOpensSeeNoDamage() throws Exception {
        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 300; round++) {
                Path file = dir.resolve("round-" + round).resolve("entries.pack");
                Files.createDirectories(file.getParent());
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
                java.util.List<java.util.concurrent.Future<Integer>> damage = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    damage.add(pool.submit(() -> {
                        start.await();
                        try (EntryPack pack = EntryPack.open(file)) {
                            return pack.corruptCount();
                        }
                    }));
                }
                for (java.util.concurrent.Future<Integer> d : damage) {
                    assertThat(d.get()).as("damage seen in round %d", round).isZero();
                }
                assertThat(Files.size(file)).isEqualTo(EntryPack.HEADER_SIZE);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("a pack emptied between builds is still counted as damage")
    void emptiedPackIsDamage() throws Exception {
        Path file = dir.resolve("entries.pack");
        try (EntryPack pack = EntryPack.open(file)) {
            pack.append(digest(1), bytes("one"), 0);
        }
        Files.write(file, new byte[0]);
        try (EntryPack pack = EntryPack.open(file)) {
            assertThat(pack.corruptCount()).isEqualTo(1);
            assertThat(pack.get(digest(1))).isNull();
        }
    }

    @Test
    @DisplayName(
            "a pack opened for reading (a read-only disk, status) is never written, whatever file is under the name")
    void packOpenForReadingIsNeverWritten() throws Exception {
        byte[] users = bytes("the user's data, hard-linked in under the pack's name");
        Path file = Files.write(dir.resolve("entries.pack"), users);
        try (EntryPack pack = EntryPack.openForReading(file)) {
            assertThat(pack.get(digest(1))).isNull();
            assertThatThrownBy(() -> pack.append(digest(1), bytes("one"), 0))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("reading only");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(users);
    }

    @Test
    @DisplayName("a pack overwritten in place after it was opened is not Tandem's to write any more")
    void packOverwrittenInPlaceIsNotWritten() throws Exception {
        Path file = dir.resolve("entries.pack");
        byte[] users = bytes("the user's data now, no pack header at all");
        try (EntryPack pack = EntryPack.open(file)) {
            pack.append(digest(1), bytes("one"), 0);
            try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
                raw.setLength(0);
                raw.write(users);
            }
            assertThatThrownBy(() -> pack.append(digest(2), bytes("two"), 0))
                    .isInstanceOf(CorruptCacheFileException.class)
                    .hasMessageContaining("overwritten in place");
            assertThat(pack.get(digest(1))).isNull();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(users);
    }
}
