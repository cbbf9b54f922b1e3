package dev.tandem.cache.internal;

/** Lower-case hexadecimal, as checksums are shown. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    public static String of(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Eight digits, as {@code String.format("%08x", value)} writes them, without loading the formatter. */
    public static String of(int value) {
        char[] out = new char[8];
        for (int i = 7; i >= 0; i--, value >>>= 4) {
            out[i] = DIGITS[value & 0xf];
        }
        return new String(out);
    }
}
