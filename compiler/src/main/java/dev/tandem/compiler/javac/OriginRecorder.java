package dev.tandem.compiler.javac;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * The one processor javac runs when {@code tandem-compiler} compiles with annotation processors: it runs the
 * module's processors as javac would (in order, each on the annotations it supports, claimed ones withheld from
 * the later ones, contributors called in every later round) and writes down, for every file they create through
 * the Filer, the top-level types of its originating elements. That is what lets a later compile run the processors
 * on the changed sources alone and know which generated files belong to which source.
 *
 * <p>It runs inside javac, loaded from the processor path with the module's processors, and uses nothing but the
 * JDK. Its settings come from {@value #SETTINGS} on the processor path (a folder Tandem puts first), not from
 * {@code -A} options, so that javac's command line keeps only the user's: {@code record}, the file to write, and
 * {@code processors}, the names of the processors to run (empty: every one javac would discover).
 *
 * <p>The record is written at the last round, one line per file: its absolute path, a tab, and the binary names of
 * the originating elements' top-level types separated by spaces ({@code -} for none, {@code package:p} for a
 * package).
 */
public final class OriginRecorder implements Processor {
    /** The settings' resource name on the processor path. */
    public static final String SETTINGS = "META-INF/tandem/compile-origins.properties";

    private final List<Delegate> delegates = new ArrayList<>();
    private final Map<String, Set<String>> files = new LinkedHashMap<>();
    private ProcessingEnvironment javac;
    private ProcessingEnvironment wrapped;
    private Path record;
    /** Where the types that feed the aggregating processors go ({@link #feeds}); null when there are none. */
    private Path seeds;
    /** The names of the processors declared aggregating: run with javac's own environment, or not at all. */
    private final Set<String> aggregatingNames = new LinkedHashSet<>();
    /** This compile is of some sources: the aggregating processors do not run, their files stay as they were. */
    private boolean skipAggregating;
    /** What the aggregating processors support, for {@link #feeds}. */
    private final List<Pattern> aggregatingPatterns = new ArrayList<>();
    /** One of them supports every annotation ({@code *}): every element feeds it. */
    private boolean feedsAll;
    /** The top-level types of this compile that feed an aggregating processor, by binary name; "*" for all. */
    private final Set<String> feeding = new TreeSet<>();
    /** Each annotation type met, by name: whether it is one the aggregating processors support, or meta-annotated so. */
    private final Map<String, Boolean> feedingAnnotations = new java.util.HashMap<>();

