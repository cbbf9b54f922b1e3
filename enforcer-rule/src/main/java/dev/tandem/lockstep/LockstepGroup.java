package dev.tandem.lockstep;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A set of artifacts that must all be used at one version, with the reason a person is shown when they are not.
 * Members are {@code groupId:artifactId}, or {@code groupId:*} for every artifact of a groupId.
 */
final class LockstepGroup {
    private static final String PART = "[A-Za-z0-9_.-]+";
    private static final Pattern MEMBER = Pattern.compile(PART + ":(" + PART + "|\\*)");
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    /** Separates runtime members (left) from the generator members (right) of a relation group. */
    static final String NEWER_RUNTIME = ">=";

    private final List<String> members;
    /** For a relation group, the generators; empty when every member must be at one version. */
    private final List<String> generators;

    private final String reason;

    private LockstepGroup(List<String> members, List<String> generators, String reason) {
        this.members = Collections.unmodifiableList(members);
        this.generators = Collections.unmodifiableList(generators);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Whether the text is a relation group, {@code runtime, runtime >= generator, generator}: the runtime may be
     * newer than the generator within one major version, never older; each side is at one version.
     */
    static boolean isRelation(String text) {
        return text != null && text.contains(NEWER_RUNTIME);
    }

    /**
     * Parses a group as written in the rule configuration or the built-in catalogue: members separated by commas
     * or white space.
     *
     * @param text for example {@code "org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor"}
     * @param reason why these artifacts must agree, shown in the failure message
     * @param where where the text was written, for the error message
     * @throws LockstepConfigurationException when a member is not of the form {@code groupId:artifactId} or
     *     {@code groupId:*}, or the group is empty
     */
    static LockstepGroup parse(String text, String reason, String where) throws LockstepConfigurationException {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new LockstepConfigurationException("lockstep: " + where + " is empty. Write the artifacts that"
                    + " must share one version, e.g. <group>org.mapstruct:mapstruct,"
                    + " org.mapstruct:mapstruct-processor</group>, or org.mapstruct:* for a whole groupId.");
        }
        List<String> generators = new java.util.ArrayList<>();
        if (isRelation(trimmed)) {
            int at = trimmed.indexOf(NEWER_RUNTIME);
            String right = trimmed.substring(at + NEWER_RUNTIME.length());
            generators = split(right);
            trimmed = trimmed.substring(0, at).trim();
            if (trimmed.isEmpty() || generators.isEmpty() || isRelation(right)) {
                throw new LockstepConfigurationException("lockstep: " + where + " must name runtime artifacts, '"
                        + NEWER_RUNTIME + "', then generator artifacts, once, e.g. <group>com.google.protobuf:"
                        + "protobuf-java " + NEWER_RUNTIME + " com.google.protobuf:protoc</group>.");
            }
        }
        List<String> members = split(trimmed);
        for (String generator : generators) {
            if (!members.contains(generator)) {
                members.add(generator);
            }
        }
        for (String member : members) {
            if (!MEMBER.matcher(member).matches()) {
                throw new LockstepConfigurationException("lockstep: '" + member + "' in " + where
                        + " is not of the form groupId:artifactId or groupId:*. Write e.g."
                        + " <group>org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor</group>.");
            }
        }
        return new LockstepGroup(members, generators, reason);
    }

    private static List<String> split(String text) {
        return SEPARATORS
                .splitAsStream(text.trim())
                .filter(s -> !s.isEmpty())
                .distinct()
                .collect(Collectors.toCollection(java.util.ArrayList::new));
    }

    /** Whether this is a relation group: runtimes may be newer than generators within one major version. */
    boolean isRelation() {
        return !generators.isEmpty();
    }

    /** For a relation group, whether the artifact is one of the generators (else a runtime). */
    boolean isGenerator(ArtifactKey artifact) {
        return matches(generators, artifact);
    }

    boolean contains(ArtifactKey artifact) {
        return matches(members, artifact);
    }

    private static boolean matches(List<String> members, ArtifactKey artifact) {
        for (String member : members) {
            int colon = member.indexOf(':');
            if (member.regionMatches(0, artifact.groupId(), 0, colon)
                    && colon == artifact.groupId().length()) {
                String artifactPart = member.substring(colon + 1);
                if (artifactPart.equals("*") || artifactPart.equals(artifact.artifactId())) {
                    return true;
                }
            }
        }
        return false;
    }

    List<String> members() {
        return members;
    }

    String reason() {
        return reason;
    }

    @Override
    public String toString() {
        if (!isRelation()) {
            return String.join(", ", members);
        }
        List<String> runtimes = new java.util.ArrayList<>(members);
        runtimes.removeAll(generators);
        return String.join(", ", runtimes) + " " + NEWER_RUNTIME + " " + String.join(", ", generators);
    }
}
