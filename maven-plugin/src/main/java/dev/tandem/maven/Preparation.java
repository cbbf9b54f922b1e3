package dev.tandem.maven;

import dev.tandem.cache.ProcessorCache;
import dev.tandem.cache.internal.AtomicFiles;
import dev.tandem.cache.internal.CacheFiles;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.FolderHandles;
import dev.tandem.maven.remote.KeyList;
import dev.tandem.maven.remote.Remote;
import dev.tandem.maven.remote.RemoteConfig;
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
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * What {@code tandem:prepare} does for one module: indexes the input files once (so every processor invocation looks
 * their checksums up instead of reading them), makes the compile rerun when a file a processor read or the annotation
 * processors changed, records the class path for replay, prunes unused and oversized caches, sets the project property
 * {@code tandem.cacheDirectory}, and fetches from the remote. What only a running Maven can do (resolve artifacts and
 * dependencies, open the remote) comes through {@link Maven}, so a test runs it on a folder.
 *
 * <pre>{@code
 * Preparation.Result prepared = new Preparation(parameters, project, session.getUserProperties(), maven, log).run();
 * log.info(prepared.summary); // "Tandem: 12 input files indexed, 1 changed (1 read) in 3 ms; cache 40 KiB for …"
 * }</pre>
 */
final class Preparation {

    /** The project property that names the cache root, for {@code -A} options. */
    static final String CACHE_DIRECTORY_PROPERTY = ProcessorCache.OPTION;

    /** The switch that turns replay off for a build. */
    static final String REPLAY_SKIP_PROPERTY = "tandem.replay.skip";

    /** prepare's parameters, as the Mojo read them; the Mojo documents each. */
    static final class Parameters {
        /** The cache root as configured, relative to the working directory when not absolute. */
        Path cacheDirectory;

        boolean allowOutsideBuildDirectory;
        /** The configured inputs; null or empty for the defaults, src and pom.xml. */
        List<FileSet> inputs;

        int pruneAfterBuilds;
        long maxConsumerSize;
        boolean alwaysIndex;
        /** Threads that hash changed files; 0 for one per processor. */
        int threads;

        boolean replaySkip;
        /** Whether a remote is configured ({@code remoteUrl}): the fetch needs the index. */
        boolean remote;
    }

    /** What prepare asks of the running Maven. */
    interface Maven {
        /** The file of a processor path's artifact; null when it does not resolve (the compiler reports it). */
        File resolve(Dependency dependency);

        /**
         * Records the class path of the main compile for replay ({@link ClassPathRecorder}).
         *
         * @return what was recorded, for the debug log
         */
        String recordClassPath(CacheLayout layout) throws IOException;

        /**
         * This build's remote, asked for only when the fetch comes; null when there is none: no {@code remoteUrl},
         * Maven offline, or credentials that would travel in clear.
         *
         * @throws MojoExecutionException for a remote configuration that cannot be right
         */
        Remote remote() throws MojoExecutionException;

        /** This module's configuration of the remote {@link #remote} returned. */
        RemoteConfig remoteConfig();
    }

    /** What the Mojo tells when prepare is done. */
    static final class Result {
        /** The line that sums prepare up. */
        final String summary;
        /** Whether {@link #summary} is a warning: the cache could not be prepared, and the build goes on without. */
        final boolean warning;
        /** Lines for the debug log, after the summary: empty unless the log shows debug. */
        final List<String> details;
        /** This build's number; 0 when the inputs were not indexed. */
        final int build;

        private Result(String summary, boolean warning, List<String> details, int build) {
            this.summary = summary;
            this.warning = warning;
            this.details = details;
            this.build = build;
        }

        static Result info(String summary) {
            return new Result(summary, false, Collections.emptyList(), 0);
        }

        static Result warning(String summary) {
            return new Result(summary, true, Collections.emptyList(), 0);
        }
    }

    private final Parameters parameters;
    private final MavenProject project;
    private final Properties userProperties;
    private final Maven maven;
    private final Log log;

