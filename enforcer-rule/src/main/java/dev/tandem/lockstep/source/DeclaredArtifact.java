package dev.tandem.lockstep.source;

import dev.tandem.lockstep.ArtifactKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Exclusion;

/**
 * An artifact the user's POM names outside the dependency graph: an annotationProcessorPaths entry, a plugin's
 * dependency, a Maven 4 {@code processor} dependency. Its version may still be missing (taken from
 * dependencyManagement, like maven-compiler-plugin 3.12+ does).
 */
final class DeclaredArtifact {
    private final ArtifactKey key;
    private final String version;
    private final String classifier;
    private final String type;
    private final List<ArtifactKey> exclusions;
    private final String origin;

    DeclaredArtifact(
            ArtifactKey key,
            String version,
            String classifier,
            String type,
            List<ArtifactKey> exclusions,
            String origin) {
        this.key = Objects.requireNonNull(key, "key");
        this.version = blankToNull(version);
        this.classifier = blankToNull(classifier);
        this.type = type == null || type.trim().isEmpty() ? "jar" : type.trim();
        this.exclusions = Collections.unmodifiableList(exclusions);
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** A dependency as the POM model states it: a plugin's dependency, a Maven 4 processor dependency. */
    static DeclaredArtifact of(Dependency dependency, String origin) {
        List<ArtifactKey> exclusions = new ArrayList<>();
        for (Exclusion exclusion : dependency.getExclusions()) {
            exclusions.add(ArtifactKey.of(exclusion.getGroupId(), exclusion.getArtifactId()));
        }
        return new DeclaredArtifact(
                ArtifactKey.of(dependency.getGroupId(), dependency.getArtifactId()),
                dependency.getVersion(),
                dependency.getClassifier(),
                dependency.getType(),
                exclusions,
                origin);
    }

    private static String blankToNull(String s) {
        return s == null || s.trim().isEmpty() ? null : s.trim();
    }

    ArtifactKey key() {
        return key;
    }

    /** The version as written, or {@code null} when the POM gives none. */
    String version() {
        return version;
    }

    String classifier() {
        return classifier;
    }

    String type() {
        return type;
    }

    List<ArtifactKey> exclusions() {
        return exclusions;
    }

    /** Where the POM declares it, e.g. "maven-compiler-plugin annotationProcessorPaths, execution default-compile". */
    String origin() {
        return origin;
    }

    DeclaredArtifact withVersion(String newVersion) {
        return new DeclaredArtifact(key, newVersion, classifier, type, exclusions, origin);
    }

    @Override
    public String toString() {
        return key + ":" + (version == null ? "(no version)" : version) + " in " + origin;
    }
}
