package dev.tandem.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HexTest {
    /** The checksums of every properties file Tandem wrote before are compared with this: it must write the same. */
    @Test
    void eightDigitsAsTheFormatterWritesThem() {
        SplittableRandom random = new SplittableRandom(14);
        int[] values = {0, 1, 0xf, 0x10, 0x7fffffff, 0x80000000, 0xffffffff, 0x962cd840};
        for (int value : values) {
            assertThat(Hex.of(value)).isEqualTo(String.format("%08x", value & 0xffffffffL));
        }
        for (int i = 0; i < 10_000; i++) {
            int value = random.nextInt();
            assertThat(Hex.of(value)).isEqualTo(String.format("%08x", value & 0xffffffffL));
        }
    }

    @Test
    void bytes() {
        assertThat(Hex.of(new byte[] {0, 1, (byte) 0xab, (byte) 0xff})).isEqualTo("0001abff");
    }
}
