package dev.tandem.compiler;

import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.ConsumerLock;
import dev.tandem.cache.internal.FolderHandles;
import dev.tandem.cache.internal.Sha256;
import dev.tandem.cache.internal.TrackedInputs;
import dev.tandem.compiler.javac.OriginRecorder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.codehaus.plexus.compiler.Compiler;
import org.codehaus.plexus.compiler.CompilerConfiguration;
import org.codehaus.plexus.compiler.CompilerException;
import org.codehaus.plexus.compiler.CompilerMessage;
import org.codehaus.plexus.compiler.CompilerResult;

/** One compile execution of one module: its sources, its folders, and the configuration the plugin made. */
final class CompileExecution {
    /** javac's options for processors and plugins that the plugin's own parameters do not set. */
    private static final List<String> FOREIGN_OPTIONS =
            List.of("-processorpath", "--processor-path", "--processor-module-path", "-Xplugin", "-processor");

    /** javac's options whose value is a path that is a set-up part of its own (or none: it is where output goes). */
    private static final Set<String> PATH_OPTIONS = Set.of(
            "-classpath", "-cp", "--class-path", "-processorpath", "--processor-path", "-sourcepath", "--source-path");

    final CompilerConfiguration configuration;
    final Path output;
    final Path home;
    final Path classes;
    /** Where processors write in Tandem's compiles: published to {@link #generated} after each success. */
    final Path generatedHome;
    /** Where the recorder writes the compiled types that feed the aggregating processors, in each run of javac. */
    final Path seeds;
    /** The plugin's output's resources, which Tandem lends the processors in its compiles. */
    final ClassOutputResources resources;
    /** Where the recorder writes the origins of what processors wrote, in each run of javac. */
    final Path origins;
    /** The recorder's settings, first on its processor path: written anew for each compile. */
    private final Path recorderFolder;
    /** Kept when a processor failed under the recorder and javac alone passed: {@link #recorderFailedBefore()}. */
    private final Path recorderFailed;

    final Path stateFile;
    final Map<String, Path> sources = new TreeMap<>();
    /** The files besides sources the output depends on, with their digests ({@link #keepInputs}). */
    private final Map<String, String> inputs = new TreeMap<>();

    private final Set<File> sourceFiles;
    private final List<String> sourceLocations;
    private final List<String> classpath;
    private final String proc;
    private final List<String> processorPath;
    private final String[] processorNames;
    private final File generatedFolder;
    /** Where processors write sources (the plugin's generated sources folder), or null. */
    final Path generated;

    private String outside;
    /** A path relative to its root that two roots have (javac says "duplicate class"), or null. */
    private String twice;

