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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The identity of the processors: a digest of the contents of every processor path entry (jar bytes, or every
 * file of a directory), in order, never their names or times, so two checkouts anywhere agree and a rebuilt
 * processor of the same version does not. Null when an entry cannot be read: nothing can then be replayed.
 */
final class ProcessorPath {
    private ProcessorPath() {}

    static String digest(ClassLoader loader, List<Delegate> delegates) {
        Set<Path> entries = new LinkedHashSet<>();
        if (loader instanceof URLClassLoader) {
            for (URL url : ((URLClassLoader) loader).getURLs()) {
                add(url, entries);
            }
        }
        add(ProcessorPath.class.getProtectionDomain().getCodeSource().getLocation(), entries);
        for (Delegate delegate : delegates) {
            try {
                add(
                        delegate.processor
                                .getClass()
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation(),
                        entries);
            } catch (RuntimeException noCodeSource) {
                entries.add(Paths.get("unknown:" + delegate.className));
            }
        }
        MessageDigest sha = Sha256.newDigest();
        for (Path entry : entries) {
            String content = contentDigest(entry);
            if (content == null) {
                return null;
            }
            sha.update(content.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return Hex.of(sha.digest());
    }

    private static void add(URL url, Set<Path> entries) {
        try {
            entries.add(Paths.get(url.toURI()));
        } catch (Exception notAFile) {
            entries.add(Paths.get("unknown:" + url));
        }
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
