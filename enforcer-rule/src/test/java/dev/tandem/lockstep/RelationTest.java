package dev.tandem.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.lockstep.report.Violation;
import dev.tandem.lockstep.report.ViolationReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A relation group, {@code runtime >= generator}: the runtime may be newer than the generator of the code that runs
 * on it within one major version, never older.
 */
class RelationTest {

    @Test
    @DisplayName("a relation group: a runtime newer within the major passes; older or another major fails")
    void relation() throws Exception {
        LockstepGroup protobuf = LockstepGroup.parse(
                "com.google.protobuf:protobuf-java, com.google.protobuf:protobuf-java-util >= com.google.protobuf:protoc",
                "Protobuf",
                "test");
        assertThat(protobuf.isRelation()).isTrue();
        assertThat(protobuf.toString())
                .isEqualTo("com.google.protobuf:protobuf-java, com.google.protobuf:protobuf-java-util >="
                        + " com.google.protobuf:protoc");
        VersionObservation protoc = Observations.observation(
                "com.google.protobuf:protoc:4.33.2", "protobuf-maven-plugin configuration <protocVersion>", "x");

        assertThat(LockstepCheck.check(
                        java.util.List.of(Observations.dependency("com.google.protobuf:protobuf-java:4.33.4"), protoc),
                        java.util.List.of(protobuf),
                        java.util.List.of()))
                .isEmpty();

        java.util.List<Violation> older = LockstepCheck.check(
                java.util.List.of(Observations.dependency("com.google.protobuf:protobuf-java:4.28.2"), protoc),
                java.util.List.of(protobuf),
                java.util.List.of());
        assertThat(older).hasSize(1);
        assertThat(ViolationReport.format(older))
                .startsWith("Lockstep: com.google.protobuf:protobuf-java 4.28.2 is older than"
                        + " com.google.protobuf:protoc 4.33.2, which generates the code that runs on it.")
                .contains("Fix: use com.google.protobuf:protobuf-java 4.33.2 or a newer 4.x");

        java.util.List<Violation> major = LockstepCheck.check(
                java.util.List.of(Observations.dependency("com.google.protobuf:protobuf-java:5.0.1"), protoc),
                java.util.List.of(protobuf),
                java.util.List.of());
        assertThat(ViolationReport.format(major)).contains("is of another major version than");

        java.util.List<Violation> sides = LockstepCheck.check(
                java.util.List.of(
                        Observations.dependency("com.google.protobuf:protobuf-java:4.33.4"),
                        Observations.dependency("com.google.protobuf:protobuf-java-util:4.33.5"),
                        protoc),
                java.util.List.of(protobuf),
                java.util.List.of());
        assertThat(ViolationReport.format(sides)).contains("must be used at one version, but 2 are: 4.33.4, 4.33.5");
    }

    @Test
    @DisplayName("a relation written twice, or without a side, is a configuration error naming the syntax")
    void badRelation() {
        for (String bad : new String[] {"a:b >=", ">= a:b", "a:b >= c:d >= e:f"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LockstepGroup.parse(bad, "r", "<groups> entry 1"))
                    .isInstanceOf(LockstepConfigurationException.class)
                    .hasMessageContaining("<groups> entry 1 must name runtime artifacts, '>=', then generator");
        }
    }
}
