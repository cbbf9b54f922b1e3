package dev.tandem.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One module's compile, made incremental: the sources a change affects are compiled, the rest of the last compile's
 * class files stay. The compiler itself is the caller's ({@link Javac}: Maven's own javac in a build, the JDK's in
 * tests); this class decides what it compiles. Anything the analysis cannot be sure of is a full compile with its
 * reason.
 *
 * <p>The steps: sources are hashed and compared with the last compile's {@link CompileState}; the class files of
 * changed and removed sources are set aside and those sources compiled alone (the class output first on the class
 * path, no source path, so javac reads every other class from its class file); their classes' {@link ApiChange API
 * change} decides which {@link Dependents dependents} compile next, until none is left. A failed compile puts back
 * what was set aside and keeps the last state, so the next build starts from the last good one.
 */
final class IncrementalCompile {
    /** The compiler: compiles some sources into the class output, reading every other class from there. */
    interface Javac {
        /**
         * Compiles {@code sources}; {@code all} says they are every source of the module (a full compile, which may
         * use the source path), otherwise other classes must come from class files only. True when it succeeded.
         */
        boolean compile(Collection<Path> sources, boolean all) throws IOException;
    }

    /** Puts a successful compile's files where the build expects them, before the state records them. */
    interface Publisher {
        /**
         * @param removed the class output's files (relative) of the last compile that are gone
         * @param removedGenerated the generated sources' folder's files (relative) of the last compile that are gone
         * @param copy copy the class files, do not link them: something changed the class output's files in place
         */
        void publish(Set<String> removed, Set<String> removedGenerated, boolean copy) throws IOException;
    }

    /** What a compile is given. */
    static final class Request {
        /** Every source of the module by its path relative to its source root. */
        final Map<String, Path> sources;
        /** The class output this compile owns: nothing else writes there. */
        final Path classOutput;
        /**
         * Everything besides the sources that decides the output, in parts by name ("javac options", "class path",
         * "JDK"...), each as text: a change of any part is a full compile that names it.
         */
        final Map<String, String> setup;
        /**
         * The class path's entries, the module's own output left out: the list is a part of {@link #setup}, what
         * changed in each entry is compared class by class ({@link ClassPathChange}).
         */
        final List<Path> classPath;
        /**
         * Where annotation processors write sources, a folder this compile owns, when processors run in this compile
         * (all of them declared isolating); null when none run.
         */
        final Path generatedSources;
        /** The processors are loaded from the class path (there is no processor path): their code may be in any entry. */
        final boolean processorsOnClassPath;
        /**
         * The record of where each file the processors wrote came from ({@link dev.tandem.compiler.javac.OriginRecorder},
         * written by every run of javac), when processors run under it; null otherwise, and then a processor that
         * writes a file makes every compile full.
         */
        final Path origins;

        /**
         * The processors declared aggregating ({@link Processors#aggregating()}), which the recorder runs only when
         * every source compiles; empty when there are none.
         */
        final List<String> aggregating;
        /** Where the recorder writes the compiled types that feed {@link #aggregating} (each run of javac). */
        final Path seeds;
        /**
         * The parts of {@link #setup} that a compile decides (which resources of the class output the processors
         * read), as they are after it; null when there are none.
         */
        java.util.concurrent.Callable<Map<String, String>> setupAfterCompile;

        final Path stateFile;
        final Publisher publisher;
        /** The sources' encoding (javac's {@code -encoding}), to read their text in. */
        final java.nio.charset.Charset encoding;

        Request(
                Map<String, Path> sources,
                java.nio.charset.Charset encoding,
                Path classOutput,
                Map<String, String> setup,
                List<Path> classPath,
                Path generatedSources,
                boolean processorsOnClassPath,
                Path origins,
                List<String> aggregating,
                Path seeds,
                Path stateFile,
                Publisher publisher) {
            this.sources = new TreeMap<>(sources);
            this.encoding = encoding;
            this.classOutput = classOutput;
            this.setup = new TreeMap<>(setup);
            this.classPath = List.copyOf(classPath);
            this.generatedSources = generatedSources;
            this.processorsOnClassPath = processorsOnClassPath;
            this.origins = origins;
            this.aggregating = List.copyOf(aggregating);
            this.seeds = seeds;
            this.stateFile = stateFile;
            this.publisher = publisher;
        }
    }

