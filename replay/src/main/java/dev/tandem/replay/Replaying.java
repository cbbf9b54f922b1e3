package dev.tandem.replay;

import dev.tandem.cache.CacheKey;
import dev.tandem.cache.ProcessorCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * An isolating processor, replayed per unit. Each round, every unit it is handed is replayed when its entry is
 * there and still holds; the processor is called for the others, once per unit with a round narrowed to that unit,
 * so what it looks up by name and prints is attributed to the unit it worked on. A processor that carries work
 * over (it fetches a unit it was handed earlier again by name: MapStruct's deferred mappers) is handed the rest of
 * its units together from then on. At the last round, what it produced is stored per unit.
 */
final class Replaying extends Strategy {
    private static final String NEW_OR_CHANGED = "new or changed";

    private final Compilation compilation;
    private final Delegate delegate;
    private final ProcessorCache cache;
    private final String context;
    final Recording recording = new Recording();
    private final UnitReplayer replayer;

    private int replayedCount;
    private int runCount;
    /** Why units ran, with how many: "new or changed", "a looked-up type changed"... */
    private final Map<String, Integer> runReasons = new LinkedHashMap<>();
    /** The processor carries work over rounds: from then on it is handed its units together. */
    private boolean together;
    /** Tandem failed for this processor: what was replayed stays replayed, everything else runs. */
    private String broken;
    /** Messages on no element of the replayed entries, printed at the end where the processor did not. */
    private final Set<String> replayedMessages = new LinkedHashSet<>();
    /** Why nothing of this compilation is stored; null when it is. */
    private String unstored;

    Replaying(Compilation compilation, Delegate delegate, ProcessorCache cache, String context) {
        this.compilation = compilation;
        this.delegate = delegate;
        this.cache = cache;
        this.context = context;
        this.replayer = new UnitReplayer(compilation);
    }

    /** The environment the processor sees: javac's, with the Filer, the Messager and the Elements recording. */
    ProcessingEnvironment environment() {
        return WrappedEnvironment.wrap(
                compilation.env, recording, compilation.lookups(), compilation.replayed, compilation.outputs);
    }

    @Override
    boolean process(Set<? extends TypeElement> types, RoundView round) {
        long start = System.nanoTime();
        recording.lastRound = round.real().processingOver();
        Map<String, Element> units = new LinkedHashMap<>();
        Map<String, Set<TypeElement>> typesOf = new LinkedHashMap<>();
        boolean outside = false;
        for (TypeElement type : types) {
            for (Element element : round.annotatedWith(type)) {
                String name = round.unitOf(element);
                if (name == null) {
                    recording.anomaly("an annotated element outside any type or package: " + element, false);
                    outside = true;
                } else {
                    if (!units.containsKey(name)) {
                        Element unit = ElementPaths.unitOf(element);
                        units.put(name, unit);
                        if (compilation.outputs != null) {
                            compilation.outputs.unit(name, unit, compilation.trees());
                        }
                    }
                    typesOf.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(type);
                }
            }
        }
        List<String> toRun = new ArrayList<>();
        for (Map.Entry<String, Element> unit : units.entrySet()) {
            String name = unit.getKey();
            if (recording.processed.containsKey(name) || recording.replayed.contains(name)) {
                continue;
            }
            String why = broken != null ? broken : decide(name, unit.getValue());
            if (why == null) {
                recording.replayed.add(name);
                replayedCount++;
            } else {
                recording.processed.putIfAbsent(name, null);
                toRun.add(name);
                runCount++;
            }
        }
        compilation.ownNanos += System.nanoTime() - start;
        return call(types, round, toRun, typesOf, outside);
    }

    /** Replays the unit; null when it did, else why the processor runs for it (its key is recorded then). */
    private String decide(String name, Element unit) {
        try {
            long start = System.nanoTime();
            String closure = compilation.signatures().closure(unit);
            if (closure == null) {
                return ran(
                        name,
                        "unreadable inputs",
                        "what its signatures reach cannot be read: " + compilation.signatures().unreadable);
            }
            CacheKey key = cache.newKey().add(context).add(name).add(closure).build();
            recording.processed.put(name, key);
            Optional<byte[]> stored = cache.get(key);
            long keyed = System.nanoTime();
            compilation.keyNanos += keyed - start;
            if (!stored.isPresent()) {
                return ran(
                        name,
                        NEW_OR_CHANGED,
                        compilation.debug
                                ? "no entry for its inputs (context " + shortDigest(context) + ", reach "
                                        + closure.substring(0, 12) + ")"
                                : "no entry for its inputs");
            }
            Entry entry = Entry.parse(stored.get());
            if (entry == null) {
                return ran(name, "damaged entry", "its entry does not parse");
            }
            String changed =
                    entry.manifest.isEmpty() ? null : compilation.lookups().firstChange(entry.manifest);
            long looked = System.nanoTime();
            compilation.lookupNanos += looked - keyed;
            if (changed != null) {
                return ran(name, "a looked-up type changed", "what it looked up by name changed: " + changed);
            }
            String failed = replayer.replay(unit, entry);
            compilation.writeNanos += System.nanoTime() - looked;
            if (failed != null) {
                return ran(name, "other", failed);
            }
            recording.processed.remove(name);
            replayedMessages.addAll(entry.compilationMessages);
            return null;
        } catch (RuntimeException | LinkageError e) {
            broken = "Tandem failed: " + e;
            compilation.note("Tandem replay: " + delegate.className + " runs from here on: " + e);
            return ran(name, "other", broken);
        }
    }

    private static String shortDigest(String text) {
        return dev.tandem.cache.internal.Hex.of(dev.tandem.cache.internal.Sha256.newDigest()
                        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .substring(0, 12);
    }

    private String ran(String unit, String reason, String detail) {
        runReasons.merge(reason, 1, Integer::sum);
        compilation.debug("Tandem replay: " + delegate.className + " runs for " + unit + ": " + detail);
        return detail;
    }

    /** Calls the processor for the units that run: one call per unit, or one for all of them. */
    private boolean call(
            Set<? extends TypeElement> types,
            RoundView round,
            List<String> toRun,
            Map<String, Set<TypeElement>> typesOf,
            boolean outside) {
        if (toRun.size() != 1 && (toRun.isEmpty() || together || outside || broken != null)) {
            return delegate.callProcessor(types, round.without(recording.replayed));
        }
        boolean claimed = false;
        for (int i = 0; i < toRun.size(); i++) {
            String unit = toRun.get(i);
            recording.current = unit;
            recording.carriesWorkOver = false;
            try {
                claimed |= delegate.callProcessor(typesOf.get(unit), round.only(List.of(unit)));
            } finally {
                recording.current = null;
            }
            if (recording.carriesWorkOver) {
                together = true;
                List<String> rest = toRun.subList(i + 1, toRun.size());
                if (!rest.isEmpty()) {
                    claimed |= delegate.callProcessor(types, round.only(rest));
                }
                break;
            }
        }
        return claimed;
    }

    /** Not replayed after all (it turned out dynamic, or "*"): only its cache is closed. */
    void abandon() {
        cache.close();
    }

    @Override
    void finish(RoundEnvironment last) {
        long start = System.nanoTime();
        try {
            for (String line : replayedMessages) {
                if (!recording.printedCompilationMessages.contains(line)) {
                    Entry.print(compilation.env.getMessager(), line);
                }
            }
            long storing = System.nanoTime();
            store(last);
            compilation.storeNanos += System.nanoTime() - storing;
        } catch (RuntimeException e) {
            compilation.note("Tandem replay: could not store what " + delegate.className + " produced: " + e);
        } finally {
            cache.close();
            compilation.ownNanos += System.nanoTime() - start;
        }
    }

    private void store(RoundEnvironment last) {
        String skipped = null;
        if (recording.anomaly != null) {
            skipped = recording.anomaly;
            if (recording.unattributedOutput && !recording.replayed.isEmpty()) {
                compilation
                        .env
                        .getMessager()
                        .printMessage(
                                Diagnostic.Kind.WARNING,
                                "Tandem replay: " + delegate.className + " " + recording.anomaly + " in a compilation"
                                        + " where " + recording.replayed.size() + " of its elements were replayed;"
                                        + " such output may depend on every element. Run mvn clean compile to be"
                                        + " sure of it; until its inputs change, Tandem keeps replaying nothing new"
                                        + " for it.");
            }
        } else if (recording.error || last.errorRaised()) {
            skipped = "the compilation has errors";
        } else if (recording.manifest(null) == null) {
            skipped = "a type it looked up by name changed while it ran: " + recording.unstableLookup(null);
        }
        if (skipped != null) {
            unstored = skipped;
            compilation.debug("Tandem replay: nothing of " + delegate.className + " stored: " + skipped);
            return;
        }
        long perUnit = recording.processed.isEmpty() ? 0 : delegate.nanos / recording.processed.size();
        for (Map.Entry<String, CacheKey> unit : recording.processed.entrySet()) {
            CacheKey key = unit.getValue();
            if (key == null) {
                continue;
            }
            String poisoned = recording.poisoned.get(unit.getKey());
            if (poisoned != null) {
                compilation.debug(
                        "Tandem replay: " + delegate.className + " not stored for " + unit.getKey() + ": " + poisoned);
                continue;
            }
            String manifest = recording.manifest(unit.getKey());
            if (manifest == null) {
                compilation.debug("Tandem replay: " + delegate.className + " not stored for " + unit.getKey()
                        + ": a type it looked up by name changed while it ran: "
                        + recording.unstableLookup(unit.getKey()));
                continue;
            }
            Entry entry = new Entry(
                    manifest,
                    recording.files.getOrDefault(unit.getKey(), List.of()),
                    recording.diagnostics.getOrDefault(unit.getKey(), List.of()),
                    recording.compilationMessages(unit.getKey()),
                    recording.compilationMessages(null));
            cache.put(key, entry.toBytes(), perUnit);
        }
        if (compilation.debug) {
            for (String unit : recording.files.keySet()) {
                if (!recording.processed.containsKey(unit) && !recording.replayed.contains(unit)) {
                    compilation.note("Tandem replay: " + delegate.className + " wrote output for " + unit
                            + ", which it was not handed");
                }
            }
        }
    }

    @Override
    String summary(String name) {
        StringBuilder part = new StringBuilder(name)
                .append(' ')
                .append(replayedCount)
                .append(" replayed, ")
                .append(runCount)
                .append(" run");
        if (runCount > 0) {
            List<String> reasons = new ArrayList<>();
            for (Map.Entry<String, Integer> reason : runReasons.entrySet()) {
                reasons.add(runReasons.size() == 1 ? reason.getKey() : reason.getValue() + " " + reason.getKey());
            }
            part.append(" (").append(String.join(", ", reasons)).append(')');
        }
        if (unstored != null && !recording.processed.isEmpty()) {
            part.append(", not stored: ").append(unstored);
        }
        return part.toString();
    }
}
