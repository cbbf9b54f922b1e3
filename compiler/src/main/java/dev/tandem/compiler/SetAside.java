package dev.tandem.compiler;

import dev.tandem.cache.internal.FolderHandles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Files moved out of the class output and the generated sources' folder while a compile may still fail, into a
 * folder beside each: moved back when it fails (the same files, times and all), dropped when it succeeds. A
 * folder left over means a compile was interrupted, and the outputs cannot be trusted.
 */
final class SetAside {
    static final int CLASSES = 0;
    static final int GENERATED = 1;
    /** The class output, and the generated sources' folder or null. */
    final Path[] outputs;

    final Set<Path> files = new TreeSet<>();
    /** What was set aside and not written again, per output, once the compile succeeded. */
    private final List<Set<String>> removed = List.of(new TreeSet<>(), new TreeSet<>());

    SetAside(Path classOutput, Path generatedSources) {
        this.outputs = new Path[] {classOutput, generatedSources};
    }

    private static Path folder(Path output) {
        return output.resolveSibling(output.getFileName() + "-set-aside");
    }

    private int outputOf(Path file) {
        return outputs[GENERATED] != null && file.startsWith(outputs[GENERATED]) ? GENERATED : CLASSES;
    }

    private Path asideOf(Path file) {
        Path output = outputs[outputOf(file)];
        return folder(output).resolve(Stamps.relative(output, file));
    }

    /** The folder a compile left, or null. */
    String leftOver() {
        for (Path output : outputs) {
            if (output != null && Files.exists(folder(output), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return folder(output).toString();
            }
        }
        return null;
    }

    void add(Path file) throws IOException {
        if (!files.add(file)) {
            Files.deleteIfExists(file); // compiled again: the first version is kept aside
            return;
        }
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            files.remove(file); // nothing to keep: the compile writes it or it stays gone
            return;
        }
        Path aside = asideOf(file);
        Files.createDirectories(aside.getParent());
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes what the compile created and puts back what was set aside. */
    void restore(Set<Path> created) throws IOException {
        for (Path file : created) {
            Files.deleteIfExists(file);
        }
        for (Path file : files) {
            Files.createDirectories(file.getParent());
            Files.move(asideOf(file), file, StandardCopyOption.REPLACE_EXISTING);
        }
        files.clear();
        drop();
    }

    /** Notes what the compile did not write again, once it succeeded. */
    void settle() {
        for (Path file : files) {
            if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                int output = outputOf(file);
                removed.get(output).add(Stamps.relative(outputs[output], file));
            }
        }
    }

    /** Forgets what was set aside, deleting it. */
    void drop() throws IOException {
        files.clear();
        for (Path output : outputs) {
            if (output != null) {
                FolderHandles.deleteTree(output.getParent(), folder(output));
            }
        }
    }

    /** The files of one output that were set aside and not written again (relative), after {@link #settle}. */
    Set<String> removed(int output) {
        return removed.get(output);
    }
}
