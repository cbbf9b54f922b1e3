package dev.tandem.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.lockstep.report.Violation;
import dev.tandem.lockstep.report.ViolationReport;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MetaVersionsTest {
    private static final ArtifactKey MAPSTRUCT = ArtifactKey.of("org.mapstruct", "mapstruct");
    private static final ArtifactKey PROCESSOR = ArtifactKey.of("org.mapstruct", "mapstruct-processor");

    @Test
    @DisplayName("LATEST is compared as the version Maven resolves it to, and the origin says it was LATEST")
    void latestIsResolvedBeforeComparing() throws Exception {
        AtomicInteger lookUps = new AtomicInteger();
        List<VersionObservation> resolved = MetaVersions.resolve(
                Arrays.asList(
                        new VersionObservation(MAPSTRUCT, "LATEST", "direct dependency (compile)", "<dependencies>"),
                        new VersionObservation(MAPSTRUCT, "LATEST", "dependency (test) via a:b:1", null),
                        new VersionObservation(
                                PROCESSOR, "1.6.3", "maven-compiler-plugin annotationProcessorPaths", "x")),
                (artifact, meta) -> {
                    lookUps.incrementAndGet();
                    return "1.6.3";
                });

        assertThat(resolved).extracting(VersionObservation::version).containsExactly("1.6.3", "1.6.3", "1.6.3");
        assertThat(resolved.get(0).origin()).isEqualTo("direct dependency (compile) (LATEST)");
        assertThat(lookUps).as("one look-up per artifact and meta-version").hasValue(1);
    }

    @Test
    @DisplayName("with LATEST resolved, a drifted processor is a violation naming the real versions")
    void resolvedLatestStillFindsADrift() throws Exception {
        List<VersionObservation> resolved = MetaVersions.resolve(
                Arrays.asList(
                        new VersionObservation(MAPSTRUCT, "RELEASE", "direct dependency (compile)", "<dependencies>"),
                        new VersionObservation(
                                PROCESSOR, "1.5.5.Final", "maven-compiler-plugin annotationProcessorPaths", "x")),
                (artifact, meta) -> "1.6.3");

        List<Violation> violations =
                LockstepCheck.check(resolved, KnownPairs.groups(), java.util.Collections.emptyList());

        assertThat(violations).hasSize(1);
        assertThat(ViolationReport.format(violations))
                .contains("1.5.5.Final, 1.6.3")
                .contains("direct dependency (compile) (RELEASE)")
                .doesNotContain("2 are: 1.6.3, RELEASE");
    }

    @Test
    @DisplayName("a meta-version Maven cannot resolve is one clear error naming the coordinate and the fix")
    void unresolvableMetaVersionIsNamed() {
        assertThatThrownBy(() -> MetaVersions.resolve(
                        Arrays.asList(new VersionObservation(
                                MAPSTRUCT, "LATEST", "direct dependency (compile)", "<dependencies>")),
                        (artifact, meta) -> {
                            throw new Exception("Could not find metadata org.mapstruct:mapstruct/maven-metadata.xml");
                        }))
                .isInstanceOf(LockstepInputException.class)
                .hasMessage("lockstep: org.mapstruct:mapstruct in direct dependency (compile) has the meta-version"
                        + " LATEST, which Maven could not resolve to a version (Could not find metadata"
                        + " org.mapstruct:mapstruct/maven-metadata.xml). Write the version itself, e.g."
                        + " <version>1.2.3</version>: meta-versions also make builds unrepeatable.");
    }
}
