package dev.tandem.compiler;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who depends on whom among the classes of one compile, read backwards from their {@link ClassAnalysis analyses}:
 * which classes must recompile when some classes' API changed. Gradle's rule: a class that names a changed class
 * only in bodies or private members recompiles, and the change stops there (its own API is what it was); a class
 * that names it in its API recompiles, and its own dependents are asked in turn, since what it means to them may
 * have changed too.
 */
final class Dependents {
    private final Map<String, Set<String>> throughApi = new HashMap<>();
    private final Map<String, Set<String>> privately = new HashMap<>();

    Dependents(Collection<ClassAnalysis> classes) {
        for (ClassAnalysis analysis : classes) {
            for (String dependency : analysis.accessible()) {
                throughApi.computeIfAbsent(dependency, d -> new TreeSet<>()).add(analysis.name());
            }
            for (String dependency : analysis.privateOnly()) {
                privately.computeIfAbsent(dependency, d -> new TreeSet<>()).add(analysis.name());
            }
        }
    }

    /** The classes to recompile because {@code changed} changed their API (not counting {@code changed} itself). */
    Set<String> of(Set<String> changed) {
        Set<String> affected = new TreeSet<>();
        Set<String> asked = new TreeSet<>(changed);
        Deque<String> toAsk = new ArrayDeque<>(changed);
        while (!toAsk.isEmpty()) {
            String type = toAsk.pop();
            affected.addAll(privately.getOrDefault(type, Set.of()));
            for (String dependent : throughApi.getOrDefault(type, Set.of())) {
                affected.add(dependent);
                if (asked.add(dependent)) {
                    toAsk.push(dependent);
                }
            }
        }
        affected.removeAll(changed);
        return affected;
    }

    /**
     * The classes whose API names one of {@code changed}, directly or through the API of another such class (a
     * subclass of a changed class, its subclass...): their own API changed with it, for what their users see.
     */
    Set<String> throughApi(Set<String> changed) {
        Set<String> found = new TreeSet<>();
        Deque<String> toAsk = new ArrayDeque<>(changed);
        while (!toAsk.isEmpty()) {
            for (String dependent : throughApi.getOrDefault(toAsk.pop(), Set.of())) {
                if (!changed.contains(dependent) && found.add(dependent)) {
                    toAsk.push(dependent);
                }
            }
        }
        return found;
    }
}
