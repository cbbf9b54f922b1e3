package dev.tandem.maven;

import dev.tandem.cache.internal.CacheFiles;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.ConsumerFolder;
import dev.tandem.cache.internal.FolderHandles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps the cache small: removes consumers no build has used for {@code pruneAfterBuilds} builds, and rewrites a
 * consumer's pack past {@code maxConsumerSize}, keeping the most recently used entries (and dropping damaged and
 * superseded records on the way).
 */
final class CacheMaintenance {
    /** Older than this, a temporary file's writer is gone: a killed build left it. */
    static final long STALE_TEMPORARY_MILLIS = 60_000;

    private final CacheLayout layout;

    CacheMaintenance(CacheLayout layout) {
        this.layout = layout;
    }

    /** What one run did. */
    static final class Result {
        int consumers;
        int pruned;
        int compacted;
        int evicted;
        long bytes;
        /** Links found where consumers' folders belong: left alone, one warning each. */
        final List<String> warnings = new ArrayList<>();
    }

    /**
     * @param rootEntries the cache root's entries, as {@link #list} gave them at the start of this prepare: its
     *     temporary files are swept from them (one written since is too young to be swept anyway)
     */
    Result run(int build, int pruneAfterBuilds, long maxConsumerSize, List<Path> rootEntries) throws IOException {
        Result result = new Result();
        List<Path> consumers = layout.consumerFolders(
                new Consumer<Path>() { // a class: a lambda is dear cold
                    @Override
                    public void accept(Path link) {
                        removeLink(link, "where a consumer's cache folder belongs", result);
                    }
                });
        sweepTemporaryFiles(rootEntries, STALE_TEMPORARY_MILLIS);
        for (Path consumer : consumers) { // real folders: consumerFolders() leaves links out
            List<Path> entries = list(consumer);
            for (Path entry : entries) {
                if (CacheFiles.isLink(entry)) {
                    removeLink(entry, "in a consumer's cache folder", result);
                }
            }
            sweepTemporaryFiles(entries, STALE_TEMPORARY_MILLIS);
        }
        for (Path consumer : consumers) {
            int lastBuild = ConsumerFolder.lastBuild(CacheLayout.consumerProperties(consumer), build);
            if (build - lastBuild >= pruneAfterBuilds) {
                FolderHandles.deleteTree(layout.root(), consumer);
                result.pruned++;
                continue;
            }
            result.consumers++;
            Path pack = CacheLayout.pack(consumer);
            if (Files.isRegularFile(pack) && Files.size(pack) > maxConsumerSize) {
                result.evicted += compact(consumer, maxConsumerSize);
                result.compacted++;
            }
            result.bytes += sizeOf(consumer);
        }
        return result;
    }

    /**
     * Deletes a symbolic link planted in the cache, the link itself and never what it points to, with the one
     * warning of this build about it: removed here, before the remote fetch and the compilations, it costs that
     * consumer its cache once, instead of a warning from each of them and a cache that stays off.
     */
    private static void removeLink(Path link, String where, Result result) {
        try {
            FolderHandles.deleteIfExists(link);
            result.warnings.add("Tandem: " + link + " was a symbolic link " + where + "; Tandem deleted the link (not"
                    + " what it points to, which it never reads, cleans or deletes), so that cache starts afresh");
        } catch (IOException e) {
            result.warnings.add("Tandem: " + link + " is a symbolic link " + where + ", and Tandem cannot delete it ("
                    + e.getMessage() + "); that cache is off until it is gone (mvn clean removes the whole cache)");
        }
    }

    /**
     * Deletes, among {@code entries} (of one folder), the temporary files older than {@code olderThanMillis}: those
     * named as {@link dev.tandem.cache.internal.AtomicFiles} names them, regular files, not links. A younger file may
     * belong to a write under way, and stays; an older one is what a build killed between writing and renaming left.
     */
    static void sweepTemporaryFiles(List<Path> entries, long olderThanMillis) throws IOException {
        long cutoff = System.currentTimeMillis() - olderThanMillis;
        for (Path file : entries) {
            String name = file.getFileName().toString();
            if (name.startsWith(".")
                    && name.endsWith(".tmp")
                    && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)
                                    .toMillis()
                            <= cutoff) {
                FolderHandles.deleteIfExists(file);
            }
        }
    }

    /** A folder's entries, unsorted; none when it is gone. No stream, no lambda: prepare lists in every module. */
    static List<Path> list(Path folder) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(folder)) {
            for (Path entry : list) {
                entries.add(entry);
            }
        } catch (NoSuchFileException gone) {
            // nothing to list
        }
        return entries;
    }

    /** Keeps the most recently used entries that fit in {@code maxSize}; returns how many were evicted. */
    static int compact(Path consumer, long maxSize) throws IOException {
        try (ConsumerFolder folder = new ConsumerFolder(consumer, false)) {
            return folder.compact(maxSize);
        }
    }

    static long sizeOf(Path dir) throws IOException {
        long[] total = {0};
        if (!Files.exists(dir)) {
            return 0;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }
}
