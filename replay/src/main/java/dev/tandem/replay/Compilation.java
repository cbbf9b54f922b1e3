package dev.tandem.replay;

import com.sun.source.util.Trees;
import dev.tandem.cache.ProcessorCache;
import dev.tandem.cache.internal.CacheFiles;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.ClassPathRecord;
import dev.tandem.cache.internal.Sha256;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import javax.annotation.processing.ProcessingEnvironment;
import javax.tools.Diagnostic;
import javax.tools.StandardLocation;

/**
 * What the processors replayed in one compilation share: javac's environment, the element-graph digests and
 * look-up states of the current round, the files replayed so far, the identity of the processor path, and the
 * reason replay is off for every processor, if it is. Created lazily, with the first processor that replays.
 */
final class Compilation {
    static final String KEY_VERSION = "tandem-replay-2";

    final ProcessingEnvironment env;
    final boolean debug;
    final Replayed replayed = new Replayed();
    /** The processor path has Lombok on it: lombok.config files are inputs of every source. */
    final boolean lombok;
    /** What this compilation reads and writes beyond its sources, for the execution's compile record; or null. */
    final Outputs outputs;

    private final Trees trees;
    /** Why nothing replays in this compilation (a skip switch, not javac, no cache directory); null while it can. */
    private String off;

    private Signatures signatures;
    private Lookups lookups;
    /** The first cache opened: its input index answers for source checksums. */
    private ProcessorCache indexSource;

    private final ProcessorPath processorPath;
    /** The class output folder; null when it is not a folder (an IDE compiling into memory). */
    private Path classOutput;
    /**
     * What the context says of the class path's jars: their identity from tandem:prepare's record of this build, or
     * that their classes are walked (no record, or one that is not this build's).
     */
    private String classPath = "walked";
    /** Time spent deciding, replaying and storing, not in the processors. */
    long ownNanos;
    /** Parts of {@link #ownNanos}, for the debug line: keys (reach and entry), look-ups checked, files written, storing. */
    long keyNanos, lookupNanos, writeNanos, storeNanos;

    Compilation(ProcessingEnvironment env, boolean debug, String off, boolean lombok) {
        this.env = env;
        this.debug = debug;
        this.lombok = lombok;
        Trees found = null;
        if (off == null) {
            try {
                found = Trees.instance(env);
            } catch (RuntimeException | LinkageError notJavac) {
                off = "the compiler is not javac";
            }
        }
        this.trees = found;
        this.off = off != null ? off : switchLeftByPrepare(env);
        this.processorPath = new ProcessorPath(ReplayProcessor.class.getClassLoader(), outputFolders(env));
        this.outputs = off == null && classOutput != null ? Outputs.listen(env, lombok, classOutput) : null;
    }

