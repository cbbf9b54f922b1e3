package dev.tandem.cache.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cache.CacheKey;
import dev.tandem.cache.ProcessorCache;
import dev.tandem.cache.internal.InputIndexTest;
import dev.tandem.cache.internal.InputIndexWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every file of the cache, damaged three ways, between two builds: the second build must get every value right,
 * throw nothing, and say what it found.
 */
class CorruptionTest {
    private static final int KEYS = 50;
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger WRONG = new AtomicInteger();

    @TempDir
    Path project;

    enum Damage {
        FLIP,
        TRUNCATE,
        EMPTY
    }

    /** What changedSinceLastBuild() answered in the last build(). */
    private static java.util.Set<Path> changedSeen;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "inputs.idx, FLIP, 1", "inputs.idx, TRUNCATE, 1", "inputs.idx, EMPTY, 1",
        "entries.pack, FLIP, 1", "entries.pack, TRUNCATE, 1", "entries.pack, EMPTY, 1",
        "stats, FLIP, 1", "stats, TRUNCATE, 1", "stats, EMPTY, 1",
        "tracked, FLIP, 1", "tracked, TRUNCATE, 1", "tracked, EMPTY, 1",
        "used, FLIP, 1", "used, TRUNCATE, 1", "used, EMPTY, 1",
        "consumer.properties, TRUNCATE, 1", "consumer.properties, EMPTY, 1", "consumer.properties, FLIP, 1",
    })
    @DisplayName("damage to a cache file is a miss or a rebuild, never a wrong value or an exception")
    void damageBetweenBuilds(String file, Damage damage, int warningsExpected) throws Exception {
        Path data = project.resolve("src/data.sql");
        Files.createDirectories(data.getParent());
        Files.write(data, "create table cars".getBytes(StandardCharsets.UTF_8));
        Path root = project.resolve("target/tandem");
        writeIndex(root, data);
        build(root, data, new ArrayList<>());

        Path damaged = file.equals("inputs.idx") ? root.resolve(file) : root.resolve("consumers/torture/" + file);
        byte[] bytes = Files.readAllBytes(damaged);
        switch (damage) {
            case FLIP:
                bytes[bytes.length * 2 / 3] ^= 0x40;
                Files.write(damaged, bytes);
                break;
            case TRUNCATE:
                Files.write(damaged, Arrays.copyOf(bytes, bytes.length / 2));
                break;
            default:
                Files.write(damaged, new byte[0]);
        }

        List<String> warnings = new ArrayList<>();
        int wrong = build(root, data, warnings);
        TRIED.incrementAndGet();
        WRONG.addAndGet(wrong);

        assertThat(wrong).as("wrong values").isZero();
        assertThat(warnings).as("warnings").hasSize(warningsExpected);
        assertThat(warnings.get(0)).as("the warning names the file").contains(file);
        if (file.equals("consumer.properties")) {
            // the consumer's last build is unknown now: the data file counts as changed, never as unchanged
            assertThat(changedSeen).containsExactly(data);
        } else if (!file.equals("inputs.idx")) {
            assertThat(changedSeen).as("nothing changed since build 1").isEmpty();
        }
        // and the build after that is clean again; the index is rebuilt by tandem:prepare (InputIndexerTest), so
        // it is written anew here as prepare would
        if (file.equals("inputs.idx")) {
            writeIndex(root, data);
        }
        List<String> after = new ArrayList<>();
        assertThat(build(root, data, after)).isZero();
        assertThat(after).isEmpty();
    }

    private void writeIndex(Path root, Path data) throws java.io.IOException {
        InputIndexWriter.write(
                root.resolve("inputs.idx"),
                project,
                1,
                InputIndexTest.indexedNow(),
                Collections.singletonList(InputIndexTest.real(project, "src/data.sql", 1)));
    }

    /** One build: every key through computeIfAbsent; returns how many values came back wrong. */
    private static int build(Path root, Path data, List<String> warnings) {
        int wrong = 0;
        try (ProcessorCache cache = ProcessorCache.open(root, CacheWorker.CONSUMER, "1", warnings::add)) {
            for (int i = 0; i < KEYS; i++) {
                int n = i;
                CacheKey key = cache.newKey().add("type-" + n).addFile(data).build();
                if (!Arrays.equals(
                        cache.computeIfAbsent(key, () -> CacheWorker.expected(n)), CacheWorker.expected(n))) {
                    wrong++;
                }
            }
            changedSeen = cache.inputs().changedSinceLastBuild();
        }
        return wrong;
    }

    @AfterAll
    static void report() {
        System.out.printf(
                "corruption: %d damaged files (6 kinds x flipped byte, truncation, zero length), %d wrong"
                        + " values, each damaged file named in exactly one warning%n",
                TRIED.get(), WRONG.get());
    }
}
