package dev.tandem.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What changed on the class path since the last compile, entry by entry, as the module's classes see it: an upstream
 * module's classes folder or jar, a SNAPSHOT dependency. Each entry has a stamp (a folder's files' names, sizes and
 * times; a jar's size and time), kept in the state. An entry whose stamp changed is compared class by class with the
 * analyses kept of it ({@link ClassAnalyses}, in a folder of the module's home, one file per entry), so that only the
 * module's classes that depend on a class whose API changed recompile; anything the comparison cannot settle is a full
 * compile with its reason:
 *
 * <ul>
 *   <li>an entry changed for the first time: nothing was kept of it (analysing every jar of every class path on each
 *       first build would cost more than it saves); it is analysed now, so its next change is followed;
 *   <li>what {@link ApiChange} says of the classes (a constant, a source-retention annotation, module-info);
 *   <li>with processors running, a file other than a class file changed (a processor may read it);
 *   <li>a multi-release jar's versioned classes, which the compile may see instead of the others.
 * </ul>
 *
 * The list of entries, their order, and the classes in the module's own output it did not compile are parts of the
 * set-up: a change to them is a full compile before this is asked.
 */
final class ClassPathChange {
    /** The state's value of an entry never analysed: its stamp, then this. */
    private static final String NOT_KEPT = "-";

    private final Path folder;
    private final Map<String, Path> entries = new LinkedHashMap<>();
    /** Each entry's stamp now. */
    private final Map<String, String> stamps = new LinkedHashMap<>();
    /** The files of each entry that is a folder, listed once for its stamp and its analysis. */
    private final Map<String, Map<String, BasicFileAttributes>> listings = new TreeMap<>();
    /** The last compile's value of each entry: its stamp, and the digest of its other files or {@link #NOT_KEPT}. */
    private final Map<String, String> last;
    /** The entries analysed in this compile, with the digest of their other files; null when one cannot be. */
    private final Map<String, Map<String, ClassAnalysis>> analysed = new TreeMap<>();

    private final Map<String, String> others = new TreeMap<>();
    /** The entries analysed that hold {@link Processors#SERVICE}: javac runs their code in the compile. */
    private final Set<String> holdsProcessors = new TreeSet<>();
    /** The entries holding any service file ({@code META-INF/services/}), among those analysed. */
    private final Set<String> holdsServices = new TreeSet<>();
    /** {@link #touched()}. */
    private final Set<String> touched = new TreeSet<>();

    /** Why an entry analysed as null cannot be compared. */
    private final Map<String, String> cannotCompare = new TreeMap<>();

    private String fullReason;
    private final Set<String> changed = new TreeSet<>();
    private final Set<String> appearedOrGone = new TreeSet<>();

    /**
     * @param classPath the entries, without the module's own output
     * @param last each entry's value in the last compile's state ({@link #state()}), or null when there is none
     * @param folder where the analyses of entries are kept
     */
    ClassPathChange(List<Path> classPath, Map<String, String> last, Path folder) throws IOException {
        this.folder = folder;
        this.last = last;
        for (Path entry : classPath) {
            String key = entry.toAbsolutePath().normalize().toString();
            entries.put(key, entry);
            if (Files.isDirectory(entry)) {
                listings.put(key, Stamps.following(entry));
            }
            stamps.put(key, Stamps.of(entry, listings.get(key)));
        }
    }

    /**
     * Compares each entry whose stamp changed with what was kept of it; then {@link #fullReason()} or {@link
     * #changed()} tell the outcome. {@code processors}: processors run, and may read any file of the class path;
     * {@code processorsOnClassPath}: they are loaded from it, so their plug-ins' code is there too.
     */
    void compare(boolean processors, boolean processorsOnClassPath) throws IOException {
        List<ClassAnalysis> changedEntries = new ArrayList<>();
        for (Map.Entry<String, String> entry : stamps.entrySet()) {
            String was = last.get(entry.getKey());
            if (was == null) {
                fullReason = "the class path entry " + entry.getKey() + " is new";
                return;
            }
            if (stampOf(was).equals(entry.getValue())) {
                continue;
            }
            touched.add(entry.getKey());
            boolean kept = !othersOf(was).equals(NOT_KEPT);
            Map<String, ClassAnalysis> before =
                    kept ? ClassAnalyses.read(keptFile(entry.getKey()), stampOf(was)) : null;
            if (before == null) {
                fullReason = "the class path entry " + entry.getKey() + " changed ("
                        + (kept
                                ? "what was kept of its classes is gone or damaged, and is kept anew"
                                : "from now on"
                                        + " its classes are compared, so that its next change recompiles only what it affects")
                        + ")";
                return;
            }
            Map<String, ClassAnalysis> after = analysis(entry.getKey());
            if (after == null) {
                fullReason = "the class path entry " + entry.getKey() + " changed, and its classes cannot be compared ("
                        + cannotCompare.get(entry.getKey()) + ")";
                return;
            }
            if (processors && holdsProcessors.contains(entry.getKey())) {
                fullReason = "the class path entry " + entry.getKey() + " changed, and it holds annotation processors"
                        + " (" + Processors.SERVICE + "), which run in this compile";
                return;
            }
            if (processors && processorsOnClassPath && holdsServices.contains(entry.getKey())) {
                // a processor loaded from the class path finds its plug-ins there (MapStruct's naming strategies,
                // lombok-mapstruct-binding): a change to their code changes what it writes, not any class's API
                fullReason = "the class path entry " + entry.getKey() + " changed, and it holds service files"
                        + " (META-INF/services/), which the annotation processors found on the class path may load";
                return;
            }
            if (processors && !othersOf(was).equals(others.get(entry.getKey()))) {
                fullReason = "a file other than a class file changed in the class path entry " + entry.getKey()
                        + " (annotation processors may read it)";
                return;
            }
            ApiChange change = ApiChange.between(before, after);
            if (change.fullRecompilation() != null) {
                fullReason = change.fullRecompilation() + ", on the class path (" + entry.getKey() + ")";
                return;
            }
            changed.addAll(change.changed());
            changedEntries.addAll(after.values());
            for (String name : change.changed()) {
                if (before.containsKey(name) != after.containsKey(name)) {
                    appearedOrGone.add(name);
                }
            }
        }
        // a class of a changed entry that inherits or exposes a changed one changed for the module too: the module's
        // subclass of it names it alone (an inherited method is called on the subclass), also when the two are in two
        // entries (upstream modules of a reactor, each rebuilt)
        changed.addAll(new Dependents(changedEntries).throughApi(changed));
    }

    /** Why the module must compile in full, or null when the classes that changed are known. */
    String fullReason() {
        return fullReason;
    }

    /**
     * The entries whose files changed since the last compile, whatever changed in them (a private member's annotation
     * too, which no API compares).
     */
    Set<String> touched() {
        return touched;
    }

    /** The classes of the class path whose API changed, added or removed ones included. */
    Set<String> changed() {
        return changed;
    }

    /** The classes of the class path that were added or removed. */
    Set<String> appearedOrGone() {
        return appearedOrGone;
    }

    /**
     * Keeps the analyses of the entries that changed since the last compile (analysing those not analysed yet), for
     * the next compile to compare with, and deletes what was kept of entries no longer on the class path; after a
     * first compile, none (nothing changed).
     */
    void keep() throws IOException {
        if (last == null) {
            return;
        }
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            Set<Path> current = new java.util.HashSet<>();
            for (String entry : entries.keySet()) {
                current.add(keptFile(entry));
            }
            try (java.util.stream.Stream<Path> files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (!current.contains(file)) {
                        // an entry no longer on the class path, a temporary file, whatever else was put there
                        dev.tandem.cache.internal.FolderHandles.deleteTree(folder.getParent(), file);
                    }
                }
            }
        }
        for (Map.Entry<String, String> entry : stamps.entrySet()) {
            String was = last.get(entry.getKey());
            if (was != null && stampOf(was).equals(entry.getValue())) {
                continue;
            }
            Map<String, ClassAnalysis> analyses = analysis(entry.getKey());
            if (analyses == null) {
                Files.deleteIfExists(keptFile(entry.getKey()));
            } else {
                ClassAnalyses.write(keptFile(entry.getKey()), entry.getValue(), analyses.values());
            }
        }
    }

    /** Each entry's value for the state: its stamp, and the digest of its other files where its classes are kept. */
    Map<String, String> state() {
        Map<String, String> state = new TreeMap<>();
        for (Map.Entry<String, String> entry : stamps.entrySet()) {
            String was = last == null ? null : last.get(entry.getKey());
            String other;
            if (analysed.containsKey(entry.getKey())) {
                other = analysed.get(entry.getKey()) == null ? NOT_KEPT : others.get(entry.getKey());
            } else {
                other = was != null && stampOf(was).equals(entry.getValue()) ? othersOf(was) : NOT_KEPT;
            }
            state.put(entry.getKey(), entry.getValue() + " " + other);
        }
        return state;
    }

    private static String stampOf(String value) {
        return value.substring(0, value.indexOf(' '));
    }

    private static String othersOf(String value) {
        return value.substring(value.indexOf(' ') + 1);
    }

    private Path keptFile(String entry) {
        return folder.resolve(
                ClassAnalysis.sha256(entry.getBytes(StandardCharsets.UTF_8)).substring(0, 32) + ".analyses");
    }

    /** The analyses of an entry's classes now, analysed once; null when they cannot be compared. */
    private Map<String, ClassAnalysis> analysis(String entry) throws IOException {
        if (!analysed.containsKey(entry)) {
            StringBuilder otherFiles = new StringBuilder();
            String[] why = new String[1];
            analysed.put(entry, analyse(entries.get(entry), listings.get(entry), otherFiles, why));
            cannotCompare.put(entry, why[0]);
            if (("\n" + otherFiles).contains("\n" + Processors.SERVICE + " ")) {
                holdsProcessors.add(entry);
            }
            if (("\n" + otherFiles).contains("\nMETA-INF/services/")) {
                holdsServices.add(entry);
            }
            others.put(entry, ClassAnalysis.sha256(otherFiles.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return analysed.get(entry);
    }

    /**
     * The classes of a folder (as {@code listing} lists it) or a jar (when it is null) by name, none when it is
     * missing, with a line per other file in {@code otherFiles}; null, with the reason in {@code why[0]}, for a
     * multi-release jar's versioned classes, a class file that cannot be read, or a file that is not a jar.
     */
    private static Map<String, ClassAnalysis> analyse(
            Path entry, Map<String, BasicFileAttributes> listing, StringBuilder otherFiles, String[] why)
            throws IOException {
        String multiRelease = "a multi-release jar or folder: javac may read its versioned classes instead";
        if (listing != null) {
            for (Map.Entry<String, BasicFileAttributes> file : listing.entrySet()) {
                if (file.getKey().startsWith("META-INF/versions/")
                        && file.getKey().endsWith(".class")) {
                    why[0] = multiRelease;
                    return null;
                }
                if (!file.getKey().endsWith(".class")) {
                    Stamps.line(otherFiles, file.getKey(), file.getValue());
                }
            }
            Map<String, ClassAnalysis> classes = IncrementalCompile.analyse(entry, listing);
            why[0] = "a class file in it cannot be read";
            return classes;
        }
        if (!Files.exists(entry)) {
            return Map.of();
        }
        Map<String, ClassAnalysis> classes = new TreeMap<>();
        try (ZipFile jar = new ZipFile(entry.toFile())) {
            List<ZipEntry> classFiles = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> all = jar.entries(); all.hasMoreElements(); ) {
                ZipEntry file = all.nextElement();
                if (file.isDirectory()) {
                    continue;
                }
                if (!file.getName().endsWith(".class")) {
                    otherFiles
                            .append(file.getName())
                            .append(' ')
                            .append(file.getSize())
                            .append(' ')
                            .append(file.getCrc())
                            .append('\n');
                } else if (file.getName().startsWith("META-INF/versions/")) {
                    why[0] = multiRelease;
                    return null;
                } else {
                    classFiles.add(file);
                }
            }
            for (ZipEntry file : classFiles) {
                try (InputStream in = jar.getInputStream(file)) {
                    ClassAnalysis analysis = ClassAnalysis.read(in.readAllBytes());
                    classes.put(analysis.name(), analysis);
                } catch (IOException unreadable) {
                    why[0] = "its " + file.getName() + " cannot be read: " + unreadable.getMessage();
                    return null;
                }
            }
        } catch (java.util.zip.ZipException notAJar) {
            why[0] = "not a folder, and not a jar: " + notAJar.getMessage();
            return null;
        }
        return classes;
    }
}
