package dev.tandem.cache.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code build.properties} (build number, time, Tandem version) and each consumer's {@code consumer.properties}
 * (owner id, format version, last build that used it): small text files a person may read.
 */
public final class BuildInfo {
    public static final int FORMAT_VERSION = 1;

    private BuildInfo() {}

    /** @return the properties, empty when the file is missing or unreadable */
    public static Properties read(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            // a first build
        } catch (IOException | IllegalArgumentException e) {
            properties.clear();
        }
        return properties;
    }

    public static void write(Path file, Properties properties, String comment) throws IOException {
        StringWriter text = new StringWriter();
        properties.store(text, comment);
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The number stored under {@code key}, or {@code fallback} when absent or not a number. */
    public static int number(Properties properties, String key, int fallback) {
        try {
            return Integer.parseInt(properties.getProperty(key, "").trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
