package dev.tandem.replay;

import com.sun.source.util.Trees;
import dev.tandem.cache.CacheKey;
import dev.tandem.cache.ProcessorCache;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Runs the annotation processors of the processor path as javac would, and replays the recorded output of
 * isolating ones for elements whose inputs did not change. Enable it alone in {@code <annotationProcessors>}, with
 * {@code tandem-replay} first in {@code <annotationProcessorPaths>}:
 *
 * <pre>{@code
 * <annotationProcessors>
 *   <annotationProcessor>dev.tandem.replay.ReplayProcessor</annotationProcessor>
 * </annotationProcessors>
 * }</pre>
 *
 * <p>Options: {@code -Atandem.replay.skip=true} (or the system property {@code tandem.replay.skip}, in-process)
 * runs every processor as if Tandem were absent; {@code -Atandem.replay.debug=true} says, per element, why it was
 * not replayed; {@code -Atandem.cacheDirectory} names the cache (by default {@code target/tandem}, next to the
 * class output). Replay changes how long a compile takes, never what it produces: when in doubt, it runs the
 * processor.
 */
public final class ReplayProcessor implements Processor {
    static final String SKIP = "tandem.replay.skip";
    static final String DEBUG = "tandem.replay.debug";
    private static final String KEY_VERSION = "tandem-replay-1";

    private ProcessingEnvironment env;
    private final List<Delegate> delegates = new ArrayList<>();
    private boolean debug;
    private Signatures signatures;
    private Lookups lookups;
    /** Per processor and manifest, this round: the first name that changed, or null. */
    private final Map<String, String> manifestChanges = new HashMap<>();

    private boolean finished;
    /** Time spent deciding and replaying, not in the processors. */
    private long ownNanos;

    private final Replayed replayedFiles = new Replayed();
    /** The first candidate's cache, opened to find the cache directory and the index; handed on, never reopened. */
    private ProcessorCache probe;

    private String probeId;

    @Override
    public void init(ProcessingEnvironment processingEnv) {
        this.env = processingEnv;
        Map<String, String> options = processingEnv.getOptions();
        debug = Boolean.parseBoolean(options.get(DEBUG));
        boolean skip = Boolean.parseBoolean(options.getOrDefault(SKIP, System.getProperty(SKIP, "false")));
        ClassLoader loader = ReplayProcessor.class.getClassLoader();
        Map<String, Kind> declared = Kind.declared(loader);
        if (!load(loader, declared)) {
            return;
        }
        String off = skip ? "-A" + SKIP + "=true" : null;
        if (off == null) {
            off = setUp();
        }
        for (Delegate delegate : delegates) {
            classify(delegate, off);
            delegate.processor.init(
                    delegate.replays()
                            ? WrappedEnvironment.wrap(processingEnv, delegate.recording, lookups, replayedFiles)
                            : processingEnv);
            if (delegate.declared == Kind.DYNAMIC
                    && delegate.replays()
                    && !delegate.processor.getSupportedOptions().contains(Kind.DYNAMIC_ISOLATING)) {
                delegate.unreplayable = "dynamic, not isolating with these options";
            }
            delegate.readSupportedTypes(delegate.processor.getSupportedAnnotationTypes());
            if (delegate.supportsAll && delegate.replays()) {
                delegate.unreplayable = "it processes every type (\"*\")";
            }
        }
        openCaches();
        warnAboutSourceVersions();
    }

    /** Loads the processors with ServiceLoader as javac does; false when the service configuration is broken. */
    private boolean load(ClassLoader loader, Map<String, Kind> declared) {
        try {
            for (Processor processor : ServiceLoader.load(Processor.class, loader)) {
                if (!(processor instanceof ReplayProcessor)) {
                    Kind kind = declared.getOrDefault(processor.getClass().getName(), Kind.UNKNOWN);
                    delegates.add(new Delegate(processor, kind));
                }
            }
            return true;
        } catch (ServiceConfigurationError e) {
            // what javac itself reports when it discovers processors through a broken service file
            env.getMessager()
                    .printMessage(
                            Diagnostic.Kind.ERROR,
                            "Bad service configuration file, or exception thrown while constructing Processor"
                                    + " object: " + e.getMessage());
            delegates.clear();
            return false;
        }
    }

