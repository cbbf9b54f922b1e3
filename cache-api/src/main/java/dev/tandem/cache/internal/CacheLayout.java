package dev.tandem.cache.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Where everything lives under the cache root ({@code target/tandem} by default). The one place that names files.
 *
 * <pre>
 * target/tandem/
 *   inputs.idx                 the input index ({@link InputIndex})
 *   build.properties           build number and time ({@link BuildRecord})
 *   outputs/&lt;class output&gt;   per compiler execution, what its last compile read and wrote ({@link CompileRecord})
 *   outputs/&lt;class output&gt;.classpath   the jars of its class path in this build ({@link ClassPathRecord})
 *   compile/&lt;class output&gt;-&lt;digest&gt;/   tandem-compiler's, always under the build directory
 *     inputs                   files besides sources its output depends on ({@link TrackedInputs})
 *   consumers/&lt;id&gt;/
 *     consumer.properties      owner id, format version, last build that used it
 *     entries.pack             cache entries, append-only ({@link EntryPack})
 *     entries.lock             lock file for writers of this consumer
 *     stats                    hits, misses, bytes, time of the last build ({@link CacheStats})
 *     tracked                  input files the consumer's keys read, with their checksums ({@link TrackedInputs})
 *     used                     keys used since the last prepare, for least-recently-used eviction
 *     remote.properties        what the remote tier fetched and pushed for it in the last build
 *     files/                   free scratch space the consumer owns
 * </pre>
 */
public final class CacheLayout {
    private final Path root;

    /** The cache roots of this JVM: where {@link FolderHandles} starts a folder's chain of handles. */
    private static final Set<Path> ROOTS = ConcurrentHashMap.newKeySet();

    /**
     * A layout of {@code root}, which becomes a cache root: a handle on a folder inside it is opened from the root's
     * parent down, each folder from the root on without following a link ({@link FolderHandles}).
     */
    public CacheLayout(Path root) {
        this.root = root;
        ROOTS.add(root.toAbsolutePath().normalize());
    }

    static Set<Path> roots() {
        return ROOTS;
    }

    public Path root() {
        return root;
    }

    public Path inputIndex() {
        return root.resolve("inputs.idx");
    }

    /** What each compiler execution's annotation processors were at the last prepare ({@code processors.properties}). */
    public Path processorSetup() {
        return root.resolve("processors.properties");
    }

    /**
     * Left by {@code tandem:prepare} when {@code tandem.skip} or {@code tandem.replay.skip} is on, holding the switch
     * as the user gave it: a forked javac, or Maven 4's, never sees the build's {@code -D} properties, so replay reads
     * the switch here. Removed by the next prepare that is not skipped.
     */
    public Path skipSwitch() {
        return root.resolve("skipped");
    }

    public Path buildInfo() {
        return root.resolve("build.properties");
    }

    /** The {@link CompileRecord} of the compiler execution whose class output is {@code classOutput}. */
    public Path compileRecord(Path classOutput) {
        return compileRecords().resolve(executionName(classOutput));
    }

    /** The {@link ClassPathRecord} of the compiler execution whose class output is {@code classOutput}. */
    public Path classPathRecord(Path classOutput) {
        return compileRecords().resolve(executionName(classOutput) + ".classpath");
    }

    /**
     * The folders of Tandem's incremental compiler ({@code tandem-compiler}), one per compiler execution, under the
     * build directory whatever the cache root: {@code target/tandem/compile/<class output>-<digest>/}.
     */
    public static Path compilerHomes(Path buildDirectory) {
        return buildDirectory.resolve("tandem").resolve("compile");
    }

    /**
     * In a compiler's folder ({@link #compilerHomes}): the files besides sources its last compile's output depends on
     * ({@link TrackedInputs}: every place a {@code lombok.config} may be), which {@code tandem:prepare} checks.
     */
    public static Path compilerInputs(Path compilerHome) {
        return compilerHome.resolve("inputs");
    }

    /** A compiler execution's name in outputs/: its class output folder's name ("classes", "test-classes"). */
    private static String executionName(Path classOutput) {
        String name = classOutput.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return name.startsWith(".") ? "_" + name.substring(1) : name;
    }

    /** The folder of every compiler execution's {@link CompileRecord}. */
    public Path compileRecords() {
        return root.resolve("outputs");
    }

    public Path consumers() {
        return root.resolve("consumers");
    }

    /**
     * The consumers' folders, sorted. A link among them (or in place of {@code consumers/} itself) is no consumer:
     * it is told to {@code links} (when not null) and left alone, so maintenance never reads, cleans or deletes
     * through it. No stream and no lambda: prepare calls it in every module, the first time cold.
     */
    public List<Path> consumerFolders(Consumer<Path> links) throws IOException {
        Path consumers = consumers();
        if (CacheFiles.isLink(consumers)) {
            if (links != null) {
                links.accept(consumers);
            }
            return Collections.emptyList();
        }
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(consumers)) {
            for (Path entry : list) {
                if (CacheFiles.isLink(entry)) {
                    if (links != null) {
                        links.accept(entry);
                    }
                } else if (CacheFiles.isRealFolder(entry)) {
                    folders.add(entry);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Collections.emptyList();
        }
        Collections.sort(folders);
        return folders;
    }

    /** The consumer's directory; the id is checked first. */
    public Path consumer(String id) {
        return consumers().resolve(ConsumerId.check(id));
    }

    public static Path consumerProperties(Path consumer) {
        return consumer.resolve("consumer.properties");
    }

    public static Path pack(Path consumer) {
        return consumer.resolve("entries.pack");
    }

    public static Path lock(Path consumer) {
        return consumer.resolve("entries.lock");
    }

    public static Path stats(Path consumer) {
        return consumer.resolve("stats");
    }

    public static Path tracked(Path consumer) {
        return consumer.resolve("tracked");
    }

    public static Path used(Path consumer) {
        return consumer.resolve("used");
    }

    /** What {@code tandem:prepare} fetched and {@code tandem:push} uploaded for the consumer in the last build. */
    public static Path remoteStats(Path consumer) {
        return consumer.resolve("remote.properties");
    }

    public static Path files(Path consumer) {
        return consumer.resolve("files");
    }
}
