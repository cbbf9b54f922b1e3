package dev.tandem.lockstep.companion;

import dev.tandem.lockstep.ArtifactKey;
import java.util.Objects;

/** A library's statement, in the inert {@code lockstep} profile of its POM, that a companion must be used at a version. */
public final class CompanionDeclaration {
    private final ArtifactKey publisher;
    private final String publisherVersion;
    private final ArtifactKey companion;
    private final String requiredVersion;

    public CompanionDeclaration(
            ArtifactKey publisher, String publisherVersion, ArtifactKey companion, String requiredVersion) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.publisherVersion = Objects.requireNonNull(publisherVersion, "publisherVersion");
        this.companion = Objects.requireNonNull(companion, "companion");
        this.requiredVersion = Objects.requireNonNull(requiredVersion, "requiredVersion");
    }

    public ArtifactKey publisher() {
        return publisher;
    }

    public String publisherVersion() {
        return publisherVersion;
    }

    public ArtifactKey companion() {
        return companion;
    }

    public String requiredVersion() {
        return requiredVersion;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CompanionDeclaration)) {
            return false;
        }
        CompanionDeclaration that = (CompanionDeclaration) o;
        return publisher.equals(that.publisher)
                && publisherVersion.equals(that.publisherVersion)
                && companion.equals(that.companion)
                && requiredVersion.equals(that.requiredVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(publisher, publisherVersion, companion, requiredVersion);
    }

    @Override
    public String toString() {
        return publisher + ":" + publisherVersion + " declares " + companion + ":[" + requiredVersion + "]";
    }
}
