package dev.tandem.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.ChecksummedProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build sequence without an input index: it starts at 1 and never moves back. */
class BuildNumberTest {
    @TempDir
    Path root;

    private final List<String> warnings = new ArrayList<>();

    @Test
    @DisplayName("without an index a first build is 1, a later one goes on from build.properties or the consumers")
    void goesOnFromTheFloorOrTheConsumers() throws Exception {
        CacheLayout layout = new CacheLayout(root);
        assertThat(BuildNumber.withoutIndex(layout, warnings::add)).isEqualTo(1);
        assertThat(BuildNumber.current(layout)).isZero();

        BuildNumber.writeFloor(layout, 7);
        assertThat(BuildNumber.withoutIndex(layout, warnings::add)).isEqualTo(8);

        CacheMaintenanceTest.consumer(layout, "com.acme.sqlgen", 12);
        CacheMaintenanceTest.consumer(layout, "org.mapstruct", 3);
        assertThat(BuildNumber.withoutIndex(layout, warnings::add))
                .as("the highest of build.properties and the consumers' last builds, plus one")
                .isEqualTo(13);
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("the floor written is the current build while there is no index, with its format version")
    void floorIsTheCurrentBuild() throws Exception {
        CacheLayout layout = new CacheLayout(root);

        BuildNumber.writeFloor(layout, 42);

        assertThat(BuildNumber.current(layout)).isEqualTo(42);
        Properties written = ChecksummedProperties.read(layout.buildInfo());
        assertThat(written.getProperty("formatVersion"))
                .isEqualTo(String.valueOf(ChecksummedProperties.FORMAT_VERSION));
        assertThat(written.getProperty("time")).isNotEmpty();
    }

    @Test
    @DisplayName("a damaged build.properties is warned of, and the consumers' last builds carry the sequence")
    void damagedFloor() throws Exception {
        CacheLayout layout = new CacheLayout(root);
        CacheMaintenanceTest.consumer(layout, "com.acme.sqlgen", 5);
        Files.write(layout.buildInfo(), "build=99\n".getBytes(StandardCharsets.ISO_8859_1)); // no checksum

        assertThat(BuildNumber.withoutIndex(layout, warnings::add)).isEqualTo(6);
        assertThat(warnings)
                .containsExactly("Tandem: " + layout.buildInfo() + " is damaged; the build sequence goes on from the"
                        + " consumers' last builds, and the file is rewritten.");
    }
}
