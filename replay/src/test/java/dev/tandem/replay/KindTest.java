package dev.tandem.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gradle's declaration file, as processors really write it. */
class KindTest {
    @Test
    void readsKindsInAnyCaseWithCommentsAndSpaces() {
        Map<String, Kind> kinds = new HashMap<>();
        for (String line : new String[] {
            "# comment",
            "org.mapstruct.ap.MappingProcessor,isolating",
            " dagger.internal.codegen.ComponentProcessor , ISOLATING # trailing",
            "com.google.auto.value.processor.AutoValueProcessor,DYNAMIC",
            "com.google.auto.service.processor.AutoServiceProcessor,AGGREGATING",
            "com.acme.Future,SOMETHING_NEW",
            "com.acme.NoKind",
            ""
        }) {
            Kind.parse(line, kinds);
        }
        assertThat(kinds)
                .containsEntry("org.mapstruct.ap.MappingProcessor", Kind.ISOLATING)
                .containsEntry("dagger.internal.codegen.ComponentProcessor", Kind.ISOLATING)
                .containsEntry("com.google.auto.value.processor.AutoValueProcessor", Kind.DYNAMIC)
                .containsEntry("com.google.auto.service.processor.AutoServiceProcessor", Kind.AGGREGATING)
                .containsEntry("com.acme.Future", Kind.UNKNOWN)
                .doesNotContainKey("com.acme.NoKind")
                .hasSize(5);
    }

    @Test
    void theFirstDeclarationOfAClassWins() {
        Map<String, Kind> kinds = new HashMap<>();
        Kind.parse("a.P,isolating", kinds);
        Kind.parse("a.P,aggregating", kinds);
        assertThat(kinds).containsEntry("a.P", Kind.ISOLATING);
    }
}
