package dev.tandem.compiler;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The annotation processors a compile runs, found as javac finds them (the names given with {@code -processor}, or
 * every {@code META-INF/services/javax.annotation.processing.Processor} entry of the processor path, or of the class
 * path when there is no processor path), and how each declares itself in {@code
 * META-INF/gradle/incremental.annotation.processors}, the file Gradle's incremental compilation reads and processors
 * such as Lombok, MapStruct and Dagger ship: {@code isolating} (each generated file comes from one element),
 * {@code aggregating} or {@code dynamic}.
 */
final class Processors {
    static final String SERVICE = "META-INF/services/javax.annotation.processing.Processor";
    static final String GRADLE = "META-INF/gradle/incremental.annotation.processors";
    /** Tandem's replay, which runs a module's processors itself and declares no kind of its own. */
    static final String REPLAY = "dev.tandem.replay.ReplayProcessor";

    static final String MAPSTRUCT = "org.mapstruct.ap.MappingProcessor";
    /** What lombok-mapstruct-binding provides: MapStruct waits for Lombok whatever their order. */
    static final String MAPSTRUCT_WAITS = "META-INF/services/org.mapstruct.ap.spi.AstModifyingAnnotationProcessor";

    /** Each processor that runs, by class name, to its declared kind; null when it declares none. */
    private final Map<String, String> kinds;
    /** The processors in the order javac runs them. */
    private final List<String> order;
    /** Whether the path has {@link #MAPSTRUCT_WAITS}. */
    private final boolean mapStructWaits;
    /**
     * Replay's {@link #REPLAY} is the one processor named: it runs every processor of the path, and those are the
     * ones {@link #kinds} lists.
     */
    private final boolean replay;

    private Processors(Map<String, String> kinds, List<String> order, boolean mapStructWaits, boolean replay) {
        this.kinds = kinds;
        this.order = order;
        this.mapStructWaits = mapStructWaits;
        this.replay = replay;
    }

