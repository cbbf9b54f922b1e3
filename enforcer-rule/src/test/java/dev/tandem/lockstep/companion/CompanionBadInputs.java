package dev.tandem.lockstep.companion;

import static dev.tandem.lockstep.companion.FakePoms.companion;
import static dev.tandem.lockstep.companion.FakePoms.fooPom;

import dev.tandem.lockstep.ArtifactKey;
import dev.tandem.lockstep.BadInput;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code BadInputCatalogueTest}'s cases for published companions: dependency POMs whose lockstep profile cannot be
 * read, each met through {@link CompanionReader}.
 */
public final class CompanionBadInputs {
    private static final ArtifactKey FOO = ArtifactKey.of("org.foo", "foo");

    private CompanionBadInputs() {}

    /**
     * By what the case is, in the catalogue's order.
     *
     * @param repository an empty directory for the POMs
     */
    public static Map<String, BadInput> cases(Path repository) {
        Map<String, BadInput> cases = new LinkedHashMap<>();
        cases.put(
                "dependency POM cut off (truncated download)",
                new BadInput(
                        () -> read(repository, "<project><profiles><profile><id>lockstep</id>"),
                        "org.foo:foo:1.0",
                        "Delete it from the local repository"));
        cases.put(
                "dependency POM that is not XML at all",
                new BadInput(
                        () -> read(repository, "lockstep \u0000\u0001 garbage"),
                        "org.foo:foo:1.0",
                        "Delete it from the local repository"));
        cases.put(
                "companion version is an undefined property",
                new BadInput(
                        () -> read(repository, fooPom("", "", companion("org.foo", "foo-processor", "${nowhere}"))),
                        "org.foo:foo:1.0",
                        "publishedCompanions"));
        cases.put(
                "companion version properties refer to each other",
                new BadInput(
                        () -> read(
                                repository,
                                fooPom("", "<a>${b}</a><b>${a}</b>", companion("org.foo", "foo-processor", "${a}"))),
                        "org.foo:foo:1.0",
                        "publishedCompanions"));
        cases.put(
                "companion version property refers to itself",
                new BadInput(
                        () -> read(
                                repository, fooPom("", "<a>x${a}</a>", companion("org.foo", "foo-processor", "${a}"))),
                        "org.foo:foo:1.0",
                        "publishedCompanions"));
        cases.put(
                "companion version is a range",
                new BadInput(
                        () -> read(repository, fooPom("", "", companion("org.foo", "foo-processor", "[1,2)"))),
                        "org.foo:foo:1.0",
                        "Tell the authors"));
        cases.put(
                "companion without <version>",
                new BadInput(
                        () -> read(repository, fooPom("", "", companion("org.foo", "foo-processor", null))),
                        "org.foo:foo:1.0",
                        "[${project.version}]"));
        cases.put(
                "companion with the library's own coordinates",
                new BadInput(
                        () -> read(repository, fooPom("", "", companion("org.foo", "foo", "[1.0]"))),
                        "org.foo:foo:1.0",
                        "Tell the authors"));
        cases.put(
                "companion without <groupId>",
                new BadInput(
                        () -> read(repository, fooPom("", "", companion(null, "foo-processor", "[1.0]"))),
                        "org.foo:foo:1.0",
                        "Tell the authors"));
        cases.put(
                "companion version from a parent the build does not have",
                new BadInput(
                        () -> read(
                                repository,
                                fooPom(
                                        "<parent><groupId>org.foo</groupId><artifactId>gone</artifactId><version>9</version></parent>",
                                        "",
                                        companion("org.foo", "foo-processor", "${from.parent}"))),
                        "org.foo:foo:1.0",
                        "publishedCompanions"));
        cases.put(
                "companion version ${project.parent.version} without a parent",
                new BadInput(
                        () -> read(
                                repository,
                                fooPom("", "", companion("org.foo", "foo-processor", "${project.parent.version}"))),
                        "org.foo:foo:1.0",
                        "publishedCompanions"));
        return cases;
    }

    private static Object read(Path repository, String pomXml) throws Exception {
        FakePoms poms = new FakePoms(repository).add("org.foo:foo:1.0", pomXml);
        return new CompanionReader(poms).read(FOO, "1.0");
    }
}
