package dev.tandem.cache.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * {@code build.properties}, the build sequence's floor: the last build number {@code tandem:prepare} gave (the input
 * index carries the sequence; this file keeps it when the index is gone), when, and the format's version. A
 * checksummed {@link ChecksummedProperties} file.
 */
public final class BuildRecord {
    private static final String BUILD = "build";

    private BuildRecord() {}

    /**
     * The last build number, 0 when the file is missing or damaged; {@code damaged} (when not null) is told the
     * file's name when it is there but damaged.
     */
    public static int lastBuild(Path file, Consumer<String> damaged) {
        return ChecksummedProperties.number(ChecksummedProperties.read(file, damaged), BUILD, 0);
    }

    public static void write(Path file, int build) throws IOException {
        Properties record = new Properties();
        record.setProperty(BUILD, String.valueOf(build));
        record.setProperty("time", Instant.now().toString());
        record.setProperty("formatVersion", String.valueOf(ChecksummedProperties.FORMAT_VERSION));
        ChecksummedProperties.write(file, record, "Tandem: the build sequence's floor (the input index carries it)");
    }
}
