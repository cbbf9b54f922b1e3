package dev.tandem.lockstep;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Members of configured groups that match nothing in the build but are one edit from an artifact that is
 * there ({@code mapstruct-procesor}): a typo, which would otherwise leave the group checking nothing, silently. A
 * member with no near artifact is left alone: one parent's groups apply to modules that use only some of them.
 */
final class MemberTypos {
    // one: siblings two edits apart are common and real (jackson-dataformat-xml and -yaml, grpc-api and -all)
    private static final int MAX_EDITS = 1;

    private MemberTypos() {}

    /**
     * One warning per suspected typo.
     *
     * @param groups the configured groups, in the order of {@code <groups>}
     * @param seen every artifact whose version the build has somewhere
     */
    static List<String> warnings(List<LockstepGroup> groups, Collection<ArtifactKey> seen) {
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            for (String member : groups.get(i).members()) {
                String closest = closest(member, seen);
                if (closest != null) {
                    warnings.add("lockstep: " + member + " in <groups> entry " + (i + 1) + " matches nothing in this"
                            + " build; did you mean " + closest + "? As written, the group does not check it.");
                }
            }
        }
        return warnings;
    }

    /** The nearest artifact in the build when {@code member} matches none; null when it matches or none is near. */
    private static String closest(String member, Collection<ArtifactKey> seen) {
        if (member.endsWith(":*")) { // a whole groupId: near one of the build's groupIds?
            String groupId = member.substring(0, member.length() - 2);
            String best = null;
            for (ArtifactKey artifact : seen) {
                if (artifact.groupId().equals(groupId)) {
                    return null;
                }
                if (edits(groupId, artifact.groupId(), MAX_EDITS + 1) <= MAX_EDITS
                        && (best == null || artifact.groupId().compareTo(best) < 0)) {
                    best = artifact.groupId();
                }
            }
            return best == null ? null : best + ":*";
        }
        String best = null;
        int bestEdits = MAX_EDITS + 1;
        for (ArtifactKey artifact : seen) {
            String coordinates = artifact.groupId() + ":" + artifact.artifactId();
            if (coordinates.equals(member)) {
                return null;
            }
            int edits = edits(member, coordinates, MAX_EDITS + 1);
            if (edits <= MAX_EDITS && (edits < bestEdits || (edits == bestEdits && coordinates.compareTo(best) < 0))) {
                best = coordinates;
                bestEdits = edits;
            }
        }
        return best;
    }

    /** Edit distance counting a swap of neighbours as one edit, or {@code limit} once it cannot be below it. */
    static int edits(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] beforePrevious = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    current[j] = Math.min(current[j], beforePrevious[j - 2] + 1); // two neighbours swapped
                }
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin >= limit && i > 1) { // a swap may still lower the next row by one from the row before
                int previousMin = Integer.MAX_VALUE;
                for (int value : previous) {
                    previousMin = Math.min(previousMin, value);
                }
                if (previousMin >= limit) {
                    return limit;
                }
            }
            int[] reuse = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = reuse;
        }
        return Math.min(previous[b.length()], limit);
    }
}
