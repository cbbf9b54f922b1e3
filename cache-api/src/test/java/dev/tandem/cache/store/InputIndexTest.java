package dev.tandem.cache.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class InputIndexTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("every entry is found by binary search over the mapped file, whatever order it was given in")
    void findsEveryEntry() throws Exception {
        List<InputIndex.Entry> entries = new ArrayList<>();
        for (int i = 999; i >= 0; i--) {
            entries.add(entry("src/main/java/p" + (i % 7) + "/F" + i + ".java", i));
        }
        entries.add(entry("src/main/resources/caf\u00e9.sql", 5));
        Path file = dir.resolve("inputs.idx");
        InputIndex.write(file, dir, 3, 1234L, entries);

        InputIndex index = InputIndex.open(file);

        assertThat(index.size()).isEqualTo(1001);
        assertThat(index.buildNumber()).isEqualTo(3);
        assertThat(index.indexedAtMillis()).isEqualTo(1234L);
        assertThat(index.basedir()).isEqualTo(dir.toAbsolutePath());
        for (int i = 0; i < 1000; i++) {
            assertThat(index.find("src/main/java/p" + (i % 7) + "/F" + i + ".java")
                            .size())
                    .isEqualTo(i);
        }
        assertThat(index.find("src/main/resources/caf\u00e9.sql").changedInBuild())
                .isEqualTo(2);
        assertThat(index.find("src/main/java/Missing.java")).isNull();
        assertThat(index.find(dir.resolve("src/main/java/p0/F0.java")).sha256()).isEqualTo(sha(0));
        assertThat(index.find(dir.getParent().resolve("elsewhere.txt"))).isNull();
    }

    @Test
    void noFileIsNoIndex() throws Exception {
        assertThat(InputIndex.open(dir.resolve("none.idx"))).isNull();
    }

    @Test
    @DisplayName("a flipped byte, a truncation or an empty file is reported as damaged, never read as data")
    void damageIsDetected() throws Exception {
        Path file = dir.resolve("inputs.idx");
        InputIndex.write(file, dir, 1, 0, Arrays.asList(entry("a", 1), entry("b", 2)));
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 1;
        Files.write(file, flipped);
        assertThatThrownBy(() -> InputIndex.open(file)).isInstanceOf(CorruptCacheFileException.class);

        Files.write(file, Arrays.copyOf(good, good.length - 10));
        assertThatThrownBy(() -> InputIndex.open(file)).isInstanceOf(CorruptCacheFileException.class);

        Files.write(file, new byte[0]);
        assertThatThrownBy(() -> InputIndex.open(file))
                .isInstanceOf(CorruptCacheFileException.class)
                .hasMessageContaining("is damaged");
    }

    @Test
    @DisplayName("an entry outside a CRC-valid file: open refuses it, a look-up of an index opened for look-ups throws")
    void forgedOffsetsAreFoundUpFrontOrWhenRead() throws Exception {
        Path file = dir.resolve("inputs.idx");
        InputIndex.write(file, dir, 1, 0, Arrays.asList(entry("a", 1), entry("b", 2), entry("c", 3)));
        Files.write(file, forgeOffset(Files.readAllBytes(file), dir, 1, 1_000_000));

        assertThatThrownBy(() -> InputIndex.open(file))
                .isInstanceOf(CorruptCacheFileException.class)
                .hasMessageContaining("entry 1 lies outside the file");
        InputIndex lazy = InputIndex.openForLookups(file);
        assertThat(lazy.size()).isEqualTo(3);
        assertThat(lazy.entry(0).path()).isEqualTo("a");
        assertThatThrownBy(() -> lazy.find("b"))
                .isInstanceOf(InputIndex.DamagedException.class)
                .hasMessage("entry 1 of " + file + " lies outside the file");
        assertThatThrownBy(() -> lazy.entry(1)).isInstanceOf(InputIndex.DamagedException.class);
    }

    /** The index's bytes with entry {@code i}'s offset replaced and the CRC made valid again. */
    public static byte[] forgeOffset(byte[] index, Path basedir, int i, int offset) {
        byte[] forged = index.clone();
        int table = 26 + basedir.toAbsolutePath().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        java.nio.ByteBuffer.wrap(forged).putInt(table + 4 * i, offset);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(forged, 0, forged.length - 4);
        java.nio.ByteBuffer.wrap(forged).putInt(forged.length - 4, (int) crc.getValue());
        return forged;
    }

    static InputIndex.Entry entry(String path, int n) {
        return new InputIndex.Entry(path, n, n * 1000L, n + 1L, n * 2000L, n % 3, sha(n));
    }

    static byte[] sha(int n) {
        byte[] sha = new byte[32];
        Arrays.fill(sha, (byte) n);
        return sha;
    }
}
