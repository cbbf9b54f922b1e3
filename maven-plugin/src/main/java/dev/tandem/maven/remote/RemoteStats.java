package dev.tandem.maven.remote;

import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.ChecksummedProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * What the remote did for one consumer in one build, kept in its {@code remote.properties}: prepare's fetch (hits,
 * misses, entries that failed their check, bytes, time) and push's upload (stored, already there, too large, bytes,
 * time). {@code tandem:status} shows it.
 */
public final class RemoteStats {
    public final AtomicLong hits = new AtomicLong();
    public final AtomicLong misses = new AtomicLong();
    public final AtomicLong bad = new AtomicLong();
    public final AtomicLong bytesIn = new AtomicLong();
    public final AtomicLong fetchNanos = new AtomicLong();
    public final AtomicLong pushed = new AtomicLong();
    public final AtomicLong present = new AtomicLong();
    public final AtomicLong tooLarge = new AtomicLong();
    /** Too large by the server's word (413), not by {@code remoteMaxEntrySize}: not written to the file. */
    final AtomicLong refused = new AtomicLong();

    public final AtomicLong bytesOut = new AtomicLong();
    public final AtomicLong pushNanos = new AtomicLong();

    private static final String[] FETCH = {"hits", "misses", "bad", "bytesIn", "fetchMillis"};
    private static final String[] PUSH = {"pushed", "present", "tooLarge", "bytesOut", "pushMillis"};

    /** Writes the fetch's figures of {@code build}, keeping that build's push figures if any. */
    void writeFetch(Path consumer, int build) throws IOException {
        write(consumer, build, FETCH, hits.get(), misses.get(), bad.get(), bytesIn.get(), fetchNanos.get() / 1_000_000);
    }

    /** Writes the push's figures of {@code build}, keeping that build's fetch figures if any. */
    void writePush(Path consumer, int build) throws IOException {
        write(
                consumer,
                build,
                PUSH,
                pushed.get(),
                present.get(),
                tooLarge.get(),
                bytesOut.get(),
                pushNanos.get() / 1_000_000);
    }

    private static void write(Path consumer, int build, String[] names, long... values) throws IOException {
        Path file = CacheLayout.remoteStats(consumer);
        Properties properties = ChecksummedProperties.read(file);
        if (ChecksummedProperties.number(properties, "build", -1) != build) {
            properties = new Properties();
        }
        properties.setProperty("build", String.valueOf(build));
        for (int i = 0; i < names.length; i++) {
            properties.setProperty(names[i], String.valueOf(values[i]));
        }
        ChecksummedProperties.write(file, properties, "Tandem remote: what the last build fetched and pushed");
    }

    /** The line {@code tandem:status} prints under a consumer, or null when the remote did nothing for it. */
    public static String describe(Path consumer, LongFunction<String> bytes) {
        Properties p = ChecksummedProperties.read(CacheLayout.remoteStats(consumer));
        if (p.isEmpty()) {
            return null;
        }
        StringBuilder line = new StringBuilder("remote (build ")
                .append(p.getProperty("build"))
                .append("):");
        if (p.containsKey("hits")) {
            line.append(" fetched ")
                    .append(p.getProperty("hits"))
                    .append(" (")
                    .append(bytes.apply(number(p, "bytesIn")))
                    .append("), ")
                    .append(p.getProperty("misses"))
                    .append(" missing");
            if (!"0".equals(p.getProperty("bad"))) {
                line.append(", ").append(p.getProperty("bad")).append(" failed their check");
            }
            line.append(", ").append(p.getProperty("fetchMillis")).append(" ms");
        }
        if (p.containsKey("pushed")) {
            line.append(p.containsKey("hits") ? ";" : "")
                    .append(" pushed ")
                    .append(p.getProperty("pushed"))
                    .append(" (")
                    .append(bytes.apply(number(p, "bytesOut")))
                    .append("), ")
                    .append(p.getProperty("present"))
                    .append(" already there");
            if (!"0".equals(p.getProperty("tooLarge"))) {
                line.append(", ").append(p.getProperty("tooLarge")).append(" too large");
            }
            line.append(", ").append(p.getProperty("pushMillis")).append(" ms");
        }
        return line.toString();
    }

    private static long number(Properties p, String name) {
        try {
            return Long.parseLong(p.getProperty(name, "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
