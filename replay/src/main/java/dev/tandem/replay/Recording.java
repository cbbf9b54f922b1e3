package dev.tandem.replay;

import dev.tandem.cache.CacheKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one isolating processor did in one compilation, as the wrappers of its environment saw it: per unit, the
 * files and diagnostics attributed to it and the types it looked up by name while it worked on that unit alone;
 * what it did outside any one unit's call (look-ups and messages on no element), which every unit's entry carries;
 * and anything that makes its output impossible to attribute, which keeps the whole compilation from being stored.
 */
final class Recording {
    /** Per unit the processor was handed (in any round): its key, or null when it has none (never stored). */
    final Map<String, CacheKey> processed = new LinkedHashMap<>();

    final Map<String, List<Entry.File>> files = new LinkedHashMap<>();
    final Map<String, List<Entry.Diagnostic>> diagnostics = new LinkedHashMap<>();
    /** Units whose output cannot be replayed faithfully, with the first reason. */
    final Map<String, String> poisoned = new LinkedHashMap<>();

    final Set<String> replayed = new HashSet<>();

    /** The unit the processor is working on alone (a call with a round narrowed to it); null outside such calls. */
    String current;
    /** Whether, in a call for one unit, the processor looked up another unit it was handed: it carries work over. */
    boolean carriesWorkOver;

    /** "type com.acme.Car" → the states it had when the processor looked it up; key null for outside any unit. */
    private final Map<String, Map<String, Set<String>>> lookups = new HashMap<>();
    /** Messages on no element ("KIND\tmessage"), per unit; key null for outside any unit. */
    private final Map<String, List<String>> compilationMessages = new HashMap<>();
    /** Every message on no element this processor printed in this compilation. */
    final Set<String> printedCompilationMessages = new HashSet<>();
    /** The last round: the processor is called in it in every compilation, so what it prints there is not kept. */
    boolean lastRound;

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

    /**
     * A look-up by name, attributed to the unit being worked on alone, else to every unit. The name of a unit the
     * processor was handed is left out: its state is what that unit's key covers, and processors that carry work
     * over rounds (MapStruct's deferred mappers, Hibernate's elements to redo) fetch their own units again by name.
     */
    void lookup(String name, Lookups states) {
        if (processed.containsKey(name)) {
            if (current != null && !current.equals(name)) {
                carriesWorkOver = true;
            }
            return;
        }
        lookups.computeIfAbsent(current, u -> new TreeMap<>())
                .computeIfAbsent(name, n -> new TreeSet<>())
                .add(states.state(name));
    }

    /**
     * A message on no element: it belongs to the unit being worked on alone, else to every unit. One printed in
     * the last round is not kept: the processor prints it itself in every compilation.
     */
    void compilationMessage(String kind, String message) {
        String line = kind + "\t" + message;
        printedCompilationMessages.add(line);
        if (!lastRound) {
            compilationMessages.computeIfAbsent(current, u -> new ArrayList<>()).add(line);
        }
    }

    /** The messages on no element printed while the processor worked on {@code unit} alone (null: outside). */
    List<String> compilationMessages(String unit) {
        return compilationMessages.getOrDefault(unit, List.of());
    }

    /**
     * The manifest of by-name look-ups of {@code unit} (null: those outside any unit alone), one {@code
     * name\tstate} line each; null when a name was seen in two states (a type generated while the processor ran) or
     * in one that cannot be checked, so no replay could verify it.
     */
    String manifest(String unit) {
        Map<String, Set<String>> all = new TreeMap<>(lookups.getOrDefault(null, Map.of()));
        if (unit != null) {
            for (Map.Entry<String, Set<String>> lookup :
                    lookups.getOrDefault(unit, Map.of()).entrySet()) {
                all.computeIfAbsent(lookup.getKey(), n -> new TreeSet<>()).addAll(lookup.getValue());
            }
        }
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, Set<String>> lookup : all.entrySet()) {
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

    /** Which look-up made {@link #manifest(String)} of {@code unit} unusable. */
    String unstableLookup(String unit) {
        for (String owner : unit == null ? new String[] {null} : new String[] {null, unit}) {
            for (Map.Entry<String, Set<String>> lookup :
                    lookups.getOrDefault(owner, Map.of()).entrySet()) {
                if (uncheckable(lookup.getValue())) {
                    return lookup.getKey() + " " + lookup.getValue();
                }
            }
        }
        return null;
    }

    /** Seen in two states while the processor ran, or in one no replay could check. */
    private static boolean uncheckable(Set<String> states) {
        return states.size() != 1 || states.contains(Lookups.UNKNOWN);
    }
}
