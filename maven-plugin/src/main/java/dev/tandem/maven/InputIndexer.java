package dev.tandem.maven;

import dev.tandem.cache.internal.AntPattern;
import dev.tandem.cache.internal.CorruptCacheFileException;
import dev.tandem.cache.internal.FileStat;
import dev.tandem.cache.internal.InputIndex;
import dev.tandem.cache.internal.InputIndexWriter;
import dev.tandem.cache.internal.Sha256;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

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
        final InputIndex index;
        /** Nanoseconds spent reading the previous index, walking (and hashing), and writing the new one. */
        long openNanos;

        long walkNanos;
        long writeNanos;
        /** Whether the build number came from {@code withoutIndex}: no previous index carried the sequence. */
        boolean numberedWithoutIndex;
        /** Whether nothing changed, so the previous index stands, with its build number, and nothing was written. */
        boolean unchanged;
        /** Whether the previous index was of another Tandem version's format: no damage, so no warning. */
        boolean previousOtherFormat;

        Result(int files, int hashed, int changed, long millis, String previousProblem, InputIndex index) {
            this.files = files;
            this.hashed = hashed;
            this.changed = changed;
            this.millis = millis;
            this.previousProblem = previousProblem;
            this.index = index;
        }
    }

    /**
     * Walks the file sets and writes a fresh index to {@code indexFile}, reusing what the previous one there
     * knows.
     *
     * @param build this build's number: files whose content changed are marked with it. When the previous index has
     *     a higher or equal number (build.properties was damaged or deleted), the sequence goes on from the index's:
     *     a number that moved back would make consumers miss changes. The index written has the number used.
     */
    Result index(List<FileSet> inputs, Path indexFile, int build) throws IOException {
        return index(inputs, indexFile, build, () -> build);
    }

    /**
     * As {@link #index(List, Path, int)}; {@code withoutIndex} gives the number when there is no readable previous
     * index to go on from (a first build, or a damaged index), and is asked only then.
     */
    Result index(List<FileSet> inputs, Path indexFile, int atLeast, IntSupplier withoutIndex) throws IOException {
        long start = System.nanoTime();
        long walkStarted = System.currentTimeMillis();
        InputIndex previous = null;
        String problem = null;
        boolean otherFormat = false;
        int build = atLeast;
        boolean numbered = false;
        try {
            previous = InputIndex.open(indexFile);
            if (previous != null && previous.buildNumber() < Integer.MAX_VALUE) {
                build = Math.max(atLeast, previous.buildNumber() + 1);
                numbered = true;
            }
            if (previous != null && !previous.basedir().equals(basedir)) {
                previous = null; // the project moved: paths and inodes mean nothing any more
            }
        } catch (CorruptCacheFileException e) {
            problem = e.getMessage();
            otherFormat = e.otherFormat();
        }
        if (!numbered) {
            build = Math.max(atLeast, withoutIndex.getAsInt());
        }
        long opened = System.nanoTime();
        Walk walk = new Walk(previous, build);
        // a small tree is walked on this thread (a pool's hand-offs cost more than its few stats); past
        // SEQUENTIAL_ENTRIES, what is left goes to the shared pool, a task per directory
        ArrayDeque<DirectoryTask> queue = new ArrayDeque<>();
        for (FileSet set : inputs) {
            Path dir = set.getDirectory().toPath().toAbsolutePath().normalize();
            if (!dir.startsWith(basedir)) {
                continue;
            }
            FileStat attributes = FileStat.of(dir, true);
            if (attributes == null) {
                continue;
            }
            String relative = InputIndex.relativize(basedir, dir);
            if (attributes.kind() == FileStat.FILE) {
                walk.file(relative, attributes);
            } else if (attributes.kind() == FileStat.DIRECTORY) {
                queue.add(new DirectoryTask(
                        walk,
                        relative.isEmpty() ? "" : relative + "/",
                        dir,
                        "",
                        patterns(set.getIncludes()),
                        patterns(set.getExcludes())));
            }
        }
        while (!queue.isEmpty() && walk.seen.get() < SEQUENTIAL_ENTRIES) {
            for (DirectoryTask subdirectory : queue.poll().list()) { // not addAll: its lambda is dear cold
                queue.add(subdirectory);
            }
        }
        if (!queue.isEmpty()) {
            List<DirectoryTask> rest = new ArrayList<>(queue);
            pool(threads).invoke(new RecursiveAction() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void compute() {
                    invokeAll(rest);
                }
            });
        }
        long walked = System.nanoTime();
        int changed = walk.changed.get();
        if (previous != null) {
            changed += previous.size() - walk.stillThere.get(); // deleted
        }
        // nothing read, nothing new, nothing gone: the index on disk is this build's already. It keeps its number,
        // which counts the builds in which an input changed; that is all consumers compare ("changed since my last
        // build"), so a build that changes nothing writes nothing
        boolean same = previous != null
                && numbered
                && build == previous.buildNumber() + 1
                && atLeast <= previous.buildNumber()
                && walk.hashed.get() == 0
                && changed == 0
                && walk.entries.size() == previous.size();
        InputIndex written = same
                ? previous
                : InputIndexWriter.write(
                        indexFile, basedir, build, walkStarted, new ArrayList<>(walk.entries.values()));
        long end = System.nanoTime();
        Result result = new Result(
                walk.entries.size(), walk.hashed.get(), changed, (end - start) / 1_000_000, problem, written);
        result.openNanos = opened - start;
        result.walkNanos = walked - opened;
        result.writeNanos = end - walked;
        result.numberedWithoutIndex = !numbered;
        result.unchanged = same;
        result.previousOtherFormat = otherFormat;
        return result;
    }

    /** How many directory entries are walked on the calling thread before the pool takes the rest. */
    static final int SEQUENTIAL_ENTRIES = 512;

    /** One pool per parallelism for the whole JVM: a reactor's modules (and mvnd's builds) reuse its threads. */
    private static final Map<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

    private static ForkJoinPool pool(int threads) {
        ForkJoinPool pool = POOLS.get(threads);
        if (pool == null) {
            // its threads are daemons (ForkJoinPool's default): they never keep Maven from exiting
            pool = POOLS.computeIfAbsent(threads, ForkJoinPool::new);
        }
        return pool;
    }

    /** What the walking threads share. */
    private final class Walk {
        final InputIndex previous;
        final int build;
        final Map<String, InputIndex.Entry> entries;
        final AtomicInteger hashed = new AtomicInteger();
        final AtomicInteger changed = new AtomicInteger();
        /** Files of the previous index found again (each path once): the rest are gone. */
        final AtomicInteger stillThere = new AtomicInteger();
        /** Directory entries stat'ed so far. */
        final AtomicInteger seen = new AtomicInteger();

        Walk(InputIndex previous, int build) {
            this.previous = previous;
            this.build = build;
            // sized for the files there were: growing it under two walking threads showed in the profile
            this.entries = new ConcurrentHashMap<>(previous == null ? 256 : previous.size() * 4 / 3 + 16);
        }

        /**
         * One file, {@code relative} to the base directory: keep the previous checksum when its metadata says it did
         * not change, else read it now.
         */
        void file(String relative, FileStat stat) {
            InputIndex.Entry old = previous == null ? null : previous.find(relative);
            boolean racy = previous == null || stat.mtimeNanos() / 1_000_000 >= previous.indexedAtMillis();
            if (old != null
                    && !racy
                    && old.sameMetadata(stat.size(), stat.mtimeNanos(), stat.inode(), stat.ctimeNanos())) {
                if (entries.put(relative, old) == null) {
                    stillThere.incrementAndGet();
                }
                return;
            }
            InputIndex.Entry fresh = hashOne(relative, stat);
            if (fresh == null) {
                return;
            }
            hashed.incrementAndGet();
            if (old != null && java.util.Arrays.equals(old.sha256(), fresh.sha256())) {
                if (entries.put(relative, fresh.withChangedInBuild(old.changedInBuild())) == null) {
                    stillThere.incrementAndGet();
                }
            } else {
                if (entries.put(relative, fresh.withChangedInBuild(build)) == null && old != null) {
                    stillThere.incrementAndGet();
                }
                changed.incrementAndGet();
            }
        }
    }

    /**
     * Lists one directory, stats each entry once, and forks a task per subdirectory. Relative paths are built by
     * appending names to the directory's ({@code Path.relativize} twice per file was a tenth of a no-change walk).
     */
    private final class DirectoryTask extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Walk walk;
        /** The file set's directory relative to the base directory, with a trailing {@code /} unless empty. */
        private final transient String rootFromBase;

        private final transient Path dir;
        /** This directory relative to the file set's, with a trailing {@code /} unless empty. */
        private final transient String dirFromRoot;

        private final transient List<AntPattern> includes;
        private final transient List<AntPattern> excludes;

        DirectoryTask(
                Walk walk,
                String rootFromBase,
                Path dir,
                String dirFromRoot,
                List<AntPattern> includes,
                List<AntPattern> excludes) {
            this.walk = walk;
            this.rootFromBase = rootFromBase;
            this.dir = dir;
            this.dirFromRoot = dirFromRoot;
            this.includes = includes;
            this.excludes = excludes;
        }

        @Override
        protected void compute() {
            invokeAll(list());
        }

        /** Stats this directory's entries, indexes its files, and returns a task per subdirectory. */
        List<DirectoryTask> list() {
            List<DirectoryTask> subdirectories = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    walk.seen.incrementAndGet();
                    FileStat attributes = FileStat.of(entry, false);
                    if (attributes == null) {
                        continue; // vanished since the listing
                    }
                    if (attributes.kind() == FileStat.LINK) {
                        // a link to a file is an input; a link to a directory is not followed (no loops, no escape)
                        attributes = FileStat.of(entry, true);
                        if (attributes == null || attributes.kind() != FileStat.FILE) {
                            continue;
                        }
                    }
                    String name = entry.getFileName().toString();
                    if (attributes.kind() == FileStat.DIRECTORY) {
                        subdirectories.add(new DirectoryTask(
                                walk, rootFromBase, entry, dirFromRoot + name + "/", includes, excludes));
                    } else if (attributes.kind() == FileStat.FILE) {
                        String relative = dirFromRoot + name;
                        if ((includes.isEmpty() || matchesAny(includes, relative)) && !matchesAny(excludes, relative)) {
                            walk.file(rootFromBase + relative, attributes);
                        }
                    }
                }
            } catch (IOException unreadable) {
                return subdirectories; // a directory that vanished or cannot be listed holds no inputs this build
            }
            return subdirectories;
        }
    }

    /** One read buffer per walking thread: a fresh 64 KB per file cost as much as hashing a 4 KB one. */
    private static final ThreadLocal<byte[]> BUFFER = new ThreadLocal<byte[]>() {
        @Override
        protected byte[] initialValue() {
            return new byte[64 * 1024];
        }
    };

    private static InputIndex.Entry hashOne(String relative, FileStat stat) {
        byte[] sha;
        try {
            sha = Sha256.of(stat.file(), BUFFER.get());
        } catch (IOException vanishedOrUnreadable) {
            return null; // deleted since the walk, a link loop, lost permissions: not an input this build
        }
        // the metadata from before the read: a file changed while being read then differs next build, and is
        // hashed again
        return new InputIndex.Entry(relative, stat.size(), stat.mtimeNanos(), stat.inode(), stat.ctimeNanos(), 0, sha);
    }

    private static List<AntPattern> patterns(List<String> texts) {
        List<AntPattern> patterns = new ArrayList<>();
        if (texts != null) {
            for (String text : texts) {
                patterns.add(AntPattern.compile(text));
            }
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
