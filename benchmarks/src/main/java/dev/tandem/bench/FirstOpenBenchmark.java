package dev.tandem.bench;

import dev.tandem.cache.ProcessorCache;
import dev.tandem.cache.internal.FileStat;
import dev.tandem.cache.internal.InputIndex;
import dev.tandem.cache.internal.InputIndexWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a processor pays at the start of every compilation: javac loads it in a fresh class loader, so nothing
 * survives from the last one. Each operation loads tandem-cache-api and {@link FirstOpenProbe} in a new class
 * loader, opens a consumer against a 10,000-file index and looks one checksum up, as a processor that ran before
 * finds it (its consumer state written by an earlier compile). {@code close()}, at the last round, is not part of
 * it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FirstOpenBenchmark {
    private Path project;
    private Path root;
    private Path lookedUp;
    private URL[] cacheApiAndProbe;
    private final Consumer<String> warnings = w -> {};

    @Setup(Level.Trial)
    public void writeIndex() throws Exception {
        project = Files.createTempDirectory("tandem-bench-open");
        root = project.resolve("target/tandem");
        // the file looked up is real, with its real metadata: a compilation stats it before it believes the index
        lookedUp = project.resolve("src/main/java/p42/F4242.java");
        Files.createDirectories(lookedUp.getParent());
        Files.write(lookedUp, new byte[4096]);
        FileStat real = FileStat.of(lookedUp, true);
        List<InputIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String path = "src/main/java/p" + (i % 100) + "/F" + i + ".java";
            entries.add(
                    i == 4242
                            ? new InputIndex.Entry(
                                    path,
                                    real.size(),
                                    real.mtimeNanos(),
                                    real.inode(),
                                    real.ctimeNanos(),
                                    1,
                                    new byte[32])
                            : new InputIndex.Entry(path, 4096, i, i, i, 1, new byte[32]));
        }
        InputIndexWriter.write(root.resolve("inputs.idx"), project, 1, System.currentTimeMillis() + 1, entries);
        try (ProcessorCache earlier = ProcessorCache.open(root, "bench", "1", warnings)) {
            earlier.inputs().sha256(lookedUp); // the consumer's state, as every compile but the first finds it
        }
        cacheApiAndProbe = new URL[] {
            ProcessorCache.class.getProtectionDomain().getCodeSource().getLocation(),
            FirstOpenProbe.class.getProtectionDomain().getCodeSource().getLocation()
        };
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public Object firstOpenInAFreshClassLoader() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(cacheApiAndProbe, ClassLoader.getPlatformClassLoader())) {
            Function<Object[], Object> probe =
                    (Function<Object[], Object>) loader.loadClass(FirstOpenProbe.class.getName())
                            .getDeclaredConstructor()
                            .newInstance();
            Optional<?> sha = (Optional<?>) probe.apply(new Object[] {root, warnings, lookedUp});
            if (!sha.isPresent()) {
                throw new IllegalStateException("the index does not answer");
            }
            return sha;
        }
    }

    @TearDown(Level.Trial)
    public void deleteProject() throws Exception {
        try (java.util.stream.Stream<Path> files = Files.walk(project)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