    CompileExecution(CompilerConfiguration configuration) {
        this.configuration = configuration;
        this.output =
                Paths.get(configuration.getOutputLocation()).toAbsolutePath().normalize();
        File build = configuration.getBuildDirectory();
        Path target = build != null ? build.toPath().toAbsolutePath() : output.getParent();
        // one folder per output and set of source roots: two executions that compile different sources into one
        // output must not take each other's sources for deleted ones
        List<String> rootNames = new ArrayList<>();
        for (String location : configuration.getSourceLocations()) {
            rootNames.add(Paths.get(location).toAbsolutePath().normalize().toString());
        }
        java.util.Collections.sort(rootNames);
        String execution = ClassAnalysis.sha256((output + "\n" + String.join("\n", rootNames))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .substring(0, 8);
        this.home = CacheLayout.compilerHomes(target).resolve(output.getFileName() + "-" + execution);
        this.classes = home.resolve("classes");
        this.stateFile = home.resolve("compile.state");
        this.generatedHome = home.resolve("generated");
        this.origins = home.resolve("origins");
        this.recorderFolder = home.resolve("recorder");
        this.recorderFailed = home.resolve("recorder-failed");
        this.seeds = home.resolve("seeds");
        this.resources = new ClassOutputResources(output, classes, home);
        this.sourceFiles = configuration.getSourceFiles();
        this.sourceLocations = configuration.getSourceLocations();
        this.classpath = configuration.getClasspathEntries();
        this.proc = configuration.getProc();
        this.processorPath = configuration.getProcessorPathEntries();
        this.processorNames = configuration.getAnnotationProcessors();
        List<Path> roots = new ArrayList<>();
        for (String location : sourceLocations) {
            roots.add(Paths.get(location).toAbsolutePath().normalize());
        }
        this.generatedFolder = configuration.getGeneratedSourcesDirectory();
        Path generatedRoot = generatedFolder == null
                ? null
                : generatedFolder.toPath().toAbsolutePath().normalize();
        this.generated = generatedRoot;
        for (File file : sourceFiles) {
            Path source = file.toPath().toAbsolutePath().normalize();
            if (generatedRoot != null && source.startsWith(generatedRoot)) {
                continue; // written by the processors of this very compile (plugins before 3.12 list them)
            }
            Path root = null;
            for (Path candidate : roots) {
                if (source.startsWith(candidate) && (root == null || candidate.startsWith(root))) {
                    root = candidate;
                }
            }
            if (root == null) {
                outside = source.toString();
                continue;
            }
            Path was = sources.putIfAbsent(root.relativize(source).toString().replace('\\', '/'), source);
            if (was != null && !was.equals(source)) {
                twice = was + " and " + source;
            }
        }
    }

    /** Why this compile is left to javac whole, or null. */
    String cannotBeIncremental() {
        if (twice != null) {
            return "two source roots have a source at the same path (" + twice + ")";
        }
        if (outside != null) {
            return "the source " + outside + " is in none of the source roots";
        }
        for (String source : sources.keySet()) {
            if (source.equals("module-info.java")) {
                return "the module has a module-info.java (modules are not compiled incrementally yet)";
            }
        }
        // with useIncrementalCompilation=false (or excludes) the plugin passes some sources only: what is left out
        // cannot be told from what was deleted, so javac compiles as without Tandem
        for (String location : sourceLocations) {
            Path root = Paths.get(location).toAbsolutePath().normalize();
            if (!Files.isDirectory(root) || root.equals(generated)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : (Iterable<Path>) walk::iterator) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".java")
                            && !sources.containsKey(
                                    root.relativize(file).toString().replace('\\', '/'))
                            && (generated == null || !file.startsWith(generated))
                            && Files.isRegularFile(file)) {
                        return "the plugin passed only some of the sources (" + root.relativize(file)
                                + " was not passed: useIncrementalCompilation=false, or <excludes>)";
                    }
                }
            } catch (IOException unreadable) {
                return "the source root " + root + " cannot be read (" + unreadable + ")";
            }
        }
        return null;
    }

    /** Waits until no other build (of this JVM or another) compiles into this module's folder. */
    ConsumerLock lock() throws IOException {
        Files.createDirectories(home);
        return ConsumerLock.acquire(home.resolve("compile.lock"));
    }

    /**
     * Removes what stands where Tandem keeps a folder of its own ({@code classes/}, {@code generated/}, {@code
     * recorder/}) and is not a folder, and what stands at {@code origins} and is not a file: a link goes, never what
     * it points to, so that nothing outside is written through it. The warning line to print, or null when all was
     * in order. A replaced output folder makes the module compile in full.
     */
    String removeForeignFolders() throws CompilerException {
        List<String> removed = new ArrayList<>();
        boolean outputs = false;
        Path keptAnalyses = stateFile.resolveSibling(IncrementalCompile.KEPT_ANALYSES);
        Path keptClassPath = stateFile.resolveSibling(IncrementalCompile.KEPT_CLASS_PATH);
        Path inputsFile = CacheLayout.compilerInputs(home);
        for (Path folder :
                List.of(classes, generatedHome, recorderFolder, keptClassPath, origins, keptAnalyses, inputsFile)) {
            boolean wanted = folder.equals(origins) || folder.equals(keptAnalyses) || folder.equals(inputsFile)
                    ? !Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            || Files.isRegularFile(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    : !Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            || Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (wanted) {
                continue;
            }
            try {
                FolderHandles.deleteTree(home, folder);
            } catch (IOException e) {
                throw new CompilerException("Tandem compiler: cannot remove " + folder + ": " + e, e);
            }
            removed.add(folder.toString());
            outputs |= folder.equals(classes) || folder.equals(generatedHome);
        }
        if (removed.isEmpty()) {
            return null;
        }
        if (outputs) {
            forget();
        }
        return "Tandem compiler: " + String.join(", ", removed) + (removed.size() == 1 ? " was" : " were")
                + " not what Tandem keeps there (a link, a file or a folder in its place); removed (a link, never what"
                + " it pointed to)" + (outputs ? ", and the module is compiled in full" : "");
    }

    /** The sources' encoding, as javac reads them: the configuration's, or the platform's. */
    java.nio.charset.Charset encoding() {
        String name = configuration.getSourceEncoding();
        try {
            return name == null || name.trim().isEmpty()
                    ? java.nio.charset.Charset.defaultCharset()
                    : java.nio.charset.Charset.forName(name.trim());
        } catch (IllegalArgumentException unknown) {
            return java.nio.charset.Charset.defaultCharset(); // javac fails on it anyway
        }
    }

    void forget() throws CompilerException {
        try {
            Files.deleteIfExists(stateFile);
            Files.deleteIfExists(CacheLayout.compilerInputs(home));
        } catch (IOException e) {
            throw new CompilerException("Tandem compiler: cannot delete " + stateFile + ": " + e, e);
        }
    }

    /**
     * Why javac's arguments ask for something Tandem does not follow, or null: processors or compiler plugins
     * named in {@code compilerArgs} (an incremental batch would run without them, or with them on some sources).
     */
    String unknownArguments(Compiler javac) throws CompilerException {
        for (String argument : javac.createCommandLine(configuration)) {
            for (String option : FOREIGN_OPTIONS) {
                if (argument.equals(option) || argument.startsWith(option + "=") || argument.startsWith(option + ":")) {
                    List<String> path = configuration.getProcessorPathEntries();
                    String[] named = configuration.getAnnotationProcessors();
                    boolean plugins = !(option.equals("-processorpath") && path != null && !path.isEmpty())
                            && !(option.equals("-processor") && named != null && named.length > 0);
                    if (plugins) {
                        return "javac is given " + option + " in compilerArgs, which Tandem does not follow"
                                + " (name processors in annotationProcessorPaths and annotationProcessors)";
                    }
                }
            }
        }
        return null;
    }

    /**
     * Tandem's recorder can run the processors as javac would: they are on their own path ({@code
     * annotationProcessorPaths}), or javac surely runs the ones it finds on the class path (it is told to, or it is
     * older than 23), and then the recorder runs them from the class path, where javac would find them.
     */
    boolean recordable() {
        return processorPathGiven() || Boolean.TRUE.equals(classPathProcessorsRun());
    }

    /** The processors are on their own path ({@code annotationProcessorPaths}), not found on the class path. */
    boolean processorPathGiven() {
        return processorPath != null && !processorPath.isEmpty();
    }

    /**
     * Whether javac runs the processors it finds on the class path: javac 23 and later runs them only when told to
     * ({@code -proc:full}, {@code -proc:only}, or processors named), earlier ones always; null when that cannot be
     * told (a forked javac of another JDK that is not told).
     */
    private Boolean classPathProcessorsRun() {
        if ("full".equals(proc) || "only".equals(proc) || (processorNames != null && processorNames.length > 0)) {
            return true;
        }
        List<String> arguments = configuration.getCustomCompilerArgumentsEntries() == null
                ? List.of()
                : configuration.getCustomCompilerArgumentsEntries().stream()
                        .map(Map.Entry::getKey)
                        .collect(java.util.stream.Collectors.toList());
        if (arguments.contains("-proc:full") || arguments.contains("-proc:only")) {
            return true;
        }
        if (configuration.isFork() && configuration.getExecutable() != null) {
            return null;
        }
        // the plugin's javac is this JVM's, in process or forked without an executable
        return Runtime.version().feature() < 23;
    }

    /** The annotation processors this compile runs, as javac finds them. */
    Processors processors() throws IOException {
        if (!processorPathGiven() && Boolean.FALSE.equals(classPathProcessorsRun())) {
            return Processors.find("none", null, List.of());
        }
        List<Path> path = new ArrayList<>();
        for (String entry : processorPathGiven() ? processorPath : classpath) {
            Path file = Paths.get(entry).toAbsolutePath().normalize();
            if (!file.equals(output)) {
                path.add(file);
            }
        }
        return Processors.find(proc, processorNames, path);
    }

    /**
     * Everything besides the sources that decides the class files, in parts: the JDK, javac's arguments without
     * the sources and paths, the class path's entries in order (what changes in them is {@link ClassPathChange}'s)
     * and the classes in the output that are not the compile's, a stamp (size, time) of every processor path file,
     * and with Lombok the {@code lombok.config} files it reads.
     */
    /** The class path's entries, the output left out. */
    List<Path> classPathEntries() {
        List<Path> entries = new ArrayList<>();
        for (String entry : classpath) {
            Path file = Paths.get(entry).toAbsolutePath().normalize();
            if (!file.equals(output)) {
                entries.add(file);
            }
        }
        return entries;
    }

    Map<String, String> setup(Compiler javac, Processors processors, boolean recorded)
            throws CompilerException, IOException {
        Map<String, String> parts = new TreeMap<>();
        StringBuilder setup = new StringBuilder();
        // the JDK Maven runs on: it compiles in process, and a forked javac without an executable is its javac
        setup.append("java ")
                .append(System.getProperty("java.home"))
                .append(' ')
                .append(Runtime.version())
                .append('\n');
        if (configuration.isFork()) {
            String executable = configuration.getExecutable();
            setup.append("fork ").append(executable).append('\n');
            if (executable != null && Files.isRegularFile(Paths.get(executable))) {
                stamp(setup, Paths.get(executable).toRealPath());
            }
        }
        parts.put("JDK", setup.toString());
        Set<String> skip = new TreeSet<>();
        for (File file : sourceFiles) {
            skip.add(file.getPath());
            skip.add(file.getAbsolutePath());
        }
        StringBuilder options = new StringBuilder();
        String[] arguments = javac.createCommandLine(configuration);
        for (int i = 0; i < arguments.length; i++) {
            String argument = arguments[i];
            if (PATH_OPTIONS.contains(argument) && i + 1 < arguments.length) {
                i++; // the paths are parts of their own, with their files' stamps
            } else if (!skip.contains(argument)) {
                options.append(argument).append('\n');
            }
        }
        parts.put("javac options", options.toString());
        if (!processors.aggregating().isEmpty()) {
            // folders an aggregating processor is told to read (Spring Boot's additionalMetadataLocations): their files
            StringBuilder read = new StringBuilder();
            for (String argument : arguments) {
                String locations = Processors.locationsOption(argument);
                for (String location : locations == null ? new String[0] : locations.split(",")) {
                    if (!location.trim().isEmpty()) {
                        stamp(read, Paths.get(location.trim()).toAbsolutePath());
                    }
                }
            }
            parts.put("folders the aggregating processors read", read.toString());
        }
        StringBuilder classes = new StringBuilder();
        for (String entry : classpath) {
            Path file = Paths.get(entry).toAbsolutePath().normalize();
            if (!file.equals(output)) {
                classes.append("entry ").append(file).append('\n'); // what changed in it: ClassPathChange
            } else {
                foreignClasses(classes);
            }
        }
        parts.put("class path", classes.toString());
        if (processorPathGiven() || recorded) {
            StringBuilder processing = new StringBuilder();
            for (String entry : processorPathGiven() ? processorPath : List.<String>of()) {
                stamp(processing, Paths.get(entry));
            }
            if (recorded) {
                stamp(processing, recorderPath());
            }
            parts.put("processor path", processing.toString());
        }
        if (processors.lombok()) {
            parts.put("lombok.config files", lombokConfigs());
        }
        if (recorded) {
            parts.putAll(resources.setupPart());
        }
        return parts;
    }

    /**
     * Every {@code lombok.config} Lombok may read for these sources (in a source's folder or any folder above
     * it), with a digest of its text, and the files they import.
     */
    private String lombokConfigs() throws IOException {
        Set<Path> folders = new TreeSet<>();
        for (Path source : sources.values()) {
            for (Path folder = source.getParent(); folder != null && folders.add(folder); ) {
                folder = folder.getParent();
            }
        }
        StringBuilder configs = new StringBuilder();
        Set<Path> seen = new java.util.HashSet<>();
        for (Path folder : folders) {
            lombokConfig(folder.resolve("lombok.config"), configs, seen);
        }
        return configs.toString();
    }

    /**
     * A {@code lombok.config} (or a file one imports) with its digest, in the set-up's text and the tracked inputs,
     * then the files it imports: {@code import} lines name a path relative to its folder, an absolute one, one under
     * {@code ~} or an environment variable ({@code <NAME>/...}), or an archive ({@code x.jar}, {@code
     * x.zip!in/it.config}), whose whole file counts.
     */
    private void lombokConfig(Path config, StringBuilder configs, Set<Path> seen) throws IOException {
        if (!seen.add(config)) {
            return; // imported twice, or in a loop, which Lombok allows
        }
        byte[] text = Files.isRegularFile(config) ? Files.readAllBytes(config) : null;
        String digest = text == null ? null : ClassAnalysis.sha256(text);
        inputs.put(config.toString(), digest == null ? Sha256.MISSING : digest);
        if (digest == null) {
            return;
        }
        configs.append(config).append(' ').append(digest).append('\n');
        for (String line : new String(text, java.nio.charset.StandardCharsets.UTF_8).split("\r?\n|\r")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("import ")) {
                continue;
            }
            String target = trimmed.substring("import ".length()).trim();
            if (target.startsWith("~")) {
                target = System.getProperty("user.home") + target.substring(1);
            } else if (target.startsWith("<") && target.indexOf('>') > 0) {
                String value = System.getenv(target.substring(1, target.indexOf('>')));
                target = (value == null ? "" : value) + target.substring(target.indexOf('>') + 1);
            }
            int bang = target.indexOf('!');
            boolean archive = bang >= 0 || target.endsWith(".jar") || target.endsWith(".zip");
            Path file;
            try {
                file = config.getParent()
                        .resolve(bang >= 0 ? target.substring(0, bang) : target)
                        .normalize();
            } catch (java.nio.file.InvalidPathException invalid) {
                continue; // Lombok cannot read it either
            }
            if (archive) {
                if (seen.add(file)) {
                    String jar = Sha256.hexOrMissing(file); // read as a stream, not into memory
                    inputs.put(file.toString(), jar);
                    configs.append(file).append(' ').append(jar).append('\n');
                }
            } else {
                lombokConfig(file, configs, seen);
            }
        }
    }

    /**
     * Keeps, for {@code tandem:prepare}, what this compile's output depends on that maven-compiler-plugin does not
     * notice: every place a {@code lombok.config} may be, with its digest or none (the plugin notices only Java
     * sources), the sources, which must still be there (3.10.1 and older call no compiler when a source was only
     * deleted, and its class files would stay), and the resources the processors read. prepare makes the plugin
     * compile when one of them changed.
     */
    void keepInputs() throws IOException {
        Map<String, String> kept = new TreeMap<>(inputs);
        for (Path source : sources.values()) {
            kept.put(source.toString(), TrackedInputs.PRESENT);
        }
        // a resource the processors read, edited alone, calls no compiler either: its file in the project's
        // src/main/resources, where maven-resources-plugin copies it from (other resource folders are not known here)
        File base = configuration.getWorkingDirectory();
        if (base != null) {
            Path resourceRoot = base.toPath().toAbsolutePath().resolve("src/main/resources");
            for (String name : resources.readNames()) {
                Path file = resourceRoot.resolve(name);
                if (Files.isRegularFile(file)) {
                    kept.put(file.toString(), Sha256.hexOrMissing(file));
                }
            }
        }
        TrackedInputs.write(CacheLayout.compilerInputs(home), kept);
    }

    /**
     * The processors as the recorder would run them: the names given, and a stamp of every entry of the path they
     * come from. A compile that failed under the recorder and passed without it is remembered against this.
     */
    private String processorSetup() throws IOException {
        StringBuilder setup = new StringBuilder("processors ")
                .append(processorNames == null ? "" : String.join(",", processorNames))
                .append('\n');
        for (String entry : processorPathGiven() ? processorPath : classpath) {
            Path file = Paths.get(entry).toAbsolutePath().normalize();
            if (!file.equals(output) && Files.exists(file)) {
                stamp(setup, file);
            }
        }
        return setup.toString();
    }

    /**
     * Why the recorder must not run these processors: one of them failed under it in an earlier compile where javac
     * alone passed (a processor that needs javac's own environment: {@code Trees.instance}); null when that is not
     * so, or the processors changed since (and then that is forgotten).
     */
    String recorderFailedBefore() throws IOException {
        if (!Files.isRegularFile(recorderFailed, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        String kept;
        try {
            kept = new String(Files.readAllBytes(recorderFailed), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            kept = "";
        }
        int newline = kept.indexOf('\n');
        if (newline > 0 && kept.substring(newline + 1).equals(processorSetup())) {
            return "a processor failed under Tandem's recorder in an earlier compile (" + kept.substring(0, newline)
                    + "), where javac alone passed; the module is compiled so until its processors change";
        }
        Files.deleteIfExists(recorderFailed);
        return null;
    }

    /**
     * Remembers that a processor failed under the recorder, with javac's first line, for these processors; a help
     * only: where it cannot be written, the next compile tries the recorder again and falls back again.
     */
    void recorderFailed(String why) {
        Path written = recorderFailed.resolveSibling(recorderFailed.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(written);
            Files.write(
                    written,
                    (why.replace('\n', ' ') + "\n" + processorSetup()).getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE_NEW);
            Files.move(written, recorderFailed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException cannotWrite) {
            // not remembered
        }
    }

    /**
     * Stamps the class files in the plugin's output that are not Tandem's: what another compiler (Kotlin, Scala,
     * another execution into the same folder) put there, which the sources may use.
     */
    private void foreignClasses(StringBuilder setup) throws IOException {
        for (Map.Entry<String, BasicFileAttributes> file :
                resources.notTandems().entrySet()) {
            if (file.getKey().endsWith(".class")) {
                Stamps.line(setup.append("output "), file.getKey(), file.getValue());
            }
        }
    }

    /** A path's stamp: the size and time of a file, or of every file under a folder. */
    private static void stamp(StringBuilder setup, Path entry) throws IOException {
        setup.append("stamp ")
                .append(entry)
                .append(' ')
                .append(Stamps.of(entry))
                .append('\n');
    }

    /**
     * Has the plugin's javac compile {@code files} into Tandem's class folder: every source with the source
     * roots for a full compile; otherwise with an empty source path, so every other class comes from a class
     * file. Without processors on the class path, incremental compiles run with {@code -proc:none}, which is
     * what javac would do anyway, without its search.
     */
    CompilerResult compile(Compiler javac, Collection<Path> files, boolean all, Processors processors, boolean recorded)
            throws IOException {
        Set<File> which = new LinkedHashSet<>();
        for (Path file : files) {
            which.add(file.toFile());
        }
        List<String> entries = new ArrayList<>();
        entries.add(classes.toString());
        // the plugin's output stays: what other compilers put there (Kotlin, Scala, another execution) is seen
        entries.addAll(classpath);
        configuration.setSourceFiles(which);
        configuration.setOutputLocation(classes.toString());
        configuration.setClasspathEntries(entries);
        if (!processors.none() && generated != null) {
            Files.createDirectories(generatedHome);
            configuration.setGeneratedSourcesDirectory(generatedHome.toFile());
        }
        if (recorded) {
            recordOrigins(processors, all);
        }
        // the processors read their class output (Hibernate's orm.xml, Spring Boot's additional metadata)
        Map<Path, BasicFileAttributes> lent = recorded ? resources.lend() : Map.of();
        if (all) {
            // not the plugin's generated sources' folder, which older plugins add: what Tandem published there
            // last time would be read as sources, and the processors' files would be written twice
            List<String> roots = new ArrayList<>();
            for (String location : sourceLocations) {
                if (generated == null
                        || !Paths.get(location).toAbsolutePath().normalize().equals(generated)) {
                    roots.add(location);
                }
            }
            configuration.setSourceLocations(roots);
            configuration.setProc(proc);
        } else {
            Path empty = home.resolve("no-sources");
            Files.createDirectories(empty);
            configuration.setSourceLocations(List.of(empty.toString()));
            if (processors.none()) {
                configuration.setProc("none");
            }
        }
        try {
            return javac.performCompile(configuration);
        } catch (CompilerException e) {
            throw new JavacFailed(e);
        } finally {
            resources.takeBack(lent, all);
        }
    }

    /**
     * The plugin's javac failed, not Tandem (a processor that threw, say): the build shows javac's own failure, as
     * Maven alone would. What the compile set aside stays, so the next one is full.
     */
    static final class JavacFailed extends IOException {
        private static final long serialVersionUID = 1L;

        JavacFailed(CompilerException failure) {
            super(failure.getMessage(), failure);
        }

        CompilerException failure() {
            return (CompilerException) getCause();
        }
    }

    /**
     * Has javac run the recorder, which runs the module's processors: it goes first on the processor path with a
     * folder holding its settings (the record to write, the processors named in {@code annotationProcessors}).
     */
    private void recordOrigins(Processors processors, boolean all) throws IOException {
        Path settingsFolder = recorderFolder;
        Path settings = settingsFolder.resolve(OriginRecorder.SETTINGS);
        FolderHandles.deleteTree(home, settingsFolder); // a link inside would be followed: written anew, whole
        Files.createDirectories(settings.getParent());
        java.util.Properties values = new java.util.Properties();
        values.setProperty("record", origins.toString());
        // replay's processor named alone runs every processor of the path: the recorder runs them itself
        values.setProperty(
                "processors", processorNames == null || processors.replay() ? "" : String.join(",", processorNames));
        if (!processors.aggregating().isEmpty()) {
            // they run only when every source compiles; otherwise their files stay, and the recorder notes the
            // compiled types that would feed them
            values.setProperty("aggregating", String.join(",", processors.aggregating()));
            values.setProperty("skipAggregating", Boolean.toString(!all));
            values.setProperty("seeds", seeds.toString());
        }
        try (java.io.Writer out = Files.newBufferedWriter(settings, java.nio.charset.StandardCharsets.UTF_8)) {
            values.store(out, "written by the Tandem compiler for its recorder");
        }
        List<String> path = new ArrayList<>();
        path.add(settingsFolder.toString());
        path.add(recorderPath().toString());
        path.addAll(processorPathGiven() ? processorPath : classpath); // where javac would look for them
        configuration.setProcessorPathEntries(path);
        configuration.setAnnotationProcessors(new String[] {OriginRecorder.class.getName()});
    }

    /** The jar (or folder) the recorder is loaded from: tandem-compiler's own. */
    private static Path recorderPath() throws IOException {
        try {
            return Paths.get(OriginRecorder.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new IOException("cannot tell where tandem-compiler's classes are: " + e, e);
        }
    }

    /**
     * Drops what processors wrote in earlier compiles, when none run now: it would be published into the plugin's
     * folder for generated sources again, which plugins from 3.12 on empty before each compile, as Maven alone has it.
     */
    void dropGenerated() throws IOException {
        FolderHandles.deleteTree(home, generatedHome);
    }

    /** Puts the configuration back as the plugin made it: the plugin reads it after the compile. */
    void restoreConfiguration() {
        configuration.setSourceFiles(sourceFiles);
        configuration.setOutputLocation(output.toString());
        configuration.setClasspathEntries(classpath);
        configuration.setSourceLocations(sourceLocations);
        configuration.setProc(proc);
        configuration.setProcessorPathEntries(processorPath);
        configuration.setAnnotationProcessors(processorNames);
        configuration.setGeneratedSourcesDirectory(generatedFolder);
    }

    /**
     * A message of javac's as Maven alone would give it: one about a generated source names it in the plugin's
     * folder for them, not in Tandem's, where processors write while Tandem compiles.
     */
    CompilerMessage asMavenWouldSay(CompilerMessage message) {
        String file = message.getFile();
        if (file == null || generated == null || !file.startsWith(generatedHome.toString() + File.separator)) {
            return message;
        }
        return new CompilerMessage(
                generated + file.substring(generatedHome.toString().length()),
                message.getKind(),
                message.getStartLine(),
                message.getStartColumn(),
                message.getEndLine(),
                message.getEndColumn(),
                message.getMessage());
    }

    /**
     * Makes the plugin's generated sources' folder hold what the processors wrote in Tandem's (the plugin deletes
     * it before each compile from 3.12 on): copies, each with its time, and none of the files that are gone.
     */
    void publishGenerated(Set<String> removed) throws IOException {
        if (generated != null && Files.isDirectory(generatedHome)) {
            mirror(generatedHome, generated, removed, Put.COPY_WITH_TIME);
        }
    }

    /**
     * Makes the plugin's output hold Tandem's class files: the ones missing there (the plugin deleted the last
     * compile's before calling us) or not Tandem's, and none whose sources are gone. They are hard links to
     * Tandem's files (a link costs a twentieth of a copy: 2,000 class files in 30 ms, not 600), their time set to
     * now, as a copy's would be, so that the plugin sees them newer than their sources. With {@code copy} (a tool
     * wrote into the output's files in place, which a link would carry into Tandem's), and wherever the file
     * system has no links, they are copied.
     */
    void publish(Set<String> removed, boolean copy) throws IOException {
        mirror(classes, output, removed, copy ? Put.COPY : Put.LINK);
    }

    /** How {@link #mirror} puts a file of Tandem's into the plugin's folder. */
    private enum Put {
        /** A hard link, its time set to now; a copy where the file system has no links. */
        LINK,
        /** A copy, with the time of its writing. */
        COPY,
        /** A copy with the time of Tandem's file (a generated source keeps the time it was written). */
        COPY_WITH_TIME
    }

    /**
     * Makes {@code to} hold every file of {@code from} (Tandem's folder), written whole (a link made in a deleted
     * file's place, or a temporary file renamed), skipping the ones already there, and none of {@code removed}.
     * Each tree is listed once with its files' attributes.
     */
    private static void mirror(Path from, Path to, Set<String> removed, Put put) throws IOException {
        for (String gone : removed) {
            Files.deleteIfExists(to.resolve(gone));
        }
        Map<String, BasicFileAttributes> ours = Stamps.list(from);
        Map<String, BasicFileAttributes> theirs = Stamps.list(to);
        Set<Path> folders = new java.util.HashSet<>();
        java.nio.file.attribute.FileTime now = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis());
        boolean link = put == Put.LINK;
        for (Map.Entry<String, BasicFileAttributes> file : ours.entrySet()) {
            BasicFileAttributes mine = file.getValue();
            BasicFileAttributes there = theirs.get(file.getKey());
            boolean same = there != null
                    && (link && mine.fileKey() != null
                            ? mine.fileKey().equals(there.fileKey())
                            : there.size() == mine.size()
                                    && (put == Put.COPY_WITH_TIME
                                            ? there.lastModifiedTime().equals(mine.lastModifiedTime())
                                            : there.lastModifiedTime().compareTo(mine.lastModifiedTime()) >= 0));
            if (same) {
                continue;
            }
            Path source = from.resolve(file.getKey());
            Path target = to.resolve(file.getKey());
            if (folders.add(target.getParent())) {
                Files.createDirectories(target.getParent());
            }
            // a new link appears whole, as a renamed copy does: a file the plugin deleted is linked in its place
            Path temp = there == null ? target : target.resolveSibling(target.getFileName() + ".tandem-tmp");
            if (link) {
                Files.deleteIfExists(temp);
                try {
                    Files.createLink(temp, source);
                    Files.setLastModifiedTime(temp, now);
                } catch (IOException | UnsupportedOperationException | SecurityException noLinks) {
                    Files.deleteIfExists(temp);
                    link = false; // copies from here on
                }
            }
            if (!link) {
                temp = target.resolveSibling(target.getFileName() + ".tandem-tmp");
                if (put == Put.COPY_WITH_TIME) {
                    Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                } else {
                    Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (!temp.equals(target)) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
