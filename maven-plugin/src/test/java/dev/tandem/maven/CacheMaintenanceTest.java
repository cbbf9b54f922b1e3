package dev.tandem.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.ChecksummedProperties;
import dev.tandem.cache.internal.EntryPack;
import dev.tandem.cache.internal.UsedKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheMaintenanceTest {
    @TempDir
    Path root;

    @Test
    @DisplayName("a consumer no build used for pruneAfterBuilds builds is removed; a recent one stays")
    void prunesUnusedConsumers() throws Exception {
        CacheLayout layout = new CacheLayout(root);
        consumer(layout, "old", 2);
        consumer(layout, "recent", 11);

        CacheMaintenance.Result result =
                new CacheMaintenance(layout).run(12, 10, Long.MAX_VALUE, CacheMaintenance.list(root));

        assertThat(result.pruned).isEqualTo(1);
        assertThat(layout.consumer("old")).doesNotExist();
        assertThat(layout.consumer("recent")).exists();
    }

    @Test
    @DisplayName("past maxConsumerSize, the least recently used entries are evicted")
    void evictsLeastRecentlyUsed() throws Exception {
        CacheLayout layout = new CacheLayout(root);
        Path consumer = consumer(layout, "big", 5);
        try (EntryPack pack = EntryPack.open(CacheLayout.pack(consumer))) {
            for (int i = 1; i <= 4; i++) {
                pack.append(digest(i), new byte[1000], 0);
            }
        }
        UsedKeys.write(
                CacheLayout.used(consumer),
                Arrays.asList(
                        new UsedKeys.Use(digest(1), 1),
                        new UsedKeys.Use(digest(2), 5),
                        new UsedKeys.Use(digest(3), 4),
                        new UsedKeys.Use(digest(4), 2)));

        CacheMaintenance.Result result = new CacheMaintenance(layout).run(5, 10, 2200, CacheMaintenance.list(root));

        assertThat(result.evicted).isEqualTo(2);
        try (EntryPack pack = EntryPack.open(CacheLayout.pack(consumer))) {
            assertThat(pack.get(digest(2))).isNotNull();
            assertThat(pack.get(digest(3))).isNotNull();
            assertThat(pack.get(digest(1))).isNull();
            assertThat(pack.get(digest(4))).isNull();
        }
    }

    @Test
    @DisplayName("a consumer folder linked outside: the link goes, nothing behind it is cleaned or deleted, one warning"
            + " names it")
    void leavesLinkedConsumerFoldersAlone(@TempDir Path outside) throws Exception {
        CacheLayout layout = new CacheLayout(root);
        Path old = Files.write(outside.resolve(".notes.tmp"), "the user's notes".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(old, FileTime.fromMillis(0));
        Path unused = Files.write(outside.resolve("consumer.properties"), "lastBuild=1\n".getBytes());
        Files.createDirectories(layout.consumers());
        Path link = Files.createSymbolicLink(layout.consumers().resolve("linked"), outside);

        CacheMaintenance.Result result = new CacheMaintenance(layout).run(50, 10, 1, CacheMaintenance.list(root));

        assertThat(old).hasContent("the user's notes");
        assertThat(unused).exists();
        assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .as("the link")
                .isFalse();
        assertThat(result.pruned).isZero();
        assertThat(result.warnings)
                .singleElement(STRING)
                .contains(link.toString(), "was a symbolic link", "deleted the link (not what it points to");
    }

    @Test
    @DisplayName("the consumers folder itself linked outside, or a link inside a consumer's folder: likewise the link"
            + " goes, nothing behind it, one warning each")
    void leavesALinkedConsumersFolderAlone(@TempDir Path outside) throws Exception {
        CacheLayout layout = new CacheLayout(root);
        Path inside = Files.createDirectories(outside.resolve("some-consumer"));
        Path old = Files.write(inside.resolve(".entries.pack.tmp"), new byte[] {1});
        Files.setLastModifiedTime(old, FileTime.fromMillis(0));
        Files.createSymbolicLink(layout.consumers(), outside);

        CacheMaintenance.Result result = new CacheMaintenance(layout).run(50, 10, 1, CacheMaintenance.list(root));

        assertThat(old).exists();
        assertThat(inside).exists();
        assertThat(result.warnings)
                .singleElement(STRING)
                .contains(layout.consumers().toString(), "deleted the link");
        assertThat(Files.exists(layout.consumers(), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isFalse();

        Path consumer = Files.createDirectories(layout.consumer("real"));
        Path victim = Files.write(outside.resolve("victim"), new byte[] {7});
        Files.createSymbolicLink(CacheLayout.pack(consumer), victim);
        result = new CacheMaintenance(layout).run(50, 10, 1, CacheMaintenance.list(root));
        assertThat(victim).hasBinaryContent(new byte[] {7});
        assertThat(Files.exists(CacheLayout.pack(consumer), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isFalse();
        assertThat(result.warnings)
                .singleElement(STRING)
                .contains(CacheLayout.pack(consumer).toString(), "deleted");
    }

    @Test
    @DisplayName("a module's root listed once: stale temporary files go; a fresh one, a link and the rest stay")
    void sweepsTheTemporaryFilesOfOneListing(@TempDir Path outside) throws Exception {
        Path stale = Files.write(root.resolve(".processors.properties123.tmp"), new byte[] {1});
        Files.setLastModifiedTime(stale, FileTime.fromMillis(0));
        Path fresh = Files.write(root.resolve(".inputs.idx456.tmp"), new byte[] {1}); // a write under way
        Path target = Files.write(outside.resolve("notes"), "the user's notes".getBytes(StandardCharsets.UTF_8));
        Path link = Files.createSymbolicLink(root.resolve(".linked.tmp"), target);
        Files.setLastModifiedTime(target, FileTime.fromMillis(0));
        Path record = Files.write(root.resolve("processors.properties"), new byte[] {1});
        Files.setLastModifiedTime(record, FileTime.fromMillis(0));

        List<Path> entries = CacheMaintenance.list(root);
        CacheMaintenance.sweepTemporaryFiles(entries, CacheMaintenance.STALE_TEMPORARY_MILLIS);

        assertThat(entries).containsExactlyInAnyOrder(stale, fresh, link, record);
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(link).isSymbolicLink();
        assertThat(target).hasContent("the user's notes");
        assertThat(record).exists();
        assertThat(CacheMaintenance.list(root.resolve("gone"))).isEmpty();
    }

    /** A consumer folder whose last build was {@code lastBuild}. */
    static Path consumer(CacheLayout layout, String id, int lastBuild) throws Exception {
        Path dir = layout.consumer(id);
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("lastBuild", String.valueOf(lastBuild));
        ChecksummedProperties.write(CacheLayout.consumerProperties(dir), p, "test");
        return dir;
    }

    private static byte[] digest(int n) {
        byte[] d = new byte[32];
        Arrays.fill(d, (byte) n);
        return d;
    }
}
