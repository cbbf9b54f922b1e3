package dev.tandem.cache.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeIdentityTest {
    @TempDir
    Path dir;

    private Path jar(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("com/acme/Processor.class"));
            jar.write(content.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }

    @Test
    @DisplayName("the same jar in two local repositories, downloaded at other times, is one identity")
    void sameJarElsewhere() throws IOException {
        Path a = jar(dir.resolve("alice/.m2/proc-1.0.jar"), "code");
        Path b = dir.resolve("bob/repo/proc-1.0.jar");
        Files.createDirectories(b.getParent());
        Files.copy(a, b, StandardCopyOption.COPY_ATTRIBUTES);
        Files.setLastModifiedTime(b, FileTime.fromMillis(1_000_000));
        assertThat(CodeIdentity.of(b)).isEqualTo(CodeIdentity.of(a)).startsWith("jar:");
    }

    @Test
    @DisplayName("a changed class changes the identity, at the same path, size and name")
    void changedClass() throws IOException {
        Path a = jar(dir.resolve("x/proc.jar"), "code A");
        Path b = jar(dir.resolve("y/proc.jar"), "code B");
        assertThat(Files.size(a)).isEqualTo(Files.size(b));
        assertThat(CodeIdentity.of(a)).isNotEqualTo(CodeIdentity.of(b));
    }

    @Test
    @DisplayName("a class folder is its files' contents, wherever it is")
    void classFolder() throws IOException {
        for (String where : new String[] {"one/classes", "two/target/classes"}) {
            Path file = dir.resolve(where).resolve("com/acme/P.class");
            Files.createDirectories(file.getParent());
            Files.write(file, "bytes".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(CodeIdentity.of(dir.resolve("one/classes")))
                .isEqualTo(CodeIdentity.of(dir.resolve("two/target/classes")))
                .startsWith("classes:");
        assertThat(CodeIdentity.of(dir.resolve("missing.jar"))).startsWith("unknown:");
    }
}
