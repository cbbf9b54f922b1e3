package dev.tandem.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.InputIndex;
import dev.tandem.cache.internal.Sha256;
import dev.tandem.cache.internal.TrackedInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleCompileTest {
    @TempDir
    Path project;

    @Test
    @DisplayName("a tracked file whose content changed is found, with the consumer that read it")
    void findsChangedTrackedInputs() throws Exception {
        CacheLayout layout = new CacheLayout(project.resolve("target/tandem"));
        Path sql = write("src/main/sql/cars.sql", "v1");
        Path same = write("src/main/sql/same.sql", "same");
        Path consumer = layout.consumer("com.acme.sqlgen");
        Files.createDirectories(consumer);
        Map<String, String> tracked = new TreeMap<>();
        tracked.put(sql.toString(), Sha256.hexOrMissing(sql));
        tracked.put(same.toString(), Sha256.hexOrMissing(same));
        TrackedInputs.write(CacheLayout.tracked(consumer), tracked);
        write("src/main/sql/cars.sql", "v2");

        List<StaleCompile.Change> changes = StaleCompile.changedInputs(layout, InputIndex.empty(project));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.file).isEqualTo(sql.toString());
            assertThat(c.consumer).isEqualTo("com.acme.sqlgen");
        });
    }

    @Test
    @DisplayName("Tandem's compiler: a lombok.config added where none was, changed or deleted is found, once per"
            + " compile, and a source deleted; none when nothing changed; a damaged file or a link in its place makes"
            + " the compile run")
    void findsChangedCompilerInputs() throws Exception {
        Path target = project.resolve("target");
        Path config = write("src/main/java/lombok.config", "lombok.accessors.chain = true");
        Path absent = project.resolve("src/main/java/a/lombok.config");
        Map<String, String> tracked = new TreeMap<>();
        tracked.put(config.toString(), Sha256.hexOrMissing(config));
        tracked.put(absent.toString(), Sha256.MISSING);
        Path home = CacheLayout.compilerHomes(target).resolve("classes-1a2b3c4d");
        Files.createDirectories(home);
        TrackedInputs.write(CacheLayout.compilerInputs(home), tracked);

        assertThat(StaleCompile.changedCompilerInputs(target, null)).isEmpty();
        assertThat(StaleCompile.changedCompilerInputs(target, InputIndex.empty(project)))
                .isEmpty();

        write("src/main/java/a/lombok.config", "lombok.accessors.chain = false");
        assertThat(StaleCompile.changedCompilerInputs(target, null))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.file).isEqualTo(absent.toString());
                    assertThat(c.consumer).isEqualTo("the compile into classes-1a2b3c4d");
                    assertThat(c.what).isEqualTo("was added");
                });
        Files.delete(absent);
        write("src/main/java/lombok.config", "lombok.accessors.chain = false");
        assertThat(StaleCompile.changedCompilerInputs(target, null))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.file).isEqualTo(config.toString());
                    assertThat(c.what).isEqualTo("changed");
                });
        Files.delete(config);
        assertThat(StaleCompile.changedCompilerInputs(target, null))
                .singleElement()
                .satisfies(c -> assertThat(c.what).isEqualTo("was deleted"));

        Path source = write("src/main/java/a/A.java", "package a; class A {}");
        Path other = write("src/main/java/a/B.java", "package a; class B {}");
        TrackedInputs.write(
                CacheLayout.compilerInputs(home),
                Map.of(source.toString(), TrackedInputs.PRESENT, other.toString(), TrackedInputs.PRESENT));
        write("src/main/java/a/A.java", "package a; class A { int edited; }");
        assertThat(StaleCompile.changedCompilerInputs(target, null))
                .as("a source edited: the plugin notices that itself")
                .isEmpty();
        Files.delete(other);
        assertThat(StaleCompile.changedCompilerInputs(target, null))
                .as("a source deleted alone")
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.file).isEqualTo(other.toString());
                    assertThat(c.what).isEqualTo("was deleted");
                });

        Files.write(CacheLayout.compilerInputs(home), "damaged".getBytes(StandardCharsets.UTF_8));
        assertThat(StaleCompile.changedCompilerInputs(target, null))
                .as("damaged: what the compile depends on is unknown, so it runs")
                .singleElement()
                .satisfies(c -> assertThat(c.consumer).endsWith("(it is damaged, or not a file)"));
        Files.delete(CacheLayout.compilerInputs(home));
        Path elsewhere = project.resolve("elsewhere");
        Files.createDirectories(elsewhere);
        TrackedInputs.write(elsewhere.resolve("inputs"), tracked);
        Files.createSymbolicLink(CacheLayout.compilerInputs(home), elsewhere.resolve("inputs"));
        assertThat(StaleCompile.changedCompilerInputs(target, null))
                .as("a link, never read through")
                .singleElement()
                .satisfies(c -> assertThat(c.file)
                        .isEqualTo(CacheLayout.compilerInputs(home).toString()));
        assertThat(StaleCompile.changedCompilerInputs(project.resolve("nowhere"), null))
                .isEmpty();
    }

    @Test
    @DisplayName("every compiler execution's inputFiles.lst is removed, and nothing else")
    void marksEveryCompileStale() throws Exception {
        Path target = project.resolve("target");
        Path compile = write("target/maven-status/maven-compiler-plugin/compile/default-compile/inputFiles.lst", "A");
        Path test =
                write("target/maven-status/maven-compiler-plugin/testCompile/default-testCompile/inputFiles.lst", "B");
        Path created = write("target/maven-status/maven-compiler-plugin/compile/default-compile/createdFiles.lst", "C");

        List<String> marked = StaleCompile.markCompilesStale(target);

        assertThat(marked).containsExactlyInAnyOrder("compile/default-compile", "testCompile/default-testCompile");
        assertThat(compile).doesNotExist();
        assertThat(test).doesNotExist();
        assertThat(created).exists();
        assertThat(StaleCompile.markCompilesStale(project.resolve("nowhere"))).isEqualTo(Collections.emptyList());
    }

    @Test
    @DisplayName("maven-compiler-plugin 4.x (Maven 4): each execution's .cache is removed, and nothing else")
    void marksCompiler4Stale() throws Exception {
        Path target = project.resolve("target");
        Path compile = write("target/maven-status/maven-compiler-plugin/default-compile.cache", "A");
        Path test = write("target/maven-status/maven-compiler-plugin/default-testCompile.cache", "B");
        Path elsewhere = write("target/maven-status/other-plugin/default.cache", "C");

        assertThat(StaleCompile.markCompilesStale(target))
                .containsExactlyInAnyOrder("default-compile", "default-testCompile");
        assertThat(compile).doesNotExist();
        assertThat(test).doesNotExist();
        assertThat(elsewhere).exists();
    }

    private Path write(String relative, String content) throws Exception {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }
}
