package dev.tandem.lockstep;

import static dev.tandem.lockstep.companion.FakePoms.companion;
import static dev.tandem.lockstep.companion.FakePoms.fooPom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.lockstep.companion.FakeResolver;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.enforcer.rule.api.EnforcerRuleError;
import org.apache.maven.enforcer.rule.api.EnforcerRuleException;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockstepRuleTest {
    @TempDir
    Path repository;

    private FakeResolver resolver;
    private MavenProject project;
    private LockstepRule rule;

    @BeforeEach
    void setUp() {
        resolver = new FakeResolver(repository);
        MavenSession session = new MavenSession(
                null, resolver.session(), new DefaultMavenExecutionRequest(), new DefaultMavenExecutionResult());
        project = Projects.project();
        rule = new LockstepRule(session, project, resolver.system());
    }

    @Test
    @DisplayName("a built-in pair at two versions fails the rule with the report")
    void builtInPairMismatchFails() {
        graph("org.mapstruct:mapstruct:1.6.3", "org.mapstruct:mapstruct-processor:1.5.5.Final");

        assertThatThrownBy(rule::execute)
                .isExactlyInstanceOf(EnforcerRuleException.class)
                .hasMessageStartingWith("Lockstep: org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor must be"
                        + " used at one version, but 2 are: 1.5.5.Final, 1.6.3.");
    }

    @Test
    void alignedVersionsPass() {
        graph("org.mapstruct:mapstruct:1.6.3", "org.mapstruct:mapstruct-processor:1.6.3");

        assertThatCode(rule::execute).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("<knownPairs>false</knownPairs> turns the catalogue off")
    void knownPairsCanBeTurnedOff() throws Exception {
        graph("org.mapstruct:mapstruct:1.6.3", "org.mapstruct:mapstruct-processor:1.5.5.Final");
        configure("knownPairs", false);

        assertThatCode(rule::execute).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a configured group is checked with its own reason")
    void configuredGroupIsChecked() throws Exception {
        graph("com.acme:runtime:2.0", "com.acme:codegen:1.9");
        configure("groups", Arrays.asList("com.acme:*"));

        assertThatThrownBy(rule::execute)
                .hasMessageContaining("Why: configured group in the lockstep rule's <groups>.");
    }

    @Test
    @DisplayName("a malformed group is a configuration error, which <level>WARN</level> cannot turn into a warning")
    void malformedGroupIsAnError() throws Exception {
        configure("groups", Arrays.asList("com.acme"));

        assertThatThrownBy(rule::execute)
                .isInstanceOf(EnforcerRuleError.class)
                .hasMessageContaining("'com.acme' in <groups> entry 1 of the lockstep rule");
    }

    @Test
    @DisplayName("a companion declared in a POM of the local repository is enforced")
    void publishedCompanionFromTheLocalRepository() throws Exception {
        Path pom = repository.resolve("org/foo/foo/1.0/foo-1.0.pom");
        Files.createDirectories(pom.getParent());
        Files.write(
                pom,
                fooPom("", "", companion("org.foo", "foo-processor", "[${project.version}]"))
                        .getBytes(StandardCharsets.UTF_8));
        graph("org.foo:foo:1.0", "org.foo:foo-processor:0.9");

        assertThatThrownBy(rule::execute)
                .hasMessageContaining(
                        "Why: org.foo:foo:1.0 declares org.foo:foo-processor as its companion at version" + " 1.0");

        configure("publishedCompanions", false);
        assertThatCode(rule::execute).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("grpc-kotlin's generator in ascopes' jvmMavenPlugins drifted from grpc-kotlin-stub: the build fails,"
            + " and grpc-kotlin is not held to grpc-java's version")
    void grpcKotlinInJvmMavenPlugins() {
        Plugin ascopes = new Plugin();
        ascopes.setGroupId("io.github.ascopes");
        ascopes.setArtifactId("protobuf-maven-plugin");
        ascopes.setVersion("3.8.0");
        ascopes.setConfiguration(Projects.configuration("<configuration><jvmMavenPlugins><jvmMavenPlugin>"
                + "<groupId>io.grpc</groupId><artifactId>protoc-gen-grpc-kotlin</artifactId><version>1.4.1</version>"
                + "<classifier>jdk8</classifier></jvmMavenPlugin></jvmMavenPlugins></configuration>"));
        project.getBuild().addPlugin(ascopes);
        graph("io.grpc:grpc-kotlin-stub:1.5.0", "io.grpc:grpc-stub:1.76.0");

        assertThatThrownBy(rule::execute)
                .hasMessageContaining(
                        "io.grpc:protoc-gen-grpc-kotlin must be used at one version, but 2 are: 1.4.1, 1.5.0")
                .hasMessageContaining("built-in group \"gRPC Kotlin\"")
                .hasMessageNotContaining("1.76.0");
    }

    @Test
    @DisplayName("the configuration shows in toString, and results are never cached across projects")
    void describesItself() throws Exception {
        configure("groups", Arrays.asList("org.mapstruct:*"));

        assertThat(rule)
                .hasToString("LockstepRule[groups=[org.mapstruct:*], publishedCompanions=true, knownPairs=true]");
        assertThat(rule.getCacheId()).isNull();
    }

    private void graph(String... coordinates) {
        Set<Artifact> artifacts = new LinkedHashSet<>();
        for (String c : coordinates) {
            String[] parts = c.split(":");
            artifacts.add(new DefaultArtifact(
                    parts[0], parts[1], parts[2], "compile", "jar", null, new DefaultArtifactHandler("jar")));
        }
        project.setArtifacts(artifacts);
    }

    /** The enforcer sets a rule's configuration on its fields, as Maven does for Mojos. */
    private void configure(String field, Object value) throws ReflectiveOperationException {
        Field f = LockstepRule.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(rule, value);
    }
}
