package dev.tandem.maven;

import dev.tandem.cache.internal.AtomicFiles;
import dev.tandem.cache.internal.CacheFiles;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.FolderHandles;
import dev.tandem.maven.remote.Remote;
import dev.tandem.maven.remote.RemoteFetch;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Prepares the processor cache for this build: indexes the input files once (so every processor invocation looks
 * their checksums up instead of reading them), makes the compile rerun when a file a processor read has changed,
 * prunes unused and oversized caches, and sets the project property tandem.cacheDirectory, for the compiler
 * argument -Atandem.cacheDirectory=${tandem.cacheDirectory}. In a module of packaging pom, which compiles nothing,
 * it does nothing.
 *
 * @since 0.1.0
 */
@Mojo(name = "prepare", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class PrepareMojo extends AbstractRemoteMojo {

    /** The project property that names the cache root, for {@code -A} options. */
    static final String CACHE_DIRECTORY_PROPERTY = "tandem.cacheDirectory";

    @Component
    private RepositorySystem repositorySystem;

    @Component
    private org.apache.maven.project.ProjectDependenciesResolver dependenciesResolver;

    /**
     * Allows a {@code cacheDirectory} outside the build directory. Such a cache survives {@code mvn clean}; clean
     * it yourself.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.allowOutsideBuildDirectory", defaultValue = "false")
    private boolean allowOutsideBuildDirectory;

    /**
     * The input files to index: each a directory with optional includes and excludes, written as in Maven
     * (** for any directories). By default every file under the project's src directory, and pom.xml. The
     * build owners' guide on the site has an example.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<FileSet> inputs;

    /**
     * Removes the cache of a consumer (a processor or plugin) that no build has used for this many builds.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.pruneAfterBuilds", defaultValue = "10")
    private int pruneAfterBuilds;

    /**
     * The most bytes one consumer's entries may take; past it, the least recently used entries are evicted. The
     * default is 256 MiB.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.maxConsumerSize", defaultValue = "268435456")
    private long maxConsumerSize;

    /**
     * Indexes the inputs even in a module where nothing uses the cache yet. By default a module is indexed when a
     * plugin's configuration passes ${tandem.cacheDirectory} (the compiler's -Atandem.cacheDirectory), when
     * tandem-replay or another dev.tandem artifact is a processor path or dependency, when a consumer has used its
     * cache before, when inputs are configured, or when a remote is set; elsewhere prepare only keeps the cache
     * tidy, so the modules of a big build that run no processor pay next to nothing. A processor that finds the
     * cache without the option is seen from its second build on; set this to index from the first.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.alwaysIndex", defaultValue = "false")
    private boolean alwaysIndex;

    /**
     * Threads that hash changed files; 0 means one per processor core.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.threads", defaultValue = "0")
    private int threads;

    /**
     * Turns replay off for this build: every processor runs as if Tandem were absent, while prepare still indexes
     * and the other consumers still cache. {@code -Dtandem.skip} turns all of Tandem off, replay included.
     * Both reach javac whether it runs in Maven's JVM or forked.
     *
     * @since 0.1.0
     */
    @Parameter(property = REPLAY_SKIP_PROPERTY, defaultValue = "false")
    private boolean replaySkip;

    static final String REPLAY_SKIP_PROPERTY = "tandem.replay.skip";

    @Override
    protected void skipped(String switchName) {
        if (!"pom".equals(project.getPackaging()) && CompilerNotes.replays(project)) {
            Path root = cacheDirectory.toPath().toAbsolutePath().normalize();
            if (root.startsWith(buildDirectory()) || allowOutsideBuildDirectory) {
                // -Atandem.cacheDirectory=${tandem.cacheDirectory} must lead replay to the switch, as unskipped
                project.getProperties().setProperty(CACHE_DIRECTORY_PROPERTY, root.toString());
                leaveSkipSwitch(new CacheLayout(root), switchName);
            }
        }
    }

    /**
     * Tells replay in this build's javac that {@code switchName} is on (or, with null, that none is): a forked javac
     * and Maven 4's never see the build's {@code -D} properties. Never fails the build: a switch that cannot be
     * removed keeps replay off (every processor runs, as without Tandem), one that cannot be written is warned of.
     */
    private void leaveSkipSwitch(CacheLayout layout, String switchName) {
        Path file = layout.skipSwitch();
        try {
            if (switchName == null) {
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) { // one stat; a read-only disk has none to remove
                    FolderHandles.deleteIfExists(file);
                }
                return;
            }
            String typed = session.getUserProperties().containsKey(switchName)
                    ? "-D" + switchName
                    : switchName + " in the POM";
            CacheFiles.createDirectories(layout.root(), layout.root());
            AtomicFiles.write(file, typed.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            getLog().warn("Tandem: could not " + (switchName == null ? "remove " : "write ") + file + " ("
                    + e.getMessage() + "): "
                    + (switchName == null
                            ? "replay stays off, and every processor runs, until it is removed (mvn clean)"
                            : "a forked javac may replay although " + switchName + " is on"));
        }
    }

    /** The project's build directory, absolute: where the cache must live unless allowed outside. */
    private Path buildDirectory() {
        return new File(project.getBuild().getDirectory())
                .toPath()
                .toAbsolutePath()
                .normalize();
    }

    @Override
    protected void run() throws MojoExecutionException {
        if ("pom".equals(project.getPackaging())) {
            // a reactor's parent is built alone before its modules start: its cold start was on every build's path
            getLog().info("Tandem: nothing to prepare in a module of packaging pom (it compiles nothing)");
            return;
        }
        for (String mistake : ReplaySetup.mistakes(project)) {
            getLog().warn(mistake);
        }
        Path buildDirectory = buildDirectory();
        Path root = cacheDirectory.toPath().toAbsolutePath().normalize();
        if (!root.startsWith(buildDirectory) && !allowOutsideBuildDirectory) {
            throw new MojoExecutionException("Tandem cacheDirectory " + root + " is outside the build directory "
                    + buildDirectory + ", so mvn clean would not remove it. Put it under ${project.build.directory},"
                    + " or set <allowOutsideBuildDirectory>true</allowOutsideBuildDirectory>"
                    + " (-Dtandem.allowOutsideBuildDirectory) and clean it yourself.");
        }
        CacheLayout layout = new CacheLayout(root);
        long[] took = new long[6]; // where prepare's time goes, told at DEBUG
        took[0] = System.nanoTime();
        try {
            CacheFiles.createDirectories(root, root);
            leaveSkipSwitch(layout, replaySkip ? REPLAY_SKIP_PROPERTY : null);
            // one listing answers whether consumers/ is there and which temporary files to sweep (here or in the
            // maintenance below): a module where nothing uses the cache pays that, and no exception for a missing
            // folder (dear with Maven's deep stack)
            List<Path> rootEntries = CacheMaintenance.list(root);
            if (!indexNeeded(layout, rootEntries)) {
                prepareWithoutIndex(layout, buildDirectory, rootEntries);
                return;
            }
            long numbered = System.nanoTime();
            // the input index carries the build sequence: a build that changes nothing writes it alone
            InputIndexer.Result indexed = new InputIndexer(project.getBasedir().toPath(), threadCount())
                    .index(
                            fileSets(),
                            layout.inputIndex(),
                            1,
                            new IntSupplier() { // a class: a lambda is dear cold
                                @Override
                                public int getAsInt() {
                                    return BuildNumber.withoutIndex(layout, getLog()::warn);
                                }
                            });
            int build = indexed.index.buildNumber();
            if (indexed.numberedWithoutIndex) {
                BuildNumber.writeFloor(layout, build);
            }
            if (indexed.previousOtherFormat) {
                getLog().info(indexed.previousProblem); // an upgrade of Tandem: indexed anew, nothing to warn of
            } else if (indexed.previousProblem != null) {
                getLog().warn(indexed.previousProblem);
            }
            took[1] = System.nanoTime();
            List<StaleCompile.Change> changes = StaleCompile.changedInputs(layout, indexed.index);
            changes.addAll(StaleCompile.changedCompileInputs(layout, indexed.index));
            int removed = StaleCompile.removeOutputsOfGoneSources(layout, buildDirectory);
            if (removed > 0) {
                getLog().info("Tandem: removed " + removed + " file" + (removed == 1 ? "" : "s")
                        + " that deleted sources had led to (class files, generated sources)");
            }
            if (!changes.isEmpty()) {
                List<String> marked = StaleCompile.markCompilesStale(buildDirectory);
                boolean compiledBefore = Files.isDirectory(buildDirectory.resolve("maven-status"));
                for (StaleCompile.Change change : changes) {
                    if (marked.isEmpty() && compiledBefore) {
                        getLog().warn("Tandem: " + shown(change.file) + " changed since " + change.consumer
                                + " read it, but " + buildDirectory.resolve("maven-status")
                                + " has no maven-compiler-plugin state to reset: if the compile says \"Nothing to"
                                + " compile\", run mvn clean compile");
                    } else {
                        getLog().info("Tandem: " + shown(change.file) + " changed since " + change.consumer
                                + " read it: the next compile reruns" + (marked.isEmpty() ? "" : " " + marked));
                    }
                }
            }
            took[2] = System.nanoTime();
            rerunCompileIfProcessorsChanged(layout, buildDirectory);
            if (CompilerNotes.replays(project)) {
                String hidden = CompilerNotes.hidden(project, session.getUserProperties());
                if (hidden != null) {
                    getLog().info(hidden);
                }
                String recorded = ClassPathRecorder.record(
                        project, session.getProjects(), session.getRepositorySession(), dependenciesResolver, layout);
                if (getLog().isDebugEnabled()) {
                    getLog().debug("Tandem: " + recorded);
                }
            }
            took[3] = System.nanoTime();
            CacheMaintenance.Result kept = new CacheMaintenance(layout)
                    .run(build, Math.max(1, pruneAfterBuilds), maxConsumerSize, rootEntries);
            for (String warning : kept.warnings) {
                getLog().warn(warning);
            }
            project.getProperties().setProperty(CACHE_DIRECTORY_PROPERTY, root.toString());
            took[4] = System.nanoTime();
            String fetched = fetch(layout, build);
            took[5] = System.nanoTime();
            getLog().info(String.format(
                    "Tandem: %d input files indexed, %d changed (%d read) in %d ms; cache %s for %d consumer%s%s%s",
                    indexed.files,
                    indexed.changed,
                    indexed.hashed,
                    indexed.millis,
                    CacheReport.bytes(kept.bytes),
                    kept.consumers,
                    kept.consumers == 1 ? "" : "s",
                    kept.pruned + kept.evicted == 0
                            ? ""
                            : " (" + kept.pruned + " unused removed, " + kept.evicted + " old entries evicted)",
                    fetched));
            if (getLog().isDebugEnabled()) {
                getLog().debug("Tandem: build " + build + ", cache root " + root + ", inputs " + fileSets());
                getLog().debug(String.format(
                        "Tandem: prepare took %.1f ms: cache folder %.1f, index %.1f (previous %.1f, walk %.1f,"
                                + " write %.1f), tracked inputs %.1f, processors %.1f, maintenance %.1f, remote %.1f",
                        (took[5] - took[0]) / 1e6,
                        (numbered - took[0]) / 1e6,
                        (took[1] - numbered) / 1e6,
                        indexed.openNanos / 1e6,
                        indexed.walkNanos / 1e6,
                        indexed.writeNanos / 1e6,
                        (took[2] - took[1]) / 1e6,
                        (took[3] - took[2]) / 1e6,
                        (took[4] - took[3]) / 1e6,
                        (took[5] - took[4]) / 1e6));
            }
        } catch (CacheFiles.LinkInCacheException e) {
            project.getProperties().setProperty(CACHE_DIRECTORY_PROPERTY, root.toString());
            getLog().warn("Tandem: " + e.getMessage() + " This build runs without the input index.");
        } catch (IOException e) {
            // a cache that cannot be written is a slower build, not a failed one: processors hash what they read
            project.getProperties().setProperty(CACHE_DIRECTORY_PROPERTY, root.toString());
            getLog().warn("Tandem could not prepare the cache in " + root + " (" + e + "); this build runs without"
                    + " the input index. Check that the disk has room and the build directory is writable.");
        }
    }

    /**
     * Marks the compiles stale when an execution's annotation processors or their options changed since the last
     * prepare: the compiler plugin looks only at Java sources.
     */
    private void rerunCompileIfProcessorsChanged(CacheLayout layout, Path buildDirectory) throws IOException {
        List<String> processorsChanged = ProcessorSetup.changed(layout, processorSetup());
        if (!processorsChanged.isEmpty()) {
            List<String> marked = StaleCompile.markCompilesStale(buildDirectory);
            getLog().info("Tandem: the annotation processors or their options of " + processorsChanged
                    + " changed: the next compile reruns" + (marked.isEmpty() ? "" : " " + marked));
        }
    }

    /** Whether anything in this module uses (or asked for) the input index in this build. */
    private boolean indexNeeded(CacheLayout layout, List<Path> rootEntries) {
        return alwaysIndex
                || (inputs != null && !inputs.isEmpty())
                || (remoteUrl != null && !remoteUrl.trim().isEmpty())
                || ProcessorSetup.usesTandem(project)
                || hasConsumers(layout, rootEntries);
    }

    /** Whether {@code consumers/} holds anything (or is a link, or unreadable: the indexing path warns of those). */
    private static boolean hasConsumers(CacheLayout layout, List<Path> rootEntries) {
        Path consumers = layout.consumers();
        if (!rootEntries.contains(consumers)) {
            return false;
        }
        try (DirectoryStream<Path> list = Files.newDirectoryStream(consumers)) {
            return list.iterator().hasNext();
        } catch (IOException | RuntimeException unreadable) {
            return true; // a link or an unreadable folder: the indexing path warns about it
        }
    }

    /**
     * A module where nothing uses the cache: no walk, no index. What it keeps doing: noting a change of annotation
     * processors (their output goes stale without Tandem too), sweeping the root's temporary files, setting the
     * property.
     * An index left by an earlier build stays; a compilation believes none of its checksums without checking the
     * file's metadata again, so it cannot answer stale.
     */
    private void prepareWithoutIndex(CacheLayout layout, Path buildDirectory, List<Path> rootEntries)
            throws IOException {
        rerunCompileIfProcessorsChanged(layout, buildDirectory);
        // no consumer has a folder here (hasConsumers said so): the root's own entries are all there is to sweep
        CacheMaintenance.sweepTemporaryFiles(rootEntries, CacheMaintenance.STALE_TEMPORARY_MILLIS);
        project.getProperties()
                .setProperty(CACHE_DIRECTORY_PROPERTY, layout.root().toString());
        getLog().info("Tandem: nothing uses the cache in this module yet, so its inputs are not indexed"
                + " (-Dtandem.alwaysIndex indexes them anyway)");
    }

    /**
     * Fetches the entries the module's last pushed build used from the remote, before javac runs; the summary's
     * tail ("" without a remote).
     */
    private String fetch(CacheLayout layout, int build) throws MojoExecutionException {
        Remote remote = remote(null);
        if (remote == null) {
            return "";
        }
        RemoteFetch.Result fetched =
                new RemoteFetch(remote, remoteConfig, layout, getLog()::warn).run(moduleId(), build);
        if (remote.authFailure() != null) {
            throw new MojoExecutionException(
                    "Tandem remote: " + remote.authFailure() + " (remoteFailOnAuthError is set)");
        }
        if (remote.offReason() != null && !fetched.listFound) {
            return "; remote off";
        }
        if (fetched.listRefused != null) {
            return "; remote: the key list of " + moduleId() + " is " + fetched.listRefused + ", nothing fetched";
        }
        if (!fetched.listFound) {
            return "; remote: no key list for " + moduleId() + " yet";
        }
        return String.format(
                "; remote: %d fetched (%s%s) in %d ms, %d already here, %d missing%s",
                fetched.hits,
                CacheReport.bytes(fetched.bytes),
                fetched.hits > 0 && remoteConfig.publicKey() == null
                        ? ", accepted unsigned: set remotePublicKey to require CI's signature"
                        : "",
                fetched.millis,
                fetched.local,
                fetched.misses,
                fetched.bad == 0 ? "" : ", " + fetched.bad + " failed their check");
    }

    /** Per compiler execution, a digest of its processors; a path that does not resolve counts as unresolved. */
    private Map<String, String> processorSetup() {
        RepositorySystemSession repositories = session.getRepositorySession();
        return ProcessorSetup.digests(
                project,
                new Function<Dependency, File>() { // a class: a lambda is dear cold
                    @Override
                    public File apply(Dependency dependency) {
                        try {
                            DefaultArtifact artifact = new DefaultArtifact(
                                    dependency.getGroupId(),
                                    dependency.getArtifactId(),
                                    dependency.getClassifier(),
                                    dependency.getType(),
                                    dependency.getVersion());
                            ArtifactRequest request =
                                    new ArtifactRequest(artifact, project.getRemoteProjectRepositories(), "tandem");
                            return repositorySystem
                                    .resolveArtifact(repositories, request)
                                    .getArtifact()
                                    .getFile();
                        } catch (ArtifactResolutionException | RuntimeException e) {
                            return null; // the compiler reports it; a later prepare records it once it resolves
                        }
                    }
                });
    }

    private String shown(String file) {
        Path path = new File(file).toPath();
        Path base = project.getBasedir().toPath().toAbsolutePath();
        return path.startsWith(base) ? base.relativize(path).toString() : file;
    }

    private int threadCount() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    private List<FileSet> fileSets() {
        if (inputs != null && !inputs.isEmpty()) {
            return inputs;
        }
        List<FileSet> defaults = new ArrayList<>();
        File basedir = project.getBasedir();
        defaults.add(new FileSet(new File(basedir, "src"), Collections.emptyList(), Collections.emptyList()));
        defaults.add(new FileSet(new File(basedir, "pom.xml"), Collections.emptyList(), Collections.emptyList()));
        return defaults;
    }
}
