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
import java.util.TreeMap;

/**
 * What the last good compile was made of: a digest of its set-up (options, class path, JDK) and each source's
 * SHA-256. One text file, {@code tandem-compile 1} first and its own SHA-256 last, replaced whole; a file that fails
 * any check is {@link Damaged}, which the compile treats as absent (a full compile) and says so.
 */
final class CompileState {
    private static final String HEADER = "tandem-compile 1";

    private final String setup;
    private final Map<String, String> sources;

    CompileState(String setup, Map<String, String> sources) {
        this.setup = setup;
        this.sources = Collections.unmodifiableMap(new TreeMap<>(sources));
    }

    String setup() {
        return setup;
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

    /** The state in {@code file}; null when there is none. */
    static CompileState read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return null;
        } catch (java.nio.charset.MalformedInputException damaged) {
            throw new Damaged(file, "not UTF-8");
        }
        if (lines.size() < 3 || !lines.get(0).equals(HEADER)) {
            throw new Damaged(file, "not a " + HEADER + " file");
        }
        String body = String.join("\n", lines.subList(0, lines.size() - 1)) + "\n";
        if (!lines.get(lines.size() - 1).equals(ClassAnalysis.sha256(body.getBytes(StandardCharsets.UTF_8)))) {
            throw new Damaged(file, "its checksum does not match");
        }
        String setup = lines.get(1);
        Map<String, String> sources = new TreeMap<>();
        for (String line : lines.subList(2, lines.size() - 1)) {
            int space = line.indexOf(' ');
            if (space != 64) {
                throw new Damaged(file, "a malformed line");
            }
            sources.put(line.substring(space + 1), line.substring(0, space));
        }
        return new CompileState(setup, sources);
    }

    void write(Path file) throws IOException {
        StringBuilder body =
                new StringBuilder(HEADER).append('\n').append(setup).append('\n');
        for (Map.Entry<String, String> source : sources.entrySet()) {
            body.append(source.getValue()).append(' ').append(source.getKey()).append('\n');
        }
        String text = body + ClassAnalysis.sha256(body.toString().getBytes(StandardCharsets.UTF_8)) + "\n";
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, text.getBytes(StandardCharsets.UTF_8));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