    /**
     * The processors of a compile.
     *
     * @param proc javac's {@code -proc} value, or null
     * @param named the {@code -processor} names, or null or empty when javac discovers them
     * @param path the processor path, or the class path when there is none (the class output left out)
     */
    static Processors find(String proc, String[] named, List<Path> path) throws IOException {
        Map<String, String> kinds = new TreeMap<>();
        if ("none".equals(proc)) {
            return new Processors(kinds, List.of(), false, false);
        }
        // replay named alone runs what javac would discover, as this compiler's recorder does
        boolean replay = named != null && named.length == 1 && REPLAY.equals(named[0].trim());
        if (replay) {
            named = null;
        }
        boolean waits = false;
        Set<String> names = new LinkedHashSet<>();
        Map<String, String> declared = new TreeMap<>();
        for (Path entry : path) {
            if (named == null || named.length == 0) {
                for (String line : lines(entry, SERVICE)) {
                    if (!line.equals(REPLAY)) {
                        names.add(line);
                    }
                }
            }
            waits |= !lines(entry, MAPSTRUCT_WAITS).isEmpty();
            for (String line : lines(entry, GRADLE)) {
                int comma = line.indexOf(',');
                if (comma > 0) {
                    declared.putIfAbsent(
                            line.substring(0, comma).trim(),
                            line.substring(comma + 1).trim().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        if (named != null) {
            for (String name : named) {
                names.add(name.trim());
            }
        }
        for (String name : names) {
            kinds.put(name, declared.get(name));
        }
        return new Processors(kinds, new ArrayList<>(names), waits, replay);
    }

    /** True when no processor runs. */
    boolean none() {
        return kinds.isEmpty();
    }

    /**
     * Replay's processor is named, alone: in a full compile it runs the processors (and replays what it can); in an
     * incremental one, which runs only isolating ones, Tandem's recorder runs them without it.
     */
    boolean replay() {
        return replay;
    }

    /** Lombok is among them: it reads {@code lombok.config} files beside the sources. */
    boolean lombok() {
        for (String name : kinds.keySet()) {
            if (name.startsWith("lombok.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why these processors cannot run on some of the sources, or null when every one declares itself isolating (it
     * sees one element at a time, so running it on the changed ones does what running it on all would for them) or
     * aggregating (it writes files from many elements, which Tandem keeps while no source that feeds it changes:
     * {@link #aggregating()}).
     */
    String notIsolating() {
        if (kinds.containsKey(REPLAY)) {
            return "replay's " + REPLAY + " is named with other processors; name it alone in annotationProcessors,"
                    + " as replay's page says";
        }
        List<String> not = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> processor : kinds.entrySet()) {
            if ("aggregating".equals(processor.getValue()) && !trustedAggregating(processor.getKey())) {
                unknown.add(processor.getKey());
            } else if (!"isolating".equals(processor.getValue()) && !"aggregating".equals(processor.getValue())) {
                not.add(processor.getKey()
                        + (processor.getValue() == null
                                ? " declares no incremental kind"
                                : " is " + processor.getValue()));
            }
        }
        String replaying = replay ? " (replay's processor runs them)" : "";
        if (!not.isEmpty()) {
            return "the annotation processor " + String.join(", ", not) + "; only processors declared isolating or"
                    + " aggregating (in " + GRADLE + ") let a compile run on the changed sources alone" + replaying;
        }
        if (!unknown.isEmpty()) {
            return "the annotation processor " + String.join(", ", unknown) + " is aggregating, and not one Tandem"
                    + " knows to read only what it can follow (Spring Boot's configuration processor); name it in -D"
                    + AGGREGATING_PROPERTY + " to compile in part with it" + replaying;
        }
        return null;
    }

    /**
     * The system property (a Maven {@code -D} option, or {@code .mvn/maven.config}) naming, comma-separated, more
     * aggregating processors to run only in full compiles: ones their users know to read nothing beyond the
     * declarations of the elements they support and what those name (no type looked up by name, no method body).
     */
    static final String AGGREGATING_PROPERTY = "tandem.compiler.aggregating";

    /**
     * Aggregating processors read for what they reach: Spring Boot's configuration processor walks its elements'
     * declarations (members, nested types, their Javadoc and initialisers), the endpoints among all root elements by
     * meta-annotation, and its additional metadata in the class output.
     */
    private static final Set<String> KNOWN_AGGREGATING =
            Set.of("org.springframework.boot.configurationprocessor.ConfigurationMetadataAnnotationProcessor");

    /**
     * The folders a known aggregating processor is told to read by a javac argument, comma-separated, or null when
     * the argument is not one: Spring Boot's {@code -Aorg.springframework.boot.configurationprocessor
     * .additionalMetadataLocations=}, where it looks for its additional metadata besides the class output.
     */
    static String locationsOption(String argument) {
        String option = "-Aorg.springframework.boot.configurationprocessor.additionalMetadataLocations=";
        return argument.startsWith(option) ? argument.substring(option.length()) : null;
    }

    /** An aggregating processor Tandem may leave out of a compile of some sources. */
    static boolean trustedAggregating(String name) {
        if (KNOWN_AGGREGATING.contains(name)) {
            return true;
        }
        for (String named : System.getProperty(AGGREGATING_PROPERTY, "").split(",")) {
            if (named.trim().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The processors declared {@code aggregating}, in javac's order: each writes files from many elements (Spring
     * Boot's configuration metadata, an index). A compile runs them only when it compiles everything; a compile of
     * some sources leaves their files as the last one wrote them, which holds while none of the sources that feed
     * them (those carrying an annotation they support, and what those reach) is compiled.
     */
    List<String> aggregating() {
        List<String> names = new ArrayList<>();
        for (String name : order) {
            if ("aggregating".equals(kinds.get(name))) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Why the module must compile in full though its processors are isolating, or null: MapStruct runs before Lombok
     * and lombok-mapstruct-binding is not there to make it wait, so a clean build's MapStruct sees a Lombok class
     * without its accessors (and fails, "has no properties"), where an incremental compile reads that class from its
     * class file, accessors and all, and would pass.
     */
    String orderAFullBuildRejects() {
        int mapStruct = order.indexOf(MAPSTRUCT);
        for (int i = 0; i < order.size() && mapStruct >= 0 && !mapStructWaits; i++) {
            if (order.get(i).startsWith("lombok.") && i > mapStruct) {
                return "MapStruct runs before Lombok, and lombok-mapstruct-binding is not on the processor path: a"
                        + " clean build's MapStruct does not see Lombok's accessors, where a class compiled before"
                        + " shows them; compiled in full, as without Tandem (put Lombok first, or add the binding,"
                        + " as MapStruct's documentation says)";
            }
        }
        return null;
    }

    /** The non-comment lines of a file in a jar or folder of the path; none when it has no such file. */
    private static List<String> lines(Path entry, String name) throws IOException {
        List<String> lines = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            Path file = entry.resolve(name);
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    read(in, lines);
                }
            }
        } else if (Files.isRegularFile(entry)) {
            try (JarFile jar = new JarFile(entry.toFile(), false)) {
                ZipEntry found = jar.getEntry(name);
                if (found != null) {
                    try (InputStream in = jar.getInputStream(found)) {
                        read(in, lines);
                    }
                }
            } catch (java.util.zip.ZipException notAJar) {
                // javac skips it too
            }
        }
        return lines;
    }

    private static void read(InputStream in, List<String> lines) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            int comment = line.indexOf('#');
            String text = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (!text.isEmpty()) {
                lines.add(text);
            }
        }
    }
}
