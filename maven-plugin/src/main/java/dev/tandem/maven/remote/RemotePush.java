package dev.tandem.maven.remote;

import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.EntryPack;
import dev.tandem.cache.internal.UsedKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * {@code push}'s half of the remote tier: uploads every entry this build used that the server lacks (HEAD first,
 * so an entry is never uploaded twice, and not even asked about when this build fetched it), then the module's key
 * list. Entries over {@code maxEntrySize}, or refused with 413, are skipped.
 */
public final class RemotePush {
    /** What a push did, for the Mojo's summary line. */
    public static final class Result {
        public long pushed;
        public long present;
        public long tooLarge;
        /** Of those too large, how many the server refused (413) rather than {@code remoteMaxEntrySize}. */
        public long refused;

        public long bytes;
        public int listed;
        public boolean listStored;
        public long millis;
        public final Map<String, RemoteStats> consumers = new TreeMap<>();
    }

    private final Remote remote;
    private final RemoteConfig config;
    private final CacheLayout layout;
    private final Consumer<String> warnings;

    /**
     * @param config this Mojo's configuration: its signing key, entry size and threads (the build's shared {@code
     *     remote} was made by the first module that asked, perhaps by {@code prepare}, which has no signing key)
     */
    public RemotePush(Remote remote, RemoteConfig config, CacheLayout layout, Consumer<String> warnings) {
        this.remote = remote;
        this.config = config;
        this.layout = layout;
        this.warnings = warnings;
    }

    public Result run(String module, int build) throws IOException {
        Result result = new Result();
        long start = System.nanoTime();
        Map<String, List<byte[]>> list = new LinkedHashMap<>();
        List<EntryPack> packs = new ArrayList<>();
        try (Remote.Phase phase = remote.begin(warnings)) {
            ExecutorService pool = Transfers.pool(config.threads());
            try {
                for (Path folder : layout.consumerFolders(link -> {})) {
                    String id = folder.getFileName().toString();
                    Set<ByteBuffer> used = new LinkedHashSet<>();
                    for (UsedKeys.Use use : UsedKeys.read(CacheLayout.used(folder))) {
                        if (use.build() == build) {
                            used.add(ByteBuffer.wrap(use.digest()));
                        }
                    }
                    if (used.isEmpty()) {
                        continue;
                    }
                    EntryPack pack = EntryPack.openForReading(CacheLayout.pack(folder));
                    if (pack == null) {
                        continue;
                    }
                    packs.add(pack);
                    RemoteStats stats = new RemoteStats();
                    result.consumers.put(id, stats);
                    List<byte[]> keys = new ArrayList<>();
                    for (ByteBuffer digest : used) {
                        byte[] key = digest.array();
                        EntryPack.Value value = pack.get(key);
                        if (value == null) {
                            continue; // looked up, never stored (the processor failed, or stores nothing)
                        }
                        keys.add(key);
                        pool.execute(() -> push(phase, id, key, value, stats));
                    }
                    if (!keys.isEmpty()) {
                        list.put(id, keys);
                    }
                }
                Transfers.finish(pool, phase);
            } finally {
                pool.shutdownNow();
                for (EntryPack pack : packs) {
                    pack.close();
                }
            }
            result.listed = list.values().stream().mapToInt(List::size).sum();
            if (!list.isEmpty() && !phase.isOff()) {
                result.listStored =
                        phase.put(KeyList.path(config.layout(), module), KeyList.encode(list, config.signingKey()))
                                == Remote.Put.STORED;
            }
        }
        for (Map.Entry<String, RemoteStats> consumer : result.consumers.entrySet()) {
            RemoteStats stats = consumer.getValue();
            result.pushed += stats.pushed.get();
            result.present += stats.present.get();
            result.tooLarge += stats.tooLarge.get();
            result.refused += stats.refused.get();
            result.bytes += stats.bytesOut.get();
            stats.writePush(layout.consumer(consumer.getKey()), build);
        }
        if (result.refused > 0) {
            warnings.accept(
                    "Tandem remote: " + config.url() + " refused " + result.refused + " entr"
                            + (result.refused == 1 ? "y" : "ies")
                            + " as too large (HTTP 413); they stay local. Raise the"
                            + " server's limit (nginx: client_max_body_size), or lower remoteMaxEntrySize to skip them quietly.");
        }
        result.millis = (System.nanoTime() - start) / 1_000_000;
        return result;
    }

    private void push(Remote.Phase phase, String id, byte[] digest, EntryPack.Value value, RemoteStats stats) {
        if (phase.isOff()) {
            return;
        }
        long start = System.nanoTime();
        try {
            String path = RemoteEntry.path(config.layout(), id, digest);
            if (remote.knows(path)) {
                stats.present.incrementAndGet();
                return;
            }
            // an entry this build refused is there but bad: replaced, not asked about
            Boolean there = remote.refused(path) ? Boolean.FALSE : phase.head(path);
            if (there == null) {
                return;
            }
            if (there) {
                remote.know(path);
                stats.present.incrementAndGet();
                return;
            }
            byte[] body;
            try {
                body = RemoteEntry.encode(id, digest, value.computeMicros(), value.bytes(), config.signingKey());
            } catch (GeneralSecurityException e) {
                remote.turnOff("cannot sign with the signing key (" + e + ")", warnings);
                return;
            }
            if (body.length > config.maxEntrySize()) {
                stats.tooLarge.incrementAndGet();
                return;
            }
            Remote.Put put = phase.put(path, body);
            if (put == Remote.Put.STORED) {
                remote.know(path);
                stats.pushed.incrementAndGet();
                stats.bytesOut.addAndGet(body.length);
            } else if (put == Remote.Put.TOO_LARGE) {
                stats.tooLarge.incrementAndGet();
                stats.refused.incrementAndGet();
            }
        } finally {
            stats.pushNanos.addAndGet(System.nanoTime() - start);
        }
    }
}
