package dev.tandem.replay;

import dev.tandem.cache.internal.CodeIdentity;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The identity of the processors: the code identity ({@link CodeIdentity}: a jar's central directory, a class
 * folder's files) of every processor path entry, in order, never their names or times, so two checkouts anywhere
 * agree and a rebuilt processor of the same version does not. The compilation's own output folders, and folders
 * that hold them, are left out: where processors are found on the class path (no {@code annotationProcessorPaths}),
 * the class output is on it, and in-process an empty class path element stands for the working folder, the
 * reactor's root; both change with every compile. Null when an entry cannot be read: nothing can then be replayed.
 */
final class ProcessorPath {
    private final ClassLoader loader;
    private final Set<Path> outputs;
    private final Set<Path> entries = new LinkedHashSet<>();
    private String digest;
    /** Whether an output folder was on the path: processors found on the class path, with the class output. */
    private boolean outputOnPath;

    /** @param outputs the compilation's output folders, which are no part of the processors' identity */
    ProcessorPath(ClassLoader loader, Set<Path> outputs) {
        this.loader = loader;
        this.outputs = outputs;
    }

    /**
     * The digest of the whole path with the processor's own entry (where the loader does not list its entries);
     * null when an entry cannot be read.
     */
    String of(Class<?> processor) {
        if (digest == null) {
            if (loader instanceof URLClassLoader) {
                for (URL url : ((URLClassLoader) loader).getURLs()) {
                    entries.add(path(url));
                }
            }
            entries.add(path(
                    ProcessorPath.class.getProtectionDomain().getCodeSource().getLocation()));
            outputOnPath = entries.removeIf(this::holdsAnOutput);
            digest = CodeIdentity.ofPath(entries);
            if (digest == null) {
                digest = "";
            }
        }
        if (digest.isEmpty()) {
            return null;
        }
        Path own;
        try {
            own = path(processor.getProtectionDomain().getCodeSource().getLocation());
        } catch (RuntimeException noCodeSource) {
            return null;
        }
        if (entries.contains(own) || holdsAnOutput(own)) {
            return digest;
        }
        String content = CodeIdentity.ofPath(Set.of(own));
        return content == null ? null : digest + " " + content;
    }

    /**
     * Whether the class output was on the processor path and left out of its identity: the processors may then
     * read the project's resources (copied there) through their class loader, as Hibernate reads
     * META-INF/orm.xml, and the key must cover those instead.
     */
    boolean outputOnPath() {
        return outputOnPath;
    }

    /** Whether a path entry is one of the compilation's output folders or a folder above one. */
    private boolean holdsAnOutput(Path entry) {
        for (Path output : outputs) {
            if (output.startsWith(entry)) {
                return true;
            }
        }
        return false;
    }

    private static Path path(URL url) {
        try {
            return Paths.get(url.toURI()).toAbsolutePath().normalize();
        } catch (Exception notAFile) {
            return Paths.get("unknown:" + url);
        }
    }
}