    /**
     * The skip switch tandem:prepare left for this build, as the user typed it ({@code -Dtandem.skip}): a forked javac
     * never sees the build's properties. Null when none is on. A switch file that cannot be read still turns replay
     * off: when in doubt, run the processor.
     */
    static String switchLeftByPrepare(ProcessingEnvironment env) {
        Path root = ProcessorCache.root(env);
        if (root == null) {
            return null;
        }
        Path file = new CacheLayout(root.toAbsolutePath().normalize()).skipSwitch();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return null; // the common case: one stat
        }
        try {
            String typed = new String(CacheFiles.readSmall(file), StandardCharsets.UTF_8).trim();
            return typed.isEmpty() || typed.length() > 80 ? "a skip switch left by tandem:prepare" : typed;
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException | RuntimeException unreadable) {
            return "a skip switch left by tandem:prepare";
        }
    }

    /** The folders this compilation writes into, where javac's Filer says they are. */
    private Set<Path> outputFolders(ProcessingEnvironment env) {
        Set<Path> folders = new HashSet<>();
        for (StandardLocation location :
                new StandardLocation[] {StandardLocation.CLASS_OUTPUT, StandardLocation.SOURCE_OUTPUT}) {
            try {
                URI uri =
                        env.getFiler().getResource(location, "", "tandem.probe").toUri();
                if ("file".equals(uri.getScheme())) {
                    Path folder = Paths.get(uri).getParent().toAbsolutePath().normalize();
                    folders.add(folder);
                    if (location == StandardLocation.CLASS_OUTPUT) {
                        classOutput = folder;
                    }
                }
            } catch (IOException | RuntimeException notThere) {
                // no such output: nothing to leave out
            }
        }
        return folders;
    }

    /** Why no processor replays in this compilation; null while they can. */
    String off() {
        return off;
    }

    /**
     * The cache of a processor about to replay; null, with {@link #off()} saying why, when the cache cannot be
     * used (then nothing in this compilation replays).
     */
    ProcessorCache openCache(String consumerId) {
        if (off != null) {
            return null;
        }
        ProcessorCache cache = ProcessorCache.open(env, consumerId, KEY_VERSION);
        if (cache.directory() == null) {
            cache.close();
            off = "no cache directory";
            return null;
        }
        if (indexSource == null) {
            indexSource = cache;
            ProcessorCache index = cache;
            signatures = new Signatures(
                    trees,
                    env.getElementUtils(),
                    env.getFiler(),
                    new Function<Path, String>() {
                        @Override
                        public String apply(Path file) {
                            Optional<String> sha = index.inputs().sha256(file);
                            return sha.orElse(null);
                        }
                    },
                    lombok);
            lookups = new Lookups(env.getElementUtils(), signatures, env.getFiler());
            readClassPath(cache);
        }
        return cache;
    }

    private void readClassPath(ProcessorCache index) {
        Path classes = classOutput;
        Path root = ProcessorCache.root(env);
        if (classes == null || root == null) {
            debug("Tandem replay: the class path's jars are walked: the class output is not a folder");
            return;
        }
        Path file = new CacheLayout(root.toAbsolutePath().normalize()).classPathRecord(classes);
        ClassPathRecord record = ClassPathRecord.read(file);
        if (record == null) {
            debug("Tandem replay: the class path's jars are walked: tandem:prepare left no record of them in " + file);
            return;
        }
        String stale = record.staleBecause(new Function<Path, String>() {
            @Override
            public String apply(Path pom) {
                Optional<String> sha = index.inputs().sha256(pom);
                return sha.isPresent() ? sha.get() : Sha256.hexOrMissing(pom);
            }
        });
        if (stale != null) {
            debug("Tandem replay: the class path's jars are walked: " + stale);
            return;
        }
        List<Path> folders = new ArrayList<>();
        for (String folder : record.folders) {
            folders.add(Paths.get(folder));
        }
        signatures.classPathFolders(folders);
        classPath = record.identity();
        debug("Tandem replay: the class path's " + record.jars.size() + " jars are keyed as one, its " + folders.size()
                + " folders class by class");
    }

    Signatures signatures() {
        return signatures;
    }

    Lookups lookups() {
        return lookups;
    }

    Trees trees() {
        return trees;
    }

    /** javac has made new elements for a new round: forget this round's graph and look-up states. */
    void newRound() {
        if (signatures != null) {
            signatures.newRound();
            lookups.newRound();
        }
    }

    /** The contents of the processor path, digested once per compilation; null when an entry cannot be read. */
    String processorPath(Delegate delegate) {
        return processorPath.of(delegate.processor.getClass());
    }

    /** Everything besides the element that a processor's output may depend on. */
    String context(Delegate delegate, String processorPath) {
        StringBuilder context = new StringBuilder(KEY_VERSION)
                .append("\nprocessor ")
                .append(delegate.className)
                .append("\nprocessor path ")
                .append(processorPath)
                .append("\nsource ")
                .append(env.getSourceVersion())
                .append("\njava ")
                .append(Runtime.version())
                .append(' ')
                .append(System.getProperty("java.vendor"))
                .append("\nlocale ")
                .append(env.getLocale() == null ? Locale.getDefault() : env.getLocale())
                .append("\npreview ")
                .append(previewEnabled())
                .append("\nclass path jars ")
                .append(classPath);
        if (this.processorPath.outputOnPath()) {
            // the processors' class loader sees the resources copied into the class output: key them too
            context.append("\nresources ").append(indexSource.inputs().digestOf("src/*/resources/**"));
        }
        Map<String, String> options = new TreeMap<>(env.getOptions());
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (!option.getKey().startsWith("tandem.")) { // the cache directory is an absolute path, not an input
                context.append("\n-A").append(option.getKey()).append('=').append(option.getValue());
            }
        }
        return context.toString();
    }

    /** {@code ProcessingEnvironment.isPreviewEnabled()}, which Java 11's API lacks: preview features change the model. */
    private String previewEnabled() {
        try {
            return String.valueOf(env.getClass().getMethod("isPreviewEnabled").invoke(env));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The options given that only processors, not Tandem, could read. */
    Set<String> ownerlessOptions() {
        Set<String> options = new HashSet<>(env.getOptions().keySet());
        options.removeAll(ReplayProcessor.ownOptions());
        return options;
    }

    void note(String message) {
        env.getMessager().printMessage(Diagnostic.Kind.NOTE, message);
    }

    void debug(String message) {
        if (debug) {
            note(message);
        }
    }
}
