package dev.tandem.cache.torture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tandem.cache.CacheKey;
import dev.tandem.cache.ProcessorCache;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.ChecksummedProperties;
import dev.tandem.cache.internal.InputIndexTest;
import dev.tandem.cache.internal.InputIndexWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache directory that someone else has tampered with, or that changes under a running compilation: nothing
 * outside the cache is ever written, every damaged file is noticed with one warning that names it, and no failure
 * of the store reaches the processor.
 */
class HostileDirectoryTest {
    private static final String ID = CacheWorker.CONSUMER;

    @TempDir
    Path project;

    @TempDir
    Path outside;

    private Path root() {
        return project.resolve("target/tandem");
    }

    private Path consumer() {
        return root().resolve("consumers").resolve(ID);
    }

    private ProcessorCache open(List<String> warnings) {
        return ProcessorCache.open(root(), ID, "1", warnings::add);
    }

    /** Every key of 0..n through computeIfAbsent; returns how many came back other than their one right value. */
    private int build(int n, List<String> warnings) {
        int wrong = 0;
        try (ProcessorCache cache = open(warnings)) {
            for (int i = 0; i < n; i++) {
                int k = i;
                byte[] value = cache.computeIfAbsent(CacheWorker.key(cache, k), () -> CacheWorker.expected(k));
                if (!java.util.Arrays.equals(value, CacheWorker.expected(k))) {
                    wrong++;
                }
            }
        }
        return wrong;
    }

    @Test
    @DisplayName("entries.pack linked to a file outside: the file is untouched, the consumer is off with one warning")
    void packLinkedOutside() throws Exception {
        build(5, new ArrayList<>());
        Path victim = Files.write(outside.resolve("notes.txt"), "the user's notes".getBytes(StandardCharsets.UTF_8));
        Path pack = CacheLayout.pack(consumer());
        Files.delete(pack);
        Files.createSymbolicLink(pack, victim);

        List<String> warnings = new ArrayList<>();
        assertThat(build(20, warnings)).as("wrong values").isZero();

        assertThat(victim).hasContent("the user's notes");
        assertThat(warnings).singleElement(STRING).contains("is off", pack.toString(), "symbolic link");
    }

