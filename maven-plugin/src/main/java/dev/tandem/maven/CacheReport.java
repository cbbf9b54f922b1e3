package dev.tandem.maven;

import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.CacheStats;
import dev.tandem.cache.internal.CompileRecord;
import dev.tandem.cache.internal.ConsumerFolder;
import dev.tandem.cache.internal.EntryPack;
import dev.tandem.maven.remote.RemoteStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table {@code tandem:status} prints: per consumer, what its cache holds and what it did in its last build. */
final class CacheReport {
    private CacheReport() {}

    static List<String> lines(CacheLayout layout) throws IOException {
        List<String> lines = new ArrayList<>();
        int build = BuildNumber.current(layout);
        lines.add("Tandem cache " + layout.root() + " (build " + build + ")");
        List<Path> links = new ArrayList<>();
        List<Path> consumers = layout.consumerFolders(links::add);
        for (Path link : links) {
            lines.add("  " + link + " is a symbolic link, not a consumer: Tandem leaves it alone; delete it");
        }
        for (Path record : StaleCompile.compileRecords(layout)) {
            String summary = CompileRecord.read(record).summary;
            if (!summary.isEmpty()) {
                lines.add("  last compile into " + record.getFileName() + ": " + summary);
            }
        }
        if (consumers.isEmpty()) {
            lines.add("  no consumer has used it yet");
            return lines;
        }
        int width = 32; // replay's consumers are named after processor classes, often longer
        for (Path consumer : consumers) {
            width = Math.max(width, consumer.getFileName().toString().length());
        }
        String format = "  %-" + width + "s %8s %10s %7s %7s %7s %10s %10s  %s";
        lines.add(String.format(
                Locale.ROOT,
                format,
                "consumer",
                "entries",
                "size",
                "hits",
                "misses",
                "hit%",
                "computing",
                "saved",
                "last used"));
        for (Path consumer : consumers) {
            try {
                describe(consumer, format, build, lines);
            } catch (IOException | RuntimeException e) {
                // one damaged or planted file costs its consumer's line, not the report (nor the build)
                lines.add(String.format(
                        Locale.ROOT, format, consumer.getFileName(), "-", "-", "-", "-", "-", "-", "-", "skipped"));
                lines.add("      skipped: " + e.getMessage());
            }
        }
        return lines;
    }

    /** The lines of one consumer. */
    private static void describe(Path consumer, String format, int build, List<String> lines) throws IOException {
        int entries = 0;
        try (EntryPack pack = EntryPack.openForReading(CacheLayout.pack(consumer))) {
            entries = pack == null ? 0 : pack.entryCount();
        }
        CacheStats stats = CacheStats.read(CacheLayout.stats(consumer));
        if (stats == null) {
            stats = CacheStats.none(0);
        }
        long lookups = stats.hits() + stats.misses();
        int lastBuild = ConsumerFolder.lastBuild(CacheLayout.consumerProperties(consumer), 0);
        lines.add(String.format(
                Locale.ROOT,
                format,
                consumer.getFileName(),
                entries,
                bytes(CacheMaintenance.sizeOf(consumer)),
                stats.hits(),
                stats.misses(),
                lookups == 0 ? "-" : String.format(Locale.ROOT, "%.1f", 100.0 * stats.hits() / lookups),
                millis(stats.computeNanos()),
                millis(stats.savedNanos()),
                lastUsed(lastBuild, build, stats)));
        String remote = RemoteStats.describe(consumer, CacheReport::bytes);
        if (remote != null) {
            lines.add("      " + remote);
        }
        if (stats.corrupt() > 0) {
            lines.add("      " + stats.corrupt() + " damaged entries were found, dropped and recomputed");
        }
    }

    private static String lastUsed(int lastBuild, int build, CacheStats stats) {
        if (lastBuild > 0) {
            return "build " + lastBuild + (lastBuild == build ? " (this one)" : "");
        }
        // a consumer that ran without tandem:prepare has no build number
        return stats.hits() + stats.misses() > 0 ? "last compile (no tandem:prepare)" : "never";
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%d ms", nanos / 1_000_000);
    }
}
