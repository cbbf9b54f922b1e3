package dev.tandem.maven;

import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.CompileRecord;
import dev.tandem.cache.internal.InputIndex;
import dev.tandem.cache.internal.Sha256;
import dev.tandem.cache.internal.TrackedInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Makes the next compile rerun when a file that a consumer's keys were made from changed and no Java file did.
 * maven-compiler-plugin notices only Java sources, says "Nothing to compile", and leaves generated code stale.
 * The least invasive lever: on its 3.x versions, deleting the execution's {@code inputFiles.lst}, which makes it
 * recompile the module "because of added or removed source files"; on 4.x (Maven 4), deleting the execution's
 * incremental state {@code maven-status/maven-compiler-plugin/<execution>.cache}, which makes it compile
 * everything. The user's files are not touched.
 */
final class StaleCompile {
    /** maven-compiler-plugin 3.x: {@code maven-status/maven-compiler-plugin/<goal>/<execution>/inputFiles.lst}. */
    private static final String INPUT_FILES = "inputFiles.lst";

    /** maven-compiler-plugin 4.x: {@code maven-status/maven-compiler-plugin/<execution>.cache}. */
    private static final String CACHE_SUFFIX = ".cache";

    private StaleCompile() {}

    private static boolean isCompilerState(Path file) {
        String name = file.getFileName().toString();
        return name.equals(INPUT_FILES)
                || (name.endsWith(CACHE_SUFFIX)
                        && file.getParent().getFileName().toString().equals("maven-compiler-plugin")
                        && Files.isRegularFile(file));
    }

    /** A tracked file that changed, and the consumer that read it. */
    static final class Change {
        final String file;
        final String consumer;
        /** What became of the file: "changed", "was added" or "was deleted" (a source, or a lombok.config). */
        final String what;

        Change(String file, String consumer) {
            this(file, consumer, "changed");
        }

        Change(String file, String consumer, String what) {
            this.file = file;
            this.consumer = consumer;
            this.what = what;
        }

        /** What became of a file whose digest was {@code before} (null: not known) and is {@code now}. */
        static String what(String before, String now) {
            return Sha256.MISSING.equals(now) ? "was deleted" : Sha256.MISSING.equals(before) ? "was added" : "changed";
        }
    }

    /** The tracked inputs of every consumer that differ from the fresh index (or from the file, outside it). */
    static List<Change> changedInputs(CacheLayout layout, InputIndex index) throws IOException {
        List<Change> changes = new ArrayList<>();
        // links are not consumers: CacheMaintenance warns about them in the same prepare
        for (Path consumer : layout.consumerFolders(null)) {
            for (Map.Entry<String, String> tracked :
                    TrackedInputs.read(CacheLayout.tracked(consumer)).entrySet()) {
                Path file = Paths.get(tracked.getKey());
                String now = digest(index, file);
                if (!now.equals(tracked.getValue())) {
                    changes.add(new Change(
                            tracked.getKey(), consumer.getFileName().toString(), Change.what(tracked.getValue(), now)));
                }
            }
        }
        return changes;
    }

    /**
     * The files besides sources that a compile's output depends on (lombok.config, as tandem-replay records them)
     * whose content differs from the fresh index (or from the file, outside it).
     */
    static List<Change> changedCompileInputs(CacheLayout layout, InputIndex index) throws IOException {
        List<Change> changes = new ArrayList<>();
        for (Path file : compileRecords(layout)) {
            for (String input : CompileRecord.read(file).changedInputs(new java.util.function.Function<Path, String>() {
                @Override
                public String apply(Path path) {
                    return digest(index, path);
                }
            })) {
                changes.add(new Change(
                        input,
                        "the compile into " + file.getFileName(),
                        Change.what(null, digest(index, Paths.get(input)))));
            }
        }
        return changes;
    }

    /** A file's SHA-256 from the fresh index, or read when it is outside it (or there is none), or MISSING. */
    private static String digest(InputIndex index, Path file) {
        InputIndex.Entry entry = index == null ? null : index.find(file);
        return entry != null ? entry.sha256Hex() : Sha256.hexOrMissing(file);
    }

