package dev.tandem.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * How the compiler sees files change without reading them: folders listed in one walk, and stamps, digests of the
 * names, sizes and times of files. One owner for the class output's listing, the class path entries', the processor
 * path's and the forked compiler's.
 */
final class Stamps {
    private Stamps() {}

    /**
     * Every file under a folder by its path relative to it ('/'-separated), with its attributes, in one walk: asking
     * file by file costs several times as much with thousands of class files. Links are not followed (Tandem's own
     * folders). None when the folder is null or missing.
     */
    static Map<String, BasicFileAttributes> list(Path folder) throws IOException {
        Map<String, BasicFileAttributes> files = new HashMap<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return files;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    files.put(relative(folder, file), attributes);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    /**
     * Every file under a folder of a class path by relative path, following links as javac does (a linked file, a
     * linked folder, the folder itself a link), with the attributes of what they point to.
     */
    static Map<String, BasicFileAttributes> following(Path folder) throws IOException {
        Map<String, BasicFileAttributes> files = new TreeMap<>();
        Path root = folder.toRealPath();
        Files.walkFileTree(
                root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (attributes.isRegularFile()) {
                            files.put(relative(root, file), attributes);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof FileSystemLoopException) {
                            return FileVisitResult.CONTINUE; // javac does not loop either
                        }
                        throw e;
                    }
                });
        return files;
    }

    /** Appends a file's line of a stamp: its name, size and time (to the millisecond). */
    static StringBuilder line(StringBuilder text, String name, BasicFileAttributes attributes) {
        return text.append(name)
                .append(' ')
                .append(attributes.size())
                .append(' ')
                .append(attributes.lastModifiedTime().toMillis())
                .append('\n');
    }

    /** Whether two files' attributes give one stamp: the same size and time, to the millisecond. */
    static boolean same(BasicFileAttributes one, BasicFileAttributes other) {
        return one.size() == other.size()
                && one.lastModifiedTime().toMillis() == other.lastModifiedTime().toMillis();
    }

    /** A path's stamp: a folder's files' names, sizes and times, a file's size and time, or that it is missing. */
    static String of(Path path) throws IOException {
        return of(path, Files.isDirectory(path) ? following(path) : null);
    }

    /** A path's stamp, for a folder from its listing ({@link #following}), for a file when {@code listing} is null. */
    static String of(Path path, Map<String, BasicFileAttributes> listing) throws IOException {
        StringBuilder text = new StringBuilder();
        if (listing != null) {
            for (Map.Entry<String, BasicFileAttributes> file : new TreeMap<>(listing).entrySet()) {
                line(text, file.getKey(), file.getValue());
            }
        } else {
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                text.append(attributes.size())
                        .append(' ')
                        .append(attributes.lastModifiedTime().toMillis());
            } catch (NoSuchFileException missing) {
                text.append("missing");
            }
        }
        return ClassAnalysis.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A digest of every file of the class output's listing, its name, size and time to the nanosecond where the file
     * system keeps it: a tool that writes into the build's output in place writes into these files too when they are
     * linked, and a write just after the link was made must show.
     */
    static String ofOutput(Map<String, BasicFileAttributes> listing) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, BasicFileAttributes> file : new TreeMap<>(listing).entrySet()) {
            text.append(file.getKey())
                    .append(' ')
                    .append(file.getValue().size())
                    .append(' ')
                    .append(file.getValue().lastModifiedTime().to(TimeUnit.NANOSECONDS))
                    .append('\n');
        }
        return ClassAnalysis.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A file's path relative to a folder, '/'-separated. */
    static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }
}
