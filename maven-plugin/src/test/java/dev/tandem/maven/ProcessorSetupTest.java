package dev.tandem.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.ChecksummedProperties;
import java.io.File;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.model.Build;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.DependencyManagement;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What makes a compile rerun after a processor change: which changes count, and that the first prepare does not. */
class ProcessorSetupTest {
    @TempDir
    Path dir;

    private static MavenProject project(String configuration) throws Exception {
        Plugin compiler = new Plugin();
        compiler.setGroupId("org.apache.maven.plugins");
        compiler.setArtifactId("maven-compiler-plugin");
        compiler.setConfiguration(
                Xpp3DomBuilder.build(new StringReader("<configuration>" + configuration + "</configuration>")));
        PluginExecution compile = new PluginExecution();
        compile.setId("default-compile");
        compiler.addExecution(compile);
        PluginExecution testCompile = new PluginExecution();
        testCompile.setId("default-testCompile");
        testCompile.setConfiguration(Xpp3DomBuilder.build(new StringReader(
                "<configuration><compilerArgs><arg>-Atest.only=1</arg></compilerArgs></configuration>")));
        compiler.addExecution(testCompile);
        Model model = new Model();
        model.setBuild(new Build());
        model.getBuild().addPlugin(compiler);
        return new MavenProject(model);
    }

    private static String paths(String version, String arg) {
        return "<annotationProcessorPaths><path><groupId>org.mapstruct</groupId><artifactId>mapstruct-processor"
                + "</artifactId><version>" + version + "</version></path></annotationProcessorPaths>"
                + "<compilerArgs><arg>" + arg + "</arg><arg>-Xlint:all</arg></compilerArgs>";
    }

    private Map<String, String> digests(String configuration, File processorJar) throws Exception {
        return ProcessorSetup.digests(project(configuration), dependency -> processorJar);
    }

    @Test
    void aProcessorVersionAnOptionOrTheJarItselfChangesTheDigestOfEveryExecutionUsingIt() throws Exception {
        File jar = Files.write(dir.resolve("mapstruct-processor.jar"), new byte[] {1, 2, 3})
                .toFile();
        Map<String, String> before = digests(paths("1.6.3", "-Amapstruct.verbose=false"), jar);
        assertThat(before).containsOnlyKeys("default-compile", "default-testCompile");

        assertThat(digests(paths("1.6.3", "-Amapstruct.verbose=false"), jar)).isEqualTo(before);
        assertThat(digests(paths("1.5.5.Final", "-Amapstruct.verbose=false"), jar)
                        .get("default-compile"))
                .isNotEqualTo(before.get("default-compile"));
        assertThat(digests(paths("1.6.3", "-Amapstruct.verbose=true"), jar).get("default-compile"))
                .isNotEqualTo(before.get("default-compile"));
        Files.write(jar.toPath(), new byte[] {1, 2, 3, 4}); // rebuilt under the same version
        assertThat(digests(paths("1.6.3", "-Amapstruct.verbose=false"), jar).get("default-compile"))
                .isNotEqualTo(before.get("default-compile"));
    }

    @Test
    @DisplayName(
            "with annotationProcessorPathsUseDepMgmt, a managed version changed changes the set-up (the compiler"
                    + " then manages the paths' transitive dependencies, as the lockstep rule reads them); without, it does not")
    void managedVersionsCountWhereTheCompilerUsesThem() throws Exception {
        File jar = Files.write(dir.resolve("p.jar"), new byte[] {1}).toFile();
        for (boolean use : new boolean[] {true, false}) {
            String configuration = paths("1.6.3", "-Aa=1")
                    + (use ? "<annotationProcessorPathsUseDepMgmt>true</annotationProcessorPathsUseDepMgmt>" : "");
            String[] managedVersions = {"33.0-jre", "33.1-jre"};
            String[] digests = new String[2];
            for (int i = 0; i < 2; i++) {
                MavenProject project = project(configuration);
                Dependency guava = new Dependency();
                guava.setGroupId("com.google.guava");
                guava.setArtifactId("guava");
                guava.setVersion(managedVersions[i]);
                DependencyManagement management = new DependencyManagement();
                management.addDependency(guava);
                project.getModel().setDependencyManagement(management);
                digests[i] = ProcessorSetup.digests(project, dependency -> jar).get("default-compile");
            }
            if (use) {
                assertThat(digests[1]).isNotEqualTo(digests[0]);
            } else {
                assertThat(digests[1]).isEqualTo(digests[0]);
            }
        }
    }

    @Test
    void argumentsThatAreNotProcessorOptionsDoNotCount() throws Exception {
        File jar = Files.write(dir.resolve("p.jar"), new byte[] {1}).toFile();
        String base = paths("1.6.3", "-Aa=1");
        assertThat(digests(base.replace("-Xlint:all", "-Xlint:none"), jar)).isEqualTo(digests(base, jar));
    }

    @Test
    void theFirstPrepareRecordsAndALaterOneNamesTheExecutionsThatChanged() throws Exception {
        CacheLayout layout = new CacheLayout(dir.resolve("tandem"));
        Files.createDirectories(layout.root());
        File jar = Files.write(dir.resolve("p.jar"), new byte[] {1}).toFile();
        assertThat(ProcessorSetup.changed(layout, digests(paths("1", "-Aa=1"), jar)))
                .isEmpty();
        assertThat(ProcessorSetup.changed(layout, digests(paths("1", "-Aa=1"), jar)))
                .isEmpty();
        assertThat(ProcessorSetup.changed(layout, digests(paths("2", "-Aa=1"), jar)))
                .containsExactly("default-compile", "default-testCompile");
        assertThat(ProcessorSetup.changed(layout, digests(paths("2", "-Aa=1"), jar)))
                .isEmpty();
    }