    /** What a compile did. */
    static final class Result {
        /** Why everything was compiled, or null for an incremental compile. */
        final String fullReason;
        /** The sources compiled, relative to their root. */
        final Set<String> compiled;
        /** The class files (relative to the class output) of the last compile that are gone. */
        final Set<String> removedClassFiles;

        final boolean success;
        /** The last compile's state was there but damaged: worth a warning, as nothing should damage it. */
        final boolean damagedState;

        Result(
                String fullReason,
                Set<String> compiled,
                Set<String> removedClassFiles,
                boolean success,
                boolean damagedState) {
            this.fullReason = fullReason;
            this.compiled = compiled;
            this.removedClassFiles = removedClassFiles;
            this.success = success;
            this.damagedState = damagedState;
        }
    }

    private final Javac javac;
    // this compile's inputs, as the full compile that any restart becomes needs them
    private Request request;
    private Map<String, String> hashes;
    private Map<String, String> stamps;
    private long now;
    private Map<String, String> setup;
    private SetAside aside;
    private ClassPathChange classPath;
    /** This compile's aggregating processors. */
    private AggregatingProcessors aggregating;
    /**
     * Where the time went, for the debug line: hashing sources, reading class files (or their kept analyses), in the
     * compiler, keeping the analyses for the next compile.
     */
    long hashNanos, analyseNanos, javacNanos, keepNanos;

    /**
     * The texts the search read in this compile, each read once though every batch searches: sources do not change
     * during a compile, and a generated source is rewritten only once its source compiled, which is never searched
     * again.
     */
    private final Map<Path, String> texts = new java.util.HashMap<>();
    /** The class files' analyses were the ones the last compile kept, not parsed. */
    boolean analysesKept;
    /** The class files are copied to the build's output, not linked. */
    private boolean copies;

    IncrementalCompile(Javac javac) {
        this.javac = javac;
    }

