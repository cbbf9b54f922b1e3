package dev.tandem.cache.store;

import java.util.regex.Pattern;

/**
 * A consumer's id: the name of its private directory, so only {@code [A-Za-z0-9._-]{1,128}} and never {@code .} or
 * {@code ..}. Anything else is refused before a path is built from it.
 */
public final class ConsumerId {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private ConsumerId() {}

    /**
     * @return the id unchanged
     * @throws IllegalArgumentException naming the id and the rule, for any other id
     */
    public static String check(String id) {
        if (id == null || !VALID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
            String shown = id == null ? "null" : id.length() > 40 ? id.substring(0, 40) + "..." : id;
            throw new IllegalArgumentException("Tandem consumer id '" + printable(shown) + "' is not allowed: use 1"
                    + " to 128 of A-Z a-z 0-9 . _ - (not '.' or '..'), e.g. the processor's package name"
                    + " \"com.acme.sqlgen\".");
        }
        return id;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? "\\u" + String.format("%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
