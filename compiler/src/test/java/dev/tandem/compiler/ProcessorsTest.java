package dev.tandem.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcessorsTest {
    @Test
    @DisplayName("replay named as the processor says what to do instead, not that it declares no kind")
    void replayNamed() throws Exception {
        Processors processors = Processors.find(null, new String[] {Processors.REPLAY}, List.of());
        assertThat(processors.notIsolating())
                .startsWith("replay's dev.tandem.replay.ReplayProcessor is named, and replay does not work with this"
                        + " compiler yet;")
                .contains("take ReplayProcessor out of annotationProcessors");
    }

    @Test
    @DisplayName("a named processor with no declared kind is named in the reason")
    void noKind() throws Exception {
        Processors processors = Processors.find(null, new String[] {"com.example.Gen"}, List.of());
        assertThat(processors.notIsolating())
                .startsWith("the annotation processor com.example.Gen declares no incremental kind; only processors"
                        + " declared isolating");
    }
}