    @Test
    void aPathThatDoesNotResolveCountsAsUnresolvedAndChangesOnceItResolves() throws Exception {
        File jar = Files.write(dir.resolve("p.jar"), new byte[] {1}).toFile();
        Map<String, String> unresolved = ProcessorSetup.digests(project(paths("1", "-Aa=1")), dependency -> null);
        assertThat(unresolved).isNotEqualTo(digests(paths("1", "-Aa=1"), jar));
    }

    @Test
    @DisplayName(
            "a record of Tandem 0.1.0 (the bare SHA-256 of the set-up) is the same set-up: an upgrade reruns no compile")
    void aRecordOfTheFormerFormatIsReadAsTheSameSetUp() throws Exception {
        CacheLayout layout = new CacheLayout(dir.resolve("tandem"));
        Files.createDirectories(layout.root());
        File jar = Files.write(dir.resolve("p.jar"), new byte[] {1}).toFile();
        Map<String, String> now = digests(paths("1", "-Aa=1"), jar);
        Properties former = new Properties();
        for (Map.Entry<String, String> execution : now.entrySet()) {
            assertThat(execution.getValue()).startsWith("text:");
            former.setProperty(
                    "execution." + execution.getKey(),
                    sha256(execution.getValue().substring(5)));
        }
        ChecksummedProperties.write(layout.processorSetup(), former, "as Tandem 0.1.0 wrote it");

        assertThat(ProcessorSetup.changed(layout, now)).isEmpty();
        assertThat(ProcessorSetup.changed(layout, digests(paths("2", "-Aa=1"), jar)))
                .containsExactly("default-compile", "default-testCompile");
    }

    @Test
    @DisplayName("a set-up too long to keep as text is kept as its SHA-256, and a change to it is still seen")
    void aLongSetUpIsKeptAsItsDigest() throws Exception {
        CacheLayout layout = new CacheLayout(dir.resolve("tandem"));
        Files.createDirectories(layout.root());
        File jar = Files.write(dir.resolve("p.jar"), new byte[] {1}).toFile();
        String longOption = "-Along=" + String.join("", java.util.Collections.nCopies(5000, "x"));
        Map<String, String> first = digests(paths("1", longOption), jar);
        assertThat(first.get("default-compile")).startsWith("sha256:").hasSize(7 + 64);

        assertThat(ProcessorSetup.changed(layout, first)).isEmpty();
        assertThat(ProcessorSetup.changed(layout, digests(paths("1", longOption), jar)))
                .isEmpty();
        // testCompile's own compilerArgs replace the plugin's: its set-up is short, and unchanged
        assertThat(first.get("default-testCompile")).startsWith("text:");
        assertThat(ProcessorSetup.changed(layout, digests(paths("1", longOption + "y"), jar)))
                .containsExactly("default-compile");
    }

    private static String sha256(String text) throws Exception {
        return dev.tandem.cache.internal.Hex.of(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aDamagedRecordIsAFirstRunNotAFailure() throws Exception {
        CacheLayout layout = new CacheLayout(dir.resolve("tandem"));
        Files.createDirectories(layout.root());
        Files.write(layout.processorSetup(), new byte[] {0, (byte) 0xff, 'x', '='});
        File jar = Files.write(dir.resolve("p.jar"), new byte[] {1}).toFile();
        assertThat(ProcessorSetup.changed(layout, digests(paths("1", "-Aa=1"), jar)))
                .isEmpty();
        assertThat(ProcessorSetup.changed(layout, digests(paths("2", "-Aa=1"), jar)))
                .isNotEmpty();
    }

    @Test
    @DisplayName("a module uses Tandem when a plugin passes tandem.cacheDirectory or a dev.tandem artifact is a path")
    void whatCountsAsUsingTandem() throws Exception {
        assertThat(ProcessorSetup.usesTandem(project(paths("1.6.3", "-Amapstruct.verbose=true"))))
                .as("MapStruct alone: no consumer of the cache")
                .isFalse();
        assertThat(ProcessorSetup.usesTandem(project("")))
                .as("no processor at all")
                .isFalse();
        assertThat(ProcessorSetup.usesTandem(
                        project(paths("1.6.3", "-Atandem.cacheDirectory=${tandem.cacheDirectory}"))))
                .isTrue();
        assertThat(ProcessorSetup.usesTandem(project("<annotationProcessorPaths><path><groupId>dev.tandem</groupId>"
                        + "<artifactId>tandem-replay</artifactId><version>1</version></path>"
                        + "</annotationProcessorPaths>")))
                .isTrue();

        MavenProject generator = project("");
        Plugin plugin = new Plugin();
        plugin.setGroupId("com.acme");
        plugin.setArtifactId("sqlgen-maven-plugin");
        PluginExecution execution = new PluginExecution();
        execution.setId("generate");
        execution.setConfiguration(Xpp3DomBuilder.build(
                new StringReader("<configuration><cache><dir>${tandem.cacheDirectory}</dir></cache></configuration>")));
        plugin.addExecution(execution);
        generator.getModel().getBuild().addPlugin(plugin);
        assertThat(ProcessorSetup.usesTandem(generator))
                .as("a generator's execution")
                .isTrue();

        MavenProject dependent = project("");
        org.apache.maven.model.Dependency replay = new org.apache.maven.model.Dependency();
        replay.setGroupId("dev.tandem");
        replay.setArtifactId("tandem-cache-api");
        dependent.getModel().addDependency(replay);
        assertThat(ProcessorSetup.usesTandem(dependent))
                .as("a dependency on the cache API")
                .isTrue();
    }
}
