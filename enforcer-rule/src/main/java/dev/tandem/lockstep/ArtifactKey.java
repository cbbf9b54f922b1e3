package dev.tandem.lockstep;

import java.util.Comparator;
import java.util.Objects;

/** An artifact without its version: {@code groupId:artifactId}, the unit a lockstep group is made of. */
public final class ArtifactKey implements Comparable<ArtifactKey> {
    private static final Comparator<ArtifactKey> ORDER =
            Comparator.comparing(ArtifactKey::groupId).thenComparing(ArtifactKey::artifactId);

    private final String groupId;
    private final String artifactId;

    private ArtifactKey(String groupId, String artifactId) {
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.artifactId = Objects.requireNonNull(artifactId, "artifactId");
    }

    public static ArtifactKey of(String groupId, String artifactId) {
        return new ArtifactKey(groupId, artifactId);
    }

    public String groupId() {
        return groupId;
    }

    public String artifactId() {
        return artifactId;
    }

    @Override
    public int compareTo(ArtifactKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ArtifactKey)) {
            return false;
        }
        ArtifactKey that = (ArtifactKey) o;
        return groupId.equals(that.groupId) && artifactId.equals(that.artifactId);
    }

    @Override
    public int hashCode() {
        return 31 * groupId.hashCode() + artifactId.hashCode();
    }

    @Override
    public String toString() {
        return groupId + ':' + artifactId;
    }
}
