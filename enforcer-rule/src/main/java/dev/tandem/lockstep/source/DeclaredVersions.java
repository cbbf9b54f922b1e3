package dev.tandem.lockstep.source;

import dev.tandem.lockstep.LockstepInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Dependency;

/**
 * Turns the version a POM states for a {@link DeclaredArtifact} into the one version the rule can compare, or says
 * precisely why it cannot: no version and none managed, an unresolved property, a range.
 */
public final class DeclaredVersions {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern EXACT_RANGE = Pattern.compile("\\[\\s*([^,\\[\\]()]+?)\\s*]");

    private DeclaredVersions() {}

    /**
     * Gives every declared artifact its one version.
     *
     * @param declared the artifacts as the POM states them
     * @param managed the project's dependencyManagement, which supplies a missing version as maven-compiler-plugin
     *     3.12+ does: same groupId, artifactId, type and classifier
     */
    static List<DeclaredArtifact> resolve(List<DeclaredArtifact> declared, List<Dependency> managed)
            throws LockstepInputException {
        List<DeclaredArtifact> resolved = new ArrayList<>(declared.size());
        for (DeclaredArtifact artifact : declared) {
            String version = artifact.version();
            if (version == null) {
                version = managedVersion(artifact, managed);
            }
            if (version == null) {
                throw new LockstepInputException("lockstep: " + artifact.key() + " in " + artifact.origin()
                        + " has no <version>, and the project's dependencyManagement has none for it. Add"
                        + " <version> to that entry, or manage " + artifact.key() + " in <dependencyManagement>.");
            }
            resolved.add(artifact.withVersion(exactVersion(version, artifact.key() + " in " + artifact.origin())));
        }
        return resolved;
    }

    /**
     * The one version a version text names: itself, or the single version of an exact range {@code [1.2.3]}.
     *
     * @param what the artifact and where it is written, for the error message
     * @throws LockstepInputException for a property that did not resolve or a true range
     */
    public static String exactVersion(String version, String what) throws LockstepInputException {
        String text = version.trim();
        Matcher property = PROPERTY.matcher(text);
        if (property.find()) {
            throw new LockstepInputException("lockstep: " + what + " has version " + text + ", but the property "
                    + property.group(1) + " is not defined. Define it in <properties> or write the version.");
        }
        Matcher exact = EXACT_RANGE.matcher(text);
        if (exact.matches()) {
            return exact.group(1);
        }
        if (text.startsWith("[") || text.startsWith("(") || text.contains(",")) {
            throw new LockstepInputException("lockstep: " + what + " has the version range " + text
                    + "; a lockstep check needs one version. Write the exact version, e.g. <version>1.2.3</version>"
                    + " or <version>[1.2.3]</version>.");
        }
        return text;
    }

    private static String managedVersion(DeclaredArtifact artifact, List<Dependency> managed) {
        for (Dependency dependency : managed) {
            if (artifact.key().groupId().equals(dependency.getGroupId())
                    && artifact.key().artifactId().equals(dependency.getArtifactId())
                    && artifact.type().equals(dependency.getType())
                    && Objects.equals(artifact.classifier(), emptyToNull(dependency.getClassifier()))) {
                return dependency.getVersion();
            }
        }
        return null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
