package dev.tandem.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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
        InputIndexWriter.write(file, dir, 3, 1234L, entries);

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
        InputIndexWriter.write(file, dir, 1, 0, Arrays.asList(entry("a", 1), entry("b", 2)));
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
        InputIndexWriter.write(file, dir, 1, 0, Arrays.asList(entry("a", 1), entry("b", 2), entry("c", 3)));
        Files.write(file, forgeOffset(Files.readAllBytes(file), dir, 1, 1_000_000));

        assertThatThrownBy(() -> InputIndex.open(file))
                .isInstanceOf(CorruptCacheFileException.class)
                .hasMessageContaining("entry 1 lies outside the file");
        try (InputIndex lazy = InputIndex.openForLookups(file)) {
            assertThat(lazy.size()).isEqualTo(3);
            assertThatThrownBy(() -> lazy.find("b"))
                    .isInstanceOf(InputIndex.DamagedException.class)
                    .hasMessage("entry 1 of " + file + " lies outside the file");
            assertThatThrownBy(() -> lazy.entry(0))
                    .as("reading all checks all")
                    .isInstanceOf(InputIndex.DamagedException.class);
        }
    }

    @Test
    @DisplayName("opened for look-ups, an index reads the entries a look-up visits, each checked against its own CRC")
    void lookUpsReadAndCheckWhatTheyVisit() throws Exception {
        List<InputIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            entries.add(entry(String.format("f%04d", i), i));
        }
        Path file = dir.resolve("inputs.idx");
        InputIndexWriter.write(file, dir, 7, 0, entries);
        byte[] good = Files.readAllBytes(file);
        // the last entry's SHA-256: a binary search for f0000 never visits it
        byte[] damaged = good.clone();
        damaged[damaged.length - 4 - 4 - 1] ^= 1;
        Files.write(file, damaged);

        assertThatThrownBy(() -> InputIndex.open(file)).hasMessageContaining("checksum mismatch");
        try (InputIndex lazy = InputIndex.openForLookups(file)) {
            assertThat(lazy.buildNumber()).isEqualTo(7);
            assertThat(lazy.find("f0000").sha256()).isEqualTo(sha(0));
            assertThat(lazy.find("f0500").size()).isEqualTo(500);
            assertThat(lazy.find("e9999"))
                    .as("sorts before all: never visits the last")
                    .isNull();
            assertThatThrownBy(() -> lazy.find("f0999"))
                    .as("never the damaged checksum")
                    .isInstanceOf(InputIndex.DamagedException.class)
                    .hasMessage("entry 999 of " + file + " fails its checksum");
            assertThatThrownBy(lazy::entries).isInstanceOf(InputIndex.DamagedException.class);
        }

        Files.write(file, good);
        try (InputIndex lazy = InputIndex.openForLookups(file)) {
            for (int i = 0; i < 1000; i += 37) {
                assertThat(lazy.find(String.format("f%04d", i)).changedInBuild())
                        .isEqualTo(i % 3);
            }
            assertThat(lazy.entries()).hasSize(1000); // read whole, then from memory
            assertThat(lazy.find("f0999").sha256()).isEqualTo(sha(999));
        }
    }

    @Test
    @DisplayName("prepare replacing the index meanwhile does not change what an open one reads")
    void anOpenIndexKeepsItsFile() throws Exception {
        Path file = dir.resolve("inputs.idx");
        InputIndexWriter.write(file, dir, 1, 0, Arrays.asList(entry("a", 1), entry("b", 2)));
        try (InputIndex open = InputIndex.openForLookups(file)) {
            InputIndexWriter.write(file, dir, 2, 0, Arrays.asList(entry("a", 5), entry("b", 6), entry("c", 7)));
            assertThat(open.find("b").size()).isEqualTo(2);
            assertThat(open.find("c")).isNull();
            assertThat(open.entries()).hasSize(2);
        }
    }

    @Test
    @DisplayName("an open index truncated in place: a look-up past the cut is damage, never a wrong answer or a fault")
    void truncatedInPlaceWhileOpen() throws Exception {
        List<InputIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add(entry(String.format("f%03d", i), i));
        }
        Path file = dir.resolve("inputs.idx");
        InputIndexWriter.write(file, dir, 1, 0, entries);
        try (InputIndex open = InputIndex.openForLookups(file)) {
            assertThat(open.find("f000").size()).isZero();
            try (java.nio.channels.FileChannel same =
                    java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                same.truncate(Files.size(file) / 2); // the same inode: what an outside tool does, never Tandem
            }
            // the search's first probe (entry 49) already lies past the cut
            assertThatThrownBy(() -> open.find("f099"))
                    .isInstanceOf(InputIndex.DamagedException.class)
                    .hasMessage("entry 49 of " + file + " runs past the end of the file");
            assertThatThrownBy(open::entries).isInstanceOf(InputIndex.DamagedException.class);
        }
    }

    @Test
    @DisplayName("an index of another Tandem version is no damage: it says so, and is rebuilt")
    void anotherFormatIsToldApart() throws Exception {
        Path file = dir.resolve("inputs.idx");
        InputIndexWriter.write(file, dir, 1, 0, Arrays.asList(entry("a", 1)));
        byte[] older = Files.readAllBytes(file);
        java.nio.ByteBuffer.wrap(older).putShort(4, (short) 1);
        fixFileCrc(older);
        Files.write(file, older);

        for (org.assertj.core.api.ThrowableAssert.ThrowingCallable open :
                Arrays.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>asList(
                        () -> InputIndex.open(file), () -> InputIndex.openForLookups(file))) {
            assertThatThrownBy(open)
                    .isInstanceOf(CorruptCacheFileException.class)
                    .hasMessageContaining("written by another Tandem version (index format 1, expected 2)")
                    .matches(e -> ((CorruptCacheFileException) e).otherFormat());
        }
    }

    /**
     * The index's bytes with entry {@code i}'s offset replaced and both CRCs (header and table, whole file) made
     * valid again: what only a writer other than Tandem makes.
     */
    public static byte[] forgeOffset(byte[] index, Path basedir, int i, int offset) {
        byte[] forged = index.clone();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(forged);
        int table = 26 + basedir.toAbsolutePath().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        bytes.putInt(table + 4 * i, offset);
        int headCrc = table + 4 * bytes.getInt(8);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(forged, 0, headCrc);
        bytes.putInt(headCrc, (int) crc.getValue());
        fixFileCrc(forged);
        return forged;
    }

    private static void fixFileCrc(byte[] index) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(index, 0, index.length - 4);
        java.nio.ByteBuffer.wrap(index).putInt(index.length - 4, (int) crc.getValue());
    }

    /**
     * An entry for a real file under {@code project}, with its metadata as {@code tandem:prepare} records it, so a
     * compilation believes it; {@code sha} is what the index says (the file's own checksum, or a sentinel that shows
     * the answer came from the index). Write the index with {@link #indexedNow()}.
     */
    public static InputIndex.Entry real(Path project, String relative, int changedInBuild, byte[] sha) {
        FileStat stat = FileStat.of(project.resolve(relative), true);
        if (stat == null) {
            throw new IllegalArgumentException(relative + " must exist");
        }
        return new InputIndex.Entry(
                relative, stat.size(), stat.mtimeNanos(), stat.inode(), stat.ctimeNanos(), changedInBuild, sha);
    }

    /** As {@link #real(Path, String, int, byte[])} with the file's own checksum. */
    public static InputIndex.Entry real(Path project, String relative, int changedInBuild) throws IOException {
        return real(project, relative, changedInBuild, Sha256.of(project.resolve(relative)));
    }

    /** An index's start time after every file written so far: none of them is racily clean. */
    public static long indexedNow() {
        return System.currentTimeMillis() + 1;
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
