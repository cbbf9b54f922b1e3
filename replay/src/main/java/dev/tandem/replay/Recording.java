package dev.tandem.replay;

import dev.tandem.cache.CacheKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one isolating processor did in one compilation, as the wrappers of its environment saw it: per unit, the
 * files and diagnostics attributed to it; the types it looked up by name, with what each was when it looked; and
 * anything that makes its output impossible to attribute, which keeps the whole compilation from being stored.
 */
final class Recording {
    /** Per unit the processor was handed (in any round): its key, or null when it has none (never stored). */
    final Map<String, CacheKey> processed = new LinkedHashMap<>();

    final Map<String, List<Entry.File>> files = new LinkedHashMap<>();
    final Map<String, List<Entry.Diagnostic>> diagnostics = new LinkedHashMap<>();
    /** Units whose output cannot be replayed faithfully, with the first reason. */
    final Map<String, String> poisoned = new LinkedHashMap<>();
    /** "type com.acme.Car" → the states it had when the processor looked it up. */
    final Map<String, Set<String>> lookups = new TreeMap<>();

    final Set<String> replayed = new HashSet<>();

    /** Why nothing of this compilation can be stored for this processor; null while all is attributable. */
    String anomaly;
    /** Whether the anomaly is output a replay would have to reproduce (not just a diagnostic). */
    boolean unattributedOutput;

    boolean error;

    void anomaly(String why, boolean output) {
        if (anomaly == null) {
            anomaly = why;
        }
        unattributedOutput |= output;
    }

    void poison(String unit, String why) {
        poisoned.putIfAbsent(unit, why);
    }

    void file(String unit, Entry.File file) {
        files.computeIfAbsent(unit, u -> new ArrayList<>()).add(file);
    }

    void diagnostic(String unit, Entry.Diagnostic diagnostic) {
        diagnostics.computeIfAbsent(unit, u -> new ArrayList<>()).add(diagnostic);
    }

    void lookup(String name, String state) {
        lookups.computeIfAbsent(name, n -> new TreeSet<>()).add(state);
    }

    /**
     * The manifest of by-name look-ups, one {@code name\tstate} line each; null when a name was seen in two states
     * (a type generated while the processor ran) or in one that cannot be checked, so no replay could verify it.
     */
    String manifest() {
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, Set<String>> lookup : lookups.entrySet()) {
            if (uncheckable(lookup.getValue())) {
                return null;
            }
            lines.append(lookup.getKey())
                    .append('\t')
                    .append(lookup.getValue().iterator().next())
                    .append('\n');
        }
        return lines.toString();
    }

    /** Which of {@link #manifest()}'s names made it unusable. */
    String unstableLookup() {
        for (Map.Entry<String, Set<String>> lookup : lookups.entrySet()) {
            if (uncheckable(lookup.getValue())) {
                return lookup.getKey() + " " + lookup.getValue();
            }
        }
        return null;
    }

    /** Seen in two states while the processor ran, or in one no replay could check. */
    private static boolean uncheckable(Set<String> states) {
        return states.size() != 1 || states.contains(Lookups.UNKNOWN);
    }
}
