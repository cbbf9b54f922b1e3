package dev.tandem.lockstep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * The failure message: per violation, the versions found and where each comes from, why they must agree, and the
 * one fix. A user reads it once and knows what to change.
 */
final class ViolationReport {
    private ViolationReport() {}

    static String format(List<Violation> violations) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < violations.size(); i++) {
            if (i > 0) {
                out.append(System.lineSeparator()).append(System.lineSeparator());
            }
            String counter = violations.size() > 1 ? " (" + (i + 1) + " of " + violations.size() + ")" : "";
            appendViolation(out, violations.get(i), counter);
        }
        return out.toString();
    }

    private static void appendViolation(StringBuilder out, Violation violation, String counter) {
        String nl = System.lineSeparator();
        List<VersionObservation> found = violation.found();
        String artifacts =
                violation.artifacts().stream().map(ArtifactKey::toString).collect(Collectors.joining(", "));
        out.append("Lockstep").append(counter).append(": ");
        if (violation.headline() != null) {
            out.append(violation.headline()).append(nl);
        } else {
            out.append(artifacts)
                    .append(" must be used at one version, but ")
                    .append(violation.versions().size())
                    .append(" are: ")
                    .append(String.join(", ", violation.versions()))
                    .append('.')
                    .append(nl);
        }
        for (String reason : violation.reasons()) {
            out.append("  Why: ").append(reason).append('.').append(nl);
        }
        out.append("  Found:").append(nl);
        int versionWidth =
                found.stream().mapToInt(o -> o.version().length()).max().orElse(0);
        int artifactWidth = found.stream()
                .mapToInt(o -> o.artifact().toString().length())
                .max()
                .orElse(0);
        for (VersionObservation o : found) {
            out.append("    ")
                    .append(pad(o.version(), versionWidth))
                    .append("  ")
                    .append(pad(o.artifact().toString(), artifactWidth))
                    .append("  ")
                    .append(o.origin())
                    .append(nl);
        }
        if (violation.fix() != null) {
            out.append("  Fix: ").append(violation.fix());
            return;
        }
        String version = highest(violation.versions());
        String property = propertyName(violation.artifacts());
        out.append("  Fix: use ")
                .append(version)
                .append(" (the highest found) for all of them. Declare it once,")
                .append(nl)
                .append("         <properties><")
                .append(property)
                .append('>')
                .append(version)
                .append("</")
                .append(property)
                .append("></properties>")
                .append(nl)
                .append("       and write <version>${")
                .append(property)
                .append("}</version> for ")
                .append(declaredPlaces(found))
                .append('.');
        if (found.stream().anyMatch(o -> o.declaredIn() == null)) {
            out.append(nl)
                    .append("       A version that comes in transitively (\"via\") follows the artifact that"
                            + " brings it in; to set it directly, manage it in <dependencyManagement>.");
        }
    }

    private static String declaredPlaces(List<VersionObservation> found) {
        Set<String> places = new LinkedHashSet<>();
        for (VersionObservation o : found) {
            if (o.declaredIn() != null) {
                places.add(o.artifact() + " in " + o.declaredIn());
            }
        }
        if (places.isEmpty()) {
            return "each of them in <dependencyManagement>";
        }
        List<String> list = new ArrayList<>(places);
        if (list.size() == 1) {
            return list.get(0);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.get(list.size() - 1);
    }

    static String highest(Set<String> versions) {
        return versions.stream()
                .max(Comparator.comparing(ComparableVersion::new))
                .orElse("");
    }

    /** A property name users would write: the shortest artifactId, e.g. {@code mapstruct.version}. */
    static String propertyName(Set<ArtifactKey> artifacts) {
        return artifacts.stream()
                        .map(ArtifactKey::artifactId)
                        .min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
                        .orElse("lockstep")
                + ".version";
    }

    private static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }
}
