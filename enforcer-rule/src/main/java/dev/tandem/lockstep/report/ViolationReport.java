package dev.tandem.lockstep.report;

import dev.tandem.lockstep.ArtifactKey;
import dev.tandem.lockstep.VersionObservation;
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
public final class ViolationReport {
    private ViolationReport() {}

    public static String format(List<Violation> violations) {
        return format(violations, VersionDeclarations.NONE);
    }

    /** @param declarations how the project's POM writes versions: a property it already uses is the fix's */
    public static String format(List<Violation> violations, VersionDeclarations declarations) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < violations.size(); i++) {
            if (i > 0) {
                out.append(System.lineSeparator()).append(System.lineSeparator());
            }
            String counter = violations.size() > 1 ? " (" + (i + 1) + " of " + violations.size() + ")" : "";
            appendViolation(out, violations.get(i), counter, declarations);
        }
        return out.toString();
    }

    private static void appendViolation(
            StringBuilder out, Violation violation, String counter, VersionDeclarations declarations) {
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
        String existing = existingProperty(found, declarations);
        String property = existing != null ? existing : propertyName(violation.artifacts());
        out.append("  Fix: use ")
                .append(version)
                .append(" (the highest found) for all of them. ")
                .append(existing != null ? "Your build already has a property for it: set" : "Declare it once,")
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
                .append(declaredPlaces(found, declarations, existing))
                .append('.');
        if (found.stream().anyMatch(o -> o.declaredIn() == null)) {
            out.append(nl)
                    .append("       A version that comes in transitively (\"via\") follows the artifact that"
                            + " brings it in; to set it directly, manage it in <dependencyManagement>.");
        }
    }

    /** A property one of the declarations already takes its version from, in this project's POM; or null. */
    private static String existingProperty(List<VersionObservation> found, VersionDeclarations declarations) {
        for (VersionObservation o : found) {
            String property = o.declaredIn() == null ? null : declarations.property(o.artifact());
            if (property != null) {
                return property;
            }
        }
        return null;
    }

    private static String declaredPlaces(
            List<VersionObservation> found, VersionDeclarations declarations, String existing) {
        Set<String> places = new LinkedHashSet<>();
        for (VersionObservation o : found) {
            if (o.declaredIn() == null || (existing != null && existing.equals(declarations.property(o.artifact())))) {
                continue; // transitive, or already written with the property
            }
            String line = declarations.location(o.artifact());
            places.add(o.artifact() + " in " + o.declaredIn() + (line == null ? "" : " (" + line + ")"));
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