    /**
     * @param userProperties the build's {@code -D} properties: they say whether a switch was typed or set in the POM
     */
    Preparation(Parameters parameters, MavenProject project, Properties userProperties, Maven maven, Log log) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.project = Objects.requireNonNull(project, "project");
        this.userProperties = Objects.requireNonNull(userProperties, "userProperties");
        this.maven = Objects.requireNonNull(maven, "maven");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * What prepare leaves behind when {@code switchName} skips it: in a module that replays, the property and the
     * switch's file, so that {@code -Atandem.cacheDirectory=${tandem.cacheDirectory}} leads replay to the switch.
     */
    void skipped(String switchName) {
        if (!"pom".equals(project.getPackaging()) && CompilerNotes.replays(project)) {
            Path root = root();
            if (root.startsWith(buildDirectory()) || parameters.allowOutsideBuildDirectory) {
                // -Atandem.cacheDirectory=${tandem.cacheDirectory} must lead replay to the switch, as unskipped
                project.getProperties().setProperty(CACHE_DIRECTORY_PROPERTY, root.toString());
                leaveSkipSwitch(new CacheLayout(root), switchName);
            }
        }
    }

    /**
     * Prepares the cache. A cache that cannot be written is a slower build, not a failed one: that is a warning.
     *
     * @throws MojoExecutionException when the cache would lie outside the build directory unallowed, for a remote
     *     configuration that cannot be right, and when the remote refuses the credentials and remoteFailOnAuthError
     *     is set
     */
    Result run() throws MojoExecutionException {
        if ("pom".equals(project.getPackaging())) {
            // a reactor's parent is built alone before its modules start: its cold start was on every build's path
            return Result.info("Tandem: nothing to prepare in a module of packaging pom (it compiles nothing)");
        }
        for (String mistake : ReplaySetup.mistakes(project)) {
            log.warn(mistake);
        }
        Path buildDirectory = buildDirectory();
        Path root = root();
        if (!root.startsWith(buildDirectory) && !parameters.allowOutsideBuildDirectory) {
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
            leaveSkipSwitch(layout, parameters.replaySkip ? REPLAY_SKIP_PROPERTY : null);
            // one listing answers whether consumers/ is there and which temporary files to sweep (here or in the
            // maintenance below): a module where nothing uses the cache pays that, and no exception for a missing
            // folder (dear with Maven's deep stack)
            List<Path> rootEntries = CacheMaintenance.list(root);
            if (!indexNeeded(layout, rootEntries)) {
                return prepareWithoutIndex(layout, buildDirectory, rootEntries);
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
                                    return BuildNumber.withoutIndex(layout, log::warn);
                                }
                            });
            int build = indexed.index.buildNumber();
            if (indexed.numberedWithoutIndex) {
                BuildNumber.writeFloor(layout, build);
            }
            if (indexed.previousOtherFormat) {
                log.info(indexed.previousProblem); // an upgrade of Tandem: indexed anew, nothing to warn of
            } else if (indexed.previousProblem != null) {
                log.warn(indexed.previousProblem);
            }
            took[1] = System.nanoTime();
            List<StaleCompile.Change> changes = StaleCompile.changedInputs(layout, indexed.index);
            changes.addAll(StaleCompile.changedCompileInputs(layout, indexed.index));
            changes.addAll(StaleCompile.changedCompilerInputs(buildDirectory, indexed.index));
            int removed = StaleCompile.removeOutputsOfGoneSources(layout, buildDirectory);
            if (removed > 0) {
                log.info("Tandem: removed " + removed + " file" + (removed == 1 ? "" : "s")
                        + " that deleted sources had led to (class files, generated sources)");
            }
            rerunCompile(changes, buildDirectory);
            took[2] = System.nanoTime();
            rerunCompileIfProcessorsChanged(layout, buildDirectory);
            if (CompilerNotes.replays(project)) {
                String hidden = CompilerNotes.hidden(project, userProperties);
                if (hidden != null) {
                    log.info(hidden);
                }
                String recorded = maven.recordClassPath(layout);
                if (log.isDebugEnabled()) {
                    log.debug("Tandem: " + recorded);
                }
            }
            took[3] = System.nanoTime();
            CacheMaintenance.Result kept = new CacheMaintenance(layout)
                    .run(build, Math.max(1, parameters.pruneAfterBuilds), parameters.maxConsumerSize, rootEntries);
            for (String warning : kept.warnings) {
                log.warn(warning);
            }
            project.getProperties().setProperty(CACHE_DIRECTORY_PROPERTY, root.toString());
            took[4] = System.nanoTime();
            String fetched = fetch(layout, build);
            took[5] = System.nanoTime();
            String summary = String.format(
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
                    fetched);
            List<String> details = new ArrayList<>();
            if (log.isDebugEnabled()) {
                details.add("Tandem: build " + build + ", cache root " + root + ", inputs " + fileSets());
                details.add(String.format(
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
            return new Result(summary, false, details, build);
        } catch (CacheFiles.LinkInCacheException e) {
            project.getProperties().setProperty(CACHE_DIRECTORY_PROPERTY, root.toString());
            return Result.warning("Tandem: " + e.getMessage() + " This build runs without the input index.");
        } catch (IOException e) {
            // a cache that cannot be written is a slower build, not a failed one: processors hash what they read
            project.getProperties().setProperty(CACHE_DIRECTORY_PROPERTY, root.toString());
            return Result.warning("Tandem could not prepare the cache in " + root + " (" + e + "); this build runs"
                    + " without the input index. Check that the disk has room and the build directory is writable.");
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
            String typed = userProperties.containsKey(switchName) ? "-D" + switchName : switchName + " in the POM";
            CacheFiles.createDirectories(layout.root(), layout.root());
            AtomicFiles.write(file, typed.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            log.warn("Tandem: could not " + (switchName == null ? "remove " : "write ") + file + " (" + e.getMessage()
                    + "): "
                    + (switchName == null
                            ? "replay stays off, and every processor runs, until it is removed (mvn clean)"
                            : "a forked javac may replay although " + switchName + " is on"));
        }
    }

    /** The cache root, absolute. */
    private Path root() {
        return parameters.cacheDirectory.toAbsolutePath().normalize();
    }

    /** The project's build directory, absolute: where the cache must live unless allowed outside. */
    private Path buildDirectory() {
        return new File(project.getBuild().getDirectory())
                .toPath()
                .toAbsolutePath()
                .normalize();
    }

    /**
     * Marks the compiles stale when an execution's annotation processors or their options changed since the last
     * prepare: the compiler plugin looks only at Java sources.
     */
    /** Makes the next compile rerun when a file besides sources that its output depends on changed. */
    private void rerunCompile(List<StaleCompile.Change> changes, Path buildDirectory) throws IOException {
        if (changes.isEmpty()) {
            return;
        }
        List<String> marked = StaleCompile.markCompilesStale(buildDirectory);
        boolean compiledBefore = Files.isDirectory(buildDirectory.resolve("maven-status"));
        for (StaleCompile.Change change : changes) {
            if (marked.isEmpty() && compiledBefore) {
                log.warn("Tandem: " + shown(change.file) + " " + change.what + " since " + change.consumer
                        + " read it, but " + buildDirectory.resolve("maven-status")
                        + " has no maven-compiler-plugin state to reset: if the compile says \"Nothing to"
                        + " compile\", run mvn clean compile");
            } else {
                log.info("Tandem: " + shown(change.file) + " " + change.what + " since " + change.consumer
                        + " read it: the next compile reruns" + (marked.isEmpty() ? "" : " " + marked));
            }
        }
    }

    private void rerunCompileIfProcessorsChanged(CacheLayout layout, Path buildDirectory) throws IOException {
        List<String> processorsChanged = ProcessorSetup.changed(layout, processorSetup());
        if (!processorsChanged.isEmpty()) {
            List<String> marked = StaleCompile.markCompilesStale(buildDirectory);
            log.info("Tandem: the annotation processors or their options of " + processorsChanged
                    + " changed: the next compile reruns" + (marked.isEmpty() ? "" : " " + marked));
        }
    }

    /** Whether anything in this module uses (or asked for) the input index in this build. */
    private boolean indexNeeded(CacheLayout layout, List<Path> rootEntries) {
        return parameters.alwaysIndex
                || (parameters.inputs != null && !parameters.inputs.isEmpty())
                || parameters.remote
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
    private Result prepareWithoutIndex(CacheLayout layout, Path buildDirectory, List<Path> rootEntries)
            throws IOException {
        rerunCompileIfProcessorsChanged(layout, buildDirectory);
        // Tandem's compiler, with no index: each tracked lombok.config read (most places have none), each source
        // stat'ed
        rerunCompile(StaleCompile.changedCompilerInputs(buildDirectory, null), buildDirectory);
        // no consumer has a folder here (hasConsumers said so): the root's own entries are all there is to sweep
        CacheMaintenance.sweepTemporaryFiles(rootEntries, CacheMaintenance.STALE_TEMPORARY_MILLIS);
        project.getProperties()
                .setProperty(CACHE_DIRECTORY_PROPERTY, layout.root().toString());
        boolean compiler = Files.isDirectory(CacheLayout.compilerHomes(buildDirectory));
        return Result.info("Tandem: nothing uses the cache in this module yet, so its inputs are not indexed"
                + " (-Dtandem.alwaysIndex indexes them anyway)"
                + (compiler ? "; what Tandem's compiler depends on besides changed sources was checked" : ""));
    }

    /**
     * Fetches the entries the module's last pushed build used from the remote, before javac runs; the summary's
     * tail ("" without a remote).
     */
    private String fetch(CacheLayout layout, int build) throws MojoExecutionException {
        Remote remote = maven.remote();
        if (remote == null) {
            return "";
        }
        RemoteConfig config = maven.remoteConfig();
        String module = KeyList.module(project.getGroupId(), project.getArtifactId());
        RemoteFetch.Result fetched = new RemoteFetch(remote, config, layout, log::warn).run(module, build);
        if (remote.authFailure() != null) {
            throw new MojoExecutionException(
                    "Tandem remote: " + remote.authFailure() + " (remoteFailOnAuthError is set)");
        }
        if (remote.offReason() != null && !fetched.listFound) {
            return "; remote off";
        }
        if (fetched.listRefused != null) {
            return "; remote: the key list of " + module + " is " + fetched.listRefused + ", nothing fetched";
        }
        if (!fetched.listFound) {
            return "; remote: no key list for " + module + " yet";
        }
        return String.format(
                "; remote: %d fetched (%s%s) in %d ms, %d already here, %d missing%s",
                fetched.hits,
                CacheReport.bytes(fetched.bytes),
                fetched.hits > 0 && config.publicKey() == null
                        ? ", accepted unsigned: set remotePublicKey to require CI's signature"
                        : "",
                fetched.millis,
                fetched.local,
                fetched.misses,
                fetched.bad == 0 ? "" : ", " + fetched.bad + " failed their check");
    }

    /** Per compiler execution, a digest of its processors; a path that does not resolve counts as unresolved. */
    private Map<String, String> processorSetup() {
        return ProcessorSetup.digests(
                project,
                new Function<Dependency, File>() { // a class: a lambda is dear cold
                    @Override
                    public File apply(Dependency dependency) {
                        return maven.resolve(dependency);
                    }
                });
    }

    private String shown(String file) {
        Path path = new File(file).toPath();
        Path base = project.getBasedir().toPath().toAbsolutePath();
        return path.startsWith(base) ? base.relativize(path).toString() : file;
    }

    private int threadCount() {
        return parameters.threads > 0
                ? parameters.threads
                : Runtime.getRuntime().availableProcessors();
    }

    private List<FileSet> fileSets() {
        if (parameters.inputs != null && !parameters.inputs.isEmpty()) {
            return parameters.inputs;
        }
        List<FileSet> defaults = new ArrayList<>();
        File basedir = project.getBasedir();
        defaults.add(new FileSet(new File(basedir, "src"), Collections.emptyList(), Collections.emptyList()));
        defaults.add(new FileSet(new File(basedir, "pom.xml"), Collections.emptyList(), Collections.emptyList()));
        return defaults;
    }
}
