package dev.tandem.lockstep;

import java.util.Comparator;
import java.util.Objects;

/**
 * One place a version of an artifact comes from in the build: the dependency graph, a processor path, a plugin's
 * dependencies. Two observations of one artifact at different versions, or of two artifacts of one lockstep group,
 * are what the rule reports.
 */
public final class VersionObservation {
    static final Comparator<VersionObservation> ORDER = Comparator.comparing(VersionObservation::artifact)
            .thenComparing(VersionObservation::version)
            .thenComparing(VersionObservation::origin);

    private final ArtifactKey artifact;
    private final String version;
    private final String origin;
    private final String declaredIn;

    /**
     * @param artifact the artifact
     * @param version its version as used (a base version for snapshots)
     * @param origin where it comes from, for a person: "direct dependency (compile)", "maven-compiler-plugin
     *     annotationProcessorPaths, execution default-compile, via com.google.dagger:dagger-compiler:2.51"
     * @param declaredIn where the user's POM states this version directly, or {@code null} when it comes in
     *     transitively; the fix names these places
     */
    public VersionObservation(ArtifactKey artifact, String version, String origin, String declaredIn) {
        this.artifact = Objects.requireNonNull(artifact, "artifact");
        this.version = Objects.requireNonNull(version, "version");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.declaredIn = declaredIn;
    }

    public ArtifactKey artifact() {
        return artifact;
    }

    public String version() {
        return version;
    }

    public String origin() {
        return origin;
    }

    /** Where the user's POM states this version, or {@code null} for a transitive one. */
    public String declaredIn() {
        return declaredIn;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VersionObservation)) {
            return false;
        }
        VersionObservation that = (VersionObservation) o;
        return artifact.equals(that.artifact)
                && version.equals(that.version)
                && origin.equals(that.origin)
                && Objects.equals(declaredIn, that.declaredIn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(artifact, version, origin, declaredIn);
    }

    @Override
    public String toString() {
        return artifact + ":" + version + " (" + origin + ")";
    }
}
