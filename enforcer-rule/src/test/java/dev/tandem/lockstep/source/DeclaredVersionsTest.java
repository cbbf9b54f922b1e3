package dev.tandem.lockstep.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.lockstep.ArtifactKey;
import dev.tandem.lockstep.LockstepInputException;
import java.util.Collections;
import java.util.List;
import org.apache.maven.model.Dependency;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeclaredVersionsTest {
    private static final String ORIGIN = "maven-compiler-plugin annotationProcessorPaths, execution default-compile";

    @Test
    @DisplayName("a path without a version takes it from dependencyManagement, as maven-compiler-plugin 3.12+ does")
    void versionlessPathTakesTheManagedVersion() throws Exception {
        List<DeclaredArtifact> resolved = DeclaredVersions.resolve(
                Collections.singletonList(path(null)), Collections.singletonList(managed("jar", "1.5.5.Final")));

        assertThat(resolved)
                .singleElement()
                .extracting(DeclaredArtifact::version)
                .isEqualTo("1.5.5.Final");
    }

    @Test
    @DisplayName("a managed entry of another type does not supply the version")
    void managedVersionMustMatchType() {
        assertThatThrownBy(() -> DeclaredVersions.resolve(
                        Collections.singletonList(path(null)), Collections.singletonList(managed("pom", "1.0"))))
                .isInstanceOf(LockstepInputException.class)
                .hasMessage("lockstep: org.mapstruct:mapstruct-processor in " + ORIGIN + " has no <version>, and the"
                        + " project's dependencyManagement has none for it. Add <version> to that entry, or manage"
                        + " org.mapstruct:mapstruct-processor in <dependencyManagement>.");
    }

    @Test
    @DisplayName("an undefined property names the property and the fix")
    void unresolvedPropertyIsNamed() {
        assertThatThrownBy(() -> DeclaredVersions.resolve(
                        Collections.singletonList(path("${mapstruct.version}")), Collections.emptyList()))
                .isInstanceOf(LockstepInputException.class)
                .hasMessageContaining("org.mapstruct:mapstruct-processor in " + ORIGIN)
                .hasMessageContaining("the property mapstruct.version is not defined")
                .hasMessageContaining("Define it in <properties>");
    }

    @Test
    @DisplayName("a version range cannot be checked and says to pin one version")
    void rangeIsRejected() {
        assertThatThrownBy(() -> DeclaredVersions.exactVersion("[1.5,1.6)", "org.foo:foo in somewhere"))
                .isInstanceOf(LockstepInputException.class)
                .hasMessageContaining("org.foo:foo in somewhere has the version range [1.5,1.6)")
                .hasMessageContaining("Write the exact version");
    }

    @Test
    @DisplayName("an exact range [x] is the one version x")
    void exactRangeIsOneVersion() throws Exception {
        assertThat(DeclaredVersions.exactVersion("[1.6.3]", "x")).isEqualTo("1.6.3");
        assertThat(DeclaredVersions.exactVersion(" 1.6.3 ", "x")).isEqualTo("1.6.3");
    }

    private static DeclaredArtifact path(String version) {
        return new DeclaredArtifact(
                ArtifactKey.of("org.mapstruct", "mapstruct-processor"),
                version,
                null,
                null,
                Collections.emptyList(),
                ORIGIN);
    }

    private static Dependency managed(String type, String version) {
        Dependency dependency = new Dependency();
        dependency.setGroupId("org.mapstruct");
        dependency.setArtifactId("mapstruct-processor");
        dependency.setType(type);
        dependency.setVersion(version);
        return dependency;
    }
}
