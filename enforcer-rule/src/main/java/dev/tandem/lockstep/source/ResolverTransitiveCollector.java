package dev.tandem.lockstep.source;

import dev.tandem.lockstep.ArtifactKey;
import dev.tandem.lockstep.LockstepInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.RepositoryUtils;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.ArtifactTypeRegistry;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.CollectResult;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/** Collects processor paths with Maven Resolver, as maven-compiler-plugin does; reads POMs, never jars. */
final class ResolverTransitiveCollector implements TransitiveCollector {
    private static final int MAX_DEPTH = 64;

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    ResolverTransitiveCollector(
            RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    @Override
    public List<CollectedArtifact> collect(
            List<DeclaredArtifact> roots, List<org.apache.maven.model.Dependency> managed)
            throws LockstepInputException {
        ArtifactTypeRegistry types = session.getArtifactTypeRegistry();
        CollectRequest request = new CollectRequest();
        request.setRepositories(repositories);
        request.setRequestContext("project");
        for (DeclaredArtifact root : roots) {
            request.addDependency(RepositoryUtils.toDependency(asModelDependency(root), types));
        }
        for (org.apache.maven.model.Dependency dependency : managed) {
            request.addManagedDependency(RepositoryUtils.toDependency(dependency, types));
        }
        CollectResult result;
        try {
            result = system.collectDependencies(session, request);
        } catch (DependencyCollectionException e) {
            throw unresolvable(roots, e);
        }
        requireDescriptors(roots);
        List<CollectedArtifact> collected = new ArrayList<>();
        for (DependencyNode child : result.getRoot().getChildren()) {
            DeclaredArtifact root = rootOf(child.getArtifact(), roots);
            walk(child, root, new ArrayList<>(), collected, Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return collected;
    }

    /**
     * Resolver tolerates a missing POM with a warning and collects the artifact without dependencies; for an
     * artifact the user declared, that means it does not exist or was never downloaded (offline), and its version
     * cannot be vouched for. The POMs are local after collection, so this costs a look-up each.
     */
    private void requireDescriptors(List<DeclaredArtifact> roots) throws LockstepInputException {
        for (DeclaredArtifact root : roots) {
            ArtifactRequest request = new ArtifactRequest(
                    new DefaultArtifact(root.key().groupId(), root.key().artifactId(), "pom", root.version()),
                    repositories,
                    null);
            try {
                system.resolveArtifact(session, request);
            } catch (ArtifactResolutionException e) {
                throw unresolvable(Collections.singletonList(root), e);
            }
        }
    }

    private static LockstepInputException unresolvable(List<DeclaredArtifact> roots, Exception e) {
        return new LockstepInputException(
                "lockstep: cannot resolve " + describe(roots) + ": " + rootCause(e)
                        + ". Check the coordinates and the repositories; when building offline (-o), build once"
                        + " online so Maven can download them.",
                e);
    }

    private static void walk(
            DependencyNode node,
            DeclaredArtifact root,
            List<String> via,
            List<CollectedArtifact> collected,
            Set<DependencyNode> onPath) {
        Artifact artifact = node.getArtifact();
        if (artifact == null || via.size() > MAX_DEPTH || !onPath.add(node)) {
            return;
        }
        collected.add(new CollectedArtifact(
                root,
                ArtifactKey.of(artifact.getGroupId(), artifact.getArtifactId()),
                artifact.getBaseVersion(),
                Collections.unmodifiableList(new ArrayList<>(via))));
        via.add(artifact.getGroupId() + ':' + artifact.getArtifactId() + ':' + artifact.getBaseVersion());
        for (DependencyNode child : node.getChildren()) {
            walk(child, root, via, collected, onPath);
        }
        via.remove(via.size() - 1);
        onPath.remove(node);
    }

    private static DeclaredArtifact rootOf(Artifact artifact, List<DeclaredArtifact> roots) {
        for (DeclaredArtifact root : roots) {
            if (artifact != null
                    && root.key().groupId().equals(artifact.getGroupId())
                    && root.key().artifactId().equals(artifact.getArtifactId())) {
                return root;
            }
        }
        return roots.get(0);
    }

    private static org.apache.maven.model.Dependency asModelDependency(DeclaredArtifact declared) {
        org.apache.maven.model.Dependency dependency = new org.apache.maven.model.Dependency();
        dependency.setGroupId(declared.key().groupId());
        dependency.setArtifactId(declared.key().artifactId());
        dependency.setVersion(declared.version());
        dependency.setClassifier(declared.classifier());
        dependency.setType(declared.type());
        // the scope maven-compiler-plugin gives processor path entries
        dependency.setScope("runtime");
        for (ArtifactKey excluded : declared.exclusions()) {
            org.apache.maven.model.Exclusion exclusion = new org.apache.maven.model.Exclusion();
            exclusion.setGroupId(excluded.groupId());
            exclusion.setArtifactId(excluded.artifactId());
            dependency.addExclusion(exclusion);
        }
        return dependency;
    }

    private static String describe(List<DeclaredArtifact> roots) {
        Map<String, List<String>> byOrigin = new java.util.LinkedHashMap<>();
        for (DeclaredArtifact root : roots) {
            byOrigin.computeIfAbsent(root.origin(), o -> new ArrayList<>()).add(root.key() + ":" + root.version());
        }
        List<String> parts = new ArrayList<>();
        byOrigin.forEach((origin, artifacts) -> parts.add(String.join(", ", artifacts) + " (" + origin + ")"));
        return String.join("; ", parts);
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
