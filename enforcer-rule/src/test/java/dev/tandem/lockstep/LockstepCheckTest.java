package dev.tandem.lockstep;

import static dev.tandem.lockstep.Observations.dependency;
import static dev.tandem.lockstep.Observations.processorPath;
import static dev.tandem.lockstep.Observations.transitive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.lockstep.companion.CompanionDeclaration;
import dev.tandem.lockstep.report.Violation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LockstepCheckTest {
    private static final List<CompanionDeclaration> NO_COMPANIONS = Collections.emptyList();

    @Test
    @DisplayName("MapStruct 1.6.3 in the dependencies and its processor 1.5.5.Final in the processor path disagree")
    void mismatchBetweenDependencyAndProcessorPathIsAViolation() throws Exception {
        List<Violation> violations = LockstepCheck.check(
                Arrays.asList(
                        dependency("org.mapstruct:mapstruct:1.6.3"),
                        processorPath("org.mapstruct:mapstruct-processor:1.5.5.Final")),
                mapstructGroup(),
                NO_COMPANIONS);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.versions()).containsExactly("1.5.5.Final", "1.6.3");
            assertThat(v.reasons()).containsExactly("MapStruct pair");
        });
    }

    @Test
    void aGroupAtOneVersionPasses() throws Exception {
        List<Violation> violations = LockstepCheck.check(
                Arrays.asList(
                        dependency("org.mapstruct:mapstruct:1.6.3"),
                        processorPath("org.mapstruct:mapstruct-processor:1.6.3")),
                mapstructGroup(),
                NO_COMPANIONS);

        assertThat(violations).isEmpty();
    }

    @Test
    @DisplayName("one artifact at two versions in two places is a violation of its group")
    void oneArtifactAtTwoVersionsInDifferentSources() throws Exception {
        List<Violation> violations = LockstepCheck.check(
                Arrays.asList(
                        dependency("org.projectlombok:lombok:1.18.30"),
                        processorPath("org.projectlombok:lombok:1.18.20")),
                Collections.singletonList(LockstepGroup.parse("org.projectlombok:lombok", "Lombok", "test")),
                NO_COMPANIONS);

        assertThat(violations)
                .singleElement()
                .satisfies(v -> assertThat(v.found()).hasSize(2));
    }

    @Test
    @DisplayName("artifacts in no group are never compared")
    void ungroupedArtifactsAreIgnored() throws Exception {
        List<Violation> violations = LockstepCheck.check(
                Arrays.asList(dependency("com.acme:a:1.0"), processorPath("com.acme:b:2.0")),
                mapstructGroup(),
                NO_COMPANIONS);

        assertThat(violations).isEmpty();
    }

    @Test
    @DisplayName("a published companion at another version than its publisher declares is a violation")
    void companionAtTheWrongVersion() {
        CompanionDeclaration declared = new CompanionDeclaration(
                ArtifactKey.of("org.foo", "foo"), "1.0", ArtifactKey.of("org.foo", "foo-processor"), "1.0");

        List<Violation> violations = LockstepCheck.check(
                Arrays.asList(dependency("org.foo:foo:1.0"), processorPath("org.foo:foo-processor:0.9")),
                Collections.emptyList(),
                Collections.singletonList(declared));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.found())
                    .extracting(VersionObservation::toString)
                    .containsExactly(
                            "org.foo:foo:1.0 (direct dependency (compile))",
                            "org.foo:foo-processor:0.9 (" + Observations.PATHS + ")");
            assertThat(v.reasons())
                    .containsExactly("org.foo:foo:1.0 declares org.foo:foo-processor as its companion at version 1.0"
                            + " (the inert lockstep profile in its POM)");
        });
    }

    @Test
    @DisplayName("a published companion that is not used at all is no violation")
    void unusedCompanionPasses() {
        CompanionDeclaration declared = new CompanionDeclaration(
                ArtifactKey.of("org.foo", "foo"), "1.0", ArtifactKey.of("org.foo", "foo-processor"), "1.0");

        List<Violation> violations = LockstepCheck.check(
                Collections.singletonList(dependency("org.foo:foo:1.0")),
                Collections.emptyList(),
                Collections.singletonList(declared));

        assertThat(violations).isEmpty();
    }

    @Test
    @DisplayName("dagger-compiler's own transitive dagger disagrees with the project's dagger")
    void transitiveCoreOfAProcessorCounts() throws Exception {
        List<Violation> violations = LockstepCheck.check(
                Arrays.asList(
                        dependency("com.google.dagger:dagger:2.51"),
                        processorPath("com.google.dagger:dagger-compiler:2.51"),
                        transitive(
                                "com.google.dagger:dagger:2.51.1",
                                "annotationProcessorPaths, via com.google.dagger:dagger-compiler:2.51.1")),
                Collections.singletonList(LockstepGroup.parse("com.google.dagger:*", "Dagger", "test")),
                NO_COMPANIONS);

        assertThat(violations)
                .singleElement()
                .satisfies(v -> assertThat(v.versions()).containsExactly("2.51", "2.51.1"));
    }

    @Test
    @DisplayName("two groups that find the same disagreement report it once, with both reasons")
    void sameFindingFromTwoGroupsIsReportedOnce() throws Exception {
        List<VersionObservation> observations = Arrays.asList(
                dependency("org.mapstruct:mapstruct:1.6.3"), processorPath("org.mapstruct:mapstruct-processor:1.5.5"));
        List<LockstepGroup> groups = Arrays.asList(
                LockstepGroup.parse("org.mapstruct:*", "configured", "test"),
                LockstepGroup.parse("org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor", "built-in", "test"));

        List<Violation> violations = LockstepCheck.check(observations, groups, NO_COMPANIONS);

        assertThat(violations)
                .singleElement()
                .satisfies(v -> assertThat(v.reasons()).containsExactly("configured", "built-in"));
    }

    @Test
    @DisplayName("the same observation from two rule runs counts once")
    void duplicateObservationsCountOnce() throws Exception {
        List<Violation> violations = LockstepCheck.check(
                Arrays.asList(dependency("org.mapstruct:mapstruct:1.6.3"), dependency("org.mapstruct:mapstruct:1.6.3")),
                mapstructGroup(),
                NO_COMPANIONS);

        assertThat(violations).isEmpty();
    }

    @Test
    @DisplayName("the whole built-in catalogue over a graph that matches none of it passes quietly")
    void catalogueMatchingNothingPasses() {
        List<Violation> violations = LockstepCheck.check(
                Arrays.asList(dependency("com.acme:a:1.0"), dependency("com.acme:b:2.0")),
                KnownPairs.groups(),
                NO_COMPANIONS);

        assertThat(violations).isEmpty();
    }

    @Test
    @DisplayName("a graph of 20,000 versions with a mismatch buried in it is checked whole")
    void hugeGraph() {
        List<VersionObservation> observations = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            observations.add(dependency("com.acme.g" + (i % 100) + ":lib" + i + ":" + (i % 7) + ".0"));
        }
        observations.add(dependency("com.google.dagger:dagger:2.51"));
        observations.add(processorPath("com.google.dagger:dagger-compiler:2.50"));

        List<Violation> violations = LockstepCheck.check(observations, KnownPairs.groups(), NO_COMPANIONS);

        assertThat(violations)
                .singleElement()
                .satisfies(v -> assertThat(v.versions()).containsExactly("2.50", "2.51"));
    }

    private static List<LockstepGroup> mapstructGroup() throws LockstepConfigurationException {
        return Collections.singletonList(LockstepGroup.parse(
                "org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor", "MapStruct pair", "test"));
    }
}
