package dev.tandem.cache.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cache.CacheKey;
import dev.tandem.cache.ProcessorCache;
import dev.tandem.cache.internal.CacheLayout;
import java.nio.ByteBuffer;
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
    /** Kills until this many tore a record (about one kill in five does), within {@link #MAX_KILLS}. */
    private static final int TEARS_WANTED = 3;

    private static final int MIN_KILLS = 20;
    private static final int MAX_KILLS = 80;
    /** Key slots per round: a writer puts at most this many values before it is killed. */
    private static final int KEYS_PER_ROUND = 200;

    @TempDir
    Path project;

    @Test
    @DisplayName("a writer killed with SIGKILL mid-record tears it; the tear is a miss, cut and counted, never a value")
    void killedWritersLeaveWholeEntriesOrMisses() throws Exception {
        Path root = project.resolve("target/tandem");
        Path pack = CacheLayout.pack(root.resolve("consumers").resolve(CacheWorker.CONSUMER));
        Random random = new Random(20261122);
        long whole = 0;
        long missing = 0;
        long wrong = 0;
        int torn = 0;
        List<String> warnings = new ArrayList<>();
        int round = 0;
        for (; round < MIN_KILLS || (torn < TEARS_WANTED && round < MAX_KILLS); round++) {
            long sizeBefore = Files.exists(pack) ? Files.size(pack) : 0;
            Process writer = ChildJvm.start(
                    project.resolve("writer-" + round + ".log"),
                    "large",
                    root.toString(),
                    String.valueOf(round * KEYS_PER_ROUND),
                    String.valueOf(KEYS_PER_ROUND));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((!Files.exists(pack) || Files.size(pack) <= sizeBefore + 8) && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // until it is writing
            }
            Thread.sleep(random.nextInt(40));
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (endsMidRecord(pack)) {
                torn++;
            }

            try (ProcessorCache cache = ProcessorCache.open(root, CacheWorker.CONSUMER, "1", warnings::add)) {
                for (int i = 0; i < (round + 1) * KEYS_PER_ROUND; i++) {
                    Optional<byte[]> value = cache.get(CacheWorker.key(cache, i));
                    if (!value.isPresent()) {
                        missing++;
                    } else if (Arrays.equals(value.get(), CacheWorker.large(i))) {
                        whole++;
                    } else {
                        wrong++;
                    }
                }
            }
        }
        // the build after: every key can be written and read back; the last torn tail, if any, is cut and counted
        try (ProcessorCache cache = ProcessorCache.open(root, CacheWorker.CONSUMER, "1", warnings::add)) {
            for (int i = 0; i < round * KEYS_PER_ROUND; i += 37) {
                int n = i;
                CacheKey key = CacheWorker.key(cache, n);
                assertThat(cache.computeIfAbsent(key, () -> CacheWorker.large(n)))
                        .isEqualTo(CacheWorker.large(n));
            }
        }
        System.out.printf(
                "kill during writes: %d SIGKILLs, %d tore the record being written; %d reads whole, %d misses, %d"
                        + " wrong%n",
                round, torn, whole, missing, wrong);
        assertThat(wrong).isZero();
        assertThat(whole).as("the writers wrote something before being killed").isPositive();
        assertThat(torn)
                .as("kills that tore a record: without one, this test proved nothing")
                .isPositive();
        assertThat(warnings)
                .as("only the repairs of torn records are reported")
                .allSatisfy(w -> assertThat(w).contains("damage in entries.pack"));
    }

    /** Frames the pack's records as the format defines them; true when the file ends inside one. */
    private static boolean endsMidRecord(Path pack) throws Exception {
        byte[] bytes = Files.readAllBytes(pack);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        long at = 8;
        while (at + 48 <= bytes.length) {
            int length = in.getInt((int) at + 40);
            at += 48L + length;
        }
        return at != bytes.length;
    }
}
