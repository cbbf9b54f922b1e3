package dev.tandem.maven.remote;

import dev.tandem.cache.internal.CacheFiles;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.ConsumerFolder;
import dev.tandem.cache.internal.ConsumerId;
import dev.tandem.cache.internal.EntryPack;
import dev.tandem.cache.internal.Hex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code prepare}'s half of the remote tier: downloads the module's key list, then every listed entry the local
 * cache lacks, in a small pool, each checked (consumer, key, size, checksum, signature) before it is appended to
 * the consumer's pack, where a record is seen whole or not at all. A bad entry is a miss, told in one warning.
 */
public final class RemoteFetch {
    /** The most consumers of one key list that are fetched: real modules have a handful. */
    static final int MAX_CONSUMERS = 64;

    /** What a fetch did, for the Mojo's summary line. */
    public static final class Result {
        public boolean listFound;
        /** Why the key list that was there was not used ("damaged", "not signed …"), already told in a warning. */
        public String listRefused;

        public int listed;
        public int local;
        public long hits;
        public long misses;
        public long bad;
        public long bytes;
        public long millis;
        public final Map<String, RemoteStats> consumers = new TreeMap<>();
    }

    private final Remote remote;
    private final RemoteConfig config;
    private final CacheLayout layout;
    private final Consumer<String> warnings;

    /** @param config this Mojo's configuration: its public key and threads */
    public RemoteFetch(Remote remote, RemoteConfig config, CacheLayout layout, Consumer<String> warnings) {
        this.remote = remote;
        this.config = config;
        this.layout = layout;
        this.warnings = warnings;
    }

    public Result run(String module, int build) {
        Result result = new Result();
        long start = System.nanoTime();
        AtomicReference<String> firstBad = new AtomicReference<>();
        AtomicReference<String> notStored = new AtomicReference<>();
        try (Remote.Phase phase = remote.begin(warnings)) {
            Map<String, List<byte[]>> keys;
            try (Remote.Download list = phase.get(KeyList.path(config.layout(), module), KeyList.MAX_SIZE)) {
                if (list == null) {
                    result.millis = (System.nanoTime() - start) / 1_000_000;
                    return result;
                }
                try {
                    keys = list.bytes() == Remote.OVERSIZED ? null : KeyList.decode(list.bytes(), config.publicKey());
                    if (keys == null) {
                        result.listRefused = "damaged";
                    }
                } catch (KeyList.Refused refused) {
                    keys = null;
                    result.listRefused = refused.getMessage();
                }
            }
            if (keys == null) {
                warnings.accept("Tandem remote: the key list of " + module + " at " + config.url() + " is "
                        + result.listRefused + "; nothing is fetched this build (the next push replaces it)");
                return result;
            }
            result.listFound = true;
            ExecutorService pool = Transfers.pool(config.threads());
            List<Target> targets = new ArrayList<>();
            try {
                for (Map.Entry<String, List<byte[]>> consumer : keys.entrySet()) {
                    String id = consumer.getKey();
                    if (targets.size() == MAX_CONSUMERS) {
                        warnings.accept("Tandem remote: the key list of " + module + " at " + config.url() + " names "
                                + keys.size() + " consumers; only the first " + MAX_CONSUMERS + " are fetched (no"
                                + " module has that many: the list is damaged, or not CI's)");
                        break;
                    }
                    result.listed += consumer.getValue().size();
                    try {
                        ConsumerId.check(id);
                    } catch (IllegalArgumentException e) {
                        result.bad += consumer.getValue().size();
                        firstBad.compareAndSet(null, "the list names an illegal consumer id");
                        continue;
                    }
                    Target target = new Target(id);
                    targets.add(target);
                    Set<ByteBuffer> here = new HashSet<>();
                    for (byte[] digest : target.digestsHere()) {
                        here.add(ByteBuffer.wrap(digest));
                    }
                    RemoteStats stats = new RemoteStats();
                    result.consumers.put(id, stats);
                    Set<ByteBuffer> listed = new HashSet<>();
                    for (byte[] digest : consumer.getValue()) {
                        if (!listed.add(ByteBuffer.wrap(digest))) {
                            result.listed--; // a key listed twice is one key, fetched once
                            continue;
                        }
                        if (digest.length != EntryPack.DIGEST_SIZE || here.contains(ByteBuffer.wrap(digest))) {
                            result.local++;
                            continue;
                        }
                        pool.execute(() -> fetch(phase, target, digest, stats, firstBad, notStored));
                    }
                }
                Transfers.finish(pool, phase);
            } finally {
                pool.shutdownNow();
                for (Target target : targets) {
                    target.close();
                }
            }
            for (Map.Entry<String, RemoteStats> consumer : result.consumers.entrySet()) {
                RemoteStats stats = consumer.getValue();
                result.hits += stats.hits.get();
                result.misses += stats.misses.get();
                result.bad += stats.bad.get();
                result.bytes += stats.bytesIn.get();
                Path folder = layout.consumer(consumer.getKey());
                if (CacheFiles.isRealFolder(folder)) { // a consumer with no entry here gets no folder for its stats
                    stats.writeFetch(folder, build);
                }
            }
        } catch (IOException e) {
            warnings.accept("Tandem remote: cannot store fetched entries in " + layout.root() + " (" + e + "); this"
                    + " build goes on with what is there");
        }
        if (remote.wasBusy() && remote.firstToTell("busy")) {
            warnings.accept("Tandem remote: some entries from " + config.url() + " count as misses because the bytes"
                    + " held at once for downloads were spent (" + Remote.IN_FLIGHT / (1024 * 1024) + " MiB, or one"
                    + " remoteMaxEntrySize): the server sends bodies far larger than Tandem's entries");
        }
        if (notStored.get() != null) {
            warnings.accept("Tandem remote: fetched entries could not be stored in " + layout.root() + " and count as"
                    + " misses (first: " + notStored.get() + ")");
        }
        if (result.bad > 0) {
            warnings.accept("Tandem remote: " + result.bad + " entr" + (result.bad == 1 ? "y" : "ies") + " from "
                    + config.url()
                    + (result.bad == 1
                            ? " failed its check and counts as a miss"
                            : " failed their check and count as misses")
                    + " (first: " + firstBad.get() + ")."
                    + " The output is unaffected; a later push replaces them.");
        }
        result.millis = (System.nanoTime() - start) / 1_000_000;
        return result;
    }

