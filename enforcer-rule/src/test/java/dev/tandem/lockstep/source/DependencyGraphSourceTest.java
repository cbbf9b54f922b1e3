package dev.tandem.lockstep.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.lockstep.Projects;
import dev.tandem.lockstep.VersionObservation;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DependencyGraphSourceTest {

    @Test
    @DisplayName("direct and transitive dependencies are observed with their scope and path")
    void observesTheResolvedGraphWithPaths() {
        MavenProject project = Projects.project();
        Set<Artifact> artifacts = new LinkedHashSet<>();
        artifacts.add(artifact(
                "org.mapstruct:mapstruct:1.6.3",
                "compile",
                "com.acme:app:jar:1.0",
                "org.mapstruct:mapstruct:jar:1.6.3"));
        artifacts.add(artifact(
                "javax.inject:javax.inject:1",
                "provided",
                "com.acme:app:jar:1.0",
                "com.google.dagger:dagger:jar:2.51",
                "javax.inject:javax.inject:jar:1"));
        project.setArtifacts(artifacts);

        List<VersionObservation> observed = new DependencyGraphSource().observe(project);

        assertThat(observed)
                .extracting(VersionObservation::toString)
                .containsExactly(
                        "org.mapstruct:mapstruct:1.6.3 (direct dependency (compile))",
                        "javax.inject:javax.inject:1 (dependency (provided) via com.google.dagger:dagger:2.51)");
        assertThat(observed.get(0).declaredIn()).isEqualTo("<dependencies>");
        assertThat(observed.get(1).declaredIn()).isNull();
    }

    @Test
    @DisplayName("a snapshot is observed at its base version, as a POM writes it")
    void snapshotsUseTheBaseVersion() {
        MavenProject project = Projects.project();
        Set<Artifact> artifacts = new LinkedHashSet<>();
        Artifact snapshot = artifact("org.foo:foo:1.0-20260101.101010-3", "compile");
        artifacts.add(snapshot);
        project.setArtifacts(artifacts);

        assertThat(new DependencyGraphSource().observe(project))
                .singleElement()
                .extracting(VersionObservation::version)
                .isEqualTo("1.0-SNAPSHOT");
    }

    @Test
    @DisplayName("Maven 4 processor dependencies and what they bring are left to ProcessorPathSource, not doubled")
    void skipsMaven4ProcessorDependencies() {
        MavenProject project = Projects.project();
        Set<Artifact> artifacts = new LinkedHashSet<>();
        artifacts.add(artifact("com.google.dagger:dagger:2.51", "compile", "com.acme:app:jar:1.0"));
        artifacts.add(typed(
                "com.google.dagger:dagger-compiler:2.51.1",
                "processor",
                "compile",
                "com.acme:app:jar:1.0",
                "com.google.dagger:dagger-compiler:processor:2.51.1"));
        artifacts.add(artifact(
                "com.google.dagger:dagger-spi:2.51.1",
                "compile",
                "com.acme:app:jar:1.0",
                "com.google.dagger:dagger-compiler:processor:2.51.1",
                "com.google.dagger:dagger-spi:jar:2.51.1"));
        project.setArtifacts(artifacts);

        assertThat(new DependencyGraphSource().observe(project))
                .extracting(VersionObservation::toString)
                .containsExactly("com.google.dagger:dagger:2.51 (direct dependency (compile))");
    }

    private static Artifact artifact(String coordinates, String scope, String... trail) {
        return typed(coordinates, "jar", scope, trail);
    }

    private static Artifact typed(String coordinates, String type, String scope, String... trail) {
        String[] parts = coordinates.split(":");
        DefaultArtifact artifact =
                new DefaultArtifact(parts[0], parts[1], parts[2], scope, type, null, new DefaultArtifactHandler(type));
        artifact.setDependencyTrail(trail.length == 0 ? null : Arrays.asList(trail));
        return artifact;
    }
}
