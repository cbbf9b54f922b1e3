package dev.tandem.bench;

import dev.tandem.cache.ProcessorCache;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a processor's first use of the cache compiles to: a direct call of {@link ProcessorCache#open(Path, String,
 * String, Consumer)} and one look-up. {@link FirstOpenBenchmark} loads it in the same fresh class loader as
 * tandem-cache-api, as javac loads a processor, so the figure holds the classes a processor loads and no reflection
 * a processor does not do.
 */
public final class FirstOpenProbe implements Function<Object[], Object> {
    /** {@code {cache root, warnings, file to look up}}; returns the checksum, as an {@code Optional<String>}. */
    @Override
    @SuppressWarnings("unchecked")
    public Object apply(Object[] arguments) {
        ProcessorCache cache = ProcessorCache.open((Path) arguments[0], "bench", "1", (Consumer<String>) arguments[1]);
        return cache.inputs().sha256((Path) arguments[2]);
    }
}
