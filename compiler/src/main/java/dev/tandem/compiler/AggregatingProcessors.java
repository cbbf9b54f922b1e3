package dev.tandem.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processors declared aggregating ({@link Processors#aggregating()}) in an incremental compile: they run only
 * when every source compiles, and what they wrote stays while no source that feeds them is compiled. This class
 * decides that: the seeds the recorder notes (types carrying an annotation they support), the sources those reach,
 * and the changes that make a compile full.
 */
final class AggregatingProcessors {
    /** What {@link CompileState#generated()} gives as the origin of a file an aggregating processor wrote. */
    static final String AGGREGATED = "*";

    /** Their names; empty when there are none. */
    private final List<String> names;
    /** Where the recorder writes the compiled types that feed them, in each run of javac. */
    private final Path seedsFile;

    AggregatingProcessors(List<String> names, Path seedsFile) {
        this.names = names;
        this.seedsFile = seedsFile;
    }

    /** No processor of the compile is aggregating. */
    boolean none() {
        return names.isEmpty();
    }

    /**
     * Why a compile with aggregating processors must be full before anything is compiled, or null: they support
     * every annotation, a source was deleted (what they wrote for it cannot be told apart) or added (one may list a
     * package's types), or a class path entry's classes changed (they read library classes too).
     */
    String runAgain(CompileState last, Set<String> changed, Set<String> removed, ClassPathChange classPath) {
        String processors = "the aggregating processor " + String.join(", ", names);
        if (last.seeds().contains(AGGREGATED)) {
            return processors + " runs on every source (it supports every annotation, or a type it was written for"
                    + " could not be told), so it runs again";
        }
        if (!removed.isEmpty()) {
            return removed.iterator().next() + " was deleted, and " + processors + " wrote files from many sources,"
                    + " so it runs again";
        }
        for (String source : changed) {
            if (!last.sources().containsKey(source)) {
                // a processor may list a package's types: only running it again tells
                return source + " is new, and " + processors + " writes files from many sources, so it runs again";
            }
        }
        if (!classPath.touched().isEmpty()) {
            // Spring Boot reads the private fields of a superclass in another module (@NestedConfigurationProperty)
            return "the class path entry " + classPath.touched().iterator().next() + " changed, and " + processors
                    + " may read its classes, private members too, so it runs again";
        }
        return null;
    }

    /**
     * The sources the aggregating processors read in the last full compile: the seeds (each carries an annotation one
     * supports) and every source whose types a type of theirs names in its declarations (supertypes, members' types
     * and signatures, private ones too, annotations), at any depth, as {@code javax.lang.model} lets a processor walk
     * from one element to the next; a source's types all count (a processor reaches nested and enclosing types); a
     * generated source stands for the source it was written for. Method bodies are not followed: a processor sees
     * none, unless it reads javac's trees, which Gradle's contract for incremental processors forbids too.
     */
    static Set<String> feeding(
            Set<String> seeds,
            Map<String, ClassAnalysis> classes,
            Map<String, List<String>> classesOf,
            Map<String, String> originOf) {
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
        Set<String> sourcesReached = new java.util.HashSet<>();
        Set<String> classesReached = new java.util.HashSet<>();
        for (String seed : seeds) {
            sourcesReached.add(seed);
            queue.addAll(classesOf.getOrDefault(seed, List.of()));
        }
        for (Map.Entry<String, String> generated : originOf.entrySet()) {
            // a seed may be a type a processor wrote for the source (a @ConfigurationProperties class generated)
            if (seeds.contains(generated.getValue()) && sourcesReached.add(generated.getKey())) {
                queue.addAll(classesOf.getOrDefault(generated.getKey(), List.of()));
            }
        }
        Set<String> sources = new TreeSet<>(seeds);
        while (!queue.isEmpty()) {
            String name = queue.poll();
            ClassAnalysis analysis = classes.get(name);
            if (analysis == null || !classesReached.add(name)) {
                continue;
            }
            if (sourcesReached.add(analysis.sourceFile())) {
                queue.addAll(classesOf.getOrDefault(analysis.sourceFile(), List.of()));
            }
            sources.add(originOf.getOrDefault(analysis.sourceFile(), analysis.sourceFile()));
            for (Set<String> names : List.of(analysis.accessible(), analysis.declaredPrivately())) {
                for (String declared : names) {
                    if (classes.containsKey(declared) && !classesReached.contains(declared)) {
                        queue.add(declared);
                    }
                }
            }
        }
        return sources;
    }

    /** Why compiling {@code sources} means running the aggregating processors again, or null. */
    String feedingReason(Set<String> sources, Set<String> feeding) {
        for (String source : sources) {
            if (feeding.contains(source)) {
                return source + " feeds the aggregating processor " + String.join(", ", names)
                        + " (it carries an annotation the processor supports, or such a source reaches it), so it runs"
                        + " again";
            }
        }
        return null;
    }

    /** The types the recorder noted in the last run of javac as feeding the aggregating processors, by binary name. */
    Set<String> readSeeds() throws IOException {
        Set<String> seeds = new TreeSet<>();
        if (names.isEmpty()) {
            return seeds;
        }
        try {
            for (String line : Files.readAllLines(seedsFile, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    seeds.add(line);
                }
            }
        } catch (NoSuchFileException none) {
            seeds.add(AGGREGATED); // the recorder wrote none: nothing can be told
        }
        return seeds;
    }

    /**
     * The sources of a full compile's seeds: each type's source (the one a generated source was written for), a
     * package's {@code package-info.java}; {@link #AGGREGATED} when one cannot be told.
     */
    Set<String> seedSources(
            Map<String, String> generated,
            java.util.function.Function<String, ClassAnalysis> analysisOf,
            Set<String> sourcesOfTheModule)
            throws IOException {
        if (names.isEmpty()) {
            return Set.of();
        }
        Set<String> sources = new TreeSet<>();
        for (String seed : readSeeds()) {
            String source;
            if (seed.startsWith("package:")) {
                source = seed.substring("package:".length()).replace('.', '/') + "/package-info.java";
            } else {
                ClassAnalysis analysis = seed.equals(AGGREGATED) ? null : analysisOf.apply(seed);
                source = analysis == null || analysis.sourceFile() == null ? null : analysis.sourceFile();
                if (source != null) {
                    source = generated.getOrDefault(IncrementalCompile.SOURCES + source, source);
                }
            }
            if (source == null || !sourcesOfTheModule.contains(source)) {
                return Set.of(AGGREGATED);
            }
            sources.add(source);
        }
        return sources;
    }
}
