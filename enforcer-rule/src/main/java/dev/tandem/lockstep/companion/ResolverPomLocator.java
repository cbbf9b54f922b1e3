package dev.tandem.lockstep.companion;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.LocalArtifactRequest;
import org.eclipse.aether.repository.LocalRepositoryManager;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.WorkspaceReader;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Finds POMs the way Maven Resolver does, so the reactor (a sibling module's pom.xml), the local repository's
 * layout and offline mode are all Maven's own. The POMs asked for belong to artifacts the build has already
 * collected, so they are nearly always local: those are looked up directly (tens of microseconds each) rather
 * than through a full resolution with its locks and update checks (hundreds), which matters for the first module
 * of a build with a large graph.
 */
final class ResolverPomLocator implements PomLocator {
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    ResolverPomLocator(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    @Override
    public Optional<Path> pom(String groupId, String artifactId, String version) {
        Artifact pom = new DefaultArtifact(groupId, artifactId, "pom", version);
        WorkspaceReader reactor = session.getWorkspaceReader();
        File file = reactor == null ? null : reactor.findArtifact(pom);
        if (file == null) {
            file = local(pom);
        }
        if (file == null) {
            file = resolve(pom);
        }
        return Optional.ofNullable(file).map(File::toPath);
    }

    /**
     * In the usual local repository layout a downloaded POM lies at the same path as an installed one, so one stat
     * finds it without reading the repository's tracking files; other layouts (a split repository) go through the
     * local repository manager's own look-up.
     */
    private File local(Artifact pom) {
        LocalRepositoryManager local = session.getLocalRepositoryManager();
        File direct = new File(local.getRepository().getBasedir(), local.getPathForLocalArtifact(pom));
        if (direct.isFile()) {
            return direct;
        }
        File found = local.find(session, new LocalArtifactRequest(pom, repositories, null))
                .getFile();
        return found != null && found.isFile() ? found : null;
    }

    private File resolve(Artifact pom) {
        try {
            return system.resolveArtifact(session, new ArtifactRequest(pom, repositories, null))
                    .getArtifact()
                    .getFile();
        } catch (ArtifactResolutionException e) {
            return null;
        }
    }
}
