package dev.tandem.lockstep.source;

import dev.tandem.lockstep.LockstepInputException;
import dev.tandem.lockstep.VersionObservation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;

/**
 * Versions from {@code <plugin><dependencies>}: a processor or its core put on a plugin's class path, with their
 * transitive dependencies.
 */
final class PluginDependencySource implements VersionSource {
    private final TransitiveCollector collector;

    PluginDependencySource(TransitiveCollector collector) {
        this.collector = collector;
    }

    @Override
    public List<VersionObservation> observe(MavenProject project) throws LockstepInputException {
        List<VersionObservation> observations = new ArrayList<>();
        for (Plugin plugin : project.getBuildPlugins()) {
            List<DeclaredArtifact> declared = new ArrayList<>();
            for (Dependency dependency : plugin.getDependencies()) {
                declared.add(DeclaredArtifact.of(dependency, "dependency of plugin " + plugin.getArtifactId()));
            }
            // Maven applies no dependencyManagement to plugin dependencies, so neither does the rule
            observations.addAll(
                    CollectedVersions.observe(declared, Collections.emptyList(), Collections.emptyList(), collector));
        }
        return observations;
    }
}
