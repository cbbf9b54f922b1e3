package dev.tandem.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * tandem:prepare's indexing on the tree bench/cache/run.sh generates (-Dtandem.bench.tree, 10,000 files of 4 KB),
 * beside the baselines the targets name: reading and hashing every file on 2 threads, which a full index must
 * come close to; a no-change index is compared with git status, outside JMH, by the script.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IndexBenchmark {
    private Path tree;
    private Path indexFile;
    private List<FileSet> inputs;
    private List<Path> files;
    private int build;

    @Setup(Level.Trial)
    public void find() throws IOException {
        tree = Paths.get(System.getProperty("tandem.bench.tree", "target/bench-cache/tree"))
                .toAbsolutePath();
        if (!Files.isDirectory(tree.resolve("src"))) {
            throw new IllegalStateException("no tree at " + tree + ": run bench/cache/run.sh");
        }
        indexFile = Files.createTempDirectory("tandem-bench-index").resolve("inputs.idx");
        inputs = Collections.singletonList(
                new FileSet(tree.resolve("src").toFile(), Collections.emptyList(), Collections.emptyList()));
        try (Stream<Path> walk = Files.walk(tree.resolve("src"))) {
            files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        new InputIndexer(tree, 2).index(inputs, indexFile, ++build);
    }

    /** prepare when nothing changed, called as prepare calls it: one stat per file, no file read, nothing written. */
    @Benchmark
    public Object noChangeIndex() throws IOException {
        return new InputIndexer(tree, 2).index(inputs, indexFile, 1, () -> ++build);
    }

    /** prepare with no previous index: every file read and hashed, on 2 threads. */
    @Benchmark
    public Object fullIndex() throws IOException {
        Files.deleteIfExists(indexFile);
        return new InputIndexer(tree, 2).index(inputs, indexFile, ++build);
    }

    /** The floor for a full index: read and SHA-256 every file on 2 threads, nothing else. */
    @Benchmark
    public long readAndHashOn2Threads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Path file : files) {
                results.add(pool.submit(() -> {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    return sha.digest(Files.readAllBytes(file)).length;
                }));
            }
            long total = 0;
            for (Future<Integer> r : results) {
                total += r.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(indexFile);
        Files.deleteIfExists(indexFile.getParent());
    }
}
