package dev.tandem.lockstep.companion;

import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.metadata.Metadata;
import org.eclipse.aether.repository.LocalArtifactRegistration;
import org.eclipse.aether.repository.LocalArtifactRequest;
import org.eclipse.aether.repository.LocalArtifactResult;
import org.eclipse.aether.repository.LocalMetadataRegistration;
import org.eclipse.aether.repository.LocalMetadataRequest;
import org.eclipse.aether.repository.LocalMetadataResult;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.LocalRepositoryManager;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.WorkspaceReader;
import org.eclipse.aether.repository.WorkspaceRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;

/**
 * Maven Resolver's interfaces, answered from tables a test fills: a local repository in a directory (the usual
 * layout), what its manager's {@code find} answers, what a full resolution answers, and the reactor.
 */
public final class FakeResolver {
    final Path localRepository;
    final Map<String, File> foundByManager = new HashMap<>();
    final Map<String, File> resolvable = new HashMap<>();
    final Map<String, File> reactor = new HashMap<>();
    int resolutions;

    public FakeResolver(Path localRepository) {
        this.localRepository = localRepository;
    }

    static String key(Artifact artifact) {
        return artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getExtension() + ":"
                + artifact.getVersion();
    }

    public DefaultRepositorySystemSession session() {
        DefaultRepositorySystemSession session = new DefaultRepositorySystemSession();
        session.setLocalRepositoryManager(new LocalManager());
        session.setWorkspaceReader(new Reactor());
        return session;
    }

    public RepositorySystem system() {
        return (RepositorySystem) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RepositorySystem.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("resolveArtifact")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    resolutions++;
                    ArtifactRequest request = (ArtifactRequest) args[1];
                    File file = resolvable.get(key(request.getArtifact()));
                    ArtifactResult result = new ArtifactResult(request);
                    if (file == null) {
                        throw new ArtifactResolutionException(java.util.Collections.singletonList(result));
                    }
                    return result.setArtifact(request.getArtifact().setFile(file));
                });
    }

    private final class Reactor implements WorkspaceReader {
        @Override
        public WorkspaceRepository getRepository() {
            return new WorkspaceRepository("reactor");
        }

        @Override
        public File findArtifact(Artifact artifact) {
            return reactor.get(key(artifact));
        }

        @Override
        public java.util.List<String> findVersions(Artifact artifact) {
            return java.util.Collections.emptyList();
        }
    }

    private final class LocalManager implements LocalRepositoryManager {
        @Override
        public LocalRepository getRepository() {
            return new LocalRepository(localRepository.toFile());
        }

        @Override
        public String getPathForLocalArtifact(Artifact artifact) {
            return artifact.getGroupId().replace('.', '/') + "/" + artifact.getArtifactId() + "/"
                    + artifact.getVersion() + "/" + artifact.getArtifactId() + "-" + artifact.getVersion() + "."
                    + artifact.getExtension();
        }

        @Override
        public LocalArtifactResult find(
                org.eclipse.aether.RepositorySystemSession session, LocalArtifactRequest request) {
            return new LocalArtifactResult(request).setFile(foundByManager.get(key(request.getArtifact())));
        }

        @Override
        public String getPathForRemoteArtifact(Artifact artifact, RemoteRepository repository, String context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getPathForLocalMetadata(Metadata metadata) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getPathForRemoteMetadata(Metadata metadata, RemoteRepository repository, String context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void add(org.eclipse.aether.RepositorySystemSession session, LocalArtifactRegistration request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LocalMetadataResult find(
                org.eclipse.aether.RepositorySystemSession session, LocalMetadataRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void add(org.eclipse.aether.RepositorySystemSession session, LocalMetadataRegistration request) {
            throw new UnsupportedOperationException();
        }
    }
}
