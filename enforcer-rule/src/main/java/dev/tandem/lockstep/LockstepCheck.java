package dev.tandem.lockstep;

import dev.tandem.lockstep.companion.CompanionDeclaration;
import dev.tandem.lockstep.report.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The rule's decision, free of Maven: given every version observed in the build, the groups that must agree and
 * the companions libraries declare, which artifacts disagree.
 */
final class LockstepCheck {
    private LockstepCheck() {}

    /**
     * @param observations every version from every source; duplicates are ignored
     * @param groups configured and built-in groups: all their members present must share one version
     * @param companions published companions: wherever the companion is used, it must be at the declared version
     * @return one violation per set of disagreeing observations, the reasons merged when several rules find the
     *     same set
     */
    static List<Violation> check(
            Collection<VersionObservation> observations,
            Collection<LockstepGroup> groups,
            Collection<CompanionDeclaration> companions) {
        Set<VersionObservation> all = new TreeSet<>(VersionObservation.ORDER);
        all.addAll(observations);
        Map<List<VersionObservation>, Set<String>> violations = new LinkedHashMap<>();
        List<Violation> relations = new ArrayList<>();
        for (LockstepGroup group : groups) {
            List<VersionObservation> found =
                    all.stream().filter(o -> group.contains(o.artifact())).collect(Collectors.toList());
            if (!group.isRelation()) {
                if (distinctVersions(found) > 1) {
                    violations
                            .computeIfAbsent(found, f -> new LinkedHashSet<>())
                            .add(group.reason());
                }
                continue;
            }
            List<VersionObservation> generators =
                    found.stream().filter(o -> group.isGenerator(o.artifact())).collect(Collectors.toList());
            List<VersionObservation> runtimes =
                    found.stream().filter(o -> !group.isGenerator(o.artifact())).collect(Collectors.toList());
            for (List<VersionObservation> side : List.of(runtimes, generators)) {
                if (distinctVersions(side) > 1) { // each side is released together
                    violations.computeIfAbsent(side, f -> new LinkedHashSet<>()).add(group.reason());
                }
            }
            Violation broken = Relation.check(runtimes, generators, group.reason());
            if (broken != null) {
                relations.add(broken);
            }
        }
        for (CompanionDeclaration companion : new LinkedHashSet<>(companions)) {
            List<VersionObservation> used = all.stream()
                    .filter(o -> o.artifact().equals(companion.companion()))
                    .collect(Collectors.toList());
            if (used.stream().allMatch(o -> o.version().equals(companion.requiredVersion()))) {
                continue;
            }
            Set<VersionObservation> found = new TreeSet<>(VersionObservation.ORDER);
            all.stream()
                    .filter(o -> o.artifact().equals(companion.publisher())
                            && o.version().equals(companion.publisherVersion()))
                    .forEach(found::add);
            found.addAll(used);
            String reason = companion.publisher() + ":" + companion.publisherVersion() + " declares "
                    + companion.companion() + " as its companion at version " + companion.requiredVersion()
                    + " (the inert lockstep profile in its POM)";
            violations
                    .computeIfAbsent(new ArrayList<>(found), f -> new LinkedHashSet<>())
                    .add(reason);
        }
        List<Violation> result = new ArrayList<>();
        violations.forEach((found, reasons) -> result.add(new Violation(found, new ArrayList<>(reasons))));
        result.addAll(relations);
        return result;
    }

    private static long distinctVersions(List<VersionObservation> found) {
        return found.stream().map(VersionObservation::version).distinct().count();
    }
}
