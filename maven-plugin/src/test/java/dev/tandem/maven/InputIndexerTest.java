package dev.tandem.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cache.internal.InputIndex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputIndexerTest {
    @TempDir
    Path project;

    private Path index;
    private List<FileSet> inputs;
    private final long anHourAgo = System.currentTimeMillis() - 3_600_000;

    @BeforeEach
    void setUp() throws Exception {
        index = project.resolve("target/tandem/inputs.idx");
        inputs = Collections.singletonList(
                new FileSet(project.resolve("src").toFile(), Collections.emptyList(), Collections.emptyList()));
        write("src/main/java/A.java", "class A {}");
        write("src/main/sql/cars.sql", "create table cars");
    }

    @Test
    @DisplayName("the index carries the build sequence: the fallback is asked only when there is no readable index")
    void indexCarriesTheSequence() throws Exception {
        InputIndexer indexer = new InputIndexer(project, 2);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        InputIndexer.Result first = indexer.index(inputs, index, 1, () -> 41 + asked.incrementAndGet() * 0);
        assertThat(first.numberedWithoutIndex).isTrue();
        assertThat(first.index.buildNumber()).isEqualTo(41);
        write("src/main/sql/cars.sql", "create table bikes");
        InputIndexer.Result second = indexer.index(inputs, index, 1, () -> asked.incrementAndGet());
        assertThat(second.numberedWithoutIndex).isFalse();
        assertThat(second.index.buildNumber()).isEqualTo(42);
        assertThat(asked).hasValue(1);
        Files.write(index, "damaged".getBytes(StandardCharsets.UTF_8));
        InputIndexer.Result third = indexer.index(inputs, index, 1, () -> 50);
        assertThat(third.numberedWithoutIndex).isTrue();
        assertThat(third.index.buildNumber()).isEqualTo(50);
    }

    @Test
    @DisplayName("a build that changes nothing writes nothing: the index stands, with its number; a change writes it")
    void noChangeWritesNothing() throws Exception {
        InputIndexer indexer = new InputIndexer(project, 2);
        indexer.index(inputs, index, 1, () -> 7);
        for (String file : new String[] {"src/main/java/A.java", "src/main/sql/cars.sql"}) {
            Files.setLastModifiedTime(project.resolve(file), FileTime.fromMillis(anHourAgo - 60_000)); // not racy
        }
        indexer.index(inputs, index, 1, () -> 99); // rehashes the files whose times moved: a write, build 8
        Files.setLastModifiedTime(index, FileTime.fromMillis(anHourAgo));

        InputIndexer.Result same = indexer.index(inputs, index, 1, () -> 99);
        assertThat(same.unchanged).isTrue();
        assertThat(same.index.buildNumber()).isEqualTo(8);
        assertThat(Files.getLastModifiedTime(index).toMillis()).isEqualTo(anHourAgo);

        write("src/main/java/B.java", "class B {}");
        InputIndexer.Result added = indexer.index(inputs, index, 1, () -> 99);
        assertThat(added.unchanged).isFalse();
        assertThat(added.index.buildNumber()).isEqualTo(9);
        assertThat(InputIndex.open(index).find("src/main/java/B.java").changedInBuild())
                .isEqualTo(9);
    }

    @Test
    @DisplayName("an unchanged file keeps its checksum and is not read again")
    void unchangedFilesAreNotRead() throws Exception {
        InputIndexer indexer = new InputIndexer(project, 2);
        InputIndexer.Result first = indexer.index(inputs, index, 1);
        InputIndexer.Result second = indexer.index(inputs, index, 2);

        assertThat(first.hashed).isEqualTo(2);
        assertThat(first.changed).isEqualTo(2);
        assertThat(second.files).isEqualTo(2);
        assertThat(second.hashed).isZero();
        assertThat(second.changed).isZero();
        assertThat(InputIndex.open(index).find("src/main/sql/cars.sql").changedInBuild())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("a changed file is read again and marked with the build in which it changed")
    void changedFileIsRehashedAndMarked() throws Exception {
        InputIndexer indexer = new InputIndexer(project, 2);
        indexer.index(inputs, index, 1);
        byte[] before = InputIndex.open(index).find("src/main/sql/cars.sql").sha256();
        write("src/main/sql/cars.sql", "create table bikes"); // same length, new content

        InputIndexer.Result second = indexer.index(inputs, index, 2);

        InputIndex.Entry entry = InputIndex.open(index).find("src/main/sql/cars.sql");
        assertThat(second.hashed).isEqualTo(1);
        assertThat(second.changed).isEqualTo(1);
        assertThat(entry.changedInBuild()).isEqualTo(2);
        assertThat(entry.sha256()).isNotEqualTo(before);
    }

    @Test
    @DisplayName("a file modified no earlier than the last index was written is racily clean and read again")
    void raciallyCleanFilesAreRehashed() throws Exception {
        InputIndexer indexer = new InputIndexer(project, 1);
        indexer.index(inputs, index, 1);
        // same metadata as indexed, but a modification time not older than the index: it could hide a change
        Files.setLastModifiedTime(
                project.resolve("src/main/java/A.java"),
                FileTime.fromMillis(InputIndex.open(index).indexedAtMillis()));
        indexer.index(inputs, index, 2);
        Files.setLastModifiedTime(
                project.resolve("src/main/java/A.java"),
                FileTime.fromMillis(InputIndex.open(index).indexedAtMillis()));

        InputIndexer.Result third = indexer.index(inputs, index, 3);

        assertThat(third.hashed).isEqualTo(1);
        assertThat(third.changed).isZero();
    }

    @Test
    void deletedFilesLeaveTheIndex() throws Exception {
        InputIndexer indexer = new InputIndexer(project, 1);
        indexer.index(inputs, index, 1);
        Files.delete(project.resolve("src/main/sql/cars.sql"));

        InputIndexer.Result second = indexer.index(inputs, index, 2);

        assertThat(second.changed).isEqualTo(1);
        assertThat(InputIndex.open(index).find("src/main/sql/cars.sql")).isNull();
    }

    @Test
    @DisplayName("a file reached through two file sets counts once: a deletion beside it is still seen")
    void overlappingFileSetsCountEachFileOnce() throws Exception {
        List<FileSet> overlapping = java.util.Arrays.asList(
                new FileSet(project.resolve("src").toFile(), Collections.emptyList(), Collections.emptyList()),
                new FileSet(
                        project.resolve("src/main/sql").toFile(), Collections.emptyList(), Collections.emptyList()));
        InputIndexer indexer = new InputIndexer(project, 1);
        indexer.index(overlapping, index, 1);
        Files.delete(project.resolve("src/main/java/A.java"));

        InputIndexer.Result second = indexer.index(overlapping, index, 2);

        assertThat(second.changed).isEqualTo(1);
        assertThat(second.unchanged).isFalse();
        assertThat(InputIndex.open(index).entries())
                .extracting(InputIndex.Entry::path)
                .containsExactly("src/main/sql/cars.sql");
    }

    @Test
    @DisplayName("includes and excludes are written as in Maven")
    void includesAndExcludes() throws Exception {
        write("src/main/sql/scratch.tmp", "x");
        List<FileSet> sqlOnly = Collections.singletonList(new FileSet(
                project.resolve("src").toFile(), Arrays.asList("**/*.sql", "**/*.tmp"), Arrays.asList("**/*.tmp")));

        new InputIndexer(project, 1).index(sqlOnly, index, 1);

        assertThat(InputIndex.open(index).entries())
                .extracting(InputIndex.Entry::path)
                .containsExactly("src/main/sql/cars.sql");
    }

    @Test
    @DisplayName("a damaged index is reported and rebuilt from the files")
    void damagedIndexIsRebuilt() throws Exception {
        InputIndexer indexer = new InputIndexer(project, 1);
        indexer.index(inputs, index, 1);
        Files.write(index, "garbage".getBytes(StandardCharsets.UTF_8));

        InputIndexer.Result second = indexer.index(inputs, index, 2);

        assertThat(second.previousProblem).contains("is damaged");
        assertThat(second.previousOtherFormat).isFalse();
        assertThat(InputIndex.open(index).size()).isEqualTo(2);
    }

    @Test
    @DisplayName("an index an earlier Tandem wrote is told apart from damage (prepare says so at INFO) and rebuilt")
    void anEarlierFormatIsRebuiltWithoutAlarm() throws Exception {
        InputIndexer indexer = new InputIndexer(project, 1);
        indexer.index(inputs, index, 1);
        byte[] earlier = Files.readAllBytes(index);
        java.nio.ByteBuffer.wrap(earlier).putShort(4, (short) 1); // format 1: one CRC, of the whole file
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(earlier, 0, earlier.length - 4);
        java.nio.ByteBuffer.wrap(earlier).putInt(earlier.length - 4, (int) crc.getValue());
        Files.write(index, earlier);

        InputIndexer.Result second = indexer.index(inputs, index, 2);

        assertThat(second.previousOtherFormat).isTrue();
        assertThat(second.previousProblem).contains("written by another Tandem version");
        assertThat(second.hashed).as("indexed anew").isEqualTo(2);
        assertThat(InputIndex.open(index).size()).isEqualTo(2);
    }

    private void write(String relative, String content) throws Exception {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        // clearly older than any index written by the test, so only real changes count
        Files.setLastModifiedTime(file, FileTime.fromMillis(anHourAgo + relative.length()));
    }
}