    /**
     * What Tandem's incremental compiler's last compiles depend on and the compiler plugin does not notice: a {@code
     * lombok.config} added, changed or deleted (from the fresh index, null when there is none, or read), a source
     * deleted (3.10.1 and older call no compiler then).
     */
    static List<Change> changedCompilerInputs(Path buildDirectory, InputIndex index) throws IOException {
        List<Change> changes = new ArrayList<>();
        Path homes = CacheLayout.compilerHomes(buildDirectory);
        if (!Files.isDirectory(homes, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return changes;
        }
        try (java.nio.file.DirectoryStream<Path> list = Files.newDirectoryStream(homes)) {
            for (Path home : list) {
                Path inputs = CacheLayout.compilerInputs(home);
                if (!Files.exists(inputs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                boolean[] damaged = {!Files.isRegularFile(inputs, java.nio.file.LinkOption.NOFOLLOW_LINKS)};
                Map<String, String> all = damaged[0]
                        ? Map.of()
                        : TrackedInputs.read(inputs, new java.util.function.Consumer<String>() {
                            @Override
                            public void accept(String name) {
                                damaged[0] = true;
                            }
                        });
                if (damaged[0]) {
                    // what the compile depends on is unknown: it runs (and the compiler writes the file anew)
                    changes.add(new Change(
                            inputs.toString(),
                            "the compile into " + home.getFileName() + " wrote it (it is damaged, or not a file)"));
                    continue;
                }
                for (Map.Entry<String, String> tracked : all.entrySet()) {
                    Path file = Paths.get(tracked.getKey());
                    boolean source = tracked.getValue().equals(TrackedInputs.PRESENT);
                    String now = source ? null : digest(index, file);
                    boolean changed = source ? !Files.exists(file) : !now.equals(tracked.getValue());
                    if (changed) {
                        changes.add(new Change(
                                tracked.getKey(),
                                "the compile into " + home.getFileName(),
                                source ? "was deleted" : Change.what(tracked.getValue(), now)));
                        break; // one is enough to compile again
                    }
                }
            }
        }
        return changes;
    }

    /**
     * Deletes what the last compiles wrote for sources that are gone (their class files, and the files replayed
     * processors generated for them, with those files' class files): maven-compiler-plugin before 3.12 leaves them,
     * and a stale class on the class path can even hide a compile error.
     *
     * @return how many files were deleted
     */
    static int removeOutputsOfGoneSources(CacheLayout layout, Path buildDirectory) throws IOException {
        int[] deleted = new int[1];
        for (Path file : compileRecords(layout)) {
            CompileRecord record = CompileRecord.read(file);
            CompileRecord kept = record.update(
                    java.util.Collections.emptyMap(),
                    null,
                    null,
                    buildDirectory,
                    Long.MAX_VALUE,
                    new java.util.function.Consumer<Path>() {
                        @Override
                        public void accept(Path gone) {
                            deleted[0]++;
                        }
                    });
            if (!kept.sources.equals(record.sources)) {
                kept.write(file);
            }
        }
        return deleted[0];
    }

    static List<Path> compileRecords(CacheLayout layout) throws IOException {
        List<Path> records = new ArrayList<>();
        Path folder = layout.compileRecords();
        if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return records;
        }
        try (java.nio.file.DirectoryStream<Path> list = Files.newDirectoryStream(folder)) {
            for (Path file : list) {
                if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && !file.getFileName().toString().startsWith(".")) {
                    records.add(file);
                }
            }
        }
        return records;
    }

    /**
     * Marks every maven-compiler-plugin execution of the module stale.
     *
     * @return the executions marked, as {@code goal/execution}
     */
    static List<String> markCompilesStale(Path buildDirectory) throws IOException {
        List<String> marked = new ArrayList<>();
        Path status = buildDirectory.resolve("maven-status").resolve("maven-compiler-plugin");
        if (!Files.isDirectory(status)) {
            return marked;
        }
        List<Path> lists = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(status, 3)) {
            walk.filter(StaleCompile::isCompilerState).forEach(lists::add);
        }
        java.util.Collections.sort(lists); // compile before testCompile
        for (Path list : lists) {
            Files.deleteIfExists(list);
            Path named = list.getFileName().toString().equals(INPUT_FILES)
                    ? status.relativize(list.getParent())
                    : status.relativize(list);
            String execution = named.toString().replace('\\', '/');
            marked.add(
                    execution.endsWith(CACHE_SUFFIX)
                            ? execution.substring(0, execution.length() - CACHE_SUFFIX.length())
                            : execution);
        }
        return marked;
    }
}
