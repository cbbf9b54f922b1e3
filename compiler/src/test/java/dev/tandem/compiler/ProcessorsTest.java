package dev.tandem.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorsTest {
    @Test
    @DisplayName("replay named alone stands for the processors of the path, which it runs: their kinds decide")
    void replayNamed() throws Exception {
        Path isolating = entry("gen", Processors.SERVICE, "com.example.Gen");
        entry("gen", Processors.GRADLE, "com.example.Gen,isolating");
        Path aggregating = entry("index", Processors.SERVICE, "com.example.Index");
        Processors alone = Processors.find(null, new String[] {Processors.REPLAY}, List.of(isolating));
        assertThat(alone.replay()).isTrue();
        assertThat(alone.none()).isFalse();
        assertThat(alone.notIsolating()).isNull();
        Processors mixed = Processors.find(null, new String[] {Processors.REPLAY}, List.of(isolating, aggregating));
        assertThat(mixed.notIsolating())
                .isEqualTo("the annotation processor com.example.Index declares no incremental kind; only processors"
                        + " declared isolating or aggregating (in " + Processors.GRADLE + ") let a compile run on"
                        + " the changed sources alone (replay's processor runs them)");
        Processors withOthers =
                Processors.find(null, new String[] {Processors.REPLAY, "com.example.Gen"}, List.of(isolating));
        assertThat(withOthers.replay()).isFalse();
        assertThat(withOthers.notIsolating())
                .startsWith("replay's dev.tandem.replay.ReplayProcessor is named with other processors;");
        String springBoot = "org.springframework.boot.configurationprocessor.ConfigurationMetadataAnnotationProcessor";
        entry("metadata", Processors.GRADLE, springBoot + ",aggregating");
        Path declared = entry("metadata", Processors.SERVICE, springBoot);
        Processors withAggregating =
                Processors.find(null, new String[] {Processors.REPLAY}, List.of(isolating, declared));
        assertThat(withAggregating.notIsolating()).isNull();
        assertThat(withAggregating.aggregating()).containsExactly(springBoot);
    }

    @Test
    @DisplayName("a named processor with no declared kind is named in the reason")
    void noKind() throws Exception {
        Processors processors = Processors.find(null, new String[] {"com.example.Gen"}, List.of());
        assertThat(processors.notIsolating())
                .startsWith("the annotation processor com.example.Gen declares no incremental kind; only processors"
                        + " declared isolating");
    }

    @TempDir
    Path dir;

    @Test
    @DisplayName("MapStruct before Lombok without lombok-mapstruct-binding compiles in full (a clean build sees no"
            + " accessors); Lombok first, or the binding anywhere on the path, does not")
    void mapStructBeforeLombok() throws Exception {
        Path mapStruct = entry("mapstruct-processor", Processors.SERVICE, Processors.MAPSTRUCT);
        Path lombok = entry("lombok", Processors.SERVICE, "lombok.launch.AnnotationProcessorHider$AnnotationProcessor");
        Path binding = entry("lombok-mapstruct-binding", Processors.MAPSTRUCT_WAITS, "lombok.mapstruct.NotifierHider");
        assertThat(Processors.find(null, null, List.of(mapStruct, lombok)).orderAFullBuildRejects())
                .startsWith("MapStruct runs before Lombok, and lombok-mapstruct-binding is not on the processor path");
        assertThat(Processors.find(null, null, List.of(lombok, mapStruct)).orderAFullBuildRejects())
                .isNull();
        assertThat(Processors.find(null, null, List.of(mapStruct, lombok, binding))
                        .orderAFullBuildRejects())
                .isNull();
        assertThat(Processors.find(null, null, List.of(mapStruct)).orderAFullBuildRejects())
                .isNull();
        assertThat(Processors.find(
                                null,
                                new String[] {
                                    "lombok.launch.AnnotationProcessorHider$AnnotationProcessor", Processors.MAPSTRUCT
                                },
                                List.of(mapStruct, lombok))
                        .orderAFullBuildRejects())
                .as("-processor's order is javac's")
                .isNull();
    }

    /** A folder of the processor path with one service file. */
    private Path entry(String name, String service, String line) throws Exception {
        Path entry = dir.resolve(name);
        Files.createDirectories(entry.resolve(service).getParent());
        Files.write(entry.resolve(service), (line + "\n").getBytes(StandardCharsets.UTF_8));
        return entry;
    }
}
