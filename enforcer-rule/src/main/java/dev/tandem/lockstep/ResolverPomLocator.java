package dev.tandem.lockstep;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Finds POMs through Maven Resolver, so the local repository layout, the reactor (a sibling module's pom.xml) and
 * the session's offline mode are all Maven's. The POMs asked for belong to artifacts the build has already
 * collected, so they are local: nothing new is downloaded.
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
        ArtifactRequest request =
                new ArtifactRequest(new DefaultArtifact(groupId, artifactId, "pom", version), repositories, null);
        try {
            File file = system.resolveArtifact(session, request).getArtifact().getFile();
            return Optional.ofNullable(file).map(File::toPath);
        } catch (ArtifactResolutionException e) {
            return Optional.empty();
        }
    }
}
