package dev.tandem.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.InputIndex;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillDuringIndexTest {
    private static final int KILLS = 20;

    @TempDir
    Path project;

    @Test
    @DisplayName("prepare killed while writing the index leaves the old index or the new one, never a damaged one")
    void killedIndexingNeverLeavesADamagedIndex() throws Exception {
        for (int i = 0; i < 2000; i++) {
            Path file = project.resolve("src/main/resources/d" + (i % 20) + "/f" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.write(file, ("content of file " + i).getBytes());
        }
        CacheLayout layout = new CacheLayout(project.resolve("target/tandem"));
        Files.createDirectories(layout.root());
        FileSet src = new FileSet(project.resolve("src").toFile(), Collections.emptyList(), Collections.emptyList());
        new InputIndexer(project, 2).index(Collections.singletonList(src), layout.inputIndex(), 1); // the old index
        Random random = new Random(4);
        int intact = 0;
        int replaced = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            int before = InputIndex.open(layout.inputIndex()).buildNumber();
            Process indexer = new ProcessBuilder(
                            System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                            "-cp",
                            System.getProperty("java.class.path"),
                            IndexWorker.class.getName(),
                            project.toString(),
                            layout.inputIndex().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(project.resolve("indexer-" + kill + ".log").toFile())
                    .start();
            Thread.sleep(300 + random.nextInt(700));
            indexer.destroyForcibly();
            assertThat(indexer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            InputIndex index = InputIndex.open(layout.inputIndex()); // throws CorruptCacheFileException if damaged
            assertThat(index)
                    .as("an index is always there: the old one or a new one")
                    .isNotNull();
            assertThat(index.size()).isEqualTo(2000);
            intact++;
            if (index.buildNumber() > before) {
                replaced++;
            }
        }
        // the next prepare indexes as usual and sweeps what the killed ones left behind
        InputIndexer.Result next =
                new InputIndexer(project, 2).index(Collections.singletonList(src), layout.inputIndex(), KILLS + 1);
        CacheMaintenance.sweepTemporaryFiles(CacheMaintenance.list(layout.root()), 0);
        try (Stream<Path> left = Files.list(layout.root())) {
            assertThat(left.filter(p -> p.getFileName().toString().endsWith(".tmp")))
                    .isEmpty();
        }
        System.out.printf(
                "prepare killed while indexing: %d SIGKILLs, index intact after %d of them (replaced by a newer one in"
                        + " %d), never absent or damaged%n",
                KILLS, intact, replaced);
        assertThat(next.files).isEqualTo(2000);
        assertThat(intact).isEqualTo(KILLS);
        assertThat(replaced)
                .as("kills that came after the worker had rewritten the index")
                .isPositive();
    }
}
