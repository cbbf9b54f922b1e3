package dev.tandem.bench;

import dev.tandem.cache.CacheKey;
import dev.tandem.cache.ProcessorCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A hit and a put of a 2 KiB entry, through the public API, in a consumer holding 10,000 entries. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CacheBenchmark {
    private static final int ENTRIES = 10_000;

    private Path root;
    private ProcessorCache cache;
    private CacheKey[] keys;
    private byte[] value;
    private int next;
    private long puts;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        root = Files.createTempDirectory("tandem-bench").resolve("target/tandem");
        cache = ProcessorCache.open(root, "bench", "1", warning -> {
            throw new IllegalStateException(warning);
        });
        value = new byte[2048];
        new Random(1).nextBytes(value);
        keys = new CacheKey[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            keys[i] = cache.newKey().add("Type" + i).build();
            cache.put(keys[i], value);
        }
    }

    /** A hit: the key's value read back whole and checked. */
    @Benchmark
    public byte[] hit() {
        next = (next + 7919) % ENTRIES;
        return cache.get(keys[next]).orElseThrow(IllegalStateException::new);
    }

    /** A put of a new 2 KiB value, key built from a string as a processor would. */
    @Benchmark
    public void put() {
        cache.put(cache.newKey().add("New" + puts++).build(), value);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        cache.close();
        Files.walk(root.getParent().getParent())
                .sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
    }
}
