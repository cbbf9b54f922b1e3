package dev.tandem.lockstep;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.project.MavenProject;

/**
 * Versions from the project's dependency graph as Maven resolved it: all scopes, transitive, each with the path
 * that brought it in. The enforce goal collects test scope before any rule runs, so nothing is resolved here.
 */
final class DependencyGraphSource {
    static final String DECLARED_IN = "<dependencies>";

    private DependencyGraphSource() {}

    static List<VersionObservation> observe(MavenProject project) {
        List<VersionObservation> observations = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            List<String> via = intermediates(artifact.getDependencyTrail());
            String scope = artifact.getScope() == null ? "compile" : artifact.getScope();
            String origin = via.isEmpty()
                    ? "direct dependency (" + scope + ")"
                    : "dependency (" + scope + ") via " + String.join(" -> ", via);
            observations.add(new VersionObservation(
                    ArtifactKey.of(artifact.getGroupId(), artifact.getArtifactId()),
                    artifact.getBaseVersion(),
                    origin,
                    via.isEmpty() ? DECLARED_IN : null));
        }
        return observations;
    }

    /** The trail runs from the project to the artifact; what lies between, as {@code g:a:v}. */
    private static List<String> intermediates(List<String> trail) {
        List<String> via = new ArrayList<>();
        if (trail == null || trail.size() <= 2) {
            return via;
        }
        for (String id : trail.subList(1, trail.size() - 1)) {
            String[] parts = id.split(":");
            via.add(parts.length >= 3 ? parts[0] + ':' + parts[1] + ':' + parts[parts.length - 1] : id);
        }
        return via;
    }
}
