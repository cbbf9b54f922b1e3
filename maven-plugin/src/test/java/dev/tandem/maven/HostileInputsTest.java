package dev.tandem.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cache.internal.InputIndex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostileInputsTest {
    @TempDir
    Path sandbox;

    @Test
    @DisplayName("links out of the project, loops and dangling links: indexed safely, nothing outside touched")
    void symbolicLinksCannotLeadTheIndexAstray() throws Exception {
        Path project = Files.createDirectories(sandbox.resolve("project"));
        Path outside = Files.write(sandbox.resolve("secret.txt"), "outside".getBytes(StandardCharsets.UTF_8));
        Path src = Files.createDirectories(project.resolve("src/main/data"));
        Files.write(src.resolve("plain.txt"), "plain".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(src.resolve("to-outside-file.txt"), outside);
        Files.createSymbolicLink(src.resolve("to-outside-dir"), sandbox);
        Files.createSymbolicLink(src.resolve("loop"), src);
        Files.createSymbolicLink(src.resolve("self.txt"), src.resolve("self.txt"));
        Files.createSymbolicLink(src.resolve("dangling.txt"), sandbox.resolve("gone.txt"));
        Set<Path> before = everything(sandbox);

        Path index = project.resolve("target/tandem/inputs.idx");
        InputIndexer.Result result = new InputIndexer(project, 2)
                .index(
                        Collections.singletonList(new FileSet(
                                project.resolve("src").toFile(), Collections.emptyList(), Collections.emptyList())),
                        index,
                        1);

        List<String> indexed = InputIndex.open(index).entries().stream()
                .map(InputIndex.Entry::path)
                .collect(Collectors.toList());
        // a link to a file is an input (what a processor reading it would read); directories behind links are not
        // walked, so neither the loop nor the link to the sandbox adds anything; unreadable links are skipped
        assertThat(indexed).containsExactly("src/main/data/plain.txt", "src/main/data/to-outside-file.txt");
        assertThat(result.files).isEqualTo(2);
        Set<Path> after = everything(sandbox);
        after.removeIf(p -> p.startsWith(project.resolve("target")));
        assertThat(after).as("nothing created or deleted outside the cache").isEqualTo(before);
        assertThat(outside).hasContent("outside");
    }

    @Test
    @DisplayName("a file that vanishes between the walk and the read is simply not an input this build")
    void vanishingFilesAreSkipped() throws Exception {
        Path project = Files.createDirectories(sandbox.resolve("project"));
        Path src = Files.createDirectories(project.resolve("src"));
        for (int i = 0; i < 2000; i++) {
            Files.write(src.resolve("f" + i + ".txt"), ("file " + i).getBytes(StandardCharsets.UTF_8));
        }
        Thread deleter = new Thread(() -> {
            for (int i = 1999; i >= 0; i -= 2) {
                try {
                    Files.deleteIfExists(src.resolve("f" + i + ".txt"));
                } catch (java.io.IOException ignored) {
                    // racing the indexer is the point
                }
            }
        });
        deleter.start();
        InputIndexer.Result result = new InputIndexer(project, 2)
                .index(
                        Collections.singletonList(
                                new FileSet(src.toFile(), Collections.emptyList(), Collections.emptyList())),
                        project.resolve("target/tandem/inputs.idx"),
                        1);
        deleter.join();

        assertThat(result.files).isBetween(1000, 2000);
        InputIndex index = InputIndex.open(project.resolve("target/tandem/inputs.idx"));
        for (InputIndex.Entry entry : index.entries()) {
            // a file read before it vanished is rightly indexed: with the checksum of what it held, never garbage
            String name = entry.path().substring("src/f".length(), entry.path().length() - ".txt".length());
            byte[] content = ("file " + name).getBytes(StandardCharsets.UTF_8);
            assertThat(entry.sha256())
                    .isEqualTo(
                            java.security.MessageDigest.getInstance("SHA-256").digest(content));
        }
    }

    private static Set<Path> everything(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
