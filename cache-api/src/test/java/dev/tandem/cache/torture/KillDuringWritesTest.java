package dev.tandem.cache.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cache.CacheKey;
import dev.tandem.cache.ProcessorCache;
import dev.tandem.cache.store.CacheLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillDuringWritesTest {
    private static final int KILLS = 20;
    private static final int KEYS_PER_ROUND = 1000;

    @TempDir
    Path project;

    @Test
    @DisplayName("a writer killed with SIGKILL at random points never leaves an entry that reads back wrong")
    void killedWritersLeaveWholeEntriesOrMisses() throws Exception {
        Path root = project.resolve("target/tandem");
        Path pack = CacheLayout.pack(root.resolve("consumers").resolve(CacheWorker.CONSUMER));
        Random random = new Random(20261122);
        long whole = 0;
        long missing = 0;
        long corrupt = 0;
        List<String> warnings = new ArrayList<>();
        for (int round = 0; round < KILLS; round++) {
            Process writer = ChildJvm.start(
                    project.resolve("writer-" + round + ".log"),
                    "put",
                    root.toString(),
                    String.valueOf(round * KEYS_PER_ROUND),
                    String.valueOf(KEYS_PER_ROUND));
            long sizeBefore = Files.exists(pack) ? Files.size(pack) : 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((!Files.exists(pack) || Files.size(pack) == sizeBefore) && System.nanoTime() < deadline) {
                Thread.sleep(5); // until it is writing
            }
            Thread.sleep(random.nextInt(300));
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();

            try (ProcessorCache cache = ProcessorCache.open(root, CacheWorker.CONSUMER, "1", warnings::add)) {
                for (int i = 0; i < (round + 1) * KEYS_PER_ROUND; i++) {
                    Optional<byte[]> value = cache.get(CacheWorker.key(cache, i));
                    if (!value.isPresent()) {
                        missing++;
                    } else if (Arrays.equals(value.get(), CacheWorker.expected(i))) {
                        whole++;
                    } else {
                        corrupt++;
                    }
                }
            }
        }
        // the build after: every key can be written and read back, without a warning
        try (ProcessorCache cache = ProcessorCache.open(root, CacheWorker.CONSUMER, "1", warnings::add)) {
            for (int i = 0; i < KILLS * KEYS_PER_ROUND; i++) {
                int n = i;
                CacheKey key = CacheWorker.key(cache, n);
                assertThat(cache.computeIfAbsent(key, () -> CacheWorker.expected(n)))
                        .isEqualTo(CacheWorker.expected(n));
            }
        }
        System.out.printf(
                "kill during writes: %d SIGKILLs, %d reads whole, %d misses, %d corrupt%n",
                KILLS, whole, missing, corrupt);
        assertThat(corrupt).isZero();
        assertThat(whole).as("the writers wrote something before being killed").isPositive();
        assertThat(warnings).isEmpty();
    }
}
