package dev.tandem.maven;

import dev.tandem.cache.store.AntPattern;
import dev.tandem.cache.store.CorruptCacheFileException;
import dev.tandem.cache.store.InputIndex;
import dev.tandem.cache.store.Sha256;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Builds the input index incrementally, like git's index: a file whose size, modification time, inode and change
 * time are as before keeps its checksum and is not read. A file modified no earlier than the previous index was
 * written is "racily clean" (a change within the same clock tick would not show) and is hashed again. Files that
 * need hashing are hashed in parallel. Reading files costs more than hashing them, so what is skipped is what
 * makes this fast.
 */
final class InputIndexer {
    private final Path basedir;
    private final int threads;

    InputIndexer(Path basedir, int threads) {
        this.basedir = basedir.toAbsolutePath().normalize();
        this.threads = Math.max(1, threads);
    }

    /** What one run did. */
    static final class Result {
        final int files;
        final int hashed;
        final int changed;
        final long millis;
        final String previousProblem;

        Result(int files, int hashed, int changed, long millis, String previousProblem) {
            this.files = files;
            this.hashed = hashed;
            this.changed = changed;
            this.millis = millis;
            this.previousProblem = previousProblem;
        }
    }

    /**
     * Walks the file sets and writes a fresh index to {@code indexFile}, reusing what the previous one there
     * knows.
     *
     * @param build this build's number: files whose content changed are marked with it
     */
    Result index(List<FileSet> inputs, Path indexFile, int build) throws IOException {
        long start = System.nanoTime();
        long walkStarted = System.currentTimeMillis();
        InputIndex previous = null;
        String problem = null;
        try {
            previous = InputIndex.open(indexFile);
            if (previous != null && !previous.basedir().equals(basedir)) {
                previous = null; // the project moved: paths and inodes mean nothing any more
            }
        } catch (CorruptCacheFileException e) {
            problem = e.getMessage();
        }
        Map<String, Stat> found = walk(inputs);
        List<InputIndex.Entry> entries = new ArrayList<>(found.size());
        List<Map.Entry<String, Stat>> toHash = new ArrayList<>();
        for (Map.Entry<String, Stat> file : found.entrySet()) {
            Stat stat = file.getValue();
            InputIndex.Entry old = previous == null ? null : previous.find(file.getKey());
            boolean racy = previous == null || stat.mtimeNanos / 1_000_000 >= previous.indexedAtMillis();
            if (old != null && !racy && old.sameMetadata(stat.size, stat.mtimeNanos, stat.inode, stat.ctimeNanos)) {
                entries.add(old);
            } else {
                toHash.add(file);
            }
        }
        int changed = 0;
        for (InputIndex.Entry hashed : hash(toHash)) {
            InputIndex.Entry old = previous == null ? null : previous.find(hashed.path());
            if (old != null && java.util.Arrays.equals(old.sha256(), hashed.sha256())) {
                entries.add(hashed.withChangedInBuild(old.changedInBuild()));
            } else {
                entries.add(hashed.withChangedInBuild(build));
                changed++;
            }
        }
        if (previous != null) {
            for (int i = 0; i < previous.size(); i++) {
                if (!found.containsKey(previous.entry(i).path())) {
                    changed++; // deleted
                }
            }
        }
        InputIndex.write(indexFile, basedir, build, walkStarted, entries);
        return new Result(entries.size(), toHash.size(), changed, (System.nanoTime() - start) / 1_000_000, problem);
    }

    static final class Stat {
        final Path file;
        final long size;
        final long mtimeNanos;
        final long inode;
        final long ctimeNanos;

        Stat(Path file, long size, long mtimeNanos, long inode, long ctimeNanos) {
            this.file = file;
            this.size = size;
            this.mtimeNanos = mtimeNanos;
            this.inode = inode;
            this.ctimeNanos = ctimeNanos;
        }
    }

