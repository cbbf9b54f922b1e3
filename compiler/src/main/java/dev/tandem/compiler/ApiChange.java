package dev.tandem.compiler;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed between two compiles of some classes, as their dependents see it: the classes whose API changed
 * (added and removed ones included), or the reason no analysis can be trusted and everything must recompile.
 */
final class ApiChange {
    private final Set<String> changed;
    private final String fullRecompilation;

    private ApiChange(Set<String> changed, String fullRecompilation) {
        this.changed = changed;
        this.fullRecompilation = fullRecompilation;
    }

    /** The classes whose API changed, added or removed; empty when a full recompilation is due. */
    Set<String> changed() {
        return changed;
    }

    /** Why everything must recompile ("the constant a.Limits.MAX changed"), or null when the analysis holds. */
    String fullRecompilation() {
        return fullRecompilation;
    }

    /**
     * Compares the analyses of the same classes before and after a compile ({@code before} holds the ones those
     * sources had, {@code after} the ones they have now; a class in one only was removed or added).
     */
    static ApiChange between(Map<String, ClassAnalysis> before, Map<String, ClassAnalysis> after) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        Set<String> changed = new TreeSet<>();
        for (String name : names) {
            ClassAnalysis was = before.get(name);
            ClassAnalysis now = after.get(name);
            String full = fullRecompilation(name, was, now);
            if (full != null) {
                return new ApiChange(Set.of(), full);
            }
            if (was == null || now == null || !was.abi().equals(now.abi())) {
                changed.add(name);
            }
        }
        return new ApiChange(changed, null);
    }

    private static String fullRecompilation(String name, ClassAnalysis was, ClassAnalysis now) {
        for (ClassAnalysis analysis : new ClassAnalysis[] {was, now}) {
            if (analysis != null && analysis.moduleInfo()) {
                return was != null && now != null && was.abi().equals(now.abi()) ? null : "module-info changed";
            }
            if (analysis != null
                    && analysis.sourceRetentionAnnotation()
                    && (was == null || now == null || !was.abi().equals(now.abi()))) {
                return "the source-retention annotation " + name + " changed (its uses leave no trace in class files)";
            }
        }
        Map<String, String> old = was == null ? Map.of() : was.constants();
        Map<String, String> fresh = now == null ? Map.of() : now.constants();
        for (Map.Entry<String, String> constant : old.entrySet()) {
            if (!constant.getValue().equals(fresh.get(constant.getKey()))) {
                return "the constant " + name + "." + constant.getKey()
                        + (fresh.containsKey(constant.getKey()) ? " changed" : " is gone")
                        + " (javac copies constants into their users, whose class files do not name it)";
            }
        }
        return null;
    }
}