    /** Finds javac's trees and the cache; the reason replay is off for every processor, or null. */
    private String setUp() {
        Trees trees;
        try {
            trees = Trees.instance(env);
        } catch (RuntimeException | LinkageError notJavac) {
            return "the compiler is not javac";
        }
        for (Delegate delegate : delegates) {
            if (isCandidate(delegate)) {
                probeId = consumerId(delegate);
                probe = ProcessorCache.open(env, probeId, KEY_VERSION);
                break;
            }
        }
        if (probe == null) {
            return "no isolating processor";
        }
        boolean usable = probe.directory() != null;
        ProcessorCache index = probe;
        signatures = new Signatures(
                trees,
                env.getElementUtils(),
                env.getFiler(),
                file -> {
                    Optional<String> sha = index.inputs().sha256(file);
                    return sha.orElse(null);
                },
                delegates.stream().anyMatch(d -> d.className.startsWith("lombok.")));
        lookups = new Lookups(env.getElementUtils(), signatures);
        if (!usable) {
            probe.close();
            probe = null;
            return "no cache directory";
        }
        return null;
    }

    private static boolean isCandidate(Delegate delegate) {
        return (delegate.declared == Kind.ISOLATING || delegate.declared == Kind.DYNAMIC)
                && !delegate.className.startsWith("lombok.");
    }

    private void classify(Delegate delegate, String off) {
        if (delegate.className.startsWith("lombok.")) {
            delegate.unreplayable = "it rewrites javac's trees in place";
        } else if (delegate.declared == Kind.AGGREGATING) {
            delegate.unreplayable = "aggregating";
        } else if (delegate.declared == Kind.UNKNOWN) {
            delegate.unreplayable = "not declared isolating";
        } else if (off != null) {
            delegate.unreplayable = off;
        } else {
            delegate.recording = new Recording();
        }
    }

    private void openCaches() {
        String processorPath = null;
        for (Delegate delegate : delegates) {
            if (!delegate.replays()) {
                delegate.recording = null;
                continue;
            }
            if (processorPath == null) {
                processorPath = ProcessorPath.digest(ReplayProcessor.class.getClassLoader(), delegates);
                if (processorPath == null) {
                    processorPath = "";
                }
            }
            if (processorPath.isEmpty()) {
                delegate.unreplayable = "an entry of the processor path cannot be read";
                delegate.recording = null;
                continue;
            }
            if (probe != null && consumerId(delegate).equals(probeId)) {
                delegate.cache = probe; // opened by setUp: opening it again would flush it twice
                probe = null;
            } else {
                delegate.cache = ProcessorCache.open(env, consumerId(delegate), KEY_VERSION);
            }
            delegate.context = context(delegate, processorPath);
        }
        if (probe != null) { // its processor turned out not to be replayed (dynamic, not isolating)
            probe.close();
            probe = null;
        }
    }

    /** One consumer per processor: "replay-" and the class name, within the consumer id's alphabet and length. */
    static String consumerId(Delegate delegate) {
        String id = "replay-" + delegate.className.replaceAll("[^A-Za-z0-9._-]", "_");
        return id.length() <= 128 ? id : id.substring(0, 128);
    }

