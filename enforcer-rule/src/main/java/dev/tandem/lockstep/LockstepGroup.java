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

    private final List<String> members;
    private final String reason;

    private LockstepGroup(List<String> members, String reason) {
        this.members = Collections.unmodifiableList(members);
        this.reason = Objects.requireNonNull(reason, "reason");
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
        List<String> members = SEPARATORS
                .splitAsStream(trimmed)
                .filter(s -> !s.isEmpty())
                .distinct()
                .collect(Collectors.toList());
        for (String member : members) {
            if (!MEMBER.matcher(member).matches()) {
                throw new LockstepConfigurationException("lockstep: '" + member + "' in " + where
                        + " is not of the form groupId:artifactId or groupId:*. Write e.g."
                        + " <group>org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor</group>.");
            }
        }
        return new LockstepGroup(members, reason);
    }

    boolean contains(ArtifactKey artifact) {
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
        return String.join(", ", members);
    }
}
