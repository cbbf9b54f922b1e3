package dev.tandem.lockstep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.VersionRequest;
import org.eclipse.aether.resolution.VersionResolutionException;

/**
 * The meta-versions {@code LATEST} and {@code RELEASE}, resolved as Maven resolves them (from the repositories'
 * metadata), so that a library written {@code <version>LATEST</version>} is compared by the version it really is. A
 * meta-version Maven cannot resolve is a clear error naming the coordinate, never a literal compared with numbers.
 */
final class MetaVersions {
    static final String LATEST = "LATEST";
    static final String RELEASE = "RELEASE";

    /** Asks the repositories which version a meta-version stands for. */
    interface Resolver {
        /** @throws Exception with a message saying why, when there is no answer */
        String resolve(ArtifactKey artifact, String metaVersion) throws Exception;
    }

    private MetaVersions() {}

    static boolean isMeta(String version) {
        return LATEST.equals(version) || RELEASE.equals(version);
    }

    /** The observations, each meta-version replaced by the version it resolves to; one look-up per artifact. */
    static List<VersionObservation> resolve(List<VersionObservation> observations, Resolver resolver)
            throws LockstepInputException {
        List<VersionObservation> resolved = new ArrayList<>(observations.size());
        Map<String, String> known = new HashMap<>();
        for (VersionObservation o : observations) {
            if (!isMeta(o.version())) {
                resolved.add(o);
                continue;
            }
            String id = o.artifact() + ":" + o.version();
            String version = known.get(id);
            if (version == null) {
                String why = "no metadata names one";
                try {
                    version = resolver.resolve(o.artifact(), o.version());
                } catch (Exception e) {
                    why = String.valueOf(e.getMessage());
                }
                if (version == null || version.isEmpty() || isMeta(version)) {
                    throw new LockstepInputException("lockstep: " + o.artifact() + " in " + o.origin() + " has the"
                            + " meta-version " + o.version() + ", which Maven could not resolve to a version (" + why
                            + "). Write the version itself, e.g. <version>1.2.3</version>: meta-versions also make"
                            + " builds unrepeatable.");
                }
                known.put(id, version);
            }
            resolved.add(new VersionObservation(
                    o.artifact(), version, o.origin() + " (" + o.version() + ")", o.declaredIn()));
        }
        return resolved;
    }

    /** Maven's own resolution: the repositories' maven-metadata.xml, as for a dependency written so. */
    static Resolver of(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repos) {
        return (artifact, metaVersion) -> {
            VersionRequest request = new VersionRequest(
                    new DefaultArtifact(artifact.groupId(), artifact.artifactId(), "pom", metaVersion), repos, null);
            try {
                return system.resolveVersion(session, request).getVersion();
            } catch (VersionResolutionException e) {
                throw new Exception(e.getMessage(), e);
            }
        };
    }
}
