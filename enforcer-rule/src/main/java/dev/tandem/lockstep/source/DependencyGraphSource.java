package dev.tandem.lockstep.source;

import dev.tandem.lockstep.ArtifactKey;
import dev.tandem.lockstep.VersionObservation;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.project.MavenProject;

/**
 * Versions from the project's dependency graph as Maven resolved it: all scopes, transitive, each with the path
 * that brought it in. The enforce goal collects test scope before any rule runs, so nothing is resolved here.
 *
 * <p>Maven 4 resolves dependencies of type {@code processor} (and their own dependencies) into the same graph;
 * {@link ProcessorPathSource} reports those, named as processors, so they are left out here rather than reported
 * twice.
 */
final class DependencyGraphSource implements VersionSource {
    static final String DECLARED_IN = "<dependencies>";

    @Override
    public List<VersionObservation> observe(MavenProject project) {
        List<VersionObservation> observations = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            if (onProcessorPath(artifact)) {
                continue;
            }
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

    private static boolean onProcessorPath(Artifact artifact) {
        if (ProcessorPathSource.PROCESSOR_TYPES.contains(artifact.getType())) {
            return true;
        }
        List<String> trail = artifact.getDependencyTrail();
        if (trail == null) {
            return false;
        }
        // each entry is groupId:artifactId:type[:classifier]:version; the first is the project itself
        for (String id : trail.subList(Math.min(1, trail.size()), trail.size())) {
            String[] parts = id.split(":");
            if (parts.length >= 4 && ProcessorPathSource.PROCESSOR_TYPES.contains(parts[2])) {
                return true;
            }
        }
        return false;
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