    /** Compiles once: an instance is for one compile. */
    Result compile(Request request) throws IOException {
        this.request = request;
        Map<String, Path> sources = request.sources;
        hashes = new TreeMap<>();
        CompileState last;
        String damaged = null;
        String otherFormat = null;
        try {
            last = CompileState.read(request.stateFile);
        } catch (CompileState.OtherFormat e) {
            last = null;
            otherFormat = e.getMessage();
        } catch (CompileState.Damaged e) {
            last = null;
            damaged = "the last compile's state " + e.getMessage();
        }
        long start = System.nanoTime();
        now = System.currentTimeMillis();
        stamps = new TreeMap<>();
        for (Map.Entry<String, Path> source : sources.entrySet()) {
            BasicFileAttributes attributes = Files.readAttributes(source.getValue(), BasicFileAttributes.class);
            long time = attributes.lastModifiedTime().toMillis();
            String stamp = attributes.size() + " " + time;
            stamps.put(source.getKey(), stamp);
            // as git's index does: a source of the same size and time as when it was last hashed is not read again,
            // unless that time is within two seconds of that compile (a file system may count time that coarsely)
            String hash = last != null && stamp.equals(last.stamps().get(source.getKey())) && time < last.time() - 2000
                    ? last.sources().get(source.getKey())
                    : null;
            hashes.put(
                    source.getKey(), hash != null ? hash : ClassAnalysis.sha256(Files.readAllBytes(source.getValue())));
        }
        hashNanos = System.nanoTime() - start;
        setup = new TreeMap<>();
        for (Map.Entry<String, String> part : request.setup.entrySet()) {
            setup.put(part.getKey(), ClassAnalysis.sha256(part.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        aside = new SetAside(request.classOutput, request.generatedSources);
        String interrupted = aside.leftOver();
        String full = damaged != null
                ? damaged
                : last == null
                        ? (otherFormat != null ? otherFormat : "no state of a previous compile")
                        : interrupted != null
                                ? "the last compile was interrupted (" + interrupted + " was left)"
                                : setupChange(last, setup);
        classPath = new ClassPathChange(
                request.classPath,
                last == null ? null : last.classPath(),
                request.stateFile.resolveSibling(KEPT_CLASS_PATH));
        copies = last != null && last.copies();
        // the class output as the last compile left it, listed once for the check below and the analysis
        Map<String, BasicFileAttributes> output = full == null ? Stamps.list(request.classOutput) : Map.of();
        if (full == null && last.outputs() != null && !last.outputs().equals(Stamps.ofOutput(output))) {
            full = "a file the last compile wrote was changed after it (a tool writing class files in place, such as"
                    + " a bytecode enhancer?); its class files are copied from now on, not linked";
            copies = true;
        }
        if (full == null) {
            classPath.compare(request.generatedSources != null, request.processorsOnClassPath);
            full = classPath.fullReason();
        }
        if (full == null && request.generatedSources != null && last.written() != null) {
            full = "annotation processors wrote a file in the last compile that Tandem cannot trace to one source: "
                    + last.written();
        }
        if (full == null
                && request.generatedSources == null
                && !last.generated().isEmpty()) {
            full = "annotation processors ran in the last compile and do not now";
        }
        Set<String> changed = new TreeSet<>();
        Set<String> removed = new TreeSet<>();
        if (full == null) {
            for (Map.Entry<String, String> source : hashes.entrySet()) {
                if (!source.getValue().equals(last.sources().get(source.getKey()))) {
                    changed.add(source.getKey());
                }
            }
            for (String was : last.sources().keySet()) {
                if (!hashes.containsKey(was)) {
                    removed.add(was);
                }
            }
            full = structural(changed, removed);
        }
        aggregating = new AggregatingProcessors(request.aggregating, request.seeds);
        if (full == null && !aggregating.none()) {
            full = aggregating.runAgain(last, changed, removed, classPath);
        }
        start = System.nanoTime();
        Map<String, ClassAnalysis> classes = Map.of();
        if (full == null) {
            classes = ClassAnalyses.read(analysesFile(), last.outputs());
            analysesKept = classes != null;
            if (classes == null) {
                classes = analyse(request.classOutput, output);
            }
        }
        analyseNanos = System.nanoTime() - start;
        if (full == null && classes == null) {
            full = "a class file of the last compile could not be read";
        }
        // what the processors wrote for each source, and each generated source's origin
        Map<String, Set<String>> generatedBy = new TreeMap<>();
        Map<String, String> originOf = new TreeMap<>();
        if (last != null) {
            for (Map.Entry<String, String> file : last.generated().entrySet()) {
                generatedBy
                        .computeIfAbsent(file.getValue(), s -> new TreeSet<>())
                        .add(file.getKey());
                if (file.getKey().startsWith(SOURCES) && file.getKey().endsWith(".java")) {
                    originOf.put(file.getKey().substring(SOURCES.length()), file.getValue());
                }
            }
        }
        if (full == null) {
            // a new source named as a source the processors wrote: without Tandem the processor fails to write it
            // again (one named as a class file of another source is found when javac rewrites that file)
            for (String source : changed) {
                if (!last.sources().containsKey(source) && originOf.containsKey(source)) {
                    full = "the new source " + source + " has the name of a source processors wrote for "
                            + originOf.get(source);
                    break;
                }
            }
        }
        Map<String, List<String>> classesOf = new TreeMap<>();
        if (full == null) {
            for (ClassAnalysis analysis : classes.values()) {
                if (analysis.sourceFile() == null) {
                    full = "the class file of " + analysis.name() + " names no source file (-g:none)";
                    break;
                }
                if (!last.sources().containsKey(analysis.sourceFile())
                        && !originOf.containsKey(analysis.sourceFile())) {
                    full = "the class " + analysis.name() + " is not in the folder of its package ("
                            + analysis.sourceFile() + " not found)";
                    break;
                }
                classesOf
                        .computeIfAbsent(analysis.sourceFile(), s -> new ArrayList<>())
                        .add(analysis.name());
            }
        }
        // the sources the aggregating processors read in the last full compile: what carries an annotation they
        // support and everything that reaches
        Set<String> feeding = full == null && !aggregating.none()
                ? AggregatingProcessors.feeding(last.seeds(), classes, classesOf, originOf)
                : Set.of();
        if (full == null) {
            full = aggregating.feedingReason(changed, feeding);
        }
        if (full != null) {
            return fullCompile(full, damaged != null);
        }
        Dependents dependents = new Dependents(classes.values());
        Map<String, ClassAnalysis> analyses = new java.util.HashMap<>(classes);
        Set<String> compiled = new TreeSet<>();
        Set<String> toCompile = new TreeSet<>(changed);
        if (!classPath.changed().isEmpty()) {
            // what depends on the class path's classes whose API changed, as on the module's own
            toCompile.addAll(sourcesOf(dependents.of(classPath.changed()), classes, originOf, Set.of()));
            // and every source whose text names one: what uses a dependency's class may leave no trace in a class
            // file (a static import on demand choosing another overload, a local variable's type, an annotation on
            // it, a nested class an import on demand brings), and a dependency is not compiled with the module, so
            // there is no source of it to fall back on
            toCompile.addAll(mentioning(
                    simpleNames(union(classPath.changed(), dependents.throughApi(classPath.changed()))),
                    toCompile,
                    originOf));
        }
        Set<String> gone = new TreeSet<>(removed);
        Set<Path> createdAll = new TreeSet<>();
        Map<String, String> generated = new TreeMap<>(last.generated());
        while (!toCompile.isEmpty() || !gone.isEmpty()) {
            Map<String, ClassAnalysis> before = new TreeMap<>();
            for (String source : union(toCompile, gone)) {
                // the source's classes, what the processors wrote for it, and the classes of the sources they wrote
                List<String> units = new ArrayList<>(List.of(source));
                for (String file : generatedBy.getOrDefault(source, Set.of())) {
                    generated.remove(file);
                    aside.add(outputFile(file));
                    if (file.startsWith(SOURCES)) {
                        units.add(file.substring(SOURCES.length()));
                    }
                }
                for (String unit : units) {
                    for (String name : classesOf.getOrDefault(unit, List.of())) {
                        before.put(name, classes.get(name));
                        aside.add(classFile(request.classOutput, name));
                    }
                }
            }
            String feeds = aggregating.feedingReason(toCompile, feeding);
            if (feeds != null) {
                return restart(createdAll, feeds);
            }
            Set<Path> created = new TreeSet<>();
            Set<Path> rewritten = new TreeSet<>();
            boolean ok = toCompile.isEmpty() || run(toCompile, false, created, rewritten);
            createdAll.addAll(created);
            Set<String> seeds = ok ? aggregating.readSeeds() : Set.of();
            if (!seeds.isEmpty()) {
                return restart(
                        createdAll,
                        String.join(", ", seeds) + " now carries an annotation that the aggregating processor "
                                + String.join(", ", request.aggregating) + " supports: it runs on every source");
            }
            if (!ok) {
                // javac's verdict on some sources, read against the last compile's classes, may differ from its verdict
                // on all (Lombok's @Delegate, a class declared twice...): a failure is confirmed by a full compile
                return restart(
                        createdAll,
                        "the changed sources did not compile on their own, so everything was compiled, as without"
                                + " Tandem");
            }
            if (!rewritten.isEmpty()) {
                Path file = rewritten.iterator().next();
                return restart(
                        createdAll,
                        file.startsWith(request.classOutput)
                                ? "javac rewrote " + Stamps.relative(request.classOutput, file) + ", which belongs to a"
                                        + " source it was not compiling (a class declared in two sources?)"
                                : "an annotation processor rewrote " + Stamps.relative(request.generatedSources, file)
                                        + ", which it wrote for a source it was not compiling (a file written for"
                                        + " two sources?)");
            }
            compiled.addAll(toCompile);
            Map<String, ClassAnalysis> after = new TreeMap<>();
            for (Path file : created) {
                if (file.startsWith(request.classOutput)
                        && file.getFileName().toString().endsWith(".class")) {
                    ClassAnalysis analysis = ClassAnalysis.read(Files.readAllBytes(file));
                    after.put(analysis.name(), analysis);
                }
            }
            analyses.putAll(after);
            String untraced = trace(created, toCompile, after::get, generated, false);
            if (untraced != null) {
                return restart(
                        createdAll,
                        "an annotation processor wrote a file that Tandem cannot trace to one of the sources it"
                                + " compiled: " + untraced);
            }
            ApiChange change = ApiChange.between(before, after);
            if (change.fullRecompilation() != null) {
                return restart(createdAll, change.fullRecompilation());
            }
            Set<String> next = sourcesOf(dependents.of(change.changed()), classes, originOf, compiled);
            // and every source whose text names a class whose API changed: what uses a class may leave no trace in a
            // class file. A class that appears or goes can change what a simple name means (a wildcard import, an
            // unused import, a java.lang type shadowed by a new one in the package); a static import on demand picks
            // another overload of a method added to a class it never named; a local variable's type made
            // inaccessible; and where processors run (Lombok), what they read from source-retention annotations
            // (@Delegate(types = Api.class))
            // (a subclass of one too: a method reference through it names the method's declaring class alone)
            next.addAll(mentioning(
                    simpleNames(union(change.changed(), dependents.throughApi(change.changed()))),
                    union(compiled, next),
                    originOf));
            toCompile = next;
            gone = Set.of();
        }
        refreshSetup();
        commit(
                new CompileState(setup, null, generated, hashes, null, copies, stamps, now, Map.of(), last.seeds()),
                analyses);
        return new Result(null, compiled, aside.removed(SetAside.CLASSES), true, false);
    }

    /** A file the processors wrote, by its key in the state ({@code sources/...}, {@code classes/...}). */
    private Path outputFile(String key) {
        return key.startsWith(SOURCES)
                ? request.generatedSources.resolve(key.substring(SOURCES.length()))
                : request.classOutput.resolve(key.substring(CLASSES.length()));
    }

    /**
     * Traces each file the processors wrote in a run of javac ({@code created}: the generated sources' folder's
     * files, and the class output's files other than class files) to the source its originating elements are in, and
     * adds it to {@code generated}; that source must be one of {@code compiled}. Returns the first file that cannot
     * be traced, with why, or null when all can.
     */
    private String trace(
            Set<Path> created,
            Set<String> compiled,
            java.util.function.Function<String, ClassAnalysis> classNamed,
            Map<String, String> generated,
            boolean all)
            throws IOException {
        Map<String, Set<String>> origins = null;
        for (Path file : created) {
            String key;
            if (request.generatedSources != null && file.startsWith(request.generatedSources)) {
                key = SOURCES + Stamps.relative(request.generatedSources, file);
            } else if (!file.getFileName().toString().endsWith(".class")) {
                key = CLASSES + Stamps.relative(request.classOutput, file);
            } else {
                continue;
            }
            String name = key.substring(key.indexOf('/') + 1);
            if (request.origins == null) {
                return name + " (the processors are not in annotationProcessorPaths, where Tandem would run them)";
            }
            if (origins == null) {
                origins = readOrigins();
            }
            Set<String> types = origins.get(file.toAbsolutePath().normalize().toString());
            if (types == null && all && !request.aggregating.isEmpty() && key.startsWith(CLASSES)) {
                // written through javac's own Filer, which the recorder hands the aggregating processors: theirs,
                // written again only when every source compiles
                generated.put(key, AggregatingProcessors.AGGREGATED);
                continue;
            }
            if (types == null) {
                return name
                        + (request.aggregating.isEmpty()
                                ? " (not written through javac's Filer)"
                                : " (not written through javac's Filer, or written by an aggregating processor, which"
                                        + " Tandem keeps only when it writes neither sources nor classes)");
            }
            if (types.isEmpty()) {
                return name + " (written with no originating element)";
            }
            Set<String> from = new TreeSet<>();
            for (String type : types) {
                ClassAnalysis analysis = type.startsWith("package:") ? null : classNamed.apply(type);
                if (analysis == null || !compiled.contains(analysis.sourceFile())) {
                    return name + " (written for " + type + ", which is not a type of the sources compiled)";
                }
                from.add(analysis.sourceFile());
            }
            if (from.size() > 1) {
                return name + " (written for types of " + from.size() + " sources: " + String.join(", ", from) + ")";
            }
            generated.put(key, from.iterator().next());
        }
        return null;
    }

    /** The last run's record: each file written through the Filer (absolute path) to its origins' type names. */
    private Map<String, Set<String>> readOrigins() throws IOException {
        Map<String, Set<String>> origins = new java.util.HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(request.origins, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return origins;
        }
        for (String line : lines) {
            int tab = line.lastIndexOf('\t');
            if (tab < 0) {
                continue;
            }
            Set<String> types = new TreeSet<>();
            for (String type : line.substring(tab + 1).split(" ")) {
                if (!type.isEmpty() && !type.equals("-")) {
                    types.add(type);
                }
            }
            origins.put(line.substring(0, tab), types);
        }
        return origins;
    }

    /**
     * Publishes a successful compile's class files, then records the state with a digest of the class output as
     * publishing left it (linking or copying may change the files' times) and the class path's entries' stamps (with
     * the analyses of those that changed, {@link ClassPathChange#keep()}), and the analyses of its class files
     * ({@code analyses}: of the last compile's and of those compiled now, by name; null after a full compile, which
     * reads no class file, so that the next compile reads them all).
     */
    private void commit(CompileState state, Map<String, ClassAnalysis> analyses) throws IOException {
        aside.settle();
        request.publisher.publish(aside.removed(SetAside.CLASSES), aside.removed(SetAside.GENERATED), state.copies());
        // listed again after publishing: a linked class file's time is the publishing's
        Map<String, BasicFileAttributes> output = Stamps.list(request.classOutput);
        String outputs = Stamps.ofOutput(output);
        long start = System.nanoTime();
        List<ClassAnalysis> kept = new ArrayList<>();
        for (String file : output.keySet()) {
            if (analyses == null || !file.endsWith(".class")) {
                continue;
            }
            ClassAnalysis analysis = analyses.get(
                    file.substring(0, file.length() - ".class".length()).replace('/', '.'));
            if (analysis == null) {
                analyses = null; // a class file named otherwise than its class: the next compile reads them all
            } else {
                kept.add(analysis);
            }
        }
        if (analyses != null) {
            ClassAnalyses.write(analysesFile(), outputs, kept);
        } else {
            Files.deleteIfExists(analysesFile());
        }
        keepNanos = System.nanoTime() - start;
        classPath.keep();
        state.finished(outputs, classPath.state()).write(request.stateFile);
        // only now: a build killed while publishing leaves the folder, and the next compile is a full one
        aside.drop();
    }

    /** The set-up parts that changed since the last compile, as a full compile's reason; null when none did. */
    private static String setupChange(CompileState last, Map<String, String> setup) {
        Set<String> changed = new TreeSet<>();
        for (String part : union(last.setup().keySet(), setup.keySet())) {
            if (!java.util.Objects.equals(last.setup().get(part), setup.get(part))) {
                changed.add(part);
            }
        }
        if (changed.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>(changed);
        String last1 = parts.remove(parts.size() - 1);
        return "the " + (parts.isEmpty() ? last1 : String.join(", ", parts) + " and " + last1) + " changed";
    }

    /**
     * The sources to compile again for some classes of the last compile (by binary name), other than {@code done}: the
     * source each is in, or for a class of a generated source the source the processors wrote it for, which makes
     * them write it again.
     */
    private Set<String> sourcesOf(
            Set<String> names, Map<String, ClassAnalysis> classes, Map<String, String> originOf, Set<String> done) {
        Set<String> result = new TreeSet<>();
        for (String name : names) {
            ClassAnalysis analysis = classes.get(name);
            if (analysis != null) {
                String source = originOf.getOrDefault(analysis.sourceFile(), analysis.sourceFile());
                if (request.sources.containsKey(source) && !done.contains(source)) {
                    result.add(source);
                }
            }
        }
        return result;
    }

    /** In {@link #simpleNames}: a name a source can use from any package. */
    static final String ANYWHERE = "*";

    /**
     * The simple names a source can use for some classes (by binary name), each with the packages a source reaches it
     * from. A top-level class's name, from its own package, or where the source names that package (an import, single
     * or on demand, static or not, or a qualified name): {@code a.b.C} from {@code a.b}. A nested class's name (every
     * part of {@code a.Outer$Inner}; not the numbers of local and anonymous classes) from {@link #ANYWHERE}: an import
     * of its outer class's members brings it in, and a subclass of its outer class inherits it.
     */
    static Map<String, Set<String>> simpleNames(Set<String> binaryNames) {
        Map<String, Set<String>> names = new TreeMap<>();
        for (String name : binaryNames) {
            int dot = name.lastIndexOf('.');
            String pkg = dot < 0 ? "" : name.substring(0, dot);
            String[] parts = name.substring(dot + 1).split("\\$");
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].isEmpty() && !Character.isDigit(parts[i].charAt(0))) {
                    names.computeIfAbsent(parts[i], n -> new TreeSet<>()).add(i == 0 ? pkg : ANYWHERE);
                }
            }
        }
        return names;
    }

    /**
     * The sources, other than {@code done}, whose text or whose generated sources' text names one of {@code names}
     * (simple names): a class that appears or goes can change what a simple name means in a source that never named
     * it in a class file, and processors read what leaves no trace in class files.
     */
    private Set<String> mentioning(Map<String, Set<String>> names, Set<String> done, Map<String, String> originOf)
            throws IOException {
        Set<String> result = new TreeSet<>();
        if (names.isEmpty()) {
            return result;
        }
        for (Map.Entry<String, Path> source : request.sources.entrySet()) {
            if (!done.contains(source.getKey()) && mentions(source.getKey(), source.getValue(), names)) {
                result.add(source.getKey());
            }
        }
        for (Map.Entry<String, String> file : originOf.entrySet()) {
            if (request.sources.containsKey(file.getValue())
                    && !done.contains(file.getValue())
                    && !result.contains(file.getValue())
                    && mentions(file.getKey(), request.generatedSources.resolve(file.getKey()), names)) {
                result.add(file.getValue());
            }
        }
        return result;
    }

    /**
     * Whether a source's text (comments and strings count: it is a superset) has one of the names as a whole word,
     * where the source reaches it ({@link #simpleNames}): its package is the folder of {@code path}, as the compile
     * checks for every class.
     */
    private boolean mentions(String path, Path source, Map<String, Set<String>> names) throws IOException {
        String text = texts.get(source);
        if (text == null) { // each batch of a compile searches again: every source is read once
            text = unicodeEscapesRead(new String(Files.readAllBytes(source), request.encoding));
            texts.put(source, text);
        }
        int slash = path.lastIndexOf('/');
        String own = slash < 0 ? "" : path.substring(0, slash).replace('/', '.');
        for (Map.Entry<String, Set<String>> name : names.entrySet()) {
            if (!hasWord(text, name.getKey(), false)) {
                continue;
            }
            for (String pkg : name.getValue()) {
                if (pkg.equals(ANYWHERE) || pkg.equals(own) || (!pkg.isEmpty() && hasWord(text, pkg + ".", true))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The text as javac reads it, its unicode escapes ({@code \\u0042}, {@code \\uu0042}) translated first: a name
     * written with one is the same name. A backslash escaped by another starts none.
     */
    static String unicodeEscapesRead(String text) {
        int at = text.indexOf("\\u");
        if (at < 0) {
            return text;
        }
        StringBuilder read = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                read.append("\\\\");
                i += 2;
                continue;
            }
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= text.length()) {
                    try {
                        read.append((char) Integer.parseInt(text.substring(j, j + 4), 16));
                        i = j + 4;
                        continue;
                    } catch (NumberFormatException notAnEscape) {
                        // javac rejects it; read as it is
                    }
                }
            }
            read.append(c);
            i++;
        }
        return read.toString();
    }

    /**
     * Whether {@code text} has {@code word} where no identifier goes on before it (nor, for a package's {@code
     * qualified} prefix, a dot: {@code x.a.} does not name package {@code a}) and, for a word, none goes on after it.
     */
    private static boolean hasWord(String text, String word, boolean qualified) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            char before = at == 0 ? ' ' : text.charAt(at - 1);
            boolean starts = !Character.isJavaIdentifierPart(before) && !(qualified && before == '.');
            int end = at + word.length();
            boolean ends = qualified || end == text.length() || !Character.isJavaIdentifierPart(text.charAt(end));
            if (starts && ends) {
                return true;
            }
        }
        return false;
    }

    /** Changes no class file can show: a full compile's reason, or null. */
    private static String structural(Set<String> changed, Set<String> removed) {
        for (String source : union(changed, removed)) {
            String name = source.substring(source.lastIndexOf('/') + 1);
            if (name.equals("module-info.java")) {
                return "module-info.java changed";
            }
            if (name.equals("package-info.java")) {
                return source + " changed (its annotations apply to the whole package)";
            }
        }
        return null;
    }

    /**
     * Undoes the incremental batches so far (deletes what they created, puts back what they set aside) and compiles
     * everything instead, for {@code reason}.
     */
    private Result restart(Set<Path> created, String reason) throws IOException {
        aside.restore(created);
        return fullCompile(reason, false);
    }

    private Result fullCompile(String reason, boolean damagedState) throws IOException {
        aside.drop(); // what an interrupted compile left: the class output is compiled anew
        // class files, what processors wrote there, and the generated sources: all written again
        for (String file : Stamps.list(request.classOutput).keySet()) {
            aside.add(request.classOutput.resolve(file));
        }
        for (String file : Stamps.list(request.generatedSources).keySet()) {
            aside.add(request.generatedSources.resolve(file));
        }
        Set<Path> created = new TreeSet<>();
        boolean ok = request.sources.isEmpty() || run(request.sources.keySet(), true, created, new TreeSet<>());
        Set<String> removedClassFiles;
        if (!ok) {
            removedClassFiles = Set.of();
            aside.restore(created);
        } else {
            Map<String, String> generated = new TreeMap<>();
            String untraced = trace(created, request.sources.keySet(), this::analysisOf, generated, true);
            refreshSetup();
            commit(
                    new CompileState(
                            setup,
                            untraced,
                            untraced == null ? generated : Map.of(),
                            hashes,
                            null,
                            copies,
                            stamps,
                            now,
                            Map.of(),
                            aggregating.seedSources(generated, this::analysisOf, request.sources.keySet())),
                    null);
            removedClassFiles = aside.removed(SetAside.CLASSES);
        }
        return new Result(reason, new TreeSet<>(request.sources.keySet()), removedClassFiles, ok, damagedState);
    }

    /** Where the analyses of the class output's files are kept, beside the state ({@link ClassAnalyses}). */
    private Path analysesFile() {
        return request.stateFile.resolveSibling(KEPT_ANALYSES);
    }

    /** The analysis of a class of the class output, by binary name; null when it has no class file there. */
    private ClassAnalysis analysisOf(String name) {
        try {
            return ClassAnalysis.read(Files.readAllBytes(classFile(request.classOutput, name)));
        } catch (IOException none) {
            return null;
        }
    }

    /**
     * Runs the compiler on some sources; notes the files it wrote (in the class output and the generated sources'
     * folder) in {@code created}, and in {@code rewritten} the ones that were there before and changed (javac
     * overwrote a class file of a source it was not given, a processor a file it wrote for another source).
     */
    private boolean run(Set<String> which, boolean all, Set<Path> created, Set<Path> rewritten) throws IOException {
        List<Path> folders = new ArrayList<>(List.of(request.classOutput));
        if (request.generatedSources != null) {
            folders.add(request.generatedSources);
        }
        List<Map<String, BasicFileAttributes>> before = new ArrayList<>();
        for (Path folder : folders) {
            before.add(Stamps.list(folder));
            Files.createDirectories(folder);
        }
        if (request.origins != null) {
            Files.deleteIfExists(request.origins); // each run writes its own
        }
        if (!request.aggregating.isEmpty()) {
            Files.deleteIfExists(request.seeds);
        }
        List<Path> files = new ArrayList<>();
        for (String source : which) {
            files.add(request.sources.get(source));
        }
        long start = System.nanoTime();
        boolean ok = javac.compile(files, all);
        javacNanos += System.nanoTime() - start;
        for (int i = 0; i < folders.size(); i++) {
            Path folder = folders.get(i);
            for (Map.Entry<String, BasicFileAttributes> file :
                    Stamps.list(folder).entrySet()) {
                BasicFileAttributes was = before.get(i).get(file.getKey());
                if (was == null) {
                    created.add(folder.resolve(file.getKey()));
                } else if (was.size() != file.getValue().size()
                        || !was.lastModifiedTime().equals(file.getValue().lastModifiedTime())) {
                    rewritten.add(folder.resolve(file.getKey()));
                }
            }
        }
        return ok;
    }

    /**
     * The analyses of the class output's class files (as {@code files} lists them) by name; null when one cannot be
     * read. Read on all cores: parsing thousands of class files is the largest part of Tandem's own time in a
     * one-file edit, and javac is not running yet.
     */
    static Map<String, ClassAnalysis> analyse(Path classOutput, Map<String, BasicFileAttributes> files) {
        List<ClassAnalysis> read = files.keySet().parallelStream()
                .filter(name -> name.endsWith(".class"))
                .map(name -> {
                    try {
                        return ClassAnalysis.read(Files.readAllBytes(classOutput.resolve(name)));
                    } catch (IOException unreadable) {
                        return null;
                    }
                })
                .collect(java.util.stream.Collectors.toList());
        Map<String, ClassAnalysis> result = new TreeMap<>();
        for (ClassAnalysis analysis : read) {
            if (analysis == null) {
                return null;
            }
            result.put(analysis.name(), analysis);
        }
        return result;
    }

    /** The state's prefixes of the files processors wrote: in the generated sources' folder, in the class output. */
    /** The set-up's parts as the compile left them ({@link Request#setupAfterCompile}), for the state. */
    private void refreshSetup() throws IOException {
        if (request.setupAfterCompile == null) {
            return;
        }
        try {
            for (Map.Entry<String, String> part :
                    request.setupAfterCompile.call().entrySet()) {
                setup.put(part.getKey(), ClassAnalysis.sha256(part.getValue().getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    static final String SOURCES = "sources/";

    static final String CLASSES = "classes/";

    /** Beside the state: the class files' analyses ({@link ClassAnalyses}), and the class path entries' folder. */
    static final String KEPT_ANALYSES = "classes.analyses";

    static final String KEPT_CLASS_PATH = "classpath";

    private static Path classFile(Path classOutput, String binaryName) {
        return classOutput.resolve(binaryName.replace('.', '/') + ".class");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }
}
