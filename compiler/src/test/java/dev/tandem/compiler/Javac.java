package dev.tandem.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** The JDK's javac on sources given as text, each compile in folders of its own; its class files analysed. */
final class Javac {
    private final Path dir;
    private int compiles;

    Javac(Path dir) {
        this.dir = dir;
    }

    /** Compiles {@code path, source, path, source…}; the analyses of the class files by class name. */
    Map<String, ClassAnalysis> compile(String... files) throws IOException {
        return compile(List.of(), files);
    }

    /** The same, with javac options besides ({@code -g}, {@code -parameters}). */
    Map<String, ClassAnalysis> compile(List<String> options, String... files) throws IOException {
        Path sources = dir.resolve("src" + compiles);
        Path classes = dir.resolve("classes" + compiles++);
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none"));
        args.addAll(options);
        for (int i = 0; i < files.length; i += 2) {
            Path file = sources.resolve(files[i]);
            Files.createDirectories(file.getParent());
            Files.write(file, files[i + 1].getBytes(StandardCharsets.UTF_8));
            args.add(file.toString());
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(new String[0])))
                .as("javac")
                .isZero();
        Map<String, ClassAnalysis> result = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".class"))::iterator) {
                ClassAnalysis analysis = ClassAnalysis.read(Files.readAllBytes(file));
                result.put(analysis.name(), analysis);
            }
        }
        return result;
    }
}
