package dev.tandem.cache.internal;

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
        assertThat(CodeIdentity.of(b)).isEqualTo(CodeIdentity.of(a)).startsWith("code:");
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
                .startsWith("code:");
        assertThat(CodeIdentity.of(dir.resolve("missing.jar"))).startsWith("unknown:");
    }

    /** A class folder of {@code classes} (name to content), as javac and resources:resources leave it. */
    private Path folder(Path folder, String... classes) throws IOException {
        for (int i = 0; i < classes.length; i += 2) {
            Path file = folder.resolve(classes[i]);
            Files.createDirectories(file.getParent());
            Files.write(file, classes[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return folder;
    }

    @Test
    @DisplayName("a processor's class folder and its jar (as maven-jar-plugin packs it) are one identity; a class"
            + " changed in the folder changes it")
    void classFolderAndItsJar() throws IOException {
        String[] classes = {
            "com/acme/P.class", "processor bytes",
            "com/acme/Helper.class", "helper bytes",
            "META-INF/services/javax.annotation.processing.Processor", "com.acme.P\n"
        };
        Path classesFolder = folder(dir.resolve("proc/target/classes"), classes);
        Path jar = dir.resolve("repo/proc-1.0.jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream packed = new JarOutputStream(out)) {
            for (String folderEntry : new String[] {"META-INF/", "com/", "com/acme/"}) {
                packed.putNextEntry(new JarEntry(folderEntry));
                packed.closeEntry();
            }
            JarEntry manifest = new JarEntry("META-INF/MANIFEST.MF");
            packed.putNextEntry(manifest);
            packed.write("Manifest-Version: 1.0\nCreated-By: Maven JAR Plugin\n".getBytes(StandardCharsets.UTF_8));
            packed.closeEntry();
            packed.putNextEntry(new JarEntry("META-INF/maven/com.acme/proc/pom.properties"));
            packed.write("version=1.0\n".getBytes(StandardCharsets.UTF_8));
            packed.closeEntry();
            for (int i = 0; i < classes.length; i += 2) {
                JarEntry entry = new JarEntry(classes[i]);
                entry.setTime(1_000_000L * (i + 1)); // packed at another time than the folder was written
                packed.putNextEntry(entry);
                packed.write(classes[i + 1].getBytes(StandardCharsets.UTF_8));
                packed.closeEntry();
            }
        }
        String folderIdentity = CodeIdentity.of(classesFolder);
        assertThat(CodeIdentity.of(jar)).isEqualTo(folderIdentity);

        Files.write(classesFolder.resolve("com/acme/Helper.class"), "helper bytez".getBytes(StandardCharsets.UTF_8));
        assertThat(CodeIdentity.of(classesFolder)).isNotEqualTo(folderIdentity);
        Files.write(classesFolder.resolve("com/acme/Extra.class"), "more".getBytes(StandardCharsets.UTF_8));
        Files.write(classesFolder.resolve("com/acme/Helper.class"), "helper bytes".getBytes(StandardCharsets.UTF_8));
        assertThat(CodeIdentity.of(classesFolder)).isNotEqualTo(folderIdentity);
    }

    @Test
    @DisplayName("both modes see one class changed in a class folder; only the content mode ignores a touch")
    void modesOnAClassFolder() throws IOException {
        Path classes = folder(dir.resolve("proc/classes"), "com/acme/P.class", "one", "com/acme/Q.class", "two");
        Path q = classes.resolve("com/acme/Q.class");
        Files.setLastModifiedTime(q, FileTime.fromMillis(1_000_000));
        String content = CodeIdentity.of(classes);
        String stamp = CodeIdentity.stamp(classes);
        assertThat(stamp)
                .isEqualTo("com/acme/P.class:3:"
                        + Files.getLastModifiedTime(classes.resolve("com/acme/P.class"))
                                .toMillis() + ",com/acme/Q.class:3:1000000");

        Files.write(q, "TWO".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(q, FileTime.fromMillis(1_000_000));
        assertThat(CodeIdentity.of(classes))
                .as("same size and time, other bytes")
                .isNotEqualTo(content);

        Files.write(q, "two".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(q, FileTime.fromMillis(2_000_000));
        assertThat(CodeIdentity.of(classes)).as("content as it was, touched").isEqualTo(content);
        assertThat(CodeIdentity.stamp(classes)).as("touched").isNotEqualTo(stamp);
        assertThat(CodeIdentity.stamp(dir.resolve("gone.jar"))).isEqualTo("unreadable");
    }

    @Test
    @DisplayName("a processor path's identity: its entries in order, a missing entry counted as missing")
    void processorPath() throws IOException {
        Path a = jar(dir.resolve("a.jar"), "A");
        Path b = jar(dir.resolve("b.jar"), "B");
        Path gone = dir.resolve("gone.jar");
        assertThat(CodeIdentity.ofPath(java.util.List.of(a, b)))
                .isNotEqualTo(CodeIdentity.ofPath(java.util.List.of(b, a)))
                .isNotEqualTo(CodeIdentity.ofPath(java.util.List.of(a, b, gone)))
                .hasSize(64);
    }
}
