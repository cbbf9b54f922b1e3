package dev.tandem.lockstep.source;

import dev.tandem.lockstep.LockstepInputException;
import dev.tandem.lockstep.VersionObservation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.maven.model.Dependency;

/**
 * The observations of a set of declared artifacts and their transitive dependencies: what processor paths and
 * plugin dependencies have in common.
 */
final class CollectedVersions {
    private CollectedVersions() {}

    /**
     * @param declared the artifacts as a POM declares them, maybe without versions
     * @param managedForRoots where missing root versions come from
     * @param managedForTransitives dependencyManagement applied to transitive dependencies (empty for none)
     */
    static List<VersionObservation> observe(
            List<DeclaredArtifact> declared,
            List<Dependency> managedForRoots,
            List<Dependency> managedForTransitives,
            TransitiveCollector collector)
            throws LockstepInputException {
        if (declared.isEmpty()) {
            return Collections.emptyList();
        }
        List<DeclaredArtifact> roots = DeclaredVersions.resolve(declared, managedForRoots);
        List<VersionObservation> observations = new ArrayList<>();
        for (TransitiveCollector.CollectedArtifact node : collector.collect(roots, managedForTransitives)) {
            String origin = node.root().origin();
            String declaredIn = origin;
            if (!node.via().isEmpty()) {
                origin = origin + ", via " + String.join(" -> ", node.via());
                declaredIn = null;
            }
            observations.add(new VersionObservation(node.key(), node.version(), origin, declaredIn));
        }
        return observations;
    }
}
