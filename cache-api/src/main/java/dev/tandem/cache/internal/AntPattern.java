package dev.tandem.cache.internal;

import java.util.regex.Pattern;

/**
 * A path pattern as Maven users write them (Ant style, as in {@code <includes>}): {@code **} is any number of
 * directories, zero included, so {@code src/**&#47;*.sql} matches {@code src/data.sql}; {@code *} is part of one
 * name; {@code ?} one character. Paths use {@code /}. Java's own {@code glob:} differs: there {@code src/**&#47;*.sql}
 * needs at least one directory between.
 */
public final class AntPattern {
    private final String text;
    private final Pattern regex;

    private AntPattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    public static AntPattern compile(String pattern) {
        String p = pattern.trim().replace('\\', '/');
        if (p.endsWith("/")) {
            p = p + "**"; // a directory means everything below it
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < p.length() && p.charAt(i + 2) == '/';
                regex.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new AntPattern(pattern, Pattern.compile(regex.toString()));
    }

    /** @param relativePath a path relative to the base directory, with {@code /} separators */
    public boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
