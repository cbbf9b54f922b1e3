package dev.tandem.lockstep.source;

import dev.tandem.lockstep.LockstepInputException;
import dev.tandem.lockstep.VersionObservation;
import java.util.List;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * One kind of place in a project's build that uses an artifact at a version: the dependency graph, an annotation
 * processor path, a plugin's dependencies. The rule asks every source of {@link #all} and checks what they observed
 * together.
 */
public interface VersionSource {

    /**
     * @return every version this source finds in the project, each with where it comes from
     * @throws LockstepInputException when a version the rule has to check cannot be determined
     */
    List<VersionObservation> observe(MavenProject project) throws LockstepInputException;

    /**
     * The sources the rule reads, in this order: the dependency graph, annotation processor paths (with Maven 4
     * processor dependencies), plugin dependencies, build and report plugins' own versions, coordinates in plugin
     * configuration. Processor paths and plugin dependencies are collected with their transitive dependencies
     * through Maven Resolver.
     */
    static List<VersionSource> all(
            RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        TransitiveCollector collector = new ResolverTransitiveCollector(system, session, repositories);
        return List.of(
                new DependencyGraphSource(),
                new ProcessorPathSource(collector),
                new PluginDependencySource(collector),
                new BuildPluginSource(),
                new PluginConfigurationSource());
    }
}
