package dev.tandem.compiler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * One module's compile, made incremental: the sources a change affects are compiled, the rest of the last compile's
 * class files stay. Without annotation processors for now ({@code -proc:none}); a compile that has them, or anything
 * the analysis cannot be sure of, is a full compile with its reason.
 *
 * <p>The steps: sources are hashed and compared with the last compile's {@link CompileState}; the class files of
 * changed and removed sources are set aside and those sources compiled alone (the class output first on the class
 * path, an empty source path, so javac reads every other class from its class file); their classes' {@link
 * ApiChange API change} decides which {@link Dependents dependents} compile next, until none is left. A failed compile
 * puts back what was set aside and keeps the last state, so the next build starts from the last good one.
 */
final class IncrementalCompile {
    /** What a compile is given. */
    static final class Request {
        final List<Path> sourceRoots;
        final Path classOutput;
        final List<Path> classPath;
        final List<String> options;
        final Path stateFile;

        Request(List<Path> sourceRoots, Path classOutput, List<Path> classPath, List<String> options, Path stateFile) {
            this.sourceRoots = sourceRoots;
            this.classOutput = classOutput;
            this.classPath = classPath;
            this.options = options;
            this.stateFile = stateFile;
        }
    }

    /** What a compile did. */
    static final class Result {
        /** Why everything was compiled, or null for an incremental compile. */
        final String fullReason;
        /** The sources compiled, relative to their root. */
        final Set<String> compiled;

        final boolean success;
        final String diagnostics;

        Result(String fullReason, Set<String> compiled, boolean success, String diagnostics) {
            this.fullReason = fullReason;
            this.compiled = compiled;
            this.success = success;
            this.diagnostics = diagnostics;
        }
    }

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();

    Result compile(Request request) throws IOException {
        Map<String, Path> sources = sources(request.sourceRoots);
        Map<String, String> hashes = new TreeMap<>();
        for (Map.Entry<String, Path> source : sources.entrySet()) {
            hashes.put(source.getKey(), ClassAnalysis.sha256(Files.readAllBytes(source.getValue())));
        }
        String setup = setup(request);
        CompileState last = CompileState.read(request.stateFile);
        String full = last == null
                ? "no state of a previous compile"
                : !last.setup().equals(setup) ? "the compiler's options, class path or JDK changed" : null;
        if (full == null && request.options.stream().noneMatch("-proc:none"::equals)) {
            full = "annotation processors may run (incremental processing is not done yet)";
        }
        Set<String> changed = new TreeSet<>();
        Set<String> removed = new TreeSet<>();
        if (full == null) {
            for (Map.Entry<String, String> source : hashes.entrySet()) {
                if (!source.getValue().equals(last.sources().get(source.getKey()))) {
                    changed.add(source.getKey());
                }
            }
            for (String was : last.sources().keySet()) {
                if (!hashes.containsKey(was)) {
                    removed.add(was);
                }
            }
            full = structural(changed, removed);
        }
        Map<String, ClassAnalysis> classes = full == null ? analyse(request.classOutput) : Map.of();
        if (full == null && classes == null) {
            full = "a class file of the last compile could not be read";
        }
        if (full != null) {
            return fullCompile(request, sources, hashes, setup, full);
        }
        Map<String, List<String>> classesOf = new TreeMap<>();
        for (ClassAnalysis analysis : classes.values()) {
            if (analysis.sourceFile() == null) {
                return fullCompile(request, sources, hashes, setup, "a class file names no source (-g:none)");
            }
            classesOf
                    .computeIfAbsent(analysis.sourceFile(), s -> new ArrayList<>())
                    .add(analysis.name());
        }
        Dependents dependents = new Dependents(classes.values());
        Set<String> compiled = new TreeSet<>();
        Set<String> toCompile = new TreeSet<>(changed);
        Set<String> gone = new TreeSet<>(removed);
        Map<Path, byte[]> setAside = new TreeMap<>();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        while (!toCompile.isEmpty() || !gone.isEmpty()) {
            Map<String, ClassAnalysis> before = new TreeMap<>();
            for (String source : union(toCompile, gone)) {
                for (String name : classesOf.getOrDefault(source, List.of())) {
                    before.put(name, classes.get(name));
                    Path file = classFile(request.classOutput, name);
                    setAside.putIfAbsent(file, Files.readAllBytes(file));
                    Files.delete(file);
                }
            }
            Set<Path> created = new TreeSet<>();
            boolean ok = toCompile.isEmpty() || run(request, sources, toCompile, diagnostics, created);
            if (!ok) {
                restore(setAside, created);
                return new Result(
                        null, union(compiled, toCompile), false, diagnostics.toString(StandardCharsets.UTF_8));
            }
            compiled.addAll(toCompile);
            Map<String, ClassAnalysis> after = new TreeMap<>();
            for (Path file : created) {
                ClassAnalysis analysis = ClassAnalysis.read(Files.readAllBytes(file));
                after.put(analysis.name(), analysis);
            }
            ApiChange change = ApiChange.between(before, after);
            if (change.fullRecompilation() != null) {
                return fullCompile(request, sources, hashes, setup, change.fullRecompilation());
            }
            Set<String> next = new TreeSet<>();
            for (String dependent : dependents.of(change.changed())) {
                ClassAnalysis analysis = classes.get(dependent);
                if (analysis != null
                        && sources.containsKey(analysis.sourceFile())
                        && !compiled.contains(analysis.sourceFile())) {
                    next.add(analysis.sourceFile());
                }
            }
            toCompile = next;
            gone = Set.of();
        }
        new CompileState(setup, hashes).write(request.stateFile);
        return new Result(null, compiled, true, diagnostics.toString(StandardCharsets.UTF_8));
    }