    private Map<String, Stat> walk(List<FileSet> inputs) throws IOException {
        Map<String, Stat> found = new TreeMap<>();
        for (FileSet set : inputs) {
            Path dir = set.getDirectory().toPath().toAbsolutePath().normalize();
            if (!Files.exists(dir)) {
                continue;
            }
            List<AntPattern> includes = patterns(set.getIncludes());
            List<AntPattern> excludes = patterns(set.getExcludes());
            if (Files.isRegularFile(dir)) {
                add(found, dir);
                continue;
            }
            Files.walkFileTree(dir, new SimpleFileVisitor<Path>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String relative = dir.relativize(file).toString().replace('\\', '/');
                    if ((includes.isEmpty() || matchesAny(includes, relative)) && !matchesAny(excludes, relative)) {
                        add(found, file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // vanished or unreadable: not an input this build
                }
            });
        }
        return found;
    }

    private void add(Map<String, Stat> found, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(basedir) || Files.isDirectory(absolute)) {
            return;
        }
        Stat stat = stat(absolute);
        if (stat != null) {
            found.put(InputIndex.relativize(basedir, absolute), stat);
        }
    }

    /** One stat call: size, times and inode, through the Unix view where there is one. */
    static Stat stat(Path file) {
        try {
            Map<String, Object> unix =
                    Files.readAttributes(file, "unix:size,lastModifiedTime,ino,ctime", LinkOption.NOFOLLOW_LINKS);
            return new Stat(
                    file,
                    (Long) unix.get("size"),
                    nanos((FileTime) unix.get("lastModifiedTime")),
                    ((Number) unix.get("ino")).longValue(),
                    nanos((FileTime) unix.get("ctime")));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            try {
                BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
                Object key = basic.fileKey();
                return new Stat(
                        file,
                        basic.size(),
                        nanos(basic.lastModifiedTime()),
                        key == null ? 0 : key.hashCode(),
                        nanos(basic.creationTime()));
            } catch (IOException vanished) {
                return null;
            }
        } catch (IOException vanished) {
            return null;
        }
    }

    private static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }

    private List<InputIndex.Entry> hash(List<Map.Entry<String, Stat>> files) throws IOException {
        if (files.isEmpty()) {
            return Collections.emptyList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()), runnable -> {
            Thread thread = new Thread(runnable, "tandem-hash");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<InputIndex.Entry>> results = new ArrayList<>(files.size());
            for (Map.Entry<String, Stat> file : files) {
                results.add(pool.submit(() -> hashOne(file.getKey(), file.getValue())));
            }
            List<InputIndex.Entry> entries = new ArrayList<>(files.size());
            for (Future<InputIndex.Entry> result : results) {
                InputIndex.Entry entry = result.get();
                if (entry != null) {
                    entries.add(entry);
                }
            }
            return entries;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing inputs", e);
        } catch (ExecutionException e) {
            throw new IOException("cannot hash an input file: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static InputIndex.Entry hashOne(String relative, Stat stat) {
        byte[] sha;
        try {
            sha = Sha256.of(stat.file);
        } catch (IOException vanishedOrUnreadable) {
            return null; // deleted since the walk, a link loop, lost permissions: not an input this build
        }
        // the metadata from before the read: a file changed while being read then differs next build, and is
        // hashed again
        return new InputIndex.Entry(relative, stat.size, stat.mtimeNanos, stat.inode, stat.ctimeNanos, 0, sha);
    }

    private static List<AntPattern> patterns(List<String> texts) {
        List<AntPattern> patterns = new ArrayList<>();
        if (texts != null) {
            texts.forEach(t -> patterns.add(AntPattern.compile(t)));
        }
        return patterns;
    }

    private static boolean matchesAny(List<AntPattern> patterns, String relative) {
        for (AntPattern pattern : patterns) {
            if (pattern.matches(relative)) {
                return true;
            }
        }
        return false;
    }
}
