package dev.tandem.maven;

import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.maven.remote.Remote;
import dev.tandem.maven.remote.RemoteConfig;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import javax.inject.Inject;
import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;
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

    private final RepositorySystem repositorySystem;
    private final ProjectDependenciesResolver dependenciesResolver;

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
    @Parameter(property = Preparation.REPLAY_SKIP_PROPERTY, defaultValue = "false")
    private boolean replaySkip;

    @Inject
    public PrepareMojo(
            RepositorySystem repositorySystem,
            ProjectDependenciesResolver dependenciesResolver,
            SettingsDecrypter decrypter) {
        super(decrypter);
        this.repositorySystem = Objects.requireNonNull(repositorySystem, "repositorySystem");
        this.dependenciesResolver = Objects.requireNonNull(dependenciesResolver, "dependenciesResolver");
    }

    @Override
    protected void skipped(String switchName) {
        preparation().skipped(switchName);
    }

    @Override
    protected void run() throws MojoExecutionException {
        Preparation.Result prepared = preparation().run();
        if (prepared.warning) {
            getLog().warn(prepared.summary);
        } else {
            getLog().info(prepared.summary);
        }
        for (String detail : prepared.details) {
            getLog().debug(detail);
        }
    }

    private Preparation preparation() {
        Preparation.Parameters parameters = new Preparation.Parameters();
        parameters.cacheDirectory = cacheDirectory.toPath();
        parameters.allowOutsideBuildDirectory = allowOutsideBuildDirectory;
        parameters.inputs = inputs;
        parameters.pruneAfterBuilds = pruneAfterBuilds;
        parameters.maxConsumerSize = maxConsumerSize;
        parameters.alwaysIndex = alwaysIndex;
        parameters.threads = threads;
        parameters.replaySkip = replaySkip;
        parameters.remote = remoteUrl != null && !remoteUrl.trim().isEmpty();
        return new Preparation(parameters, project, session.getUserProperties(), new MavenAccess(), getLog());
    }

    /** prepare's way into this Maven: its resolver, the reactor, and the remote as configured here. */
    private final class MavenAccess implements Preparation.Maven {
        @Override
        public File resolve(Dependency dependency) {
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
                        .resolveArtifact(session.getRepositorySession(), request)
                        .getArtifact()
                        .getFile();
            } catch (ArtifactResolutionException | RuntimeException e) {
                return null; // the compiler reports it; a later prepare records it once it resolves
            }
        }

        @Override
        public String recordClassPath(CacheLayout layout) throws IOException {
            return ClassPathRecorder.record(
                    project, session.getProjects(), session.getRepositorySession(), dependenciesResolver, layout);
        }

        @Override
        public Remote remote() throws MojoExecutionException {
            return PrepareMojo.this.remote(null);
        }

        @Override
        public RemoteConfig remoteConfig() {
            return remoteConfig;
        }
    }
}
