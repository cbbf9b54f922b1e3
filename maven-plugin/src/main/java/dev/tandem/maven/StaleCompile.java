package dev.tandem.maven;

import dev.tandem.cache.store.CacheLayout;
import dev.tandem.cache.store.InputIndex;
import dev.tandem.cache.store.Sha256;
import dev.tandem.cache.store.TrackedInputs;
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

        Change(String file, String consumer) {
            this.file = file;
            this.consumer = consumer;
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
                InputIndex.Entry entry = index.find(file);
                String now = entry != null ? entry.sha256Hex() : Sha256.hexOrMissing(file);
                if (!now.equals(tracked.getValue())) {
                    changes.add(
                            new Change(tracked.getKey(), consumer.getFileName().toString()));
                }
            }
        }
        return changes;
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
