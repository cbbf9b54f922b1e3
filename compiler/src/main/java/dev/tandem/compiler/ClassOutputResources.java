package dev.tandem.compiler;

import dev.tandem.cache.internal.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files of the plugin's output that Tandem did not write (what maven-resources-plugin copied there), as the
 * processors of Tandem's compiles read them: in Maven alone a processor reads its class output, where they are
 * (Hibernate's {@code orm.xml}, Spring Boot's additional metadata); Tandem's compiles write into a folder of their
 * own, so each one is lent them, and what they read is part of the set-up.
 */
final class ClassOutputResources {
    /** The plugin's output. */
    private final Path output;
    /** Tandem's class folder, where the compiles write and the resources are lent. */
    private final Path classes;

    private final Path home;
    /** The resources the processors read, a name a line, as the last compiles left it. */
    private final Path readFile;
    /** {@link #notTandems()}, listed once. */
    private Map<String, BasicFileAttributes> notTandems;
    /** {@link #accessTimesKept()}, probed once. */
    private Boolean accessTimesKept;

    ClassOutputResources(Path output, Path classes, Path home) {
        this.output = output;
        this.classes = classes;
        this.home = home;
        this.readFile = home.resolve("resources-read");
    }

    /**
     * The set-up's part for the resources in the class output that the processors may read: the names of
     * all (one added may be one a processor looks for: Spring Boot's additional metadata, created), and the content
     * of those they read in their last run (the plugins that copy resources may rewrite them as they were; what
     * another plugin writes anew on every build, such as Spring Boot's build-info, counts only if read).
     */
    /** The names (relative to the class output) of the resources the processors read in the last compiles. */
    List<String> readNames() throws IOException {
        return Files.isRegularFile(readFile, LinkOption.NOFOLLOW_LINKS)
                ? Files.readAllLines(readFile, StandardCharsets.UTF_8)
                : List.of();
    }

    Map<String, String> setupPart() throws IOException {
        StringBuilder part = new StringBuilder();
        for (String name : foreign().keySet()) {
            part.append("resource ").append(name).append('\n');
        }
        for (String name : readNames()) {
            part.append("read ")
                    .append(name)
                    .append(' ')
                    .append(Sha256.hexOrMissing(output.resolve(name)))
                    .append('\n');
        }
        return Map.of("resources in the class output", part.toString());
    }

    /**
     * Deletes the resources lent to a compile, and notes which of them its processors read (by each copy's time of
     * last access, set far back when it was lent) for {@link #setupPart}: where the file system does not keep that time,
     * every one counts as read.
     */
    void takeBack(Map<Path, BasicFileAttributes> lent, boolean all) throws IOException {
        if (lent.isEmpty()) {
            return;
        }
        boolean told = accessTimesKept();
        Set<String> read = new TreeSet<>();
        if (!all) {
            // a compile of some sources adds what its processors read to what the others' read in earlier compiles
            read.addAll(readNames());
        }
        for (Map.Entry<Path, BasicFileAttributes> copy : lent.entrySet()) {
            Path file = copy.getKey();
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!told || now.lastAccessTime().toMillis() > LENT_ACCESS) {
                read.add(Stamps.relative(classes, file));
            }
            // a processor that wrote one over keeps what it wrote, as in Maven alone
            if (Stamps.same(copy.getValue(), now)) {
                Files.delete(file);
            }
        }
        StringBuilder text = new StringBuilder();
        for (String name : read) {
            text.append(name).append('\n');
        }
        CompileState.replaceWhole(readFile, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The time of last access a lent resource is given: a read moves it to now. */
    private static final long LENT_ACCESS = 1000;

    /** Whether reading a file here moves its time of last access on (not so on a file system mounted noatime). */
    private boolean accessTimesKept() throws IOException {
        if (accessTimesKept == null) {
            accessTimesKept = probeAccessTimes();
        }
        return accessTimesKept;
    }

    private boolean probeAccessTimes() throws IOException {
        Path probe = home.resolve("access-probe");
        Files.deleteIfExists(probe);
        Files.write(probe, new byte[] {1}, StandardOpenOption.CREATE_NEW);
        try {
            Files.getFileAttributeView(probe, java.nio.file.attribute.BasicFileAttributeView.class)
                    .setTimes(null, java.nio.file.attribute.FileTime.fromMillis(LENT_ACCESS), null);
            Files.readAllBytes(probe);
            return Files.readAttributes(probe, BasicFileAttributes.class)
                            .lastAccessTime()
                            .toMillis()
                    > LENT_ACCESS;
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /**
     * Copies into Tandem's class folder the files besides class files that the plugin's output holds and Tandem did
     * not put there (what maven-resources-plugin copied), for the compile's processors to read as Maven alone has
     * them read: an aggregating processor reads its class output (Spring Boot, its additional metadata). Returns the
     * copies, which are deleted after the compile. A file the last compile's processors wrote is left out: a clean
     * build has none.
     */
    Map<Path, BasicFileAttributes> lend() throws IOException {
        Map<Path, BasicFileAttributes> lent = new TreeMap<>();
        for (String file : foreign().keySet()) {
            Path copy = classes.resolve(file);
            if (!Files.exists(copy, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(copy.getParent());
                try {
                    Files.createLink(copy, output.resolve(file)); // a twentieth of a copy's time
                } catch (IOException | UnsupportedOperationException noLinks) {
                    Files.copy(output.resolve(file), copy);
                }
                Files.getFileAttributeView(copy, java.nio.file.attribute.BasicFileAttributeView.class)
                        .setTimes(null, java.nio.file.attribute.FileTime.fromMillis(LENT_ACCESS), null);
                lent.put(copy, Files.readAttributes(copy, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
            }
        }
        return lent;
    }

    /**
     * The plugin's output's files that are not Tandem's, as they were when this compile began (listed once): class
     * files another compiler put there, and resources.
     */
    Map<String, BasicFileAttributes> notTandems() throws IOException {
        if (notTandems == null) {
            Map<String, BasicFileAttributes> tandems = Stamps.list(classes);
            notTandems = new TreeMap<>();
            for (Map.Entry<String, BasicFileAttributes> file :
                    Stamps.list(output).entrySet()) {
                if (!tandems.containsKey(file.getKey())) {
                    notTandems.put(file.getKey(), file.getValue());
                }
            }
        }
        return notTandems;
    }

    /** {@link #notTandems()} but class files: the resources. */
    private Map<String, BasicFileAttributes> foreign() throws IOException {
        Map<String, BasicFileAttributes> resources = new TreeMap<>();
        for (Map.Entry<String, BasicFileAttributes> file : notTandems().entrySet()) {
            if (!file.getKey().endsWith(".class")) {
                resources.put(file.getKey(), file.getValue());
            }
        }
        return resources;
    }
}
