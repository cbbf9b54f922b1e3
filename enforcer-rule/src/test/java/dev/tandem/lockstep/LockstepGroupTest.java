package dev.tandem.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LockstepGroupTest {

    @Test
    @DisplayName("members are separated by commas, white space or new lines")
    void parsesMembersSeparatedByCommasAndWhiteSpace() throws Exception {
        LockstepGroup group = LockstepGroup.parse(
                " org.mapstruct:mapstruct,\n\torg.mapstruct:mapstruct-processor  com.acme:*", "why", "where");

        assertThat(group.members())
                .containsExactly("org.mapstruct:mapstruct", "org.mapstruct:mapstruct-processor", "com.acme:*");
    }

    @Test
    @DisplayName("groupId:* matches every artifact of that groupId and nothing else")
    void wildcardMatchesTheWholeGroupIdOnly() throws Exception {
        LockstepGroup group = LockstepGroup.parse("com.google.dagger:*", "why", "where");

        assertThat(group.contains(ArtifactKey.of("com.google.dagger", "dagger-compiler")))
                .isTrue();
        assertThat(group.contains(ArtifactKey.of("com.google.dagger.hilt", "dagger")))
                .isFalse();
        assertThat(group.contains(ArtifactKey.of("com.google", "dagger"))).isFalse();
    }

    @Test
    void explicitMembersMatchExactly() throws Exception {
        LockstepGroup group = LockstepGroup.parse("org.mapstruct:mapstruct", "why", "where");

        assertThat(group.contains(ArtifactKey.of("org.mapstruct", "mapstruct"))).isTrue();
        assertThat(group.contains(ArtifactKey.of("org.mapstruct", "mapstruct-processor")))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mapstruct", "org.mapstruct:mapstruct:1.6.3", "org.mapstruct:map*", "*:mapstruct", ":a"})
    @DisplayName("a member that is not groupId:artifactId or groupId:* is rejected with an example of the syntax")
    void rejectsUnknownSyntax(String member) {
        assertThatThrownBy(() -> LockstepGroup.parse("org.foo:foo, " + member, "why", "<groups> entry 1"))
                .isInstanceOf(LockstepConfigurationException.class)
                .hasMessageContaining("'" + member + "' in <groups> entry 1")
                .hasMessageContaining("groupId:artifactId or groupId:*")
                .hasMessageContaining("<group>org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor</group>");
    }

    @Test
    void rejectsAnEmptyGroup() {
        assertThatThrownBy(() -> LockstepGroup.parse("  ", "why", "<groups> entry 2"))
                .isInstanceOf(LockstepConfigurationException.class)
                .hasMessageContaining("<groups> entry 2 is empty");
    }
}
