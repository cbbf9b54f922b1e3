package dev.tandem.lockstep.source;

import static dev.tandem.lockstep.Projects.compilerPlugin;
import static dev.tandem.lockstep.Projects.dependency;
import static dev.tandem.lockstep.Projects.execution;
import static dev.tandem.lockstep.Projects.manage;
import static dev.tandem.lockstep.Projects.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.lockstep.LockstepInputException;
import dev.tandem.lockstep.Projects;
import dev.tandem.lockstep.VersionObservation;
import java.util.List;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcessorPathSourceTest {
    private final MavenProject project = Projects.project();
    private final FakeCollector collector = new FakeCollector();

    @Test
    @DisplayName("each execution's paths are observed under that execution's name")
    void observesEveryExecution() throws Exception {
        Plugin compiler = compilerPlugin();
        compiler.addExecution(execution(
                "default-compile",
                "<annotationProcessorPaths>" + path("org.mapstruct", "mapstruct-processor", "1.6.3")
                        + "</annotationProcessorPaths>"));
        compiler.addExecution(execution(
                "default-testCompile",
                "<annotationProcessorPaths>" + path("org.mapstruct", "mapstruct-processor", "1.5.5.Final")
                        + "</annotationProcessorPaths>"));
        project.getBuild().addPlugin(compiler);

        List<VersionObservation> observed = new ProcessorPathSource(collector).observe(project);

        assertThat(observed)
                .extracting(VersionObservation::toString)
                .containsExactly(
                        "org.mapstruct:mapstruct-processor:1.6.3 (maven-compiler-plugin annotationProcessorPaths,"
                                + " execution default-compile)",
                        "org.mapstruct:mapstruct-processor:1.5.5.Final (maven-compiler-plugin"
                                + " annotationProcessorPaths, execution default-testCompile)");
    }

    @Test
    @DisplayName("paths written once at plugin level, which Maven copies into every execution, are reported once")
    void pluginLevelPathsAreReportedWhereTheyAreWritten() throws Exception {
        String paths = "<annotationProcessorPaths>" + path("org.mapstruct", "mapstruct-processor", "1.6.3")
                + "</annotationProcessorPaths>";
        Plugin compiler = compilerPlugin();
        compiler.setConfiguration(Projects.configuration(paths));
        compiler.addExecution(execution("default-compile", paths));
        compiler.addExecution(execution("default-testCompile", paths));
        project.getBuild().addPlugin(compiler);

        List<VersionObservation> observed = new ProcessorPathSource(collector).observe(project);

        assertThat(observed)
                .extracting(VersionObservation::toString)
                .containsExactly("org.mapstruct:mapstruct-processor:1.6.3 (maven-compiler-plugin"
                        + " annotationProcessorPaths)");
    }

    @Test
    @DisplayName("plugin-level paths that every execution overrides are used by no compilation and not checked")
    void overriddenPluginLevelPathsAreIgnored() throws Exception {
        Plugin compiler = compilerPlugin();
        compiler.setConfiguration(Projects.configuration("<annotationProcessorPaths>"
                + path("org.mapstruct", "mapstruct-processor", "1.0") + "</annotationProcessorPaths>"));
        compiler.addExecution(execution(
                "default-compile",
                "<annotationProcessorPaths>" + path("org.mapstruct", "mapstruct-processor", "1.6.3")
                        + "</annotationProcessorPaths>"));
        project.getBuild().addPlugin(compiler);

        assertThat(new ProcessorPathSource(collector).observe(project))
                .extracting(VersionObservation::version)
                .containsExactly("1.6.3");
    }

    @Test
    @DisplayName("a processor's transitive core is observed with the path that brought it in")
    void observesTransitiveDependenciesOfAPath() throws Exception {
        Plugin compiler = compilerPlugin();
        compiler.addExecution(execution(
                "default-compile",
                "<annotationProcessorPaths>" + path("com.google.dagger", "dagger-compiler", "2.51.1")
                        + "</annotationProcessorPaths>"));
        project.getBuild().addPlugin(compiler);
        collector.dependsOn("com.google.dagger:dagger-compiler:2.51.1", "com.google.dagger:dagger:2.51.1");

        List<VersionObservation> observed = new ProcessorPathSource(collector).observe(project);

        assertThat(observed).hasSize(2);
        VersionObservation core = observed.get(1);
        assertThat(core.toString())
                .isEqualTo("com.google.dagger:dagger:2.51.1 (maven-compiler-plugin annotationProcessorPaths,"
                        + " execution default-compile, via com.google.dagger:dagger-compiler:2.51.1)");
        assertThat(core.declaredIn()).isNull();
        assertThat(observed.get(0).declaredIn())
                .isEqualTo("maven-compiler-plugin annotationProcessorPaths, execution default-compile");
    }

    @Test
    @DisplayName("a versionless path takes its version from dependencyManagement")
    void versionlessPathFromDependencyManagement() throws Exception {
        manage(project, dependency("org.mapstruct:mapstruct-processor:1.5.5.Final"));
        Plugin compiler = compilerPlugin();
        compiler.setConfiguration(Projects.configuration("<annotationProcessorPaths>"
                + path("org.mapstruct", "mapstruct-processor", null) + "</annotationProcessorPaths>"));
        project.getBuild().addPlugin(compiler);

        List<VersionObservation> observed = new ProcessorPathSource(collector).observe(project);

        assertThat(observed)
                .singleElement()
                .extracting(VersionObservation::version)
                .isEqualTo("1.5.5.Final");
        assertThat(collector.managedPerRequest)
                .as("without annotationProcessorPathsUseDepMgmt, transitive versions are not managed")
                .containsExactly(java.util.Collections.emptyList());
    }

    @Test
    @DisplayName("annotationProcessorPathsUseDepMgmt manages the transitive dependencies too")
    void useDepMgmtManagesTransitives() throws Exception {
        manage(project, dependency("com.google.dagger:dagger:2.51"));
        Plugin compiler = compilerPlugin();
        compiler.addExecution(execution(
                "default-compile",
                "<annotationProcessorPathsUseDepMgmt>true</annotationProcessorPathsUseDepMgmt>"
                        + "<annotationProcessorPaths>" + path("com.google.dagger", "dagger-compiler", "2.51")
                        + "</annotationProcessorPaths>"));
        project.getBuild().addPlugin(compiler);

        new ProcessorPathSource(collector).observe(project);

        assertThat(collector.managedPerRequest)
                .singleElement()
                .satisfies(managed -> assertThat(managed)
                        .extracting(d -> d.getArtifactId() + ":" + d.getVersion())
                        .containsExactly("dagger:2.51"));
    }

    @Test
    @DisplayName("kapt's annotationProcessorPaths (any element name) are read too")
    void readsKotlinKapt() throws Exception {
        Plugin kotlin = new Plugin();
        kotlin.setGroupId("org.jetbrains.kotlin");
        kotlin.setArtifactId("kotlin-maven-plugin");
        kotlin.addExecution(execution(
                "kapt",
                "<annotationProcessorPaths><annotationProcessorPath><groupId>com.google.dagger</groupId>"
                        + "<artifactId>dagger-compiler</artifactId><version>2.51</version>"
                        + "</annotationProcessorPath></annotationProcessorPaths>"));
        project.getBuild().addPlugin(kotlin);

        assertThat(new ProcessorPathSource(collector).observe(project))
                .singleElement()
                .extracting(VersionObservation::origin)
                .isEqualTo("kotlin-maven-plugin annotationProcessorPaths, execution kapt");
    }

    @Test
    @DisplayName("Maven 4 dependencies of type processor are processor paths")
    void readsMaven4ProcessorDependencies() throws Exception {
        project.getModel().addDependency(dependency("org.mapstruct:mapstruct-processor:1.6.3:processor"));
        project.getModel().addDependency(dependency("org.mapstruct:mapstruct:1.6.3"));

        assertThat(new ProcessorPathSource(collector).observe(project))
                .extracting(VersionObservation::toString)
                .containsExactly("org.mapstruct:mapstruct-processor:1.6.3 (dependency of type processor)");
    }

    @Test
    @DisplayName("a path without a version and none managed names the path and the fix")
    void versionlessWithoutManagementIsAnError() {
        Plugin compiler = compilerPlugin();
        compiler.addExecution(execution(
                "default-compile",
                "<annotationProcessorPaths>" + path("org.mapstruct", "mapstruct-processor", null)
                        + "</annotationProcessorPaths>"));
        project.getBuild().addPlugin(compiler);

        assertThatThrownBy(() -> new ProcessorPathSource(collector).observe(project))
                .isInstanceOf(LockstepInputException.class)
                .hasMessageContaining("org.mapstruct:mapstruct-processor in maven-compiler-plugin"
                        + " annotationProcessorPaths, execution default-compile has no <version>");
    }

    @Test
    void pathWithoutArtifactIdIsAnError() {
        Plugin compiler = compilerPlugin();
        compiler.addExecution(execution(
                "default-compile",
                "<annotationProcessorPaths><path><groupId>org.mapstruct</groupId></path></annotationProcessorPaths>"));
        project.getBuild().addPlugin(compiler);

        assertThatThrownBy(() -> new ProcessorPathSource(collector).observe(project))
                .hasMessageContaining("an entry of maven-compiler-plugin annotationProcessorPaths, execution"
                        + " default-compile has no <artifactId>");
    }

    @Test
    void pluginsWithoutPathsAreNotCollected() throws Exception {
        Plugin compiler = compilerPlugin();
        compiler.addExecution(execution("default-compile", "<release>11</release>"));
        project.getBuild().addPlugin(compiler);

        assertThat(new ProcessorPathSource(collector).observe(project)).isEmpty();
        assertThat(collector.requests).isEmpty();
    }
}
