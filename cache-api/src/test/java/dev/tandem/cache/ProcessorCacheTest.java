package dev.tandem.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.cache.store.CacheLayout;
import dev.tandem.cache.store.CacheStats;
import dev.tandem.cache.store.InputIndex;
import dev.tandem.cache.store.TrackedInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorCacheTest {
    @TempDir
    Path project;

    private Path root() {
        return project.resolve("target/tandem");
    }

    private ProcessorCache open(String version) {
        List<String> warnings = new ArrayList<>();
        return ProcessorCache.open(root(), "com.acme.sqlgen", version, warnings::add);
    }

    @Test
    @DisplayName("a value computed in one build is a hit in the next, without computing again")
    void computedValueIsAHitNextTime() {
        AtomicInteger computed = new AtomicInteger();
        try (ProcessorCache cache = open("1.0")) {
            CacheKey key = cache.newKey().add("Car").build();
            assertThat(cache.computeIfAbsent(key, () -> bytes("generated " + computed.incrementAndGet())))
                    .isEqualTo(bytes("generated 1"));
        }
        try (ProcessorCache cache = open("1.0")) {
            CacheKey key = cache.newKey().add("Car").build();
            assertThat(cache.computeIfAbsent(key, () -> bytes("generated " + computed.incrementAndGet())))
                    .isEqualTo(bytes("generated 1"));
            assertThat(cache.get(key)).contains(bytes("generated 1"));
        }
        assertThat(computed).hasValue(1);
    }

    @Test
    @DisplayName("a new version of the processor misses the old entries by itself")
    void processorVersionIsPartOfEveryKey() {
        try (ProcessorCache cache = open("1.0")) {
            cache.put(cache.newKey().add("Car").build(), bytes("old output"));
        }
        try (ProcessorCache cache = open("1.1")) {
            assertThat(cache.get(cache.newKey().add("Car").build())).isEmpty();
        }
    }

    @Test
    @DisplayName("a file's content is part of the key: editing the file misses, and the file is tracked")
    void fileContentIsPartOfTheKey() throws Exception {
        Path sql = Files.write(project.resolve("schema.sql"), bytes("create table a"));
        CacheKey before;
        try (ProcessorCache cache = open("1.0")) {
            before = cache.newKey().addFile(sql).build();
            cache.put(before, bytes("for a"));
        }
        Files.write(sql, bytes("create table b"));
        try (ProcessorCache cache = open("1.0")) {
            CacheKey after = cache.newKey().addFile(sql).build();
            assertThat(after).isNotEqualTo(before);
            assertThat(cache.get(after)).isEmpty();
        }
        assertThat(TrackedInputs.read(CacheLayout.tracked(root().resolve("consumers/com.acme.sqlgen"))))
                .containsKey(sql.toAbsolutePath().toString());
    }

    @Test
    @DisplayName("keys take checksums from the index, so an indexed file is not read again")
    void checksumsComeFromTheIndex() throws Exception {
        Files.createDirectories(root());
        byte[] sha = new byte[32];
        sha[0] = 42;
        InputIndex.write(
                root().resolve("inputs.idx"),
                project,
                7,
                0,
                Collections.singletonList(new InputIndex.Entry("src/data.sql", 1, 1, 1, 1, 7, sha)));
        try (ProcessorCache cache = open("1.0")) {
            // the file does not even exist: only the index can answer
            assertThat(cache.inputs().sha256(project.resolve("src/data.sql"))).contains("2a" + repeat("00", 31));
            assertThat(cache.inputs().changedSinceLastBuild()).containsExactly(project.resolve("src/data.sql"));
            assertThat(cache.inputs().digestOf("src/**/*.sql")).hasSize(64);
            assertThat(cache.inputs().digestOf("src/**/*.java"))
                    .isNotEqualTo(cache.inputs().digestOf("src/**/*.sql"));
        }
    }

    @Test
    @DisplayName(
            "after the last close the index file is closed: a look-up hashes the file, a walk over all says why not")
    void inputsAfterCloseNeverAnswerFromAClosedFile() throws Exception {
        Files.createDirectories(project.resolve("src"));
        Files.write(project.resolve("src/data.sql"), bytes("select 1"));
        Files.createDirectories(root());
        InputIndex.write(
                root().resolve("inputs.idx"),
                project,
                7,
                0,
                Collections.singletonList(new InputIndex.Entry("src/data.sql", 1, 1, 1, 1, 7, new byte[32])));
        ProcessorCache cache = open("1.0");
        Inputs inputs = cache.inputs();
        assertThat(inputs.sha256(project.resolve("src/data.sql"))).contains(repeat("00", 32));
        cache.close();

        assertThat(inputs.sha256(project.resolve("src/data.sql")))
                .as("not indexed any more")
                .isEmpty();
        assertThat(inputs.checksumForKey(project.resolve("src/data.sql")))
                .as("hashed from the file")
                .isEqualTo(dev.tandem.cache.store.Sha256.hexOrMissing(project.resolve("src/data.sql")));
        assertThatThrownBy(inputs::changedSinceLastBuild)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("after the cache was closed");
        assertThatThrownBy(() -> inputs.digestOf("src/**")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("an index whose entry lies outside it (CRC valid): one warning, then files are hashed where read")
    void aDamagedIndexFoundOnLookUpIsNeitherAFailureNorAWrongAnswer() throws Exception {
        Files.createDirectories(project.resolve("src"));
        Files.write(project.resolve("src/b.sql"), bytes("select 1"));
        Files.createDirectories(root());
        List<InputIndex.Entry> entries = new ArrayList<>();
        for (String name : new String[] {"src/a.sql", "src/b.sql", "src/c.sql"}) {
            entries.add(new InputIndex.Entry(name, 1, 1, 1, 1, 1, new byte[32]));
        }
        Path index = root().resolve("inputs.idx");
        InputIndex.write(index, project, 1, 0, entries);
        Files.write(
                index,
                dev.tandem.cache.store.InputIndexTest.forgeOffset(Files.readAllBytes(index), project, 1, 1 << 24));
        List<String> warnings = new ArrayList<>();
        CacheKey fromDamagedIndex;
        try (ProcessorCache cache = ProcessorCache.open(root(), "com.acme.sqlgen", "1.0", warnings::add)) {
            assertThat(cache.inputs().sha256(project.resolve("src/b.sql"))).isEmpty();
            fromDamagedIndex =
                    cache.newKey().addFile(project.resolve("src/b.sql")).build();
            assertThat(cache.inputs().changedSinceLastBuild()).isEmpty();
        }
        Files.delete(index);
        try (ProcessorCache cache = ProcessorCache.open(root(), "com.acme.sqlgen", "1.0", w -> {})) {
            assertThat(cache.newKey().addFile(project.resolve("src/b.sql")).build())
                    .as("with no index the file is hashed: the damaged index gave the same key, from the file")
                    .isEqualTo(fromDamagedIndex);
        }
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("input index is damaged").contains("entry 1 of " + index);
    }

    @Test
    @DisplayName("close() records hits, misses and the time computing took, for tandem:status")
    void closeWritesStatistics() {
        try (ProcessorCache cache = open("1.0")) {
            CacheKey key = cache.newKey().add("x").build();
            cache.computeIfAbsent(key, () -> bytes("value"));
            cache.computeIfAbsent(key, () -> bytes("value"));
            cache.get(cache.newKey().add("absent").build());
        }
        CacheStats stats = CacheStats.read(CacheLayout.stats(root().resolve("consumers/com.acme.sqlgen")));
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.misses()).isEqualTo(2);
        assertThat(stats.bytesWritten()).isPositive();
    }

    @Test
    @DisplayName("without tandem:prepare there is no build number: each compilation's statistics stand alone")
    void statisticsWithoutPrepareAreThoseOfTheLastCompilation() {
        for (int compilation = 0; compilation < 2; compilation++) {
            try (ProcessorCache cache = open("1.0")) {
                cache.computeIfAbsent(cache.newKey().add("x").build(), () -> bytes("value"));
            }
        }
        CacheStats stats = CacheStats.read(CacheLayout.stats(root().resolve("consumers/com.acme.sqlgen")));
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.misses()).isZero();
    }

    @Test
    @DisplayName("within one compilation, a second open of the same consumer is the same cache")
    void secondOpenIsTheSameInstance() {
        try (ProcessorCache first = open("1.0");
                ProcessorCache second = open("1.0")) {
            assertThat(second).isSameAs(first);
        }
        try (ProcessorCache third = open("1.0")) {
            assertThat(third.isEnabled()).isTrue();
        }
    }

    @Test
    @DisplayName("threads asking for the same missing key compute it once")
    void concurrentComputeOnce() throws Exception {
        AtomicInteger computed = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (ProcessorCache cache = open("1.0")) {
            CacheKey key = cache.newKey().add("shared").build();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    return cache.computeIfAbsent(key, () -> {
                        computed.incrementAndGet();
                        return bytes("once");
                    });
                }));
            }
            start.countDown();
            for (Future<byte[]> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(bytes("once"));
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(computed).hasValue(1);
    }

    @Test
    @DisplayName("a cache that cannot be written turns itself off with one warning, and values are still computed")
    void unwritableCacheDisablesItself() throws Exception {
        // a file where the cache's directory must go: no directory can be made there, even by root
        Files.write(project.resolve("target"), bytes("not a directory"));
        List<String> warnings = new ArrayList<>();
        try (ProcessorCache cache = ProcessorCache.open(root(), "ro", "1.0", warnings::add)) {
            assertThat(cache.isEnabled()).isFalse();
            CacheKey key = cache.newKey().add("k").build();
            assertThat(cache.computeIfAbsent(key, () -> bytes("v"))).isEqualTo(bytes("v"));
            assertThat(cache.computeIfAbsent(key, () -> bytes("v"))).isEqualTo(bytes("v"));
            assertThat(cache.get(key)).isEmpty();
        }
        assertThat(warnings).hasSize(1).allSatisfy(w -> assertThat(w).contains("is off"));
    }

    @Test
    @DisplayName("an id that climbs out of the cache is refused before any folder is made, anywhere")
    void hostileIdsAreRefused() throws Exception {
        for (String id : new String[] {"../../etc", "..", "a/b", "/abs"}) {
            assertThatThrownBy(() -> ProcessorCache.open(root(), id, "1", w -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not allowed");
        }
        // "../../etc" from consumers/ would be target/etc; nothing at all may have been created
        try (java.util.stream.Stream<Path> made = Files.walk(project)) {
            assertThat(made).containsExactly(project);
        }
    }

    @Test
    void computationReturningNullIsAClearError() {
        try (ProcessorCache cache = open("1.0")) {
            CacheKey key = cache.newKey().add("k").build();
            assertThatThrownBy(() -> cache.computeIfAbsent(key, () -> null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("returned null");
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String repeat(String s, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(s);
        }
        return b.toString();
    }
}