    /** Makes a FIFO at {@code path} (mkfifo); false where the platform has none. */
    private static boolean fifo(Path path) throws Exception {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
        } catch (IOException noMkfifo) {
            return false;
        }
    }

    @Test
    @DisplayName("a FIFO at entries.pack, entries.lock or build.properties: no hang, right values, one warning each")
    void fifosNeverBlock() throws Exception {
        build(3, new ArrayList<>());
        for (Path file : new Path[] {CacheLayout.pack(consumer()), CacheLayout.lock(consumer())}) {
            Files.deleteIfExists(file);
            assumeTrue(fifo(file), "mkfifo is not available");
            List<String> warnings = new ArrayList<>();
            int wrong = assertTimeoutPreemptively(
                    Duration.ofSeconds(20), () -> build(10, warnings), file + " blocked the build");
            assertThat(wrong).as("wrong values").isZero();
            assertThat(warnings).singleElement(STRING).contains(file.toString(), "not a regular file");
            Files.delete(file);
        }
        Path info = new CacheLayout(root()).buildInfo();
        Files.deleteIfExists(info);
        assertThat(fifo(info)).isTrue();
        List<String> damaged = new ArrayList<>();
        Properties read =
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ChecksummedProperties.read(info, damaged::add));
        assertThat(read).isEmpty();
        assertThat(damaged).containsExactly("build.properties"); // prepare warns with this name, then rewrites it
        ChecksummedProperties.write(info, new Properties(), "test");
        assertThat(Files.isRegularFile(info, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    /**
     * Swaps {@code folder} for a link to {@code elsewhere} and back, in a loop, until stopped: each turn the name is
     * a link for a moment, as a {@code renameat2(RENAME_EXCHANGE)} loop would make it.
     */
    private static Thread swapper(Path folder, Path elsewhere, java.util.concurrent.atomic.AtomicBoolean stop)
            throws IOException {
        Path link = Files.createSymbolicLink(folder.resolveSibling(folder.getFileName() + ".link"), elsewhere);
        return exchanger(folder, link, stop);
    }

    /** Every regular file and link below {@code folder} (an empty folder made outside is not counted: see below). */
    private static List<String> filesBelow(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> folder.relativize(p).toString())
                    .collect(Collectors.toList());
        }
    }

    @Test
    @DisplayName("the consumer's folder swapped for a link outside while builds write: nothing is written outside")
    void consumerFolderSwappedWhileWriting() throws Exception {
        build(5, new ArrayList<>());
        Path elsewhere = Files.createDirectories(outside.resolve("elsewhere"));
        Path planted = Files.write(elsewhere.resolve("stats"), "the user's".getBytes(StandardCharsets.UTF_8));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        int wrong = buildWhile(swapper(consumer(), elsewhere, stop), stop, 3);
        assertThat(wrong).as("wrong values").isZero();
        // Java has no mkdirat: the scratch folder files/ is made by path, so a swap at that moment can leave an
        // empty folder there (reliability page); no file is ever created, written, renamed or deleted outside
        assertThat(filesBelow(elsewhere)).containsExactly("stats");
        assertThat(planted).hasContent("the user's");
    }

    @Test
    @DisplayName("a folder swapped for a link outside while it is deleted (purge): nothing outside is deleted")
    void folderSwappedWhileDeleted() throws Exception {
        Path elsewhere = Files.createDirectories(outside.resolve("elsewhere"));
        for (int i = 0; i < 20; i++) {
            Files.write(Files.createDirectories(elsewhere.resolve("sub")).resolve("keep" + i), new byte[] {1});
            Files.write(elsewhere.resolve("keep" + i), new byte[] {1});
        }
        List<String> before = filesBelow(elsewhere);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (int round = 0; System.nanoTime() < until; round++) {
            Path folder = Files.createDirectories(consumer().resolveSibling("c" + round));
            for (int i = 0; i < 20; i++) {
                Files.write(Files.createDirectories(folder.resolve("sub")).resolve("keep" + i), new byte[] {2});
                Files.write(folder.resolve("keep" + i), new byte[] {2});
            }
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread swaps = swapper(folder, elsewhere, stop);
            try {
                dev.tandem.cache.internal.FolderHandles.deleteTree(root(), folder);
            } catch (IOException | java.io.UncheckedIOException failed) {
                // the swap made the deletion fail: what a hostile swap may do
            } finally {
                stop.set(true);
                swaps.join();
            }
        }
        assertThat(filesBelow(elsewhere)).containsExactlyInAnyOrderElementsOf(before);
    }

    /**
     * Exchanges {@code name} with {@code other} (both in one file system) and back, in a loop, until stopped: each
     * turn {@code name} is {@code other} for a moment, as a {@code renameat2(RENAME_EXCHANGE)} loop would make it.
     */
    private static Thread exchanger(Path name, Path other, java.util.concurrent.atomic.AtomicBoolean stop) {
        Path aside = name.resolveSibling(name.getFileName() + ".aside");
        Thread thread = new Thread(() -> {
            while (!stop.get()) {
                try {
                    Files.move(name, aside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    Files.move(other, name, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    Thread.yield();
                    Files.move(name, other, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    Files.move(aside, name, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException gone) {
                    return; // the name was deleted (the purge tests): nothing left to exchange
                }
            }
        });
        thread.start();
        return thread;
    }

    /** Builds for {@code seconds} with fresh keys while {@code name} and {@code other} are exchanged; wrong values. */
    private int buildWhileExchanged(Path name, Path other, int seconds) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        return buildWhile(exchanger(name, other, stop), stop, seconds);
    }

    /** Builds for {@code seconds} with fresh keys, then stops {@code swaps}; returns how many values were wrong. */
    private int buildWhile(Thread swaps, java.util.concurrent.atomic.AtomicBoolean stop, int seconds) throws Exception {
        int wrong = 0;
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (int round = 1; System.nanoTime() < until; round++) {
                try (ProcessorCache cache = open(new ArrayList<>())) {
                    for (int i = round * 4; i < round * 4 + 4; i++) {
                        int k = i;
                        byte[] value = cache.computeIfAbsent(CacheWorker.key(cache, k), () -> CacheWorker.expected(k));
                        wrong += java.util.Arrays.equals(value, CacheWorker.expected(k)) ? 0 : 1;
                    }
                }
            }
        } finally {
            stop.set(true);
            swaps.join();
        }
        return wrong;
    }

    @Test
    @DisplayName("entries.pack exchanged with a hard link to a file outside while builds write: never written")
    void packExchangedWithAHardLink() throws Exception {
        build(5, new ArrayList<>());
        byte[] original = "the user's data, not a pack".getBytes(StandardCharsets.UTF_8);
        Path victim = Files.write(outside.resolve("victim.bin"), original);
        Path link = consumer().resolve("zz-link");
        try {
            Files.createLink(link, victim);
        } catch (java.nio.file.FileSystemException crossDevice) {
            org.junit.jupiter.api.Assumptions.abort("no hard link between " + project + " and " + outside);
        }
        assertThat(buildWhileExchanged(CacheLayout.pack(consumer()), link, 3))
                .as("wrong values")
                .isZero();
        assertThat(Files.readAllBytes(victim)).isEqualTo(original);
    }

    @Test
    @DisplayName("entries.lock or entries.pack exchanged with a FIFO while builds run: no hang, right values")
    void fifoExchangedWhileBuilding() throws Exception {
        build(5, new ArrayList<>());
        for (Path file : new Path[] {CacheLayout.lock(consumer()), CacheLayout.pack(consumer())}) {
            Path fifo = consumer().resolve("zz-fifo");
            assumeTrue(fifo(fifo), "mkfifo is not available");
            int wrong = assertTimeoutPreemptively(
                    Duration.ofSeconds(30), () -> buildWhileExchanged(file, fifo, 3), file + " blocked the build");
            assertThat(wrong).as("wrong values").isZero();
            Files.delete(fifo);
        }
    }

    @Test
    @DisplayName("consumers/ exchanged with a link to a folder outside while builds write: nothing written there")
    void consumersFolderExchangedWithALink() throws Exception {
        build(5, new ArrayList<>());
        Path there = Files.createDirectories(outside.resolve(ID));
        Path planted = Files.write(there.resolve("stats"), "the user's".getBytes(StandardCharsets.UTF_8));
        Path link = Files.createSymbolicLink(root().resolve("zz-link"), outside);
        assertThat(buildWhileExchanged(root().resolve("consumers"), link, 3))
                .as("wrong values")
                .isZero();
        assertThat(filesBelow(outside)).containsExactly(ID + "/stats");
        assertThat(planted).hasContent("the user's");
    }

    @Test
    @DisplayName(
            "target/tandem exchanged with a link outside while a consumer is deleted (purge): nothing outside goes")
    void rootExchangedWhileDeleting() throws Exception {
        build(2, new ArrayList<>());
        Path there = Files.createDirectories(outside.resolve("consumers").resolve(ID));
        for (int i = 0; i < 20; i++) {
            Files.write(there.resolve("keep" + i), new byte[] {1});
        }
        List<String> before = filesBelow(outside);
        Path link = Files.createSymbolicLink(project.resolve("target/zz-link"), outside);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread swaps = exchanger(root(), link, stop);
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < until) {
                try {
                    dev.tandem.cache.internal.FolderHandles.deleteTree(root(), consumer());
                } catch (IOException | java.io.UncheckedIOException failed) {
                    // the swap made the deletion fail: what a hostile swap may do
                }
            }
        } finally {
            stop.set(true);
            swaps.join();
        }
        assertThat(filesBelow(outside)).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    @DisplayName("entries.pack hard-linked to a file outside: never truncated or appended to")
    void packHardLinkedOutside() throws Exception {
        Path victim = Files.write(outside.resolve("data.bin"), "not a pack".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(consumer());
        try {
            Files.createLink(CacheLayout.pack(consumer()), victim);
        } catch (java.nio.file.FileSystemException crossDevice) {
            // the two temporary folders are on different file systems here: no hard link can join them
            org.junit.jupiter.api.Assumptions.abort("no hard link between " + project + " and " + outside);
        }
        List<String> warnings = new ArrayList<>();
        assertThat(build(10, warnings)).isZero();
        assertThat(victim).hasContent("not a pack");
        assertThat(warnings).singleElement(STRING).contains("is off", "hard link");
    }

    @Test
    @DisplayName("the consumer's folder linked outside: nothing is created or read there, one warning names it")
    void consumerFolderLinkedOutside() throws Exception {
        Path elsewhere = Files.createDirectories(outside.resolve("elsewhere"));
        Files.createDirectories(consumer().getParent());
        Files.createSymbolicLink(consumer(), elsewhere);

        List<String> warnings = new ArrayList<>();
        try (ProcessorCache cache = open(warnings)) {
            assertThat(cache.isEnabled()).isFalse();
            assertThat(cache.directory()).as("no scratch folder behind a link").isNull();
            CacheKey key = CacheWorker.key(cache, 1);
            assertThat(cache.computeIfAbsent(key, () -> CacheWorker.expected(1)))
                    .isEqualTo(CacheWorker.expected(1));
        }
        try (Stream<Path> there = Files.list(elsewhere)) {
            assertThat(there).isEmpty();
        }
        assertThat(warnings).singleElement(STRING).contains("is off", consumer().toString(), "symbolic link");
    }

    @Test
    @DisplayName("a flipped digit in consumer.properties: one warning, and every input counts as changed")
    void damagedConsumerPropertiesMeansEverythingChanged() throws Exception {
        Path data = dataFile();
        // build 3: the consumer runs and records lastBuild=3
        writeIndex(3, data, 1);
        try (ProcessorCache cache = open(new ArrayList<>())) {
            cache.newKey().addFile(data).build();
        }
        Path properties = CacheLayout.consumerProperties(consumer());
        String text = new String(Files.readAllBytes(properties), StandardCharsets.ISO_8859_1);
        assertThat(text).contains("lastBuild=3");
        Files.write(properties, text.replace("lastBuild=3", "lastBuild=7").getBytes(StandardCharsets.ISO_8859_1));
        // build 8: the data file changed in build 5, after the consumer's real last build, before the forged one
        writeIndex(8, data, 5);

        List<String> warnings = new ArrayList<>();
        try (ProcessorCache cache = open(warnings)) {
            assertThat(cache.inputs().changedSinceLastBuild()).containsExactly(data);
        }
        assertThat(warnings)
                .singleElement(STRING)
                .contains(properties.toString(), "damaged", "every input counts as changed");
        // it was rewritten whole: the next build trusts it again, silently
        List<String> next = new ArrayList<>();
        try (ProcessorCache cache = open(next)) {
            assertThat(cache.inputs().changedSinceLastBuild()).isEmpty();
        }
        assertThat(next).isEmpty();
    }

    @Test
    @DisplayName("consumer.properties linked to a file outside: called a link, not damage; replaced by a file, the"
            + " file outside untouched")
    void consumerPropertiesLinked() throws Exception {
        build(2, new ArrayList<>());
        Path properties = CacheLayout.consumerProperties(consumer());
        Path victim = Files.write(outside.resolve("settings.txt"), "keep".getBytes(StandardCharsets.UTF_8));
        Files.delete(properties);
        Files.createSymbolicLink(properties, victim);

        List<String> warnings = new ArrayList<>();
        assertThat(build(5, warnings)).as("wrong values").isZero();

        assertThat(warnings)
                .singleElement(STRING)
                .contains(properties.toString(), "symbolic link")
                .doesNotContain("damaged");
        assertThat(victim).hasContent("keep");
        assertThat(Files.isSymbolicLink(properties)).isFalse();
    }

    @Test
    @DisplayName("entries.pack truncated in place while a compilation has it open: a miss and one warning")
    void packTruncatedUnderAMapping() throws Exception {
        build(200, new ArrayList<>());
        List<String> warnings = new ArrayList<>();
        try (ProcessorCache cache = open(warnings)) {
            assertThat(cache.get(CacheWorker.key(cache, 0))).contains(CacheWorker.expected(0)); // maps the pack
            try (FileChannel other = FileChannel.open(CacheLayout.pack(consumer()), StandardOpenOption.WRITE)) {
                other.truncate(8);
            }
            for (int i = 199; i >= 0; i--) {
                int k = i;
                assertThat(cache.computeIfAbsent(CacheWorker.key(cache, k), () -> CacheWorker.expected(k)))
                        .isEqualTo(CacheWorker.expected(k));
            }
        }
        assertThat(warnings).singleElement(STRING).contains("damage in entries.pack", "dropped and recomputed");
    }

    @Test
    @DisplayName("an input index with a valid CRC and an offset past its end: the file is hashed, one warning")
    void indexWithOutOfRangeOffsets() throws Exception {
        Path data = dataFile();
        writeIndex(2, data, 1);
        Path index = root().resolve("inputs.idx");
        // entry 0 "lies" a gigabyte further on, both CRCs made valid again
        Files.write(index, InputIndexTest.forgeOffset(Files.readAllBytes(index), project, 0, 1 << 30));

        List<String> warnings = new ArrayList<>();
        try (ProcessorCache cache = open(warnings)) {
            CacheKey key = cache.newKey().addFile(data).build();
            assertThat(cache.inputs().sha256(data)).isEmpty();
            assertThat(cache.computeIfAbsent(key, () -> CacheWorker.expected(1)))
                    .isEqualTo(CacheWorker.expected(1));
        }
        assertThat(warnings).singleElement(STRING).contains(index.toString(), "damaged", "outside the file");
    }

    @Test
    @DisplayName("under umask 000 no file is writable and no folder enterable by others: at most 0644 and 0755")
    void permissionsIgnoreAnOpenUmask() throws Exception {
        assumeTrue(project.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Process child = ChildJvm.startWithUmask(project.resolve("child.log"), "000", "once", root().toString(), "20");
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue())
                .as(new String(Files.readAllBytes(project.resolve("child.log"))))
                .isZero();

        List<String> tooOpen;
        try (Stream<Path> all = Files.walk(root())) {
            tooOpen = all.filter(p -> {
                        try {
                            Set<PosixFilePermission> p2 = Files.getPosixFilePermissions(p);
                            return p2.contains(PosixFilePermission.GROUP_WRITE)
                                    || p2.contains(PosixFilePermission.OTHERS_WRITE);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(p -> root().relativize(p) + " " + permissions(p))
                    .collect(Collectors.toList());
        }
        assertThat(CacheLayout.pack(consumer())).exists();
        assertThat(CacheLayout.lock(consumer())).exists();
        assertThat(tooOpen).as("files and folders writable by group or others").isEmpty();
        assertThat(Files.getPosixFilePermissions(CacheLayout.pack(consumer())))
                .isSubsetOf(EnumSet.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.GROUP_READ,
                        PosixFilePermission.OTHERS_READ));
    }

    private static String permissions(Path p) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private Path dataFile() throws java.io.IOException {
        return Files.write(
                Files.createDirectories(project.resolve("src")).resolve("cars.txt"),
                "Volvo".getBytes(StandardCharsets.UTF_8));
    }

    private void writeIndex(int build, Path data, int changedInBuild) throws Exception {
        InputIndexWriter.write(
                root().resolve("inputs.idx"),
                project,
                build,
                InputIndexTest.indexedNow(),
                Collections.singletonList(InputIndexTest.real(project, "src/cars.txt", changedInBuild)));
    }
}
