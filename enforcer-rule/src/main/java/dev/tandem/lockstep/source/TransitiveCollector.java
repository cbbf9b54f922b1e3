package dev.tandem.lockstep.source;

import dev.tandem.lockstep.ArtifactKey;
import dev.tandem.lockstep.LockstepInputException;
import java.util.List;
import org.apache.maven.model.Dependency;

/**
 * Collects declared artifacts together with their transitive dependencies, the way maven-compiler-plugin resolves
 * annotationProcessorPaths: all roots in one request, runtime scope, conflicts resolved among them. Only POMs are
 * read; no jar is downloaded.
 */
interface TransitiveCollector {

    /**
     * @param roots declared artifacts, each with its version
     * @param managed dependencyManagement applied to the transitive dependencies, or empty
     * @return every artifact of the collected graph, roots included, each once per path
     */
    List<CollectedArtifact> collect(List<DeclaredArtifact> roots, List<Dependency> managed)
            throws LockstepInputException;

    /** One node of a collected graph. */
    final class CollectedArtifact {
        private final DeclaredArtifact root;
        private final ArtifactKey key;
        private final String version;
        private final List<String> via;

        /**
         * @param root the declared artifact this node hangs under
         * @param key the node's artifact
         * @param version its base version
         * @param via the artifacts between the root (included) and this node, as {@code g:a:v}; empty for the root
         */
        CollectedArtifact(DeclaredArtifact root, ArtifactKey key, String version, List<String> via) {
            this.root = root;
            this.key = key;
            this.version = version;
            this.via = via;
        }

        DeclaredArtifact root() {
            return root;
        }

        ArtifactKey key() {
            return key;
        }

        String version() {
            return version;
        }

        List<String> via() {
            return via;
        }
    }
}
