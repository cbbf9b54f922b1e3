package dev.tandem.maven;

import dev.tandem.cache.internal.BuildRecord;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.InputIndex;
import java.io.IOException;

/** This cache's current build number: the input index's, which carries the sequence, else build.properties'. */
final class BuildNumber {
    private BuildNumber() {}

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
}
