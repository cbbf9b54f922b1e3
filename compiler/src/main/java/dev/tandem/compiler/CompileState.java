package dev.tandem.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the last good compile was made of: a digest of each part of its set-up (javac's options, the JDK, the class
 * path...), each source's SHA-256, and the files annotation processors wrote with the source each came from (or
 * why one could not be traced). One text file, {@code tandem-compile 6} first and its own SHA-256 last, replaced whole; a file that fails any check is {@link Damaged},
 * which the compile treats as absent (a full compile) and says so. A state of another format (an older Tandem's)
 * is {@link OtherFormat}: a full compile too, without the warning.
 */
final class CompileState {
    private static final String HEADER = "tandem-compile 6";

    private final Map<String, String> setup;
    private final String written;
    private final Map<String, String> generated;
    private final Map<String, String> sources;
    private final String outputs;
    private final boolean copies;
    private final Map<String, String> stamps;
    private final long time;
    private final Map<String, String> classPath;
    private final Set<String> seeds;

    /**
     * @param setup each part of the set-up by its name ("class path") to its digest
     * @param written a file annotation processors wrote in this compile that cannot be traced to one source, with
     *     why; null when every file they wrote can
     * @param generated each file they wrote ({@code sources/} and its path in the generated sources' folder, or
     *     {@code classes/} and its path in the class output) to the source whose type it was written for
     * @param outputs a digest of the class output's files' names, sizes and times as this compile left them
     * @param copies the class files are copied to the plugin's output, not linked (something writes there in place)
     * @param stamps each source's size and time ("1234 1701234567890") when it was hashed
     * @param time when the sources were read, in milliseconds since the epoch
     * @param classPath each class path entry to its stamp and what is kept of it ({@link ClassPathChange#state()})
     * @param seeds the sources that feed the aggregating processors ({@link Processors#aggregating()}): carrying an
     *     annotation one supports; {@code *} for every source
     */
    CompileState(
            Map<String, String> setup,
            String written,
            Map<String, String> generated,
            Map<String, String> sources,
            String outputs,
            boolean copies,
            Map<String, String> stamps,
            long time,
            Map<String, String> classPath,
            Set<String> seeds) {
        this.setup = Collections.unmodifiableMap(new TreeMap<>(setup));
        this.written = written;
        this.generated = Collections.unmodifiableMap(new TreeMap<>(generated));
        this.sources = Collections.unmodifiableMap(new TreeMap<>(sources));
        this.outputs = outputs;
        this.copies = copies;
        this.stamps = Collections.unmodifiableMap(new TreeMap<>(stamps));
        this.time = time;
        this.classPath = Collections.unmodifiableMap(new TreeMap<>(classPath));
        this.seeds = Collections.unmodifiableSet(new TreeSet<>(seeds));
    }

    /** The same state with the class output's digest as publishing left it, and the class path's entries. */
    CompileState finished(String outputs, Map<String, String> classPath) {
        return new CompileState(setup, written, generated, sources, outputs, copies, stamps, time, classPath, seeds);
    }

    /** The sources that feed the aggregating processors; {@code *} for every source. */
    Set<String> seeds() {
        return seeds;
    }

    /** Each class path entry to its stamp and what is kept of it, as {@link ClassPathChange#state()} gave them. */
    Map<String, String> classPath() {
        return classPath;
    }

    /** Each source's size and time when it was hashed ("1234 1701234567890"), where known. */
    Map<String, String> stamps() {
        return stamps;
    }

    /** When the sources were read: a source whose time is this close to it may have changed within the same tick. */
    long time() {
        return time;
    }

    /** A digest of the class output's files (names, sizes, times) as the compile left them, or null. */
    String outputs() {
        return outputs;
    }

    /** The class files are copied to the plugin's output rather than linked. */
    boolean copies() {
        return copies;
    }

    /** Each part of the set-up by name, to its digest. */
    Map<String, String> setup() {
        return setup;
    }

    /** A file the processors wrote in that compile that cannot be traced to one source, with why; or null. */
    String written() {
        return written;
    }

    /** Each file the processors wrote ({@code sources/...} or {@code classes/...}) to the source it came from. */
    Map<String, String> generated() {
        return generated;
    }

    /** Each source, relative to its root, to its SHA-256. */
    Map<String, String> sources() {
        return sources;
    }

    /** A state file that is not one this class wrote, whole: truncated, edited, or of another format. */
    static final class Damaged extends IOException {
        private static final long serialVersionUID = 1L;

        Damaged(Path file, String what) {
            super(file + " is damaged (" + what + ")");
        }
    }

    /** A state another version of Tandem wrote, in a format of its own: a full compile, not a damage. */
    static final class OtherFormat extends IOException {
        private static final long serialVersionUID = 1L;

        OtherFormat(String header) {
            super("the last compile's state was written by another version of Tandem (" + header + ")");
        }
    }

    /** The state in {@code file}; null when there is none. */
    static CompileState read(Path file) throws IOException {
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new Damaged(file, "not a regular file: a link, a folder or a pipe, which is never read"); // a FIFO
            // would block the build
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return null;
        } catch (java.nio.charset.MalformedInputException damaged) {
            throw new Damaged(file, "not UTF-8");
        }
        if (!lines.isEmpty()
                && lines.get(0).startsWith("tandem-compile ")
                && !lines.get(0).equals(HEADER)) {
            throw new OtherFormat(lines.get(0)); // an older Tandem's: compiled in full once, then this one
        }
        if (lines.size() < 3 || !lines.get(0).equals(HEADER)) {
            throw new Damaged(file, "not a " + HEADER + " file");
        }
        String body = String.join("\n", lines.subList(0, lines.size() - 1)) + "\n";
        if (!lines.get(lines.size() - 1).equals(ClassAnalysis.sha256(body.getBytes(StandardCharsets.UTF_8)))) {
            throw new Damaged(file, "its checksum does not match");
        }
        Map<String, String> setup = new TreeMap<>();
        String written = null;
        Map<String, String> generated = new TreeMap<>();
        String outputs = null;
        boolean copies = false;
        long time = 0;
        Map<String, String> sources = new TreeMap<>();
        Map<String, String> stamps = new TreeMap<>();
        Map<String, String> classPath = new TreeMap<>();
        Set<String> seeds = new TreeSet<>();
        for (String line : lines.subList(1, lines.size() - 1)) {
            if (line.startsWith("setup ")) {
                int space = line.lastIndexOf(' ');
                setup.put(line.substring("setup ".length(), space), line.substring(space + 1));
            } else if (line.startsWith("generated\t")) {
                String[] fields = line.split("\t", -1);
                if (fields.length != 3) {
                    throw new Damaged(file, "a malformed line");
                }
                generated.put(fields[1], fields[2]);
            } else if (line.startsWith("classpath\t")) {
                int tab = line.lastIndexOf('\t'); // a path may hold a tab, a stamp does not
                if (tab <= "classpath\t".length() || line.indexOf(' ', tab) < 0) {
                    throw new Damaged(file, "a malformed line");
                }
                classPath.put(line.substring("classpath\t".length(), tab), line.substring(tab + 1));
            } else if (line.startsWith("seed\t")) {
                seeds.add(line.substring("seed\t".length()));
            } else if (line.startsWith("written ")) {
                written = line.substring("written ".length());
            } else if (line.startsWith("outputs ")) {
                outputs = line.substring("outputs ".length());
            } else if (line.equals("copies")) {
                copies = true;
            } else if (line.startsWith("time ")) {
                try {
                    time = Long.parseLong(line.substring("time ".length()));
                } catch (NumberFormatException e) {
                    throw new Damaged(file, "a malformed line");
                }
            } else if (line.indexOf(' ') == 64) {
                // SHA-256, size, time, path
                int size = line.indexOf(' ', 65);
                int mtime = size < 0 ? -1 : line.indexOf(' ', size + 1);
                if (mtime < 0) {
                    throw new Damaged(file, "a malformed line");
                }
                String path = line.substring(mtime + 1);
                sources.put(path, line.substring(0, 64));
                stamps.put(path, line.substring(65, mtime));
            } else {
                throw new Damaged(file, "a malformed line");
            }
        }
        return new CompileState(setup, written, generated, sources, outputs, copies, stamps, time, classPath, seeds);
    }

    void write(Path file) throws IOException {
        StringBuilder body = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<String, String> part : setup.entrySet()) {
            body.append("setup ")
                    .append(part.getKey())
                    .append(' ')
                    .append(part.getValue())
                    .append('\n');
        }
        if (written != null) {
            body.append("written ").append(written).append('\n');
        }
        for (Map.Entry<String, String> output : generated.entrySet()) {
            body.append("generated\t")
                    .append(output.getKey())
                    .append('\t')
                    .append(output.getValue())
                    .append('\n');
        }
        for (Map.Entry<String, String> entry : classPath.entrySet()) {
            body.append("classpath\t")
                    .append(entry.getKey())
                    .append('\t')
                    .append(entry.getValue())
                    .append('\n');
        }
        for (String seed : seeds) {
            body.append("seed\t").append(seed).append('\n');
        }
        if (outputs != null) {
            body.append("outputs ").append(outputs).append('\n');
        }
        if (copies) {
            body.append("copies\n");
        }
        body.append("time ").append(time).append('\n');
        for (Map.Entry<String, String> source : sources.entrySet()) {
            body.append(source.getValue())
                    .append(' ')
                    .append(stamps.getOrDefault(source.getKey(), "-1 -1"))
                    .append(' ')
                    .append(source.getKey())
                    .append('\n');
        }
        String text = body + ClassAnalysis.sha256(body.toString().getBytes(StandardCharsets.UTF_8)) + "\n";
        replaceWhole(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces {@code file} with {@code bytes} at once, through a new file beside it: a build killed meanwhile leaves
     * the old file or the new one, never a part; a link left where the new file goes is deleted, never written through.
     */
    static void replaceWhole(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.write(temp, bytes, java.nio.file.StandardOpenOption.CREATE_NEW);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