    /**
     * The options the module's processors support: javac asks once, after this processor's {@code init}, when they
     * are made but not yet initialised, and warns at the end of an option none supports, as it would without Tandem
     * (a warning fails a build with {@code -Werror}). A processor that cannot say before its {@code init} counts as
     * supporting every option given, so that javac never warns of one it reads.
     */
    @Override
    public Set<String> getSupportedOptions() {
        Set<String> options = new LinkedHashSet<>();
        for (Delegate delegate : delegates) {
            try {
                options.addAll(delegate.processor.getSupportedOptions());
            } catch (RuntimeException notYet) {
                return javac == null
                        ? Set.of()
                        : new LinkedHashSet<>(javac.getOptions().keySet());
            }
        }
        return options;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public void init(ProcessingEnvironment processingEnv) {
        this.javac = processingEnv;
        Properties settings = new Properties();
        ClassLoader loader = OriginRecorder.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(SETTINGS)) {
            if (in == null) {
                // loaded by a parent of javac's processor loader, it would find none of the module's processors
                processingEnv
                        .getMessager()
                        .printMessage(
                                Diagnostic.Kind.ERROR,
                                "Tandem compiler: " + OriginRecorder.class.getName() + " was loaded from " + loader
                                        + ", not from the processor path, and cannot see the module's processors;"
                                        + " compile with <compilerId>javac</compilerId>");
                return;
            }
            settings.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            processingEnv
                    .getMessager()
                    .printMessage(
                            Diagnostic.Kind.ERROR, "Tandem compiler: cannot read " + SETTINGS + ": " + unreadable);
            return;
        }
        String file = settings.getProperty("record", "");
        record = file.isEmpty() ? null : Paths.get(file);
        String seedsFile = settings.getProperty("seeds", "");
        seeds = seedsFile.isEmpty() ? null : Paths.get(seedsFile);
        for (String name : settings.getProperty("aggregating", "").split(",")) {
            if (!name.trim().isEmpty()) {
                aggregatingNames.add(name.trim());
            }
        }
        skipAggregating = Boolean.parseBoolean(settings.getProperty("skipAggregating", "false"));
        Filer filer = new RecordingFiler(processingEnv.getFiler(), this);
        // a proxy, so that every method (newer JDKs' too) and toString are javac's: MapStruct names the compiler
        // in its @Generated comment from the environment's class or text
        wrapped = (ProcessingEnvironment) Proxy.newProxyInstance(
                loader, new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getFiler":
                            return filer;
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        default:
                            try {
                                return method.invoke(processingEnv, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
        String names = settings.getProperty("processors", "").trim();
        try {
            if (names.isEmpty()) {
                for (Processor processor : ServiceLoader.load(Processor.class, loader)) {
                    delegates.add(new Delegate(processor));
                }
            } else {
                for (String name : names.split(",")) {
                    delegates.add(new Delegate((Processor) Class.forName(name.trim(), true, loader)
                            .getDeclaredConstructor()
                            .newInstance()));
                }
            }
        } catch (ReflectiveOperationException | java.util.ServiceConfigurationError | ClassCastException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "Bad annotation processor: " + e);
        }
        for (Delegate delegate : delegates) {
            if (aggregatingNames.contains(delegate.processor.getClass().getName())) {
                delegate.aggregating = true;
                try {
                    // asked before init, as javac does not: AbstractProcessor reads its annotation either way
                    aggregatingPatterns.addAll(Delegate.patterns(delegate.processor.getSupportedAnnotationTypes()));
                } catch (RuntimeException needsInit) {
                    aggregatingPatterns.add(Pattern.compile(".*")); // cannot tell: every source feeds it
                }
            }
        }
        for (Pattern pattern : aggregatingPatterns) {
            feedsAll |= pattern.pattern().equals(".*");
        }
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (round.processingOver()) {
            for (Delegate delegate : delegates) {
                if (delegate.contributed) {
                    delegate.processor.process(Set.of(), round);
                }
            }
            write();
            return false;
        }
        if (!aggregatingPatterns.isEmpty()) {
            for (Element root : round.getRootElements()) {
                if (feeds(root)) {
                    feeding.add(root instanceof TypeElement ? topLevel(root) : "package:" + root);
                }
            }
        }
        // javac's dispatch: each processor in turn gets the annotations it supports that no earlier one claimed;
        // "" stands for "no annotation at all", which "*" processors still match; one that ran runs every round
        Map<String, TypeElement> unmatched = new LinkedHashMap<>();
        for (TypeElement annotation : annotations) {
            unmatched.put(annotation.getQualifiedName().toString(), annotation);
        }
        if (unmatched.isEmpty()) {
            unmatched.put("", null);
        }
        for (Delegate delegate : delegates) {
            if (delegate.aggregating && skipAggregating) {
                continue; // a compile of some sources: what it wrote stays, and a source that would feed it is a seed
            }
            if (unmatched.isEmpty()) {
                if (delegate.contributed) {
                    delegate.processor.process(Set.of(), round);
                }
                continue;
            }
            if (!delegate.initialised) {
                // Lombok, and processors that write from many elements (Spring Boot's reads field initialisers through
                // javac's Trees), get javac's own environment; what the latter write is untraced, theirs as a whole
                delegate.init(
                        delegate.aggregating
                                        || delegate.processor
                                                .getClass()
                                                .getName()
                                                .startsWith("lombok.")
                                ? javac
                                : wrapped);
            }
            Set<String> matched = new LinkedHashSet<>();
            Set<TypeElement> types = new LinkedHashSet<>();
            for (Map.Entry<String, TypeElement> annotation : unmatched.entrySet()) {
                if (delegate.supports(annotation.getKey())) {
                    matched.add(annotation.getKey());
                    if (annotation.getValue() != null) {
                        types.add(annotation.getValue());
                    }
                }
            }
            if (!matched.isEmpty() || delegate.contributed) {
                boolean claimed = delegate.processor.process(types, round);
                delegate.contributed = true;
                if (claimed) {
                    unmatched.keySet().removeAll(matched);
                }
            }
        }
        // javac warns (-Xlint:processing) of the annotations no processor claimed: claimed for javac only when the
        // module's processors claimed them all, as Lombok claims its own
        unmatched.remove("");
        return unmatched.isEmpty();
    }

    /**
     * Whether a root element feeds an aggregating processor: it, a member, a parameter or a type parameter carries an
     * annotation the processor supports (a type's inherited ones count, as javac hands them to the processor), or
     * one meta-annotated with such, at any depth (Spring Boot finds endpoints so among all root elements).
     */
    private boolean feeds(Element element) {
        if (feedsAll) {
            feeding.add("*"); // it runs in every round, on every element
            return true;
        }
        List<? extends AnnotationMirror> annotations = element instanceof TypeElement
                ? javac.getElementUtils().getAllAnnotationMirrors(element)
                : element.getAnnotationMirrors();
        for (AnnotationMirror annotation : annotations) {
            if (feedingAnnotation((TypeElement) annotation.getAnnotationType().asElement())) {
                return true;
            }
        }
        List<Element> inner = new ArrayList<>(element.getEnclosedElements());
        if (element instanceof ExecutableElement) {
            inner.addAll(((ExecutableElement) element).getParameters());
            inner.addAll(((ExecutableElement) element).getTypeParameters());
        } else if (element instanceof TypeElement) {
            inner.addAll(((TypeElement) element).getTypeParameters());
        }
        for (Element e : inner) {
            if (!(element instanceof PackageElement) && feeds(e)) {
                return true;
            }
        }
        return false;
    }

    private boolean feedingAnnotation(TypeElement type) {
        String name = type.getQualifiedName().toString();
        Boolean known = feedingAnnotations.get(name);
        if (known == null) {
            known = feedingAnnotation(type, new java.util.HashSet<>());
            feedingAnnotations.put(name, known);
        }
        return known;
    }

    private boolean feedingAnnotation(TypeElement type, Set<String> seen) {
        String name = type.getQualifiedName().toString();
        for (Pattern pattern : aggregatingPatterns) {
            if (pattern.matcher(name).matches()) {
                return true;
            }
        }
        if (seen.add(name)) { // @Documented and @Retention are meta-annotated with themselves
            for (AnnotationMirror meta : type.getAnnotationMirrors()) {
                if (feedingAnnotation((TypeElement) meta.getAnnotationType().asElement(), seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public Iterable<? extends Completion> getCompletions(
            Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
        return List.of();
    }

    /** Notes a file a processor created, with its originating elements. */
    void created(FileObject file, Element[] origins) {
        URI uri = file.toUri();
        String path = "file".equals(uri.getScheme())
                ? Paths.get(uri).toAbsolutePath().normalize().toString()
                : uri.toString();
        Set<String> types = files.computeIfAbsent(path, p -> new TreeSet<>());
        for (Element origin : origins == null ? new Element[0] : origins) {
            types.add(topLevel(origin));
        }
    }

    private String topLevel(Element element) {
        Element top = element;
        for (Element e = element; e != null; e = e.getEnclosingElement()) {
            if (e instanceof PackageElement) {
                return top == e || !(top instanceof TypeElement)
                        ? "package:" + ((PackageElement) e).getQualifiedName()
                        : javac.getElementUtils()
                                .getBinaryName((TypeElement) top)
                                .toString();
            }
            if (e instanceof TypeElement) {
                top = e;
            }
        }
        return top instanceof TypeElement
                ? javac.getElementUtils().getBinaryName((TypeElement) top).toString()
                : "-";
    }

    /** Writes the record whole (a temporary file renamed over it): a reader never sees half of it. */
    private void write() {
        if (record == null) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Set<String>> file : files.entrySet()) {
            text.append(file.getKey())
                    .append('\t')
                    .append(file.getValue().isEmpty() ? "-" : String.join(" ", file.getValue()))
                    .append('\n');
        }
        writeWhole(record, text.toString());
        if (seeds != null) {
            writeWhole(seeds, feeding.isEmpty() ? "" : String.join("\n", feeding) + "\n");
        }
    }

    /** Writes a file whole (a temporary file renamed over it): a reader never sees half of it. */
    private void writeWhole(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temp); // a link left there goes, and is never written through
            Files.write(temp, text.getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.CREATE_NEW);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // without a record Tandem cannot tell what came from where, and compiles in full next time
            javac.getMessager()
                    .printMessage(Diagnostic.Kind.WARNING, "Tandem compiler: cannot write " + file + ": " + e);
        }
    }

    /** A processor of the module with javac's state for it. */
    private static final class Delegate {
        final Processor processor;
        boolean initialised;
        boolean contributed;
        /** Declared aggregating: run with javac's environment, and only in a compile of every source. */
        boolean aggregating;

        private final List<Pattern> patterns = new ArrayList<>();

        Delegate(Processor processor) {
            this.processor = processor;
        }

        /** Initialised when first reached, as javac does: a processor javac never reaches is never initialised. */
        void init(ProcessingEnvironment env) {
            initialised = true;
            processor.init(env);
            // javac's own warning, which it would give each processor it ran (and -Werror turns into an error)
            SourceVersion supported = processor.getSupportedSourceVersion();
            if (supported.compareTo(env.getSourceVersion()) < 0) {
                env.getMessager()
                        .printMessage(
                                Diagnostic.Kind.WARNING,
                                "Supported source version '" + supported + "' from annotation processor '"
                                        + processor.getClass().getName() + "' less than -source '"
                                        + env.getSourceVersion().name().replace("RELEASE_", "") + "'");
            }
            patterns.addAll(patterns(processor.getSupportedAnnotationTypes()));
        }

        /** javac's reading of supported annotation types: a module prefix dropped, {@code *} and {@code a.b.*}. */
        static List<Pattern> patterns(Set<String> supported) {
            List<Pattern> patterns = new ArrayList<>();
            for (String type : supported) {
                String name = type.indexOf('/') >= 0 ? type.substring(type.indexOf('/') + 1) : type;
                if (name.equals("*")) {
                    patterns.add(Pattern.compile(".*"));
                } else if (name.endsWith(".*")) {
                    patterns.add(Pattern.compile(Pattern.quote(name.substring(0, name.length() - 1)) + ".+"));
                } else {
                    patterns.add(Pattern.compile(Pattern.quote(name)));
                }
            }
            return patterns;
        }

        boolean supports(String annotation) {
            for (Pattern pattern : patterns) {
                if (pattern.matcher(annotation).matches()) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * javac's Filer, noting each file created. javac's own Filer is in a field named {@code delegate}, where
     * processors that need javac's classes look for it.
     */
    private static final class RecordingFiler implements Filer {
        private final Filer delegate;
        private final OriginRecorder recorder;

        RecordingFiler(Filer delegate, OriginRecorder recorder) {
            this.delegate = delegate;
            this.recorder = recorder;
        }

        @Override
        public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) throws IOException {
            JavaFileObject file = delegate.createSourceFile(name, originatingElements);
            recorder.created(file, originatingElements);
            return file;
        }

        @Override
        public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) throws IOException {
            JavaFileObject file = delegate.createClassFile(name, originatingElements);
            recorder.created(file, originatingElements);
            return file;
        }

        @Override
        public FileObject createResource(
                JavaFileManager.Location location,
                CharSequence moduleAndPkg,
                CharSequence relativeName,
                Element... originatingElements)
                throws IOException {
            FileObject file = delegate.createResource(location, moduleAndPkg, relativeName, originatingElements);
            recorder.created(file, originatingElements);
            return file;
        }

        @Override
        public FileObject getResource(
                JavaFileManager.Location location, CharSequence moduleAndPkg, CharSequence relativeName)
                throws IOException {
            return delegate.getResource(location, moduleAndPkg, relativeName);
        }
    }
}