    private void fetch(
            Remote.Phase phase,
            Target target,
            byte[] digest,
            RemoteStats stats,
            AtomicReference<String> firstBad,
            AtomicReference<String> notStored) {
        if (phase.isOff()) {
            return;
        }
        long start = System.nanoTime();
        String id = target.id;
        String path = RemoteEntry.path(config.layout(), id, digest);
        Remote.Download download = phase.get(path, config.maxEntrySize());
        try {
            byte[] body = download == null ? null : download.bytes();
            if (body == null) {
                if (!phase.isOff()) {
                    stats.misses.incrementAndGet();
                }
                return;
            }
            RemoteEntry entry;
            try {
                if (body == Remote.OVERSIZED) {
                    throw new RemoteEntry.BadEntry(
                            "it is larger than remoteMaxEntrySize (" + config.maxEntrySize() + " bytes)");
                }
                entry = RemoteEntry.decode(body, id, digest, config.publicKey());
            } catch (RemoteEntry.BadEntry bad) {
                stats.bad.incrementAndGet();
                remote.refuse(path);
                firstBad.compareAndSet(null, id + "/" + Hex.of(digest).substring(0, 12) + ": " + bad.getMessage());
                return;
            }
            synchronized (target) {
                try {
                    target.folder().append(digest, entry.value(), entry.computeMicros());
                } catch (IOException | RuntimeException e) {
                    stats.misses.incrementAndGet();
                    notStored.compareAndSet(null, id + ": " + e.getMessage());
                    return;
                }
            }
            remote.know(path);
            stats.hits.incrementAndGet();
            stats.bytesIn.addAndGet(body.length);
        } finally {
            if (download != null) {
                download.close(); // its bytes are in the pack now, or dropped
            }
            stats.fetchNanos.addAndGet(System.nanoTime() - start);
        }
    }

    /**
     * A listed consumer's pack: opened at once when this cache already has the consumer, else (with its folder)
     * at the first entry that passes its checks, so a list naming consumers nobody here uses makes no folder.
     */
    private final class Target {
        final String id;
        private ConsumerFolder folder;

        Target(String id) {
            this.id = id;
        }

        /** The digests of the entries here already; none when the consumer has no folder yet. */
        List<byte[]> digestsHere() throws IOException {
            return CacheFiles.isRealFolder(layout.consumer(id))
                    ? folder().pack().digests()
                    : new ArrayList<>();
        }

        /** The consumer's folder, made at the first call. */
        synchronized ConsumerFolder folder() throws IOException {
            if (folder == null) {
                folder = new ConsumerFolder(CacheFiles.createDirectories(layout.root(), layout.consumer(id)), false);
            }
            return folder;
        }

        synchronized void close() {
            if (folder != null) {
                folder.close();
            }
        }
    }
}
