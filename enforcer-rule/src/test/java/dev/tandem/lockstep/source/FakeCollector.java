package dev.tandem.lockstep.source;

import dev.tandem.lockstep.ArtifactKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Dependency;

/** Collects like Maven Resolver would, from a table of each artifact's dependencies written by the test. */
final class FakeCollector implements TransitiveCollector {
    private final Map<String, List<String>> dependenciesOf = new HashMap<>();
    final List<List<DeclaredArtifact>> requests = new ArrayList<>();
    final List<List<Dependency>> managedPerRequest = new ArrayList<>();

    FakeCollector dependsOn(String coordinates, String... dependencies) {
        dependenciesOf.put(coordinates, Arrays.asList(dependencies));
        return this;
    }

    @Override
    public List<CollectedArtifact> collect(List<DeclaredArtifact> roots, List<Dependency> managed) {
        requests.add(roots);
        managedPerRequest.add(managed);
        List<CollectedArtifact> collected = new ArrayList<>();
        for (DeclaredArtifact root : roots) {
            add(root, root.key() + ":" + root.version(), new ArrayList<>(), collected);
        }
        return collected;
    }

    private void add(DeclaredArtifact root, String coordinates, List<String> via, List<CollectedArtifact> out) {
        String[] parts = coordinates.split(":");
        out.add(new CollectedArtifact(root, ArtifactKey.of(parts[0], parts[1]), parts[2], new ArrayList<>(via)));
        via.add(coordinates);
        for (String dependency : dependenciesOf.getOrDefault(coordinates, new ArrayList<>())) {
            add(root, dependency, via, out);
        }
        via.remove(via.size() - 1);
    }
}
