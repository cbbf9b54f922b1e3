package dev.tandem.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnownPairsTest {

    @ParameterizedTest(name = "{0} and {1} are one built-in group")
    @CsvSource({
        "org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor",
        "com.google.dagger:dagger, com.google.dagger:dagger-compiler",
        "com.google.dagger:hilt-android, com.google.dagger:hilt-compiler",
        "com.google.auto.value:auto-value, com.google.auto.value:auto-value-annotations",
        "org.immutables:value, org.immutables:value-annotations",
        "org.hibernate.orm:hibernate-core, org.hibernate.orm:hibernate-processor",
        "org.hibernate.orm:hibernate-core, org.hibernate:hibernate-jpamodelgen",
        "org.openjdk.jmh:jmh-core, org.openjdk.jmh:jmh-generator-annprocess",
        "io.micronaut:micronaut-inject, io.micronaut:micronaut-inject-java",
        "io.avaje:avaje-inject, io.avaje:avaje-inject-generator",
        "com.querydsl:querydsl-jpa, com.querydsl:querydsl-apt",
        "org.projectlombok:lombok, org.projectlombok:lombok",
        "io.grpc:grpc-kotlin-stub, io.grpc:protoc-gen-grpc-kotlin",
    })
    @DisplayName("the catalogue covers the processors users pair with their libraries")
    void catalogueCoversKnownPairs(String first, String second) {
        ArtifactKey a = key(first);
        ArtifactKey b = key(second);

        assertThat(KnownPairs.groups()).anySatisfy(group -> {
            assertThat(group.contains(a)).isTrue();
            assertThat(group.contains(b)).isTrue();
        });
    }

    @ParameterizedTest(name = "{0} is in no group")
    @CsvSource({"org.projectlombok:lombok-mapstruct-binding", "org.mapstruct:mapstruct-jdk8", "com.acme:anything"})
    @DisplayName("artifacts versioned on their own are in no built-in group")
    void independentlyVersionedArtifactsAreNotGrouped(String coordinates) {
        ArtifactKey artifact = key(coordinates);

        assertThat(KnownPairs.groups()).noneMatch(group -> group.contains(artifact));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"MapStruct org.mapstruct:mapstruct", "Bad = mapstruct"})
    void aMalformedCatalogueLineIsReportedWithItsLineNumber(String line) {
        assertThatThrownBy(() -> KnownPairs.parse(new BufferedReader(new StringReader("# comment\n" + line))))
                .hasMessageContaining("line 2");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"Name = a:b, c:d"})
    void eachGroupSaysItIsBuiltIn(String line) throws Exception {
        List<LockstepGroup> groups = KnownPairs.parse(new BufferedReader(new StringReader(line)));

        assertThat(groups).singleElement().satisfies(g -> assertThat(g.reason()).startsWith("built-in group \"Name\""));
    }

    private static ArtifactKey key(String coordinates) {
        String[] parts = coordinates.trim().split(":");
        return ArtifactKey.of(parts[0], parts[1]);
    }
}
