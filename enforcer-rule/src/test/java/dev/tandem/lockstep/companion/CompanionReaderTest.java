package dev.tandem.lockstep.companion;

import static dev.tandem.lockstep.companion.FakePoms.companion;
import static dev.tandem.lockstep.companion.FakePoms.fooPom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.lockstep.ArtifactKey;
import dev.tandem.lockstep.LockstepInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompanionReaderTest {
    private static final ArtifactKey FOO = ArtifactKey.of("org.foo", "foo");
    private static final ArtifactKey PROCESSOR = ArtifactKey.of("org.foo", "foo-processor");

    @TempDir
    Path repository;

    @Test
    @DisplayName("the inert profile's [${project.version}] becomes the artifact's own version")
    void readsTheInertProfileWithProjectVersion() throws Exception {
        FakePoms poms = new FakePoms(repository)
                .add(
                        "org.foo:foo:1.2.3",
                        fooPom("", "", companion("org.foo", "foo-processor", "[${project.version}]")));

        List<CompanionDeclaration> declared = new CompanionReader(poms).read(FOO, "1.2.3");

        assertThat(declared).containsExactly(new CompanionDeclaration(FOO, "1.2.3", PROCESSOR, "1.2.3"));
    }

    @Test
    @DisplayName("properties come from the POM, then its parents, and may refer to each other")
    void interpolatesPropertiesFromParents() throws Exception {
        String parent = "<parent><groupId>org.foo</groupId><artifactId>foo-parent</artifactId>"
                + "<version>7</version></parent>";
        FakePoms poms = new FakePoms(repository)
                .add(
                        "org.foo:foo:2.0",
                        fooPom(
                                parent,
                                "<processor.version>${base.version}.1</processor.version>",
                                companion("${project.groupId}", "foo-processor", "${processor.version}")))
                .add(
                        "org.foo:foo-parent:7",
                        "<project><groupId>org.foo</groupId><artifactId>foo-parent</artifactId><version>7</version>"
                                + "<properties><base.version>2.0</base.version></properties></project>");

        List<CompanionDeclaration> declared = new CompanionReader(poms).read(FOO, "2.0");

        assertThat(declared).containsExactly(new CompanionDeclaration(FOO, "2.0", PROCESSOR, "2.0.1"));
    }

    @Test
    @DisplayName("a POM without the word lockstep is not parsed at all")
    void pomWithoutProfileIsSkippedCheaply() throws Exception {
        FakePoms poms = new FakePoms(repository).add("org.foo:foo:1.0", "this is not even XML");

        assertThat(new CompanionReader(poms).read(FOO, "1.0")).isEmpty();
    }

    @Test
    @DisplayName("an artifact whose POM the build does not have declares nothing")
    void missingPomDeclaresNothing() throws Exception {
        assertThat(new CompanionReader(new FakePoms(repository)).read(FOO, "1.0"))
                .isEmpty();
    }

    @Test
    @DisplayName("an undefined property names the POM, the property and the way out")
    void unresolvedPropertyIsAClearError() {
        FakePoms poms = new FakePoms(repository)
                .add("org.foo:foo:1.0", fooPom("", "", companion("org.foo", "foo-processor", "${nowhere}")));

        assertThatThrownBy(() -> new CompanionReader(poms).read(FOO, "1.0"))
                .isInstanceOf(LockstepInputException.class)
                .hasMessageContaining("the POM of org.foo:foo:1.0 is ${nowhere}")
                .hasMessageContaining("the property nowhere is defined neither in that POM nor in its parents")
                .hasMessageContaining("<publishedCompanions>false</publishedCompanions>");
    }

    @Test
    @DisplayName("properties that refer to each other in a circle are reported, not followed forever")
    void recursivePropertyIsAClearError() {
        FakePoms poms = new FakePoms(repository)
                .add(
                        "org.foo:foo:1.0",
                        fooPom("", "<a>${b}</a><b>${a}</b>", companion("org.foo", "foo-processor", "${a}")));

        assertThatThrownBy(() -> new CompanionReader(poms).read(FOO, "1.0"))
                .isInstanceOf(LockstepInputException.class)
                .hasMessageContaining("refers back to itself (a -> b -> a)");
    }

    @Test
    void versionRangeIsAClearError() {
        FakePoms poms = new FakePoms(repository)
                .add("org.foo:foo:1.0", fooPom("", "", companion("org.foo", "foo-processor", "[1.0,2.0)")));

        assertThatThrownBy(() -> new CompanionReader(poms).read(FOO, "1.0"))
                .isInstanceOf(LockstepInputException.class)
                .hasMessageContaining("org.foo:foo-processor in the lockstep profile of org.foo:foo:1.0 has the"
                        + " version range [1.0,2.0)")
                .hasMessageContaining("Tell the authors of org.foo:foo");
    }

    @Test
    void missingVersionIsAClearError() {
        FakePoms poms = new FakePoms(repository)
                .add("org.foo:foo:1.0", fooPom("", "", companion("org.foo", "foo-processor", null)));

        assertThatThrownBy(() -> new CompanionReader(poms).read(FOO, "1.0"))
                .hasMessageContaining("names its companion org.foo:foo-processor without a <version>")
                .hasMessageContaining("<version>[${project.version}]</version>");
    }

    @Test
    void companionWithTheCoreCoordinatesIsAClearError() {
        FakePoms poms =
                new FakePoms(repository).add("org.foo:foo:1.0", fooPom("", "", companion("org.foo", "foo", "[1.0]")));

        assertThatThrownBy(() -> new CompanionReader(poms).read(FOO, "1.0"))
                .hasMessageContaining("names org.foo:foo itself as its companion");
    }

    @Test
    @DisplayName("a POM that is not well-formed XML is named, with the way to get a good copy")
    void malformedPomIsAClearError() {
        FakePoms poms = new FakePoms(repository)
                .add("org.foo:foo:1.0", "<project><profiles><profile><id>lockstep</id></profile>");

        assertThatThrownBy(() -> new CompanionReader(poms).read(FOO, "1.0"))
                .isInstanceOf(LockstepInputException.class)
                .hasMessageStartingWith("lockstep: the POM of org.foo:foo:1.0 at " + repository)
                .hasMessageContaining("is not well-formed XML")
                .hasMessageContaining("Delete it from the local repository");
    }

    @Test
    @DisplayName("profiles with other ids are not companions")
    void otherProfilesAreIgnored() throws Exception {
        FakePoms poms = new FakePoms(repository)
                .add(
                        "org.foo:foo:1.0",
                        "<project><description>lockstep</description><profiles><profile><id>release</id>"
                                + "<dependencies>" + companion("org.foo", "foo-processor", "1.0")
                                + "</dependencies></profile></profiles></project>");

        assertThat(new CompanionReader(poms).read(FOO, "1.0")).isEmpty();
    }
}
