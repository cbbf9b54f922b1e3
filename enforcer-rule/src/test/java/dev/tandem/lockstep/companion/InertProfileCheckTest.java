package dev.tandem.lockstep.companion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.lockstep.ArtifactKey;
import java.io.StringReader;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InertProfileCheckTest {
    private static final String INERT = "<activation><jdk>(,1)</jdk></activation>";
    private static final String RIGHT_COMPANION = companion("[${project.version}]", "provided", "true");
    private static final Map<ArtifactKey, String> REACTOR = reactor("1.2.3");

    @Test
    @DisplayName("the profile the docs show passes")
    void theDocumentedProfilePasses() throws Exception {
        assertThat(problems(profile(INERT, RIGHT_COMPANION))).isEmpty();
    }

    @Test
    @DisplayName("a companion named through ${project.groupId} and a property is found in the reactor")
    void interpolatesCompanionCoordinates() throws Exception {
        String dependency = "<dependency><groupId>${project.groupId}</groupId><artifactId>${processor}</artifactId>"
                + "<version>[${project.version}]</version><scope>provided</scope><optional>true</optional>"
                + "</dependency>";
        Map<String, String> values = values();
        values.put("processor", "foo-processor");

        assertThat(InertProfileCheck.problems(model(profile(INERT, dependency)), values, REACTOR, "1.2.3"))
                .isEmpty();
    }

    @Test
    @DisplayName("no lockstep profile at all names the profile to add")
    void missingProfile() throws Exception {
        assertThat(problems("")).singleElement().asString().contains("no <profile> with <id>lockstep</id>");
    }

    @Test
    @DisplayName("!property is active whenever the property is unset")
    void negatedProperty() throws Exception {
        String activation = "<activation><property><name>!lockstep.never</name></property></activation>";

        assertThat(problems(profile(activation, RIGHT_COMPANION)))
                .singleElement()
                .asString()
                .contains("!lockstep.never", "every build that does not set lockstep.never", "Gradle")
                .contains("<jdk>(,1)</jdk>");
    }

    @Test
    @DisplayName("a property, an os, a file or activeByDefault each make the profile satisfiable")
    void otherSatisfiableConditions() throws Exception {
        String activation = "<activation><activeByDefault>true</activeByDefault><jdk>(,1)</jdk>"
                + "<os><family>unix</family></os><property><name>foo.companions</name></property>"
                + "<file><exists>/etc/hosts</exists></file></activation>";

        assertThat(problems(profile(activation, RIGHT_COMPANION)))
                .hasSize(4)
                .anySatisfy(p -> assertThat(p).contains("activeByDefault"))
                .anySatisfy(p -> assertThat(p).contains("-Dfoo.companions"))
                .anySatisfy(p -> assertThat(p).contains("<os>"))
                .anySatisfy(p -> assertThat(p).contains("/etc/hosts"));
    }

    @Test
    @DisplayName("no activation, or an activation without a jdk condition, is reported")
    void noActivation() throws Exception {
        assertThat(problems(profile("", RIGHT_COMPANION)))
                .singleElement()
                .asString()
                .contains("no <activation>");
        assertThat(problems(profile("<activation/>", RIGHT_COMPANION)))
                .singleElement()
                .asString()
                .contains("no <jdk> condition");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1.8,)", "(,1]", "(,17)", "1.8", "!11", "[11,17),(,0.9)", "(,)", "[1,"})
    @DisplayName("a JDK condition some JDK satisfies is reported")
    void satisfiableJdk(String jdk) throws Exception {
        assertThat(InertProfileCheck.neverMatches(jdk)).isFalse();
        assertThat(problems(profile("<activation><jdk>" + jdk + "</jdk></activation>", RIGHT_COMPANION)))
                .singleElement()
                .asString()
                .contains("<jdk>" + jdk + "</jdk> matches");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(,1)", " (,1.0) ", "(,0.9]", "[0,1)", "(,0],(,0.5)"})
    @DisplayName("a JDK range that ends below 1 is never satisfied")
    void neverSatisfiedJdk(String jdk) {
        assertThat(InertProfileCheck.neverMatches(jdk)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"${project.version}", "1.2.3", "[1.2.3]", "[${project.version},)", "${foo.version}"})
    @DisplayName("a companion version other than [${project.version}] is reported")
    void wrongVersion(String version) throws Exception {
        assertThat(problems(profile(INERT, companion(version, "provided", "true"))))
                .singleElement()
                .asString()
                .contains("<version>" + version + "</version>", "use <version>[${project.version}]</version>");
    }

    @Test
    @DisplayName("a companion without a version is reported")
    void noVersion() throws Exception {
        String dependency = "<dependency><groupId>org.foo</groupId><artifactId>foo-processor</artifactId>"
                + "<scope>provided</scope><optional>true</optional></dependency>";

        assertThat(problems(profile(INERT, dependency)))
                .singleElement()
                .asString()
                .contains("no <version>");
    }

    @Test
    @DisplayName("missing provided scope and missing optional are each reported")
    void scopeAndOptional() throws Exception {
        assertThat(problems(profile(INERT, companion("[${project.version}]", null, null))))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("no <scope>", "use <scope>provided</scope>"))
                .anySatisfy(p -> assertThat(p).contains("is not <optional>true</optional>"));
        assertThat(problems(profile(INERT, companion("[${project.version}]", "compile", "false"))))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("<scope>compile</scope>"));
    }

    @Test
    @DisplayName("a companion the reactor does not build, or builds at another version, is reported")
    void companionOutsideTheReactor() throws Exception {
        Model model = model(profile(INERT, RIGHT_COMPANION));

        assertThat(InertProfileCheck.problems(model, values(), Collections.emptyMap(), "1.2.3"))
                .singleElement()
                .asString()
                .contains("org.foo:foo-processor is not built in this reactor");
        assertThat(InertProfileCheck.problems(model, values(), reactor("1.2.2"), "1.2.3"))
                .singleElement()
                .asString()
                .contains("built at 1.2.2 but this library at 1.2.3");
    }

    @Test
    @DisplayName("an empty profile is reported")
    void noCompanions() throws Exception {
        assertThat(problems(profile(INERT, ""))).singleElement().asString().contains("declares no <dependency>");
    }

    private static List<String> problems(String profiles) throws Exception {
        return InertProfileCheck.problems(model(profiles), values(), REACTOR, "1.2.3");
    }

    private static Map<String, String> values() {
        Map<String, String> values = new HashMap<>();
        values.put("project.groupId", "org.foo");
        values.put("project.version", "1.2.3");
        return values;
    }

    private static Map<ArtifactKey, String> reactor(String processorVersion) {
        Map<ArtifactKey, String> reactor = new HashMap<>();
        reactor.put(ArtifactKey.of("org.foo", "foo"), "1.2.3");
        reactor.put(ArtifactKey.of("org.foo", "foo-processor"), processorVersion);
        return reactor;
    }

    private static String profile(String activation, String dependencies) {
        return "<profile><id>lockstep</id>" + activation + "<dependencies>" + dependencies
                + "</dependencies></profile>";
    }

    private static String companion(String version, String scope, String optional) {
        return "<dependency><groupId>org.foo</groupId><artifactId>foo-processor</artifactId>"
                + (version == null ? "" : "<version>" + version + "</version>")
                + (scope == null ? "" : "<scope>" + scope + "</scope>")
                + (optional == null ? "" : "<optional>" + optional + "</optional>")
                + "</dependency>";
    }

    private static Model model(String profiles) throws Exception {
        String pom = "<project><modelVersion>4.0.0</modelVersion><groupId>org.foo</groupId><artifactId>foo</artifactId>"
                + "<version>1.2.3</version><profiles>" + profiles + "</profiles></project>";
        return new MavenXpp3Reader().read(new StringReader(pom), false);
    }
}
