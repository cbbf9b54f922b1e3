package dev.tandem.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.CacheStats;
import dev.tandem.cache.internal.InputIndex;
import dev.tandem.cache.internal.InputIndexTest;
import dev.tandem.cache.internal.InputIndexWriter;
import dev.tandem.cache.internal.TrackedInputs;
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

    /**
     * Writes src/data.sql and an index of it, as prepare would (build 7): its entry has the file's real metadata, and
     * {@code sha} as its checksum ({@code null}: the file's own). {@code racy}: the index was begun in the tick the
     * file was written.
     */
    private Path indexedDataFile(int changedInBuild, byte[] sha, boolean racy) throws Exception {
        Path data = Files.createDirectories(project.resolve("src")).resolve("data.sql");
        Files.write(data, bytes("select 1"));
        Files.createDirectories(root());
        InputIndexWriter.write(
                root().resolve("inputs.idx"),
                project,
                7,
                racy ? Files.getLastModifiedTime(data).toMillis() : InputIndexTest.indexedNow(),
                Collections.singletonList(
                        sha == null
                                ? InputIndexTest.real(project, "src/data.sql", changedInBuild)
                                : InputIndexTest.real(project, "src/data.sql", changedInBuild, sha)));
        return data;
    }

    @Test
    @DisplayName("keys take checksums from the index, so an indexed file is not read again")
    void checksumsComeFromTheIndex() throws Exception {
        byte[] sentinel = new byte[32]; // no file has it: only the index can answer with it
        sentinel[0] = 42;
        Path data = indexedDataFile(7, sentinel, false);
        try (ProcessorCache cache = open("1.0")) {
            assertThat(cache.inputs().sha256(data)).contains("2a" + repeat("00", 31));
            assertThat(cache.inputs().checksumForKey(data)).isEqualTo("2a" + repeat("00", 31));
            assertThat(cache.inputs().changedSinceLastBuild()).containsExactly(data);
            assertThat(cache.inputs().digestOf("src/**/*.sql")).hasSize(64);
            assertThat(cache.inputs().digestOf("src/**/*.java"))
                    .isNotEqualTo(cache.inputs().digestOf("src/**/*.sql"));
        }
    }

    @Test
    @DisplayName("a file changed after prepare indexed it is hashed where asked about, and counts as changed")
    void aFileChangedSinceTheIndexIsNeverAnsweredWithItsOldChecksum() throws Exception {
        Path data = indexedDataFile(3, null, false);
        String before;
        String digestBefore;
        try (ProcessorCache cache = open("1.0")) {
            before = cache.inputs().checksumForKey(data);
            digestBefore = cache.inputs().digestOf("src/**/*.sql");
            cache.newKey().addFile(data).build();
        } // this consumer's last build is now 7
        // same size, and its modification time put back: only the change time and the content differ
        java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(data);
        Thread.sleep(20); // past the file system's clock tick, or the change time could not differ either
        Files.write(data, bytes("select 2"));
        Files.setLastModifiedTime(data, mtime);

        try (ProcessorCache cache = open("1.0")) {
            assertThat(cache.inputs().sha256(data)).as("not believed").isEmpty();
            assertThat(cache.inputs().checksumForKey(data))
                    .isNotEqualTo(before)
                    .isEqualTo(dev.tandem.cache.internal.Sha256.hexOrMissing(data));
            assertThat(cache.inputs().changedSinceLastBuild()).containsExactly(data);
            assertThat(cache.inputs().digestOf("src/**/*.sql")).isNotEqualTo(digestBefore);
        }
    }

    @Test
    @DisplayName("a file added after prepare indexed its folder counts as changed, and no digest over it is believed")
    void aFileAddedSinceTheIndexIsChangedAndMissesEveryDigestKey() throws Exception {
        Path sql = Files.createDirectories(project.resolve("src/main/sql"));
        Files.write(sql.resolve("a.sql"), bytes("select 1"));
        Path other = Files.createDirectories(project.resolve("src/main/txt"));
        Files.write(other.resolve("notes.txt"), bytes("notes"));
        Files.createDirectories(root());
        Thread.sleep(20); // the folders' times lie before the index's start
        InputIndexWriter.write(
                root().resolve("inputs.idx"),
                project,
                7,
                InputIndexTest.indexedNow(),
                java.util.Arrays.asList(
                        InputIndexTest.real(project, "src/main/sql/a.sql", 3),
                        InputIndexTest.real(project, "src/main/txt/notes.txt", 3)));
        String sqlDigest;
        String txtDigest;
        try (ProcessorCache cache = open("1.0")) {
            sqlDigest = cache.inputs().digestOf("src/main/sql/**/*.sql");
            txtDigest = cache.inputs().digestOf("src/main/txt/*.txt");
            assertThat(cache.inputs().digestOf("src/main/sql/**/*.sql")).isEqualTo(sqlDigest);
            cache.newKey().build();
        } // last build 7: nothing changed since
        try (ProcessorCache cache = open("1.0")) {
            assertThat(cache.inputs().changedSinceLastBuild()).isEmpty();
        }
        Thread.sleep(20);
        Files.write(sql.resolve("b.sql"), bytes("select 2")); // prepare did not run since (-Dtandem.skip, an IDE)
        Files.createDirectories(sql.resolve("v2"));
        Files.write(sql.resolve("v2/c.sql"), bytes("select 3"));

        try (ProcessorCache cache = open("1.0")) {
            assertThat(cache.inputs().changedSinceLastBuild())
                    .containsExactlyInAnyOrder(sql.resolve("b.sql"), sql.resolve("v2/c.sql"));
            String now = cache.inputs().digestOf("src/main/sql/**/*.sql");
            assertThat(now).isNotEqualTo(sqlDigest);
            assertThat(cache.inputs().digestOf("src/main/sql/**/*.sql"))
                    .as("one table per compilation still")
                    .isEqualTo(now);
            assertThat(cache.inputs().digestOf("src/main/txt/*.txt"))
                    .as("a folder nothing was added to")
                    .isEqualTo(txtDigest);
        }
        try (ProcessorCache cache = open("1.0")) {
            assertThat(cache.inputs().digestOf("src/main/sql/**/*.sql"))
                    .as("never a key made before")
                    .isNotEqualTo(sqlDigest);
        }
    }

    @Test
    @DisplayName("a file modified no earlier than the index was begun is not believed (racily clean)")
    void aFileModifiedWhileIndexedIsHashed() throws Exception {
        Path data = indexedDataFile(3, new byte[32], true); // the walk began in the tick the file was written
        try (ProcessorCache cache = open("1.0")) {
            assertThat(cache.inputs().sha256(data)).isEmpty();
            assertThat(cache.inputs().checksumForKey(data))
                    .isEqualTo(dev.tandem.cache.internal.Sha256.hexOrMissing(data));
        }
    }

    @Test
    @DisplayName(
            "after the last close the index file is closed: a look-up hashes the file, a walk over all says why not")
    void inputsAfterCloseNeverAnswerFromAClosedFile() throws Exception {
        Files.createDirectories(project.resolve("src"));
        Files.write(project.resolve("src/data.sql"), bytes("select 1"));
        Files.createDirectories(root());
        InputIndexWriter.write(
                root().resolve("inputs.idx"),
                project,
                7,
                InputIndexTest.indexedNow(),
                Collections.singletonList(InputIndexTest.real(project, "src/data.sql", 7, new byte[32])));
        ProcessorCache cache = open("1.0");
        Inputs inputs = cache.inputs();
        assertThat(inputs.sha256(project.resolve("src/data.sql"))).contains(repeat("00", 32));
        cache.close();

        assertThat(inputs.sha256(project.resolve("src/data.sql")))
                .as("not indexed any more")
                .isEmpty();
        assertThat(inputs.checksumForKey(project.resolve("src/data.sql")))
                .as("hashed from the file")
                .isEqualTo(dev.tandem.cache.internal.Sha256.hexOrMissing(project.resolve("src/data.sql")));
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
        InputIndexWriter.write(index, project, 1, 0, entries);
        Files.write(
                index,
                dev.tandem.cache.internal.InputIndexTest.forgeOffset(Files.readAllBytes(index), project, 1, 1 << 24));
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
