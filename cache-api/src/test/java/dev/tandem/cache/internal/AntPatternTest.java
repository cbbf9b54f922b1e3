package dev.tandem.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AntPatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "src/**/*.sql, src/data.sql, true",
        "src/**/*.sql, src/main/sql/a/b.sql, true",
        "src/**/*.sql, src/data.sqlx, false",
        "src/**/*.sql, other/src/data.sql, false",
        "**/*.java, Foo.java, true",
        "**/*.java, a/b/Foo.java, true",
        "src/*.sql, src/a/b.sql, false",
        "src/?.sql, src/a.sql, true",
        "src/main/, src/main/x/y.txt, true",
        "pom.xml, pom.xml, true",
        "a.b, axb, false",
    })
    void matchesLikeMavenIncludes(String pattern, String path, boolean matches) {
        assertThat(AntPattern.compile(pattern).matches(path)).isEqualTo(matches);
    }
}