    /** Everything besides the element that the processor's output may depend on. */
    private String context(Delegate delegate, String processorPath) {
        StringBuilder context = new StringBuilder(KEY_VERSION)
                .append("\nprocessor ")
                .append(delegate.className)
                .append("\nprocessor path ")
                .append(processorPath)
                .append("\nsource ")
                .append(env.getSourceVersion())
                .append("\njava ")
                .append(Runtime.version())
                .append(' ')
                .append(System.getProperty("java.vendor"))
                .append("\nlocale ")
                .append(env.getLocale() == null ? Locale.getDefault() : env.getLocale())
                .append("\npreview ")
                .append(previewEnabled());
        Map<String, String> options = new TreeMap<>(env.getOptions());
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (!option.getKey().startsWith("tandem.")) { // the cache directory is an absolute path, not an input
                context.append("\n-A").append(option.getKey()).append('=').append(option.getValue());
            }
        }
        return context.toString();
    }

    /** {@code ProcessingEnvironment.isPreviewEnabled()}, which Java 11's API lacks: preview features change the model. */
    private String previewEnabled() {
        try {
            return String.valueOf(env.getClass().getMethod("isPreviewEnabled").invoke(env));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unknown";
        }
    }

    private void warnAboutSourceVersions() {
        SourceVersion source = env.getSourceVersion();
        for (Delegate delegate : delegates) {
            SourceVersion supported = delegate.processor.getSupportedSourceVersion();
            if (supported.compareTo(source) < 0) {
                // javac's own warning, which it would give for the processor if it ran it directly
                env.getMessager()
                        .printMessage(
                                Diagnostic.Kind.WARNING,
                                "Supported source version '" + supported + "' from annotation processor '"
                                        + delegate.className + "' less than -source '"
                                        + source.name().substring("RELEASE_".length()) + "'");
            }
        }
    }

    @Override
    public Set<String> getSupportedOptions() {
        Set<String> options = new LinkedHashSet<>();
        options.add(ProcessorCache.OPTION);
        options.add(SKIP);
        options.add(DEBUG);
        for (Delegate delegate : delegates) {
            options.addAll(delegate.processor.getSupportedOptions());
        }
        return options;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (Delegate delegate : delegates) {
            if (delegate.supportsAll) {
                return Set.of("*");
            }
            types.addAll(delegate.processor.getSupportedAnnotationTypes());
        }
        return types;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported(); // each processor's own version was checked in init
    }

    @Override
    public Iterable<? extends Completion> getCompletions(
            Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
        List<Completion> completions = new ArrayList<>();
        for (Delegate delegate : delegates) {
            for (Completion completion : delegate.processor.getCompletions(element, annotation, member, userText)) {
                completions.add(completion);
            }
        }
        return completions;
    }

    /** javac's discovery loop, per processor: matched annotations, claiming, and "contributed" processors. */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (finished) {
            return false;
        }
        if (signatures != null) {
            signatures.newRound();
            lookups.newRound();
            manifestChanges.clear();
        }
        Map<String, TypeElement> unmatched = new LinkedHashMap<>();
        for (TypeElement annotation : annotations) {
            unmatched.put(annotation.getQualifiedName().toString(), annotation);
        }
        if (unmatched.isEmpty()) {
            unmatched.put("", null); // gives "*" processors their chance, as javac does
        }
        Set<Delegate> called = new LinkedHashSet<>();
        for (Delegate delegate : delegates) {
            if (unmatched.isEmpty()) {
                break;
            }
            Set<String> matched = new LinkedHashSet<>();
            Set<TypeElement> types = new LinkedHashSet<>();
            for (Map.Entry<String, TypeElement> entry : unmatched.entrySet()) {
                if (delegate.supports(entry.getKey())) {
                    matched.add(entry.getKey());
                    if (entry.getValue() != null) {
                        types.add(entry.getValue());
                    }
                }
            }
            if (!matched.isEmpty() || delegate.contributed) {
                boolean claimed = call(delegate, types, round);
                called.add(delegate);
                if (claimed) {
                    unmatched.keySet().removeAll(matched);
                }
            }
        }
        for (Delegate delegate : delegates) {
            if (delegate.contributed && !called.contains(delegate)) {
                call(delegate, Collections.emptySet(), round);
            }
        }
        if (round.processingOver()) {
            finish(round);
        }
        return false;
    }

    private boolean call(Delegate delegate, Set<TypeElement> types, RoundEnvironment round) {
        delegate.contributed = true;
        RoundEnvironment seen = round;
        if (delegate.replays()) {
            Set<String> replayed = new LinkedHashSet<>();
            long replayStart = System.nanoTime();
            try {
                replayUnits(delegate, types, round, replayed);
            } catch (RuntimeException | LinkageError e) {
                delegate.unreplayable = "Tandem failed: " + e; // what was replayed stays replayed; the rest runs
                note("Tandem replay: " + delegate.className + " runs from here on: " + e);
            }
            if (!replayed.isEmpty()) {
                seen = new FilteredRound(round, replayed);
            }
            ownNanos += System.nanoTime() - replayStart;
        }
        long start = System.nanoTime();
        try {
            return delegate.processor.process(types, seen);
        } finally {
            delegate.nanos += System.nanoTime() - start;
        }
    }

    /** Replays every unit of this round whose entry is there and still holds; the rest is left to the processor. */
    private void replayUnits(Delegate delegate, Set<TypeElement> types, RoundEnvironment round, Set<String> replayed) {
        Map<String, Element> units = new LinkedHashMap<>();
        for (TypeElement type : types) {
            for (Element element : round.getElementsAnnotatedWith(type)) {
                Element unit = ElementPaths.unitOf(element);
                if (unit == null) {
                    delegate.recording.anomaly("an annotated element outside any type or package: " + element, false);
                } else {
                    units.putIfAbsent(ElementPaths.unitName(unit), unit);
                }
            }
        }
        Recording recording = delegate.recording;
        for (Map.Entry<String, Element> unit : units.entrySet()) {
            String name = unit.getKey();
            if (recording.processed.containsKey(name) || recording.replayed.contains(name)) {
                continue;
            }
            String closure = signatures.closure(unit.getValue());
            if (closure == null) {
                debug(delegate, name, "what its signatures reach cannot be read");
                recording.processed.put(name, null);
                continue;
            }
            CacheKey key = delegate.cache
                    .newKey()
                    .add(delegate.context)
                    .add(name)
                    .add(closure)
                    .build();
            if (replay(delegate, unit.getValue(), key)) {
                replayed.add(name);
                recording.replayed.add(name);
                delegate.replayed++;
            } else {
                recording.processed.put(name, key);
                delegate.run++;
            }
        }
    }

    private boolean replay(Delegate delegate, Element unit, CacheKey key) {
        String name = ElementPaths.unitName(unit);
        Optional<byte[]> stored = delegate.cache.get(key);
        if (!stored.isPresent()) {
            debug(delegate, name, "no entry for its inputs");
            return false;
        }
        Entry entry = Entry.parse(stored.get());
        if (entry == null) {
            debug(delegate, name, "its entry does not parse");
            return false;
        }
        String changed = manifestChange(delegate, entry.manifest);
        if (changed != null) {
            debug(delegate, name, "what it looked up by name changed: " + changed);
            return false;
        }
        List<Runnable> messages = new ArrayList<>();
        for (Entry.Diagnostic d : entry.diagnostics) {
            Element element = ElementPaths.resolve(unit, d.element);
            if (element == null) {
                debug(delegate, name, "the element of a message is gone: " + d.element);
                return false;
            }
            AnnotationMirror annotation = RecordingMessager.findAnnotation(element, d.annotation);
            AnnotationValue value = RecordingMessager.findValue(annotation, d.value);
            if ((annotation == null) != d.annotation.isEmpty() || (value == null) != d.value.isEmpty()) {
                debug(delegate, name, "the annotation of a message is gone: " + d.annotation);
                return false;
            }
            Diagnostic.Kind kind = Diagnostic.Kind.valueOf(d.kind);
            messages.add(() -> env.getMessager().printMessage(kind, d.message, element, annotation, value));
        }
        for (Entry.File file : entry.files) {
            String fileKey = Replayed.key(file.kind, file.location, file.pkg, file.name);
            if (replayedFiles.createdByProcessor(fileKey) || replayedFiles.contains(fileKey)) {
                debug(delegate, name, file.name + " was already written in this compilation");
                return false;
            }
        }
        for (int i = 0; i < entry.files.size(); i++) {
            try {
                write(entry.files.get(i), unit);
            } catch (Exception e) {
                if (i == 0) {
                    debug(delegate, name, "its first file could not be written again: " + e);
                    return false; // nothing written: the processor can still write it
                }
                env.getMessager()
                        .printMessage(
                                Diagnostic.Kind.WARNING,
                                "Tandem replay could not write " + entry.files.get(i).name + " of " + name + " again ("
                                        + e + "); run mvn clean compile if the build fails");
            }
        }
        messages.forEach(Runnable::run);
        return true;
    }

    /** The first of a manifest's names whose state changed, or null when it holds; once per manifest and round. */
    private String manifestChange(Delegate delegate, String manifest) {
        if (manifest.isEmpty()) {
            return null;
        }
        String cacheName = delegate.className + "\0" + manifest;
        if (!manifestChanges.containsKey(cacheName)) {
            manifestChanges.put(cacheName, lookups.firstChange(manifest));
        }
        return manifestChanges.get(cacheName);
    }

    private void write(Entry.File file, Element unit) throws Exception {
        Filer filer = env.getFiler();
        FileObject object;
        switch (file.kind) {
            case SOURCE:
                object = filer.createSourceFile(file.name, unit);
                break;
            case CLASS:
                object = filer.createClassFile(file.name, unit);
                break;
            default:
                object = filer.createResource(StandardLocation.valueOf(file.location), file.pkg, file.name, unit);
        }
        if (file.text) {
            try (Writer out = object.openWriter()) {
                out.write(new String(file.content, StandardCharsets.UTF_8));
            }
        } else {
            try (OutputStream out = object.openOutputStream()) {
                out.write(file.content);
            }
        }
        replayedFiles.add(Replayed.key(file.kind, file.location, file.pkg, file.name), object, file.content);
    }

    /** The last round: store what was recorded, close the caches, say in one line what happened. */
    private void finish(RoundEnvironment round) {
        finished = true;
        long storeStart = System.nanoTime();
        for (Delegate delegate : delegates) {
            if (delegate.cache == null) {
                continue;
            }
            try {
                if (delegate.recording != null) {
                    store(delegate, round);
                }
            } catch (RuntimeException e) {
                note("Tandem replay: could not store what " + delegate.className + " produced: " + e);
            } finally {
                delegate.cache.close();
            }
        }
        ownNanos += System.nanoTime() - storeStart;
        String summary = summary();
        if (summary != null) {
            note(summary);
        }
        if (debug) {
            long processors = delegates.stream().mapToLong(d -> d.nanos).sum();
            note("Tandem replay: " + ownNanos / 1_000_000 + " ms deciding, replaying and storing; "
                    + processors / 1_000_000 + " ms in the processors");
        }
    }

    private void store(Delegate delegate, RoundEnvironment round) {
        Recording recording = delegate.recording;
        String skipped = null;
        if (recording.anomaly != null) {
            skipped = recording.anomaly;
            if (recording.unattributedOutput && !recording.replayed.isEmpty()) {
                env.getMessager()
                        .printMessage(
                                Diagnostic.Kind.WARNING,
                                "Tandem replay: " + delegate.className + " " + recording.anomaly + " in a compilation"
                                        + " where " + recording.replayed.size() + " of its elements were replayed;"
                                        + " such output may depend on every element. Run mvn clean compile to be"
                                        + " sure of it; until its inputs change, Tandem keeps replaying nothing new"
                                        + " for it.");
            }
        } else if (recording.error || round.errorRaised()) {
            skipped = "the compilation has errors";
        }
        String manifest = skipped == null ? recording.manifest() : null;
        if (skipped == null && manifest == null) {
            skipped = "a type it looked up by name changed while it ran: " + recording.unstableLookup();
        }
        if (skipped != null) {
            if (debug && !recording.processed.isEmpty()) {
                note("Tandem replay: nothing of " + delegate.className + " stored: " + skipped);
            }
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
                debug(delegate, unit.getKey(), poisoned);
                continue;
            }
            Entry entry = new Entry(
                    manifest,
                    recording.files.getOrDefault(unit.getKey(), List.of()),
                    recording.diagnostics.getOrDefault(unit.getKey(), List.of()));
            delegate.cache.put(key, entry.toBytes(), perUnit);
        }
        for (String unit : recording.files.keySet()) {
            if (!recording.processed.containsKey(unit) && !recording.replayed.contains(unit)) {
                // output for a type it was not handed: nothing of this compilation is attributable
                if (debug) {
                    note("Tandem replay: " + delegate.className + " wrote output for " + unit
                            + ", which it was not handed");
                }
            }
        }
    }

    /** "Tandem replay: MapStruct 498 replayed, 2 run; Dagger (aggregating) ran", or null with nothing to say. */
    private String summary() {
        List<String> parts = new ArrayList<>();
        Map<String, Integer> products = new HashMap<>();
        for (Delegate delegate : delegates) {
            products.merge(delegate.product(), 1, Integer::sum);
        }
        for (Delegate delegate : delegates) {
            if (!delegate.contributed) {
                continue;
            }
            String name = delegate.product();
            String simple = delegate.processor.getClass().getSimpleName();
            if (products.get(name) > 1 && !simple.equals(name + "Processor")) {
                name = name + " " + simple; // "AutoValue" for AutoValueProcessor, "AutoValue AutoBuilderProcessor"
            }
            if (delegate.recording != null) {
                parts.add(name + " " + delegate.replayed + " replayed, " + delegate.run + " run");
            } else {
                parts.add(delegate.product() + " (" + delegate.unreplayable + ") ran"); // Lombok's two: once
            }
        }
        return parts.isEmpty() ? null : "Tandem replay: " + String.join("; ", new LinkedHashSet<>(parts));
    }

    private void debug(Delegate delegate, String unit, String why) {
        if (debug) {
            note("Tandem replay: " + delegate.className + " runs for " + unit + ": " + why);
        }
    }

    private void note(String message) {
        env.getMessager().printMessage(Diagnostic.Kind.NOTE, message);
    }
}
