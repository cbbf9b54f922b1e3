package dev.tandem.cache;

import dev.tandem.cache.internal.BuildRecord;
import dev.tandem.cache.internal.CacheFiles;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.CacheStats;
import dev.tandem.cache.internal.CodeIdentity;
import dev.tandem.cache.internal.ConsumerFolder;
import dev.tandem.cache.internal.ConsumerId;
import dev.tandem.cache.internal.ConsumerLock;
import dev.tandem.cache.internal.CorruptCacheFileException;
import dev.tandem.cache.internal.EntryPack;
import dev.tandem.cache.internal.InputIndex;
import dev.tandem.cache.internal.TrackedInputs;
import dev.tandem.cache.internal.UsedKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * A processor's or plugin's private, managed cache inside the build directory: a key/value store of bytes with
 * atomic, checksummed writes and locking, a scratch directory, and the input checksums {@code tandem:prepare}
 * computed once for the whole build.
 *
 * <pre>{@code
 * // in an annotation processor (add ProcessorCache.OPTION to getSupportedOptions())
 * ProcessorCache cache = ProcessorCache.open(processingEnv, "com.acme.sqlgen");
 * CacheKey key = cache.newKey().add("schema-v3").addFile(sqlFile).add(typeName).build();
 * byte[] generated = cache.computeIfAbsent(key, () -> expensiveGenerate(sqlFile, typeName));
 * cache.close(); // at the last round: flushes the statistics
 *
 * // in a Maven plugin or any build tool
 * ProcessorCache cache = ProcessorCache.open(buildDirectory.resolve("tandem"), "my-plugin");
 * }</pre>
 *
 * <p>A processor never fails because of Tandem: when the cache cannot be found, read or written, it disables
 * itself with one note or warning, every look-up misses and {@link #computeIfAbsent} just computes.
 */
public final class ProcessorCache implements AutoCloseable {
    /** The javac option naming the cache root: {@code -Atandem.cacheDirectory=${tandem.cacheDirectory}}. */
    public static final String OPTION = "tandem.cacheDirectory";

    /** Open caches of this class loader: javac makes one per compilation, so one compilation shares instances. */
    private static final ConcurrentMap<String, ProcessorCache> OPEN = new ConcurrentHashMap<>();

    private final String id;
    private final String consumerVersion;
    private final Path root;
    private final Path directory;
    /** The consumer's folder, which owns its pack and lock; null when the cache is off from the start. */
    private final ConsumerFolder folder;

    private final Consumer<String> warnings;
    private final Inputs inputs;
    private final int build;
    private final AtomicInteger openCount = new AtomicInteger(1);
    private final ConcurrentMap<ByteBuffer, Object> keyLocks = new ConcurrentHashMap<>();
    private final Set<ByteBuffer> used = ConcurrentHashMap.newKeySet();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder computeNanos = new LongAdder();
    private final LongAdder savedNanos = new LongAdder();
    private volatile String disabled;
    /** Whether the consumer's folders were found real (no link) and usable at open: only then is there scratch. */
    private final boolean foldersUsable;

    private final List<String> damagedAtOpen = new ArrayList<>();

    private ProcessorCache(
            String id,
            String consumerVersion,
            Path root,
            Consumer<String> warnings,
            InputIndex index,
            int build,
            int lastBuild,
            String disabled) {
        this.id = id;
        this.consumerVersion = consumerVersion;
        this.root = root;
        this.directory = root == null ? null : new CacheLayout(root).consumer(id);
        this.folder = directory == null ? null : new ConsumerFolder(directory, true);
        this.warnings = warnings;
        this.inputs = new Inputs(index, lastBuild, warnings);
        this.build = build;
        this.disabled = disabled;
        this.foldersUsable = root != null && disabled == null;
    }

    /**
     * Opens the cache of consumer {@code id} for an annotation processor. The cache root is the
     * {@value #OPTION} option if given, else derived from the class output ({@code target/classes} gives {@code
     * target/tandem}); without either the cache is disabled. The processor's version, which every key includes,
     * is the content of the jar (or class folder) the caller was loaded from, never its path or time: the same
     * jar on two machines gives the same keys.
     *
     * @throws IllegalArgumentException for an id outside {@code [A-Za-z0-9._-]{1,128}}
     */
    public static ProcessorCache open(ProcessingEnvironment env, String id) {
        Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .getCallerClass();
        return open(env, id, versionOf(caller));
    }

    /** As {@link #open(ProcessingEnvironment, String)}, with the processor's version declared. */
    public static ProcessorCache open(ProcessingEnvironment env, String id, String version) {
        ConsumerId.check(id);
        Consumer<String> warn = new MessagerWarnings(env.getMessager());
        Path root = locate(env);
        if (root == null) {
            env.getMessager()
                    .printMessage(
                            Diagnostic.Kind.NOTE,
                            "Tandem cache for " + id + " is off: no -A" + OPTION + " and the class output is not a"
                                    + " directory; every look-up computes.");
            return disabled(id, version, warn, "no cache directory");
        }
        return open(root, id, version, warn);
    }

    /** Opens the cache of consumer {@code id} under a cache root, for a Maven plugin or any other tool. */
    public static ProcessorCache open(Path root, String id) {
        Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .getCallerClass();
        return open(root, id, versionOf(caller), new StandardErrorWarnings());
    }

    /** As {@link #open(Path, String)}, with the consumer's version declared and warnings sent to {@code warnings}. */
    public static ProcessorCache open(Path root, String id, String version, Consumer<String> warnings) {
        ConsumerId.check(id);
        Path normalized = root.toAbsolutePath().normalize();
        String name = normalized + "\0" + id + "\0" + version;
        while (true) {
            ProcessorCache existing = OPEN.get(name);
            if (existing != null) {
                if (existing.reopen()) {
                    return existing;
                }
                OPEN.remove(name, existing);
                continue;
            }
            ProcessorCache created = create(normalized, id, version, warnings);
            if (OPEN.putIfAbsent(name, created) == null) {
                return created;
            }
            created.inputs.close(); // another thread opened it first: its index file need not stay open
        }
    }

    private static ProcessorCache create(Path root, String id, String version, Consumer<String> warnings) {
        CacheLayout layout = new CacheLayout(root);
        Path consumer = layout.consumer(id);
        String disabled = null;
        try {
            CacheFiles.createDirectories(root, CacheLayout.files(consumer));
        } catch (CacheFiles.LinkInCacheException e) {
            disabled = e.getMessage();
            warnings.accept("Tandem cache for " + id + " is off: " + disabled + " Every look-up computes.");
        } catch (IOException | SecurityException e) {
            disabled = "cannot create " + consumer + " (" + e + ")";
            warnings.accept("Tandem cache for " + id + " is off: " + disabled + "; every look-up computes.");
        }
        InputIndex index = null;
        try {
            index = InputIndex.openForLookups(layout.inputIndex());
        } catch (IOException e) {
            if (disabled == null) { // one warning per cache: an unusable cache has had its own
                warnings.accept(e.getMessage() + "; Tandem hashes the files it is asked about itself.");
            }
        }
        int build = index != null ? index.buildNumber() : BuildRecord.lastBuild(layout.buildInfo(), null);
        if (index == null) {
            Path target = root.getParent();
            index = InputIndex.empty(target == null || target.getParent() == null ? root : target.getParent());
        }
        Path properties = CacheLayout.consumerProperties(consumer);
        Properties read = disabled != null ? new Properties() : ConsumerFolder.readRecordOrNull(properties);
        boolean damaged = read == null;
        Properties state = damaged ? new Properties() : read;
        int lastBuild = ConsumerFolder.lastBuild(state);
        if (lastBuild > build) {
            lastBuild = 0; // the index is older than this consumer's state (built without prepare): all changed
        }
        ProcessorCache cache = new ProcessorCache(id, version, root, warnings, index, build, lastBuild, disabled);
        if (damaged) {
            warnings.accept("Tandem cache for " + id + ": " + properties
                    + (CacheFiles.isLink(properties)
                            ? " is a symbolic link, which Tandem never follows; its build state is reset,"
                            : " is damaged; its build state is reset,")
                    + " so every input counts as changed since its last build (entries are checked one by one and"
                    + " stay). It is rewritten at the end of this compilation.");
        } else if (ConsumerFolder.ownedByAnother(state, id)) {
            cache.damagedAtOpen.add(properties.getFileName().toString()); // rewritten whole at close
        }
        return cache;
    }

    private static ProcessorCache disabled(String id, String version, Consumer<String> warn, String why) {
        return new ProcessorCache(
                id, version, null, warn, InputIndex.empty(Paths.get("").toAbsolutePath()), 0, 0, why);
    }

    /**
     * The cache root a compilation uses: the {@value #OPTION} option if given, else {@code tandem} next to the class
     * output folder; null when neither is there (an IDE compiling into memory, another compiler).
     */
    public static Path root(ProcessingEnvironment env) {
        return locate(env);
    }

    static Path locate(ProcessingEnvironment env) {
        String option = env.getOptions().get(OPTION);
        if (option != null && !option.trim().isEmpty() && !option.contains("${")) {
            return Paths.get(option.trim());
        }
        try {
            FileObject probe = env.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", "tandem.probe");
            URI uri = probe.toUri();
            if (!"file".equals(uri.getScheme())) {
                return null;
            }
            Path classes = Paths.get(uri).getParent();
            return classes == null || classes.getParent() == null
                    ? null
                    : classes.getParent().resolve("tandem");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The caller's code identity: a digest of its jar's central directory or its class folder's files, never a path
     * or a time, so keys agree between machines (and a remote cache can share them).
     */
    static String versionOf(Class<?> type) {
        try {
            return CodeIdentity.of(Paths.get(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** One more opening of a cache still open; false once its last opening closed it. */
    private boolean reopen() {
        for (int n = openCount.get(); n > 0; n = openCount.get()) {
            if (openCount.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Starts a key; it already holds this consumer's id and version. */
    public CacheKey.Builder newKey() {
        return new CacheKey.Builder(id, consumerVersion, inputs);
    }

    /** The value stored under {@code key}, if any; a damaged entry is a miss and is dropped. */
    public Optional<byte[]> get(CacheKey key) {
        EntryPack.Value value = read(key);
        if (value == null) {
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(value.bytes());
    }

    /** Stores {@code value} under {@code key}, replacing any earlier value. */
    public void put(CacheKey key, byte[] value) {
        write(key, value.clone(), 0);
    }

    /**
     * Stores {@code value} under {@code key} with the time it took to compute, which {@code tandem:status} reports
     * as computing time now and as time saved by every later hit.
     */
    public void put(CacheKey key, byte[] value, long computeNanos) {
        computeNanos = Math.max(0, computeNanos);
        this.computeNanos.add(computeNanos);
        write(key, value.clone(), (int) Math.min(Integer.MAX_VALUE, computeNanos / 1000));
    }

    /**
     * The value under {@code key}, computing and storing it on a miss. Among the threads of one compilation a key
     * is computed once; among JVMs at most once where the file system has locks.
     *
     * @param compute must not return {@code null}
     */
    public byte[] computeIfAbsent(CacheKey key, Supplier<byte[]> compute) {
        EntryPack.Value cached = read(key);
        if (cached != null) {
            hits.increment();
            return cached.bytes();
        }
        ByteBuffer digest = ByteBuffer.wrap(key.digest());
        Object keyLock = keyLocks.get(digest);
        if (keyLock == null) {
            Object fresh = new Object();
            Object raced = keyLocks.putIfAbsent(digest, fresh);
            keyLock = raced != null ? raced : fresh;
        }
        synchronized (keyLock) {
            ConsumerLock lock = lockKey(key);
            try {
                return readOrCompute(key, compute);
            } finally {
                release(lock);
            }
        }
    }

    /** {@link #computeIfAbsent} under the key's locks. */
    private byte[] readOrCompute(CacheKey key, Supplier<byte[]> compute) {
        EntryPack.Value cached = read(key);
        if (cached != null) {
            hits.increment();
            return cached.bytes();
        }
        misses.increment();
        long start = System.nanoTime();
        byte[] value = compute.get();
        if (value == null) {
            throw new NullPointerException("computeIfAbsent: the computation for key " + key + " of " + id
                    + " returned null; return an empty array for 'nothing'");
        }
        long took = System.nanoTime() - start;
        computeNanos.add(took);
        write(key, value, (int) Math.min(Integer.MAX_VALUE, took / 1000));
        return value;
    }

    private void release(ConsumerLock lock) {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                disable("cannot unlock " + CacheLayout.lock(directory) + " (" + e + ")");
            }
        }
    }

    private ConsumerLock lockKey(CacheKey key) {
        if (disabled != null) {
            return null;
        }
        try {
            long range = 1 + (ByteBuffer.wrap(key.digest()).getInt() & 0xfffffL);
            return ConsumerLock.acquire(CacheLayout.lock(directory), range);
        } catch (IOException | RuntimeException e) {
            disable("cannot lock " + CacheLayout.lock(directory) + " (" + describe(e) + ")");
            return null;
        }
    }

    private EntryPack.Value read(CacheKey key) {
        if (disabled != null) {
            return null;
        }
        used.add(ByteBuffer.wrap(key.digest()));
        try {
            EntryPack.Value value = folder.pack().get(key.digest());
            if (value != null) {
                bytesRead.add(value.bytes().length);
                savedNanos.add(value.computeMicros() * 1000L);
            }
            return value;
        } catch (IOException | RuntimeException e) {
            disable("cannot read " + CacheLayout.pack(directory) + " (" + describe(e) + ")");
            return null;
        }
    }

    private void write(CacheKey key, byte[] value, int computeMicros) {
        if (disabled != null) {
            return;
        }
        used.add(ByteBuffer.wrap(key.digest()));
        try {
            bytesWritten.add(folder.append(key.digest(), value, computeMicros));
        } catch (IOException | RuntimeException e) {
            disable("cannot write " + CacheLayout.pack(directory) + " (" + describe(e) + ")");
        }
    }

    /** Tandem's own exceptions say what and where in their message; others are shown with their class. */
    private static String describe(Throwable e) {
        return e instanceof CacheFiles.LinkInCacheException || e instanceof CorruptCacheFileException
                ? e.getMessage()
                : e.toString();
    }

    private void disable(String why) {
        if (disabled == null) {
            disabled = why;
            warnings.accept("Tandem cache for " + id + " is off for the rest of this compilation: " + why
                    + "; every look-up computes, the output is unaffected.");
        }
    }

    /** The input checksums of this build. */
    public Inputs inputs() {
        return inputs;
    }

    /**
     * The consumer's private scratch directory, stable across builds, removed by {@code mvn clean}; {@code null}
     * when the cache was off from the start (no cache directory, or its folders could not be made or were links).
     */
    public Path directory() {
        return foldersUsable ? CacheLayout.files(directory) : null;
    }

    /** Whether entries are read and written; false after a failure disabled the cache. */
    public boolean isEnabled() {
        return disabled == null;
    }

    /**
     * Releases this opening; the last one writes the statistics, tracked inputs and used keys, then closes the
     * files. Call it at the last round of processing.
     */
    @Override
    public void close() {
        if (openCount.decrementAndGet() > 0) {
            return;
        }
        OPEN.values().remove(this);
        try {
            if (root != null && disabled == null) {
                flush(); // a cache that turned itself off has said so once, and writes nothing more
            }
        } catch (IOException | RuntimeException e) {
            warnings.accept("Tandem cache for " + id + " could not save its statistics (" + describe(e) + ")");
        } finally {
            inputs.close();
            if (folder != null) {
                folder.close();
                folder.closeLockChannel();
            }
        }
    }

    private void flush() throws IOException {
        CacheFiles.createDirectories(root, directory);
        List<String> damaged = new ArrayList<>(damagedAtOpen);
        // a call alone in the try block: each compilation's fresh class loader verifies every instruction of a try
        // block against each of its handlers
        try (ConsumerLock ignored = folder.lock()) {
            writeState(damaged);
        }
        EntryPack pack = folder.packIfOpen();
        int corrupt = pack == null ? 0 : pack.corruptCount();
        if (corrupt > 0 || !damaged.isEmpty()) {
            warnings.accept("Tandem cache for " + id + " found damage and repaired it: "
                    + (corrupt > 0
                            ? "damage in " + CacheLayout.pack(directory).getFileName() + " (" + corrupt
                                    + ") dropped and recomputed"
                            : "")
                    + (corrupt > 0 && !damaged.isEmpty() ? "; " : "")
                    + (damaged.isEmpty() ? "" : "rebuilt " + String.join(", ", damaged))
                    + ". The output is unaffected; if it recurs, check the disk.");
        }
    }

    /** Statistics, tracked inputs, used keys and the consumer's state, under the consumer's lock. */
    private void writeState(List<String> damaged) throws IOException {
        Path statsFile = CacheLayout.stats(directory);
        EntryPack pack = folder.packIfOpen();
        CacheStats now = new CacheStats(
                build,
                hits.sum(),
                misses.sum(),
                pack == null ? 0 : pack.corruptCount(),
                bytesRead.sum(),
                bytesWritten.sum(),
                computeNanos.sum(),
                savedNanos.sum());
        Consumer<String> damage = new AddTo(damaged);
        CacheStats before = CacheStats.read(statsFile, damage);
        // compile and testCompile of one build add up; without tandem:prepare there is no build number (0),
        // and each compilation's statistics stand alone
        boolean sameBuild = build > 0 && before != null && before.build() == build;
        (sameBuild ? before.plus(now) : now).write(statsFile);

        Map<String, String> tracked = new TreeMap<>(TrackedInputs.read(CacheLayout.tracked(directory), damage));
        tracked.putAll(inputs.tracked());
        TrackedInputs.write(CacheLayout.tracked(directory), tracked);

        List<byte[]> digests = new ArrayList<>();
        for (ByteBuffer digest : used) {
            digests.add(digest.array());
        }
        UsedKeys.record(CacheLayout.used(directory), digests, build, damage);

        ConsumerFolder.writeRecord(CacheLayout.consumerProperties(directory), id, build, consumerVersion);
    }

    /*
     * Named classes and plain loops where a lambda would do: each lambda's call site spins a class of its own the
     * first time it runs, in every compilation's fresh class loader (about 30 µs more than loading a named class).
     */

    /** A processor's warnings, through javac's messager. */
    private static final class MessagerWarnings implements Consumer<String> {
        private final Messager messager;

        MessagerWarnings(Messager messager) {
            this.messager = messager;
        }

        @Override
        public void accept(String message) {
            messager.printMessage(Diagnostic.Kind.WARNING, message);
        }
    }

    /** A tool's warnings, on standard error as Maven shows them. */
    private static final class StandardErrorWarnings implements Consumer<String> {
        @Override
        public void accept(String message) {
            System.err.println("[WARNING] " + message);
        }
    }

    /** The names of damaged files, collected while the state is written. */
    private static final class AddTo implements Consumer<String> {
        private final List<String> names;

        AddTo(List<String> names) {
            this.names = names;
        }

        @Override
        public void accept(String name) {
            names.add(name);
        }
    }

    @Override
    public String toString() {
        return "ProcessorCache[" + id + (disabled == null ? " at " + directory : ", off: " + disabled) + "]";
    }
}
