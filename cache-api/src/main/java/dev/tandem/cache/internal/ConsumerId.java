package dev.tandem.cache.internal;

/**
 * A consumer's id: the name of its private directory, so only {@code [A-Za-z0-9._-]{1,128}} and never {@code .} or
 * {@code ..}. Anything else is refused before a path is built from it.
 */
public final class ConsumerId {
    private ConsumerId() {}

    /**
     * @return the id unchanged
     * @throws IllegalArgumentException naming the id and the rule, for any other id
     */
    public static String check(String id) {
        if (!valid(id)) {
            String shown = id == null ? "null" : id.length() > 40 ? id.substring(0, 40) + "..." : id;
            throw new IllegalArgumentException("Tandem consumer id '" + printable(shown) + "' is not allowed: use 1"
                    + " to 128 of A-Z a-z 0-9 . _ - (not '.' or '..'), e.g. the processor's package name"
                    + " \"com.acme.sqlgen\".");
        }
        return id;
    }

    /** {@code [A-Za-z0-9._-]{1,128}}, not "." or "..": a loop, as this runs in every javac, cold. */
    private static boolean valid(String id) {
        if (id == null || id.isEmpty() || id.length() > 128 || id.equals(".") || id.equals("..")) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? "\\u" + String.format("%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
