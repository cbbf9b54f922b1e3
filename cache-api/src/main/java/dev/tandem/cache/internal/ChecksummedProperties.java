package dev.tandem.cache.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The format of Tandem's small text files a person may read ({@link BuildRecord build.properties}, a consumer's
 * {@code consumer.properties} in {@link ConsumerFolder}, prepare's record of the processor set-up, the remote's
 * statistics): Java properties with a {@code checksum} property (CRC32C of the other properties, sorted), so that a
 * damaged one is noticed. A wrong build number would make "what changed since my last build" answer "nothing": a
 * damaged file reads as absent, and absent means "everything changed". {@link ChecksummedFile} is the same for the
 * small binary files.
 */
public final class ChecksummedProperties {
    public static final int FORMAT_VERSION = 1;
    static final String CHECKSUM = "checksum";

    private ChecksummedProperties() {}

    /** @return the properties, empty when the file is missing, unreadable or damaged */
    public static Properties read(Path file) {
        return read(file, null);
    }

    /**
     * As {@link #read(Path)}, telling {@code damaged} (when not null) the file's name when it is there but
     * unreadable, without its checksum, or does not match it.
     */
    public static Properties read(Path file, Consumer<String> damaged) {
        Properties properties = readOrNull(file);
        if (properties == null) {
            if (damaged != null) {
                damaged.accept(file.getFileName().toString());
            }
            return new Properties();
        }
        return properties;
    }

    /**
     * As {@link #read(Path)}, but {@code null} when the file is there and damaged (unreadable, without its checksum,
     * or not matching it): for the cold path of a processor's open, which should not load a class to be told.
     */
    public static Properties readOrNull(Path file) {
        Properties properties = new Properties();
        try {
            properties.load(new ByteArrayInputStream(CacheFiles.readSmall(file)));
        } catch (NoSuchFileException e) {
            return properties; // a first build
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        String stored = (String) properties.remove(CHECKSUM);
        return stored != null && stored.equals(checksum(properties)) ? properties : null;
    }

    public static void write(Path file, Properties properties, String comment) throws IOException {
        Properties withChecksum = new Properties();
        withChecksum.putAll(properties);
        withChecksum.remove(CHECKSUM);
        withChecksum.setProperty(CHECKSUM, checksum(withChecksum));
        StringWriter text = new StringWriter();
        withChecksum.store(text, comment);
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** CRC32C over {@code key=value\n} of every property but the checksum, sorted by key. */
    private static String checksum(Properties properties) {
        Map<String, String> sorted = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.equals(CHECKSUM)) {
                sorted.put(name, properties.getProperty(name));
            }
        }
        CRC32C crc = new CRC32C();
        for (Map.Entry<String, String> property : sorted.entrySet()) { // no lambda: read cold in every compilation
            crc.update((property.getKey() + "=" + property.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return Hex.of((int) crc.getValue()); // read cold in every compilation: no Formatter
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
