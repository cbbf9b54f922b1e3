package dev.tandem.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemberTyposTest {
    private static final List<ArtifactKey> BUILD = List.of(
            ArtifactKey.of("org.mapstruct", "mapstruct"),
            ArtifactKey.of("org.mapstruct", "mapstruct-processor"),
            ArtifactKey.of("com.google.dagger", "dagger"));

    private static LockstepGroup group(String text) throws Exception {
        return LockstepGroup.parse(text, "configured", "<groups> entry");
    }

    @Test
    void aMisspeltMemberNamesTheArtifactTheBuildHas() throws Exception {
        assertThat(MemberTypos.warnings(
                        List.of(
                                group("com.google.dagger:dagger"),
                                group("org.mapstruct:mapstruct, org.mapstruct:mapstruct-procesor")),
                        BUILD))
                .containsExactly("lockstep: org.mapstruct:mapstruct-procesor in <groups> entry 2 matches nothing in"
                        + " this build; did you mean org.mapstruct:mapstruct-processor? As written, the group does"
                        + " not check it.");
    }

    @Test
    void aMisspeltGroupIdOfAWildcardOrASwapOfLettersIsATypoToo() throws Exception {
        assertThat(MemberTypos.warnings(List.of(group("org.mapstrcut:*, org.mapstrcut:mapstruct-processor")), BUILD))
                .containsExactly(
                        "lockstep: org.mapstrcut:* in <groups> entry 1 matches nothing in this build; did you mean"
                                + " org.mapstruct:*? As written, the group does not check it.",
                        "lockstep: org.mapstrcut:mapstruct-processor in <groups> entry 1 matches nothing in this"
                                + " build; did you mean org.mapstruct:mapstruct-processor? As written, the group does"
                                + " not check it.");
    }

    @Test
    void membersThatMatchWildcardsAndFarNamesAreLeftAlone() throws Exception {
        // matched, a wildcard, and an artifact this module simply does not use (a parent's group for other modules)
        assertThat(MemberTypos.warnings(
                        List.of(
                                group("org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor"),
                                group("com.google.dagger:*"),
                                group(
                                        "com.google.auto.value:auto-value, com.google.auto.value:auto-value-annotations")),
                        BUILD))
                .isEmpty();
        // a real sibling two edits away from one the build has: a parent's group, not a typo
        assertThat(MemberTypos.warnings(
                        List.of(group("com.fasterxml.jackson.dataformat:jackson-dataformat-xml,"
                                + " com.fasterxml.jackson.dataformat:jackson-dataformat-yaml")),
                        List.of(ArtifactKey.of("com.fasterxml.jackson.dataformat", "jackson-dataformat-yaml"))))
                .isEmpty();
    }

    @Test
    void editsCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(MemberTypos.edits("mapstruct-procesor", "mapstruct-processor", 3))
                .isEqualTo(1);
        assertThat(MemberTypos.edits("dagger", "dagegr", 3)).isEqualTo(1); // two neighbours swapped
        assertThat(MemberTypos.edits("dagger", "dgagre", 3)).isEqualTo(2);
        assertThat(MemberTypos.edits("dagger", "mapstruct", 3)).isEqualTo(3); // capped at the limit
    }
}