    /** Changes no class file can show: a full compile's reason, or null. */
    private static String structural(Set<String> changed, Set<String> removed) {
        for (String source : union(changed, removed)) {
            String name = source.substring(source.lastIndexOf('/') + 1);
            if (name.equals("module-info.java")) {
                return "module-info.java changed";
            }
            if (name.equals("package-info.java")) {
                return source + " changed (its annotations apply to the whole package)";
            }
        }
        return null;
    }

    private Result fullCompile(
            Request request, Map<String, Path> sources, Map<String, String> hashes, String setup, String reason)
            throws IOException {
        List<Path> old = classFiles(request.classOutput);
        Map<Path, byte[]> setAside = new TreeMap<>();
        for (Path file : old) {
            setAside.put(file, Files.readAllBytes(file));
            Files.delete(file);
        }
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        Set<Path> created = new TreeSet<>();
        boolean ok = sources.isEmpty() || run(request, sources, sources.keySet(), diagnostics, created);
        if (!ok) {
            restore(setAside, created);
        } else {
            new CompileState(setup, hashes).write(request.stateFile);
        }
        return new Result(reason, new TreeSet<>(sources.keySet()), ok, diagnostics.toString(StandardCharsets.UTF_8));
    }

    /** Runs javac on some sources; notes the class files it wrote in {@code created}. */
    private boolean run(
            Request request,
            Map<String, Path> sources,
            Set<String> which,
            ByteArrayOutputStream diagnostics,
            Set<Path> created)
            throws IOException {
        Set<Path> before = new TreeSet<>(classFiles(request.classOutput));
        List<String> args = new ArrayList<>(request.options);
        StringBuilder classPath = new StringBuilder(request.classOutput.toString());
        for (Path entry : request.classPath) {
            classPath.append(java.io.File.pathSeparatorChar).append(entry);
        }
        Files.createDirectories(request.classOutput);
        Collections.addAll(
                args, "-d", request.classOutput.toString(), "-classpath", classPath.toString(), "-sourcepath", "");
        for (String source : which) {
            args.add(sources.get(source).toString());
        }
        int exit = javac.run(null, null, diagnostics, args.toArray(new String[0]));
        for (Path file : classFiles(request.classOutput)) {
            if (!before.contains(file)) {
                created.add(file);
            }
        }
        return exit == 0;
    }

    private static void restore(Map<Path, byte[]> setAside, Set<Path> created) throws IOException {
        for (Path file : created) {
            Files.deleteIfExists(file);
        }
        for (Map.Entry<Path, byte[]> file : setAside.entrySet()) {
            Files.createDirectories(file.getKey().getParent());
            Path temp = file.getKey().resolveSibling(file.getKey().getFileName() + ".tandem-restore");
            Files.write(temp, file.getValue());
            Files.move(temp, file.getKey(), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The analyses of the class output's class files by name; null when one cannot be read. */
    private static Map<String, ClassAnalysis> analyse(Path classOutput) throws IOException {
        Map<String, ClassAnalysis> result = new TreeMap<>();
        for (Path file : classFiles(classOutput)) {
            try {
                ClassAnalysis analysis = ClassAnalysis.read(Files.readAllBytes(file));
                result.put(analysis.name(), analysis);
            } catch (IOException unreadable) {
                return null;
            }
        }
        return result;
    }

    private static List<Path> classFiles(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(f -> f.getFileName().toString().endsWith(".class")).forEach(files::add);
        } catch (NoSuchFileException none) {
            // no class output yet
        }
        return files;
    }

    private static Path classFile(Path classOutput, String binaryName) {
        return classOutput.resolve(binaryName.replace('.', '/') + ".class");
    }

    /** Every {@code .java} file under the roots, by its path relative to its root. */
    private static Map<String, Path> sources(List<Path> roots) throws IOException {
        Map<String, Path> sources = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(f -> f.getFileName().toString().endsWith(".java") && Files.isRegularFile(f))
                        .forEach(f -> sources.putIfAbsent(
                                root.relativize(f).toString().replace('\\', '/'), f));
            }
        }
        return sources;
    }

    /** What besides the sources decides the output: options, class path (each entry's size and time), the JDK. */
    private static String setup(Request request) throws IOException {
        StringBuilder setup = new StringBuilder("java " + Runtime.version() + "\n");
        for (String option : request.options) {
            setup.append("option ").append(option).append('\n');
        }
        for (Path entry : request.classPath) {
            setup.append("classpath ").append(entry).append(' ');
            setup.append(Files.exists(entry) ? Files.size(entry) + " " + Files.getLastModifiedTime(entry) : "missing");
            setup.append('\n');
        }
        return ClassAnalysis.sha256(setup.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }
}
