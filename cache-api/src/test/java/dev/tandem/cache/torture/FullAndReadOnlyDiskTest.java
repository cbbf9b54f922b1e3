package dev.tandem.cache.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cache.ProcessorCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache on a real, tiny file system (a 64 KiB tmpfs) that fills up, and on one remounted read-only. Needs
 * mount(8) and the right to use it (root on Linux); elsewhere it is skipped, and says so.
 */
class FullAndReadOnlyDiskTest {
    private static final int KEYS = 200; // about 600 KiB of values: ten times the disk

    @TempDir
    Path dir;

    private Path mountPoint;

    @BeforeEach
    void mountTinyFileSystem() throws Exception {
        mountPoint = Files.createDirectories(dir.resolve("tiny"));
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint.toString());
        if (!mounted) {
            System.out.println("full and read-only disk: SKIPPED, this machine does not let the tests mount a tmpfs");
        }
        Assumptions.assumeTrue(mounted, "needs to mount a tmpfs (root on Linux)");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mountPoint != null) {
            // lazily: the pack stays memory-mapped until the garbage collector unmaps it
            run("umount", "-l", mountPoint.toString());
        }
    }

    @Test
    @DisplayName("a full disk turns the cache off with one warning; every value is still the computed one")
    void fullDisk() {
        List<String> warnings = new ArrayList<>();
        int wrong = 0;
        try (ProcessorCache cache = ProcessorCache.open(mountPoint.resolve("tandem"), "full", "1", warnings::add)) {
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < KEYS; i++) {
                    int n = i;
                    byte[] value =
                            cache.computeIfAbsent(cache.newKey().add("k" + n).build(), () -> big(n));
                    if (!Arrays.equals(value, big(n))) {
                        wrong++;
                    }
                }
            }
            assertThat(cache.isEnabled()).isFalse();
        }
        System.out.printf(
                "full disk: %d puts into 64 KiB, %d wrong values, %d warning%n", KEYS, wrong, warnings.size());
        assertThat(wrong).isZero();
        assertThat(warnings).hasSize(1).allSatisfy(w -> assertThat(w).contains("is off"));
    }

    @Test
    @DisplayName("a read-only disk turns the cache off with one warning; every value is still the computed one")
    void readOnlyDisk() throws Exception {
        Path root = mountPoint.resolve("tandem");
        try (ProcessorCache cache = ProcessorCache.open(root, "ro", "1", w -> {})) {
            cache.put(cache.newKey().add("before").build(), big(1));
        }
        assertThat(run("mount", "-o", "remount,ro", mountPoint.toString())).isTrue();
        List<String> warnings = new ArrayList<>();
        int wrong = 0;
        try (ProcessorCache cache = ProcessorCache.open(root, "ro", "1", warnings::add)) {
            assertThat(cache.get(cache.newKey().add("before").build()))
                    .as("reads still work")
                    .isPresent();
            for (int i = 0; i < 20; i++) {
                int n = i;
                if (!Arrays.equals(
                        cache.computeIfAbsent(cache.newKey().add("k" + n).build(), () -> big(n)), big(n))) {
                    wrong++;
                }
            }
        }
        System.out.printf("read-only disk: 20 puts, %d wrong values, %d warning%n", wrong, warnings.size());
        assertThat(wrong).isZero();
        assertThat(warnings).hasSize(1);
    }

    private static byte[] big(int n) {
        byte[] value = Arrays.copyOf(CacheWorker.expected(n), 3000);
        value[2999] = (byte) n;
        return value;
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException noSuchCommand) {
            return false;
        }
    }
}
