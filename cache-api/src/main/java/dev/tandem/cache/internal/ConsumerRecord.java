package dev.tandem.cache.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A consumer's {@code consumer.properties}: the id that owns the folder, the format's version, the last build that
 * used it (what "changed since my last build" is measured from, and what prepare prunes by) and the consumer's
 * version. A checksummed {@link BuildInfo} file, written at the end of each compilation that used the consumer.
 */
public final class ConsumerRecord {
    private static final String LAST_BUILD = "lastBuild";
    private static final String ID = "id";

    private ConsumerRecord() {}

    /** The record's properties; empty when missing, null when damaged (unreadable, or not matching its checksum). */
    public static Properties readOrNull(Path file) {
        return BuildInfo.readOrNull(file);
    }

    /** The last build that used the consumer, {@code otherwise} when the record says none or is damaged. */
    public static int lastBuild(Path file, int otherwise) {
        return BuildInfo.number(BuildInfo.read(file), LAST_BUILD, otherwise);
    }

    /** The last build a record read with {@link #readOrNull} holds, 0 when none. */
    public static int lastBuild(Properties record) {
        return BuildInfo.number(record, LAST_BUILD, 0);
    }

    /** Whether a record read with {@link #readOrNull} names another owner than {@code id}. */
    public static boolean ownedByAnother(Properties record, String id) {
        return !record.isEmpty() && !id.equals(record.getProperty(ID));
    }

    public static void write(Path file, String id, int lastBuild, String version) throws IOException {
        Properties record = new Properties();
        record.setProperty(ID, id);
        record.setProperty("formatVersion", String.valueOf(BuildInfo.FORMAT_VERSION));
        record.setProperty(LAST_BUILD, String.valueOf(lastBuild));
        record.setProperty("version", version);
        BuildInfo.write(file, record, "Tandem consumer " + id);
    }
}
