package dev.tandem.maven;

import dev.tandem.cache.internal.BuildRecord;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.ConsumerFolder;
import dev.tandem.cache.internal.InputIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The cache's build sequence: the input index carries it; build.properties keeps its floor for when the index is
 * gone, and the consumers' last builds bound it from below too, so the sequence never moves back (which would make
 * consumers miss changes).
 */
final class BuildNumber {
    private BuildNumber() {}

    /** This cache's current build number: the input index's, else build.properties'. */
    static int current(CacheLayout layout) {
        try (InputIndex index = InputIndex.openForLookups(layout.inputIndex())) {
            if (index != null) {
                return index.buildNumber();
            }
        } catch (IOException | RuntimeException damaged) {
            // build.properties below
        }
        return BuildRecord.lastBuild(layout.buildInfo(), null);
    }

    /**
     * The build number when no readable input index carries the sequence (a first build, a damaged or deleted
     * index): one more than build.properties or any consumer's last build says.
     *
     * @param warnings told when build.properties is damaged
     */
    static int withoutIndex(CacheLayout layout, Consumer<String> warnings) {
        int last = BuildRecord.lastBuild(
                layout.buildInfo(),
                damaged -> warnings.accept("Tandem: " + layout.buildInfo() + " is damaged; the build sequence goes on"
                        + " from the consumers' last builds, and the file is rewritten."));
        try {
            for (Path consumer : layout.consumerFolders(null)) {
                last = Math.max(last, ConsumerFolder.lastBuild(CacheLayout.consumerProperties(consumer), 0));
            }
        } catch (IOException unreadable) {
            // no consumers to go by: build.properties alone
        }
        return last + 1;
    }

    /** Keeps the sequence's floor in build.properties, for when the input index is gone. */
    static void writeFloor(CacheLayout layout, int build) throws IOException {
        BuildRecord.write(layout.buildInfo(), build);
    }
}
