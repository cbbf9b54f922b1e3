package dev.tandem.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.CacheStats;
import dev.tandem.cache.internal.ChecksummedProperties;
import dev.tandem.cache.internal.EntryPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheReportTest {
    @TempDir
    Path root;

    @Test
    @DisplayName("one row per consumer: entries, hits, misses, hit rate, time computing and saved, last use")
    void rowPerConsumer() throws Exception {
        CacheLayout layout = new CacheLayout(root);
        Properties build = new Properties();
        build.setProperty("build", "3");
        Files.createDirectories(root);
        ChecksummedProperties.write(layout.buildInfo(), build, "test");
        Path consumer = layout.consumer("com.acme.sqlgen");
        Files.createDirectories(consumer);
        try (EntryPack pack = EntryPack.open(CacheLayout.pack(consumer))) {
            pack.append(new byte[32], new byte[100], 0);
        }
        new CacheStats(3, 450, 50, 0, 0, 0, 273_000_000L, 2_367_000_000L).write(CacheLayout.stats(consumer));
        Properties used = new Properties();
        used.setProperty("lastBuild", "3");
        ChecksummedProperties.write(CacheLayout.consumerProperties(consumer), used, "test");

        List<String> lines = CacheReport.lines(layout);

        assertThat(lines.get(0)).isEqualTo("Tandem cache " + root + " (build 3)");
        assertThat(lines.get(2))
                .matches(" +com\\.acme\\.sqlgen +1 +\\S+ B +450 +50 +90\\.0 +273 ms +2367 ms +build 3 \\(this one\\)");
    }

    @Test
    void saysSoWhenNothingUsedTheCache() throws Exception {
        assertThat(CacheReport.lines(new CacheLayout(root))).contains("  no consumer has used it yet");
    }

    @Test
    @DisplayName("a link planted in a consumer's folder skips that consumer, naming why, and the report goes on")
    void plantedLinkSkipsConsumer() throws Exception {
        CacheLayout layout = new CacheLayout(root);
        Path planted = layout.consumer("com.acme.planted");
        Files.createDirectories(planted);
        Path outside = Files.writeString(root.resolveSibling(root.getFileName() + "-outside"), "not a pack");
        Files.createSymbolicLink(CacheLayout.pack(planted), outside);
        Path fine = layout.consumer("com.acme.fine");
        Files.createDirectories(fine);
        new CacheStats(1, 2, 1, 0, 0, 0, 0, 0).write(CacheLayout.stats(fine));

        List<String> lines = CacheReport.lines(layout);

        assertThat(lines).anyMatch(l -> l.matches(" +com\\.acme\\.fine +0 .*"));
        assertThat(lines).anyMatch(l -> l.matches(" +com\\.acme\\.planted +- .* skipped"));
        assertThat(lines).anyMatch(l -> l.contains("skipped: ") && l.contains("entries.pack"));
        assertThat(Files.readString(outside)).isEqualTo("not a pack");
    }
}
