package dev.tandem.lockstep.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.lockstep.Projects;
import dev.tandem.lockstep.VersionObservation;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginManagement;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The two version sources of code generators: a plugin's own version, and coordinates in plugin configuration. */
class GeneratorSourcesTest {

    private static Plugin plugin(String coordinates) {
        String[] parts = coordinates.split(":");
        Plugin plugin = new Plugin();
        plugin.setGroupId(parts[0]);
        plugin.setArtifactId(parts[1]);
        plugin.setVersion(parts[2]);
        return plugin;
    }

    @Test
    @DisplayName("a build plugin's version is observed, with where this POM states it")
    void buildPluginVersions() {
        MavenProject project = Projects.project();
        project.getBuild().addPlugin(plugin("org.jooq:jooq-codegen-maven:3.18.20"));
        project.getBuild().addPlugin(plugin("org.jetbrains.kotlin:kotlin-maven-plugin:2.3.21"));
        project.getBuild().addPlugin(plugin("org.apache.maven.plugins:maven-clean-plugin:3.2.0"));
        Model original = new Model();
        original.setBuild(new Build());
        original.getBuild().addPlugin(plugin("org.jooq:jooq-codegen-maven:3.18.20"));
        original.getBuild().setPluginManagement(new PluginManagement());
        original.getBuild().getPluginManagement().addPlugin(plugin("org.jetbrains.kotlin:kotlin-maven-plugin:2.3.21"));
        project.setOriginalModel(original);

        assertThat(new BuildPluginSource().observe(project))
                .extracting(VersionObservation::toString)
                .containsExactly(
                        "org.jooq:jooq-codegen-maven:3.18.20 (build plugin, <build><plugins>)",
                        "org.jetbrains.kotlin:kotlin-maven-plugin:2.3.21 (build plugin, <build><pluginManagement>)",
                        "org.apache.maven.plugins:maven-clean-plugin:3.2.0 (build plugin, <build><pluginManagement>"
                                + " (the version comes from a parent POM or Maven's defaults))");
    }

    @Test
    @DisplayName("coordinates in plugin configuration: strings, g/a/v elements, version-only parameters, per execution")
    void coordinatesInConfiguration() {
        MavenProject project = Projects.project();
        Plugin xolstice = plugin("org.xolstice.maven.plugins:protobuf-maven-plugin:0.6.1");
        xolstice.setConfiguration(Projects.configuration("<configuration>"
                + "<protocArtifact>com.google.protobuf:protoc:3.25.5:exe:${os.detected.classifier}</protocArtifact>"
                + "<pluginId>grpc-java</pluginId>"
                + "<outputDirectory>target/generated-sources/protobuf</outputDirectory>"
                + "<note>see http://example.com:8080/a:b</note>"
                + "</configuration>"));
        xolstice.addExecution(Projects.execution(
                "grpc",
                "<configuration><pluginArtifact>io.grpc:protoc-gen-grpc-java:1.68.1:exe:linux-x86_64</pluginArtifact>"
                        + "</configuration>"));
        project.getBuild().addPlugin(xolstice);
        Plugin ascopes = plugin("io.github.ascopes:protobuf-maven-plugin:3.8.0");
        ascopes.setConfiguration(Projects.configuration("<configuration>"
                + "<protocVersion>4.33.2</protocVersion>"
                + "<binaryMavenPlugins><binaryMavenPlugin><groupId>io.grpc</groupId>"
                + "<artifactId>protoc-gen-grpc-java</artifactId><version>1.68.1</version></binaryMavenPlugin>"
                + "</binaryMavenPlugins>"
                + "<annotationProcessorPaths><path><groupId>a</groupId><artifactId>b</artifactId>"
                + "<version>1</version></path></annotationProcessorPaths>"
                + "</configuration>"));
        project.getBuild().addPlugin(ascopes);
        Plugin other = plugin("com.acme:other-plugin:1.0");
        other.setConfiguration(Projects.configuration(
                "<configuration><protocVersion>4.0.0</protocVersion><version>${x}</version></configuration>"));
        project.getBuild().addPlugin(other);

        assertThat(new PluginConfigurationSource().observe(project))
                .extracting(VersionObservation::toString)
                .containsExactly(
                        "com.google.protobuf:protoc:3.25.5 (protobuf-maven-plugin configuration <protocArtifact>)",
                        "io.grpc:protoc-gen-grpc-java:1.68.1 (protobuf-maven-plugin configuration <pluginArtifact>,"
                                + " execution grpc)",
                        "com.google.protobuf:protoc:4.33.2 (protobuf-maven-plugin configuration <protocVersion>)",
                        "io.grpc:protoc-gen-grpc-java:1.68.1 (protobuf-maven-plugin configuration"
                                + " <binaryMavenPlugin>)");
    }
}
