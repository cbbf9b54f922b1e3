package dev.tandem.replay;

import dev.tandem.cache.store.Hex;
import dev.tandem.cache.store.Sha256;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The identity of the processors: a digest of the contents of every processor path entry (jar bytes, or every
 * file of a directory), in order, never their names or times, so two checkouts anywhere agree and a rebuilt
 * processor of the same version does not. Null or "" when an entry cannot be read: nothing can then be replayed.
 */
final class ProcessorPath {
    private final ClassLoader loader;
    private final Set<Path> entries = new LinkedHashSet<>();
    private final Map<Path, String> contents = new HashMap<>();
    private String digest;

    ProcessorPath(ClassLoader loader) {
        this.loader = loader;
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
            digest = digestOf(entries);
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
            own = Paths.get("unknown:" + processor.getName());
        }
        if (entries.contains(own)) {
            return digest;
        }
        String content = digestOf(List.of(own));
        return content == null ? null : digest + " " + content;
    }

    private static Path path(URL url) {
        try {
            return Paths.get(url.toURI());
        } catch (Exception notAFile) {
            return Paths.get("unknown:" + url);
        }
    }

    private String digestOf(Iterable<Path> paths) {
        MessageDigest sha = Sha256.newDigest();
        for (Path entry : paths) {
            String content = contents.containsKey(entry) ? contents.get(entry) : contentDigest(entry);
            contents.put(entry, content);
            if (content == null) {
                return null;
            }
            sha.update(content.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return Hex.of(sha.digest());
    }

    private static String contentDigest(Path entry) {
        try {
            if (Files.isRegularFile(entry)) {
                return Hex.of(Sha256.of(entry));
            }
            if (Files.isDirectory(entry)) {
                MessageDigest sha = Sha256.newDigest();
                List<Path> files;
                try (Stream<Path> walk = Files.walk(entry)) {
                    files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
                }
                for (Path file : files) {
                    sha.update(
                            entry.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                    sha.update(Sha256.of(file));
                }
                return Hex.of(sha.digest());
            }
            return "missing";
        } catch (IOException | RuntimeException e) {
            return null; // its content is unknown: no key can stand for it
        }
    }
}
