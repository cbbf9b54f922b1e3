package dev.tandem.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a processor declares itself in Gradle's {@code META-INF/gradle/incremental.annotation.processors}: one
 * {@code class.Name,KIND} per line, {@code #} starting a comment, the kind in any case.
 */
enum Kind {
    ISOLATING,
    AGGREGATING,
    DYNAMIC,
    /** Not declared, or a kind this reader does not know: runs every time. */
    UNKNOWN;

    static final String RESOURCE = "META-INF/gradle/incremental.annotation.processors";

    /** The option a dynamic processor reports in {@code getSupportedOptions()} when it is isolating. */
    static final String DYNAMIC_ISOLATING = "org.gradle.annotation.processing.isolating";

    /** Every declaration visible to the processor path's class loader; the first one of a class wins. */
    static Map<String, Kind> declared(ClassLoader loader) {
        Map<String, Kind> kinds = new HashMap<>();
        try {
            Enumeration<URL> files = loader.getResources(RESOURCE);
            while (files.hasMoreElements()) {
                read(files.nextElement(), kinds);
            }
        } catch (IOException | RuntimeException e) {
            // unreadable declarations: those processors are unknown, so they run every time
        }
        return kinds;
    }

    private static void read(URL file, Map<String, Kind> kinds) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                parse(line, kinds);
            }
        } catch (IOException | RuntimeException e) {
            // as above
        }
    }

    static void parse(String line, Map<String, Kind> kinds) {
        int hash = line.indexOf('#');
        String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
        int comma = content.indexOf(',');
        if (content.isEmpty() || comma < 0) {
            return;
        }
        String name = content.substring(0, comma).trim();
        String kind = content.substring(comma + 1).trim().toUpperCase(Locale.ROOT);
        Kind parsed;
        try {
            parsed = Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            parsed = UNKNOWN;
        }
        kinds.putIfAbsent(name, parsed);
    }
}
