package dev.tandem.lockstep.companion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolverPomLocatorTest {
    private static final String POM = "org.foo:foo:pom:1.0";

    @TempDir
    Path directory;

    private FakeResolver resolver;
    private ResolverPomLocator locator;

    @BeforeEach
    void setUp() {
        resolver = new FakeResolver(directory.resolve("repository"));
        locator = new ResolverPomLocator(resolver.system(), resolver.session(), Collections.emptyList());
    }

    @Test
    @DisplayName("a sibling module's pom.xml comes from the reactor, before any repository")
    void reactorComesFirst() throws IOException {
        File sibling = file("core/pom.xml");
        file("repository/org/foo/foo/1.0/foo-1.0.pom");
        resolver.reactor.put(POM, sibling);

        assertThat(locator.pom("org.foo", "foo", "1.0")).contains(sibling.toPath());
    }

    @Test
    @DisplayName("a POM in the local repository's usual place is found without resolving anything")
    void localPathIsFoundDirectly() throws IOException {
        File local = file("repository/org/foo/foo/1.0/foo-1.0.pom");

        assertThat(locator.pom("org.foo", "foo", "1.0")).contains(local.toPath());
        assertThat(resolver.resolutions).isZero();
    }

    @Test
    @DisplayName("another layout (a split repository) is left to the local repository manager")
    void otherLayoutsGoThroughTheManager() throws IOException {
        File split = file("repository/cached/org/foo/foo/1.0/foo-1.0.pom");
        resolver.foundByManager.put(POM, split);

        assertThat(locator.pom("org.foo", "foo", "1.0")).contains(split.toPath());
        assertThat(resolver.resolutions).isZero();
    }

    @Test
    @DisplayName("a POM that is not local is resolved the way Maven would")
    void missingPomIsResolved() throws IOException {
        File downloaded = file("downloaded.pom");
        resolver.resolvable.put(POM, downloaded);

        assertThat(locator.pom("org.foo", "foo", "1.0")).contains(downloaded.toPath());
        assertThat(resolver.resolutions).isEqualTo(1);
    }

    @Test
    @DisplayName("a POM nobody has is absent, not an error")
    void unresolvablePomIsAbsent() {
        assertThat(locator.pom("org.foo", "foo", "1.0")).isEmpty();
    }

    private File file(String relative) throws IOException {
        Path path = directory.resolve(relative);
        Files.createDirectories(path.getParent());
        return Files.write(path, "<project/>".getBytes()).toFile();
    }
}
