package dev.tandem.cache.torture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentionTest {
    private static final int JVMS = 4;
    private static final int THREADS = 4;
    private static final int KEYS = 400;
    private static final int SECONDS = 30;

    @TempDir
    Path project;

    @Test
    @DisplayName("4 JVMs x 4 threads on one consumer: every value whole, every key computed at most once overall")
    void fourJvmsShareOneConsumer() {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(SECONDS + 90), () -> {
            Path root = project.resolve("target/tandem");
            Path log = project.resolve("computations.log");
            List<Process> jvms = new ArrayList<>();
            for (int j = 0; j < JVMS; j++) {
                jvms.add(ChildJvm.start(
                        project.resolve("jvm-" + j + ".out"),
                        "contend",
                        root.toString(),
                        String.valueOf(KEYS),
                        String.valueOf(SECONDS),
                        log.toString(),
                        String.valueOf(THREADS)));
            }
            long lookups = 0;
            long corrupt = 0;
            for (int j = 0; j < JVMS; j++) {
                Process jvm = jvms.get(j);
                assertThat(jvm.waitFor(SECONDS + 60, TimeUnit.SECONDS))
                        .as("JVM %d finished", j)
                        .isTrue();
                String out =
                        new String(Files.readAllBytes(project.resolve("jvm-" + j + ".out")), StandardCharsets.UTF_8);
                assertThat(jvm.exitValue()).as(out).isZero();
                assertThat(out).doesNotContain("Exception").doesNotContain("WARNING");
                String[] counts = out.trim().split("\\s+");
                lookups += Long.parseLong(counts[counts.length - 2]);
                corrupt += Long.parseLong(counts[counts.length - 1]);
            }
            Map<String, Integer> computations = new TreeMap<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                computations.merge(line.split(" ")[1], 1, Integer::sum);
            }
            long twice = computations.values().stream().filter(n -> n > 1).count();
            System.out.printf(
                    "contention: %d JVMs x %d threads x %d s on one consumer: %d look-ups, %d computations of %d keys,"
                            + " %d keys computed more than once, %d corrupt values%n",
                    JVMS, THREADS, SECONDS, lookups, computations.size(), KEYS, twice, corrupt);
            assertThat(corrupt).isZero();
            assertThat(twice).as("keys computed more than once among JVMs").isZero();
            assertThat(lookups).isGreaterThan(KEYS);
        });
    }
}
