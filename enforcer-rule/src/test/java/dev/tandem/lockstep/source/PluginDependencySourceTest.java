package dev.tandem.lockstep.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.lockstep.Projects;
import dev.tandem.lockstep.VersionObservation;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PluginDependencySourceTest {

    @Test
    @DisplayName("a plugin's dependencies and theirs are observed, named after the plugin")
    void observesPluginDependencies() throws Exception {
        MavenProject project = Projects.project();
        Plugin compiler = Projects.compilerPlugin();
        compiler.addDependency(Projects.dependency("org.mapstruct:mapstruct-processor:1.5.5.Final"));
        project.getBuild().addPlugin(compiler);
        FakeCollector collector = new FakeCollector()
                .dependsOn("org.mapstruct:mapstruct-processor:1.5.5.Final", "org.mapstruct:mapstruct:1.5.5.Final");

        assertThat(new PluginDependencySource(collector).observe(project))
                .extracting(VersionObservation::toString)
                .containsExactly(
                        "org.mapstruct:mapstruct-processor:1.5.5.Final (dependency of plugin maven-compiler-plugin)",
                        "org.mapstruct:mapstruct:1.5.5.Final (dependency of plugin maven-compiler-plugin, via"
                                + " org.mapstruct:mapstruct-processor:1.5.5.Final)");
    }
}
