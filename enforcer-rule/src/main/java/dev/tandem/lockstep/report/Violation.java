package dev.tandem.lockstep.report;

import dev.tandem.lockstep.ArtifactKey;
import dev.tandem.lockstep.VersionObservation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Artifacts that must share one version and do not: what was found, and why they must agree. */
public final class Violation {
    private final List<VersionObservation> found;
    private final List<String> reasons;

    /** For a broken relation: the first line's statement and the fix; null for "must be used at one version". */
    private final String headline;

    private final String fix;

    public Violation(List<VersionObservation> found, List<String> reasons) {
        this(found, reasons, null, null);
    }

    public Violation(List<VersionObservation> found, List<String> reasons, String headline, String fix) {
        this.found = Collections.unmodifiableList(new ArrayList<>(found));
        this.reasons = Collections.unmodifiableList(new ArrayList<>(reasons));
        this.headline = headline;
        this.fix = fix;
    }

    String headline() {
        return headline;
    }

    String fix() {
        return fix;
    }

    /** Every observation involved, sorted by artifact, version and origin. */
    public List<VersionObservation> found() {
        return found;
    }

    public List<String> reasons() {
        return reasons;
    }

    public Set<String> versions() {
        Set<String> versions = new TreeSet<>();
        found.forEach(o -> versions.add(o.version()));
        return versions;
    }

    Set<ArtifactKey> artifacts() {
        Set<ArtifactKey> artifacts = new TreeSet<>();
        found.forEach(o -> artifacts.add(o.artifact()));
        return artifacts;
    }
}
