package dev.tandem.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerFolderTest {
    @TempDir
    Path dir;

    private static byte[] digest(int n) {
        byte[] digest = new byte[EntryPack.DIGEST_SIZE];
        digest[0] = (byte) n;
        return digest;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("an appended entry is in the pack for the next opening, and the lock is free after each append")
    void appendsUnderTheLock() throws IOException {
        Path consumer = Files.createDirectories(dir.resolve("consumers/acme"));
        try (ConsumerFolder folder = new ConsumerFolder(consumer, false)) {
            assertThat(folder.append(digest(1), bytes("one"), 5)).isPositive();
            assertThat(folder.append(digest(2), bytes("two"), 5)).isPositive();
        }
        try (ConsumerLock free = ConsumerLock.acquire(CacheLayout.lock(consumer));
                ConsumerFolder again = new ConsumerFolder(consumer, false)) {
            assertThat(again.pack().get(digest(2)).bytes()).isEqualTo(bytes("two"));
        }
    }

    @Test
    @DisplayName("a pack that cannot be written: a compilation's folder still reads it and refuses appends saying why;"
            + " prepare's is refused at once")
    void readOnlyFallback() throws IOException {
        Path consumer = Files.createDirectories(dir.resolve("consumers/acme"));
        try (ConsumerFolder folder = new ConsumerFolder(consumer, false)) {
            folder.append(digest(1), bytes("one"), 5);
        }
        Path pack = CacheLayout.pack(consumer);
        pack.toFile().setWritable(false);
        consumer.toFile().setWritable(false);
        try {
            assumeFalse(Files.isWritable(pack), "as root every file is writable: nothing to fall back from");
            try (ConsumerFolder compilation = new ConsumerFolder(consumer, true)) {
                assertThat(compilation.pack().get(digest(1)).bytes()).isEqualTo(bytes("one"));
                assertThatThrownBy(() -> compilation.append(digest(2), bytes("two"), 5))
                        .isInstanceOf(IOException.class);
            }
            try (ConsumerFolder prepare = new ConsumerFolder(consumer, false)) {
                assertThatThrownBy(prepare::pack).isInstanceOf(IOException.class);
            }
        } finally {
            consumer.toFile().setWritable(true);
            pack.toFile().setWritable(true);
        }
    }

    @Test
    @DisplayName("compacting keeps the most recently used entries that fit, and the used keys of those only")
    void compactKeepsTheRecent() throws IOException {
        Path consumer = Files.createDirectories(dir.resolve("consumers/acme"));
        byte[] value = new byte[1000];
        try (ConsumerFolder folder = new ConsumerFolder(consumer, false)) {
            for (int n = 1; n <= 4; n++) {
                folder.append(digest(n), value, 0);
            }
        }
        UsedKeys.write(
                CacheLayout.used(consumer),
                List.of(
                        new UsedKeys.Use(digest(1), 9),
                        new UsedKeys.Use(digest(2), 3),
                        new UsedKeys.Use(digest(3), 7)));
        try (ConsumerFolder folder = new ConsumerFolder(consumer, false)) {
            assertThat(folder.compact(2500)).isEqualTo(2);
            assertThat(folder.pack().get(digest(1))).isNotNull();
            assertThat(folder.pack().get(digest(3))).isNotNull();
            assertThat(folder.pack().get(digest(2))).isNull();
            assertThat(folder.pack().get(digest(4))).as("never used").isNull();
        }
        assertThat(UsedKeys.read(CacheLayout.used(consumer)))
                .extracting(UsedKeys.Use::build)
                .containsExactlyInAnyOrder(9, 7);
    }
}
