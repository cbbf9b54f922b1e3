package dev.tandem.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** An entry reads back as written; anything else (truncated, flipped, foreign) is a miss, never an exception. */
class EntryTest {
    private static Entry sample() {
        return new Entry(
                "type a.B\tabc\n",
                List.of(
                        new Entry.File(Entry.FileKind.SOURCE, "", "", "a.BImpl", true, bytes("class BImpl {}")),
                        new Entry.File(
                                Entry.FileKind.RESOURCE, "CLASS_OUTPUT", "a", "b.txt", false, new byte[] {0, 1, 2})),
                List.of(
                        new Entry.Diagnostic("WARNING", "Unmapped target property: \"x\".", "", "METHOD m()", "", ""),
                        new Entry.Diagnostic("NOTE", "on another type", "type a.C", "FIELD f", "", "")),
                List.of("NOTE\tmapped with defaults"),
                List.of("NOTE\tHibernate compile-time tooling 7.2.19.Final"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsBackWhatWasWritten() {
        Entry read = Entry.parse(sample().toBytes());
        assertThat(read).isNotNull();
        assertThat(read.manifest).isEqualTo("type a.B\tabc\n");
        assertThat(read.files).extracting(f -> f.name).containsExactly("a.BImpl", "b.txt");
        assertThat(read.files.get(1).content).containsExactly(0, 1, 2);
        assertThat(read.files.get(1).location).isEqualTo("CLASS_OUTPUT");
        assertThat(read.diagnostics.get(0).message).isEqualTo("Unmapped target property: \"x\".");
        assertThat(read.diagnostics.get(1).unit).isEqualTo("type a.C");
        assertThat(read.unitMessages).containsExactly("NOTE\tmapped with defaults");
        assertThat(read.compilationMessages).containsExactly("NOTE\tHibernate compile-time tooling 7.2.19.Final");
    }

    @Test
    void everyTruncationAndEveryAppendIsAMiss() {
        byte[] whole = sample().toBytes();
        for (int length = 0; length < whole.length; length++) {
            assertThat(Entry.parse(Arrays.copyOf(whole, length)))
                    .as("first %d bytes", length)
                    .isNull();
        }
        assertThat(Entry.parse(Arrays.copyOf(whole, whole.length + 1))).isNull();
    }

    @Test
    void randomDamageNeverThrows() {
        byte[] whole = sample().toBytes();
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] damaged = whole.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            Entry.parse(damaged); // null or an entry; the pack's CRC catches real damage before this
        }
    }
}
