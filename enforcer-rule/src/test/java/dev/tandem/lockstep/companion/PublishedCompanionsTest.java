package dev.tandem.lockstep.companion;

import static dev.tandem.lockstep.companion.FakePoms.companion;
import static dev.tandem.lockstep.companion.FakePoms.fooPom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.lockstep.ArtifactKey;
import dev.tandem.lockstep.LockstepInputException;
import java.nio.file.Path;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishedCompanionsTest {
    private static final ArtifactKey FOO = ArtifactKey.of("org.foo", "foo");

    @TempDir
    Path repository;

    @Test
    @DisplayName("every module of a session shares one cache, so each POM is read once per session")
    void eachPomIsReadOncePerSession() throws Exception {
        DefaultRepositorySystemSession session = new DefaultRepositorySystemSession();
        FakePoms poms = new FakePoms(repository)
                .add("org.foo:foo:1.0", fooPom("", "", companion("org.foo", "foo-processor", "[1.0]")));
        CompanionReader reader = new CompanionReader(poms);

        for (int module = 0; module < 20; module++) {
            assertThat(PublishedCompanions.of(session).declaredBy(FOO, "1.0", reader))
                    .hasSize(1);
        }

        assertThat(poms.lookups).hasValue(1);
        assertThat(PublishedCompanions.of(new DefaultRepositorySystemSession()))
                .isNotSameAs(PublishedCompanions.of(session));
    }

    @Test
    @DisplayName("a POM that cannot be read fails every module that uses it, with the same message")
    void failureIsRememberedToo() {
        DefaultRepositorySystemSession session = new DefaultRepositorySystemSession();
        FakePoms poms = new FakePoms(repository)
                .add("org.foo:foo:1.0", fooPom("", "", companion("org.foo", "foo-processor", "${undefined}")));
        CompanionReader reader = new CompanionReader(poms);

        for (int module = 0; module < 2; module++) {
            assertThatThrownBy(() -> PublishedCompanions.of(session).declaredBy(FOO, "1.0", reader))
                    .isInstanceOf(LockstepInputException.class)
                    .hasMessageContaining("${undefined}");
        }
        assertThat(poms.lookups).hasValue(1);
    }
}
