package dev.tandem.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a small project with real javac, in this JVM, as maven-compiler-plugin does on a change: the whole
 * module, with the generated sources and classes deleted first, the cache kept.
 */
final class Javac {
    private Javac() {}

    static final class Result {
        final boolean success;
        /** "WARNING Car.java:4 bad field name", in the order javac reported them; notes of Tandem left out. */
        final List<String> diagnostics;
        /** Tandem's notes. */
        final List<String> notes;
        /** Every generated or written file under the output folders, by relative path. */
        final Map<String, String> outputs;

        Result(boolean success, List<String> diagnostics, List<String> notes, Map<String, String> outputs) {
            this.success = success;
            this.diagnostics = diagnostics;
            this.notes = notes;
            this.outputs = outputs;
        }

        String summary() {
            return notes.stream()
                    .filter(n -> n.startsWith("Tandem replay: ") && n.contains(" replayed, ")
                            || n.matches("Tandem replay: .* ran.*"))
                    .reduce((a, b) -> b)
                    .orElse("");
        }
    }

    static Result compile(Path project, List<Processor> processors, String... options) {
        return compile(project, processors, true, options);
    }

    /** @param cacheOption whether to pass -Atandem.cacheDirectory to a compilation with ReplayProcessor */
    static Result compile(Path project, List<Processor> processors, boolean cacheOption, String... options) {
        return compile(project, processors, cacheOption, true, options);
    }

    /**
     * @param clean whether to delete the class and generated folders first, as maven-compiler-plugin 3.12+ does
     *     (before 3.12 it leaves them, and with them the outputs of deleted sources)
     */
    static Result compile(
            Path project, List<Processor> processors, boolean cacheOption, boolean clean, String... options) {
        Path sources = project.resolve("src");
        Path classes = project.resolve("classes");
        Path generated = project.resolve("generated");
        if (clean) {
            delete(classes);
            delete(generated);
        }
        try {
            Files.createDirectories(classes);
            Files.createDirectories(generated);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> collected = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, null)) {
                List<Path> javaFiles;
                try (Stream<Path> walk = Files.walk(sources)) {
                    javaFiles = walk.filter(p -> p.toString().endsWith(".java"))
                            .sorted()
                            .collect(Collectors.toList());
                }
                List<String> arguments = new ArrayList<>(List.of(
                        "-d",
                        classes.toString(),
                        "-s",
                        generated.toString(),
                        "-classpath",
                        System.getProperty("java.class.path"),
                        "-sourcepath",
                        sources.toString()));
                if (cacheOption && processors.stream().anyMatch(p -> p instanceof ReplayProcessor)) {
                    arguments.add("-Atandem.cacheDirectory=" + project.resolve("tandem"));
                }
                arguments.addAll(List.of(options));
                JavaCompiler.CompilationTask task = javac.getTask(
                        null, files, collected, arguments, null, files.getJavaFileObjectsFromPaths(javaFiles));
                task.setProcessors(processors);
                boolean success = task.call();
                List<String> diagnostics = new ArrayList<>();
                List<String> notes = new ArrayList<>();
                for (Diagnostic<? extends JavaFileObject> d : collected.getDiagnostics()) {
                    String message = d.getMessage(Locale.ROOT);
                    if (message.startsWith("Tandem")) {
                        notes.add(message);
                    } else {
                        String where = d.getSource() == null
                                ? ""
                                : " " + Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ":"
                                        + d.getColumnNumber();
                        diagnostics.add(d.getKind() + where + " " + message);
                    }
                }
                Map<String, String> outputs = new TreeMap<>(read(generated));
                read(classes).forEach((name, content) -> {
                    outputs.put(name, name.endsWith(".class") ? "(class)" : content);
                });
                return new Result(success, diagnostics, notes, outputs);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> read(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                files.put(
                        folder.relativize(file).toString().replace('\\', '/'),
                        new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path project, String relative, String content) {
        try {
            Path file = project.resolve("src").resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
