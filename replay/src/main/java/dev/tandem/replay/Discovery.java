package dev.tandem.replay;

import dev.tandem.cache.ProcessorCache;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import javax.annotation.processing.Processor;
import javax.lang.model.SourceVersion;
import javax.tools.Diagnostic;

/**
 * The processors of the processor path, found as javac finds them (ServiceLoader, in path order) and, as javac
 * does, each created and initialised only when a round first reaches it. Order matters: lombok-mapstruct-binding
 * tells MapStruct whether Lombok has been initialised, so MapStruct must not see Lombok's {@code init} before javac
 * would have run it. Initialising a processor also settles how it runs: replayed, or untouched and why.
 */
final class Discovery {
    private static final String SERVICES = "META-INF/services/javax.annotation.processing.Processor";

    private final Compilation compilation;
    private final Map<String, Kind> declared;
    private final Iterator<Processor> services;
    private final List<Delegate> delegates = new ArrayList<>();
    private boolean exhausted;

    Discovery(Compilation compilation, ClassLoader loader) {
        this.compilation = compilation;
        this.declared = Kind.declared(loader);
        this.services = ServiceLoader.load(Processor.class, loader).iterator();
    }

    /** Whether the processor path's service files name one of Lombok's processors (without loading any). */
    static boolean namesLombok(ClassLoader loader) {
        try {
            Enumeration<URL> files = loader.getResources(SERVICES);
            while (files.hasMoreElements()) {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (Product.isLombok(line.trim())) {
                            return true;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // javac reports a broken service file when it reaches it
        }
        return false;
    }

    /** The processors initialised so far, in path order. */
    List<Delegate> discovered() {
        return delegates;
    }

    /** Whether there is an {@code i}-th processor; finding it creates and initialises it. */
    boolean has(int i) {
        return i < delegates.size() || discoverNext();
    }

    Delegate get(int i) {
        return delegates.get(i);
    }

    private boolean discoverNext() {
        if (exhausted) {
            return false;
        }
        try {
            while (services.hasNext()) {
                Processor processor = services.next();
                if (!(processor instanceof ReplayProcessor)) {
                    delegates.add(initialise(processor));
                    return true;
                }
            }
        } catch (ServiceConfigurationError e) {
            // what javac itself reports when it discovers processors through a broken service file
            compilation
                    .env
                    .getMessager()
                    .printMessage(
                            Diagnostic.Kind.ERROR,
                            "Bad service configuration file, or exception thrown while constructing Processor"
                                    + " object: " + e.getMessage());
        }
        exhausted = true;
        return false;
    }

    /** javac's ProcessorState: init, the source version check, the supported types and options, read once. */
    private Delegate initialise(Processor processor) {
        Delegate delegate = new Delegate(
                processor, declared.getOrDefault(processor.getClass().getName(), Kind.UNKNOWN));
        String why = notReplayed(delegate);
        Replaying replaying = null;
        if (why == null) {
            String path = compilation.processorPath(delegate);
            ProcessorCache cache = path == null ? null : compilation.openCache(consumerId(delegate));
            if (path == null) {
                why = "an entry of the processor path cannot be read";
            } else if (cache == null) {
                why = compilation.off();
            } else {
                replaying = new Replaying(compilation, delegate, cache, compilation.context(delegate, path));
            }
        }
        processor.init(replaying != null ? replaying.environment() : compilation.env);
        warnAboutSourceVersion(delegate);
        delegate.readSupportedTypes();
        delegate.supportedOptions = processor.getSupportedOptions();
        if (replaying != null) {
            if (delegate.declared == Kind.DYNAMIC && !delegate.supportedOptions.contains(Kind.DYNAMIC_ISOLATING)) {
                why = "dynamic, not isolating with these options";
            } else if (delegate.supportsAll()) {
                why = "it processes every type (\"*\")";
            }
        }
        if (why == null) {
            delegate.strategy = replaying;
        } else {
            if (replaying != null) {
                replaying.abandon();
            }
            delegate.strategy = new PassThrough(delegate, why);
        }
        return delegate;
    }

    /** Why a processor runs untouched whatever its elements, from what it is; null when it may replay. */
    private String notReplayed(Delegate delegate) {
        if (Product.isLombok(delegate.className)) {
            return "it rewrites javac's trees in place";
        } else if (delegate.declared == Kind.AGGREGATING) {
            return "aggregating";
        } else if (delegate.declared == Kind.UNKNOWN) {
            return "not declared isolating";
        }
        return compilation.off();
    }

    /** javac's own warning, which it would give for the processor if it ran it directly. */
    private void warnAboutSourceVersion(Delegate delegate) {
        SourceVersion source = compilation.env.getSourceVersion();
        SourceVersion supported = delegate.processor.getSupportedSourceVersion();
        if (supported.compareTo(source) < 0) {
            compilation
                    .env
                    .getMessager()
                    .printMessage(
                            Diagnostic.Kind.WARNING,
                            "Supported source version '" + supported + "' from annotation processor '"
                                    + delegate.className + "' less than -source '"
                                    + source.name().substring("RELEASE_".length()) + "'");
        }
    }

    /** One consumer per processor: "replay-" and the class name, within the consumer id's alphabet and length. */
    static String consumerId(Delegate delegate) {
        String id = "replay-" + delegate.className.replaceAll("[^A-Za-z0-9._-]", "_");
        return id.length() <= 128 ? id : id.substring(0, 128);
    }

    /** Options no processor called in this compilation supports, as javac would list them. */
    static Set<String> unmatched(Set<String> given, List<Delegate> delegates) {
        Set<String> unmatched = new java.util.HashSet<>();
        unmatched.addAll(given);
        for (Delegate delegate : delegates) {
            if (delegate.contributed) {
                unmatched.removeAll(delegate.supportedOptions);
            }
        }
        return unmatched;
    }
}
