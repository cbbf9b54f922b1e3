package dev.tandem.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.codehaus.plexus.compiler.Compiler;
import org.codehaus.plexus.compiler.CompilerConfiguration;
import org.codehaus.plexus.compiler.CompilerError;
import org.codehaus.plexus.compiler.CompilerMessage;
import org.codehaus.plexus.compiler.CompilerOutputStyle;
import org.codehaus.plexus.compiler.CompilerResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiler as maven-compiler-plugin 3.x calls it: a configuration with every source, the last compile's class files
 * deleted from the output first (maven-shared-incremental does), and the plugin's javac component underneath (here the
 * JDK's javac behind the same interface). What a user sees: the summary line, the class output, and where Tandem
 * steps aside, the line that says why.
 */
class TandemCompilerTest {
    @TempDir
    Path dir;

    private Path src;
    private Path output;
    private final List<String> log = new ArrayList<>();
    private final List<Set<String>> javacCalls = new ArrayList<>();

    @BeforeEach
    void module() throws IOException {
        src = dir.resolve("src/main/java");
        output = dir.resolve("target/classes");
        write("a/A.java", "package a; public class A { public int f() { return 1; } }");
        write("a/B.java", "package a; public class B { int g() { return new A().f(); } }");
        write("b/C.java", "package b; public class C { }");
    }

    private void write(String path, String text) throws IOException {
        Path file = src.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The plugin's configuration for a compile of every source under src/main/java. */
    private CompilerConfiguration configuration() throws IOException {
        CompilerConfiguration configuration = new CompilerConfiguration();
        configuration.setOutputLocation(output.toString());
        configuration.setBuildDirectory(dir.resolve("target").toFile());
        configuration.setGeneratedSourcesDirectory(
                dir.resolve("target/generated-sources/annotations").toFile());
        configuration.setSourceLocations(List.of(src.toString()));
        configuration.setClasspathEntries(List.of(output.toString()));
        configuration.setReleaseVersion("11");
        try (Stream<Path> walk = Files.walk(src)) {
            configuration.setSourceFiles(walk.filter(f -> f.toString().endsWith(".java"))
                    .map(Path::toFile)
                    .collect(Collectors.toCollection(LinkedHashSet::new)));
        }
        return configuration;
    }

    /** What the plugin does: delete the last compile's class files, then call the compiler. */
    private CompilerResult compile(CompilerConfiguration configuration) throws Exception {
        if (Files.isDirectory(output)) {
            try (Stream<Path> walk = Files.walk(output)) {
                for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    Files.delete(f);
                }
            }
        }
        log.clear();
        javacCalls.clear();
        TandemCompiler tandem = new TandemCompiler(id -> new JdkJavac(), new TandemCompiler.Log() {
            @Override
            public void info(String line) {
                log.add("INFO " + line);
            }

            @Override
            public void warn(String line) {
                log.add("WARN " + line);
            }

            @Override
            public void debug(String line) {}
        });
        return tandem.performCompile(configuration);
    }

    private Set<String> classFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(output)) {
            return walk.filter(Files::isRegularFile)
                    .map(f -> output.relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private String summary() {
        return log.stream()
                .filter(l -> l.contains("Tandem compiler:"))
                .findFirst()
                .orElse("(none)");
    }

    @Test
    @DisplayName("a body change compiles one source, and every class file the plugin deleted is back in the output")
    void bodyChange() throws Exception {
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(summary())
                .startsWith("INFO Tandem compiler: full compile of 3 sources in ")
                .endsWith("ms: no state of a previous compile");
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 1 of 3 sources in \\d+ ms");
        assertThat(javacCalls).containsExactly(Set.of("A.java"));
        assertThat(classFiles()).containsExactly("a/A.class", "a/B.class", "b/C.class");
    }

    @Test
    @DisplayName("the output's class files are links to Tandem's, newer than their sources; a tool writing one in place"
            + " makes the next compile full, and copies from then on")
    void linksAndInPlaceWrites() throws Exception {
        compile(configuration());
        Path ours = dir.resolve("target/tandem/compile/classes/classes/a/B.class");
        Path theirs = output.resolve("a/B.class");
        assertThat(Files.isSameFile(ours, theirs)).isTrue();
        assertThat(Files.getLastModifiedTime(theirs))
                .isGreaterThanOrEqualTo(Files.getLastModifiedTime(src.resolve("a/B.java")));
        // a bytecode enhancer rewriting target/classes/a/B.class in place, as jacoco:instrument does
        Files.write(theirs, Files.readAllBytes(theirs), java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(summary())
                .endsWith("ms: a file the last compile wrote was changed after it (a tool writing class files in place,"
                        + " such as a bytecode enhancer?); its class files are copied from now on, not linked");
        assertThat(Files.isSameFile(ours, theirs)).isFalse();
        write("a/A.java", "package a; public class A { public int f() { return 3; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 1 of 3 sources in \\d+ ms");
        assertThat(Files.isSameFile(ours, theirs)).isFalse();
        assertThat(classFiles()).containsExactly("a/A.class", "a/B.class", "b/C.class");
    }

    @Test
    @DisplayName("a compile that was interrupted (its set-aside folder left behind) is followed by a full compile")
    void interrupted() throws Exception {
        compile(configuration());
        Path aside = dir.resolve("target/tandem/compile/classes/classes-set-aside/a/A.class");
        Files.createDirectories(aside.getParent());
        Files.move(dir.resolve("target/tandem/compile/classes/classes/a/A.class"), aside);
        write("b/C.java", "package b; public class C { int x; }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(summary()).contains("ms: the last compile was interrupted (");
        assertThat(classFiles()).containsExactly("a/A.class", "a/B.class", "b/C.class");
        assertThat(aside.getParent().getParent()).doesNotExist();
    }

    @Test
    @DisplayName("a deleted source's class file leaves the output")
    void deletedSource() throws Exception {
        compile(configuration());
        Files.delete(src.resolve("b/C.java"));
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 0 of 2 sources in \\d+ ms");
        assertThat(classFiles()).containsExactly("a/A.class", "a/B.class");
    }

    @Test
    @DisplayName("a failed compile says so and keeps the last good state: the fix compiles what the failure did")
    void failure() throws Exception {
        compile(configuration());
        write("a/A.java", "package a; public class A { public int f() { return 2 } }");
        CompilerResult failed = compile(configuration());
        assertThat(failed.isSuccess()).isFalse();
        assertThat(failed.getCompilerMessages()).isNotEmpty();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 1 of 3 sources in \\d+ ms \\(failed\\)");
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 1 of 3 sources in \\d+ ms");
        assertThat(classFiles()).containsExactly("a/A.class", "a/B.class", "b/C.class");
    }

    @Test
    @DisplayName("a module-info.java: javac compiles the module as without Tandem, and the line says why")
    void moduleInfo() throws Exception {
        compile(configuration());
        write("module-info.java", "module m { exports a; }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(log)
                .containsExactly("INFO Tandem compiler: the module has a module-info.java (modules are not compiled"
                        + " incrementally yet); compiled by javac as without Tandem");
        assertThat(javacCalls).hasSize(1);
        assertThat(javacCalls.get(0)).hasSize(4);
        assertThat(classFiles()).contains("module-info.class", "a/A.class");
        assertThat(dir.resolve("target/tandem/compile/classes/compile.state")).doesNotExist();
    }

    @Test
    @DisplayName("a source outside the source roots: compiled as without Tandem, the line names it")
    void sourceOutsideRoots() throws Exception {
        CompilerConfiguration configuration = configuration();
        Path elsewhere = dir.resolve("elsewhere/x/X.java");
        Files.createDirectories(elsewhere.getParent());
        Files.write(elsewhere, "package x; public class X { }".getBytes(StandardCharsets.UTF_8));
        Set<File> files = new LinkedHashSet<>(configuration.getSourceFiles());
        files.add(elsewhere.toFile());
        configuration.setSourceFiles(files);
        assertThat(compile(configuration).isSuccess()).isTrue();
        assertThat(log)
                .containsExactly("INFO Tandem compiler: the source " + elsewhere + " is in none of the source roots;"
                        + " compiled by javac as without Tandem");
        assertThat(classFiles()).contains("x/X.class", "a/A.class");
    }

    @Test
    @DisplayName("the plugin passing only the stale sources (useIncrementalCompilation=false) is compiled as without"
            + " Tandem, with the fix in the line")
    void partialSources() throws Exception {
        compile(configuration());
        CompilerConfiguration configuration = configuration();
        configuration.setSourceFiles(Set.of(src.resolve("a/A.java").toFile()));
        configuration.setClasspathEntries(List.of(output.toString()));
        compile(configuration);
        assertThat(log).hasSize(1);
        assertThat(log.get(0))
                .startsWith("INFO Tandem compiler: the plugin passed only some sources (")
                .endsWith(" exists but was not passed: set useIncrementalCompilation to true, its default);"
                        + " compiled by javac as without Tandem");
    }

    /**
     * A processor path of one processor, {@code p.Check}, declared {@code kind} for Gradle: it fails the compile on a
     * type annotated {@code @Deprecated} whose name ends in "Bad" and, for one whose name ends in "Gen", writes a
     * source {@code <name>Helper} (generated code) beside it.
     */
    private Path processorPath(String kind) throws IOException {
        Path path = dir.resolve("processor-" + kind);
        if (Files.isDirectory(path)) {
            return path; // built once: a rebuilt processor path is a changed one
        }
        Path source = dir.resolve("processor-src/p/Check.java");
        Files.createDirectories(source.getParent());
        Files.write(
                source,
                ("package p;\n"
                                + "import java.util.Set;\n"
                                + "import javax.annotation.processing.*;\n"
                                + "import javax.lang.model.SourceVersion;\n"
                                + "import javax.lang.model.element.*;\n"
                                + "import javax.tools.Diagnostic;\n"
                                + "@SupportedAnnotationTypes(\"*\")\n"
                                + "public class Check extends AbstractProcessor {\n"
                                + "  public SourceVersion getSupportedSourceVersion() { return SourceVersion.latest(); }\n"
                                + "  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {\n"
                                + "    for (Element e : round.getRootElements()) {\n"
                                + "      String name = e.getSimpleName().toString();\n"
                                + "      if (name.endsWith(\"Bad\")) processingEnv.getMessager()\n"
                                + "          .printMessage(Diagnostic.Kind.ERROR, \"bad name\", e);\n"
                                + "      if (name.endsWith(\"Gen\")) try (java.io.Writer w = processingEnv.getFiler()\n"
                                + "          .createSourceFile(e + \"Helper\", e).openWriter()) {\n"
                                + "        String pkg = processingEnv.getElementUtils().getPackageOf(e).toString();\n"
                                + "        w.write(\"package \" + pkg + \"; class \" + name + \"Helper { }\");\n"
                                + "      } catch (java.io.IOException x) { throw new RuntimeException(x); }\n"
                                + "    }\n"
                                + "    return false;\n"
                                + "  }\n"
                                + "}\n")
                        .getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(path.resolve("META-INF/services"));
        Files.createDirectories(path.resolve("META-INF/gradle"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", path.toString(), source.toString()))
                .isZero();
        Files.write(path.resolve(Processors.SERVICE), "p.Check\n".getBytes(StandardCharsets.UTF_8));
        Files.write(path.resolve(Processors.GRADLE), ("p.Check," + kind + "\n").getBytes(StandardCharsets.UTF_8));
        return path;
    }

    private CompilerConfiguration withProcessor(String kind) throws IOException {
        CompilerConfiguration configuration = configuration();
        configuration.setProcessorPathEntries(List.of(processorPath(kind).toString()));
        return configuration;
    }

    @Test
    @DisplayName("an isolating processor that writes nothing (a checker, Lombok) runs on the changed sources alone")
    void isolatingProcessor() throws Exception {
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 1 of 3 sources in \\d+ ms");
        write("b/CBad.java", "package b; public class CBad { }");
        CompilerResult failed = compile(withProcessor("isolating"));
        assertThat(failed.isSuccess()).as("the processor ran on the new source").isFalse();
        assertThat(failed.getCompilerMessages().get(0).getMessage()).contains("bad name");
        assertThat(summary()).matches("INFO Tandem compiler: compiled 1 of 4 sources in \\d+ ms \\(failed\\)");
    }

    @Test
    @DisplayName("a processor that writes files: every compile is full, with the reason")
    void writingProcessor() throws Exception {
        write("b/CGen.java", "package b; public class CGen { }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(summary())
                .startsWith("INFO Tandem compiler: full compile of 4 sources in ")
                .endsWith("ms: annotation processors wrote files in the last compile (b/CGenHelper.java), and"
                        + " incremental processing of generated files is not done yet");
        assertThat(classFiles())
                .containsExactly("a/A.class", "a/B.class", "b/C.class", "b/CGen.class", "b/CGenHelper.class");
    }

    @Test
    @DisplayName("a processor that starts writing files in an incremental compile: a full compile, with the reason")
    void processorStartsWriting() throws Exception {
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        write("b/DGen.java", "package b; public class DGen { }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(summary())
                .startsWith("INFO Tandem compiler: full compile of 4 sources in ")
                .endsWith("ms: an annotation processor wrote b/DGenHelper.java, and incremental processing of"
                        + " generated files is not done yet");
        assertThat(javacCalls).containsExactly(Set.of("DGen.java"), Set.of("A.java", "B.java", "C.java", "DGen.java"));
        assertThat(classFiles())
                .containsExactly("a/A.class", "a/B.class", "b/C.class", "b/DGen.class", "b/DGenHelper.class");
    }

    @Test
    @DisplayName("a processor declared aggregating: a full compile, with the reason")
    void aggregatingProcessor() throws Exception {
        compile(withProcessor("aggregating"));
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        assertThat(compile(withProcessor("aggregating")).isSuccess()).isTrue();
        assertThat(summary())
                .endsWith("ms: the annotation processor p.Check is aggregating; only processors declared isolating (in"
                        + " META-INF/gradle/incremental.annotation.processors) run on the changed sources alone");
    }

    @Test
    @DisplayName("without a processor path, processors are found on the class path, as javac finds them")
    void processorOnClassPath() throws Exception {
        CompilerConfiguration first = configuration();
        first.setClasspathEntries(
                List.of(output.toString(), processorPath("aggregating").toString()));
        compile(first);
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        CompilerConfiguration configuration = configuration();
        configuration.setClasspathEntries(
                List.of(output.toString(), processorPath("aggregating").toString()));
        assertThat(compile(configuration).isSuccess()).isTrue();
        assertThat(summary()).contains("ms: the annotation processor p.Check is aggregating;");
        CompilerConfiguration none = configuration();
        none.setClasspathEntries(
                List.of(output.toString(), processorPath("aggregating").toString()));
        none.setProc("none");
        compile(none);
        write("a/A.java", "package a; public class A { public int f() { return 3; } }");
        CompilerConfiguration noneAgain = configuration();
        noneAgain.setClasspathEntries(
                List.of(output.toString(), processorPath("aggregating").toString()));
        noneAgain.setProc("none");
        assertThat(compile(noneAgain).isSuccess()).isTrue();
        assertThat(summary()).as("-proc:none: no processor runs").matches("INFO Tandem compiler: compiled 1 of 3 .*");
    }

    @Test
    @DisplayName("named annotation processors that declare nothing mean a full compile on every change")
    void processors() throws Exception {
        // the stand-in javac below leaves -processor out: Tandem reads the configuration, javac never sees the name
        CompilerConfiguration first = configuration();
        first.setAnnotationProcessors(new String[] {"com.example.Processor"});
        compile(first);
        write("a/A.java", "package a; public class A { public int f() { return 3; } }");
        CompilerConfiguration configuration = configuration();
        configuration.setAnnotationProcessors(new String[] {"com.example.Processor"});
        assertThat(compile(configuration).isSuccess()).isTrue();
        assertThat(summary())
                .startsWith("INFO Tandem compiler: full compile of 3 sources in ")
                .endsWith("ms: the annotation processor com.example.Processor declares no incremental kind; only"
                        + " processors declared isolating (in META-INF/gradle/incremental.annotation.processors) run"
                        + " on the changed sources alone");
        assertThat(javacCalls).hasSize(1);
        assertThat(javacCalls.get(0)).hasSize(3);
    }

    @Test
    @DisplayName("a damaged state is a full compile with a warning that names the file")
    void damagedState() throws Exception {
        compile(configuration());
        Path state = dir.resolve("target/tandem/compile/classes/compile.state");
        Files.write(state, new byte[] {'x', 0, (byte) 0xff});
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(log).hasSize(1);
        assertThat(log.get(0))
                .startsWith("WARN Tandem compiler: full compile of 3 sources in ")
                .endsWith("ms: the last compile's state " + state + " is damaged (not UTF-8)");
        assertThat(classFiles()).containsExactly("a/A.class", "a/B.class", "b/C.class");
    }

    /** The plugin's javac component, as far as Tandem uses it: the JDK's javac on the configuration's arguments. */
    private final class JdkJavac implements Compiler {
        @Override
        public String[] createCommandLine(CompilerConfiguration configuration) {
            List<String> args = new ArrayList<>();
            args.addAll(List.of("-d", configuration.getOutputLocation()));
            args.addAll(List.of("-classpath", String.join(File.pathSeparator, configuration.getClasspathEntries())));
            args.addAll(List.of("-sourcepath", String.join(File.pathSeparator, configuration.getSourceLocations())));
            args.addAll(List.of("--release", configuration.getReleaseVersion()));
            if (configuration.getProc() != null) {
                args.add("-proc:" + configuration.getProc());
            }
            if (configuration.getProcessorPathEntries() != null) {
                args.addAll(List.of(
                        "-processorpath", String.join(File.pathSeparator, configuration.getProcessorPathEntries())));
            }
            if (configuration.getGeneratedSourcesDirectory() != null) {
                configuration.getGeneratedSourcesDirectory().mkdirs();
                args.addAll(List.of(
                        "-s", configuration.getGeneratedSourcesDirectory().getPath()));
            }
            for (File file : configuration.getSourceFiles()) {
                args.add(file.getPath());
            }
            return args.toArray(new String[0]);
        }

        @Override
        public CompilerResult performCompile(CompilerConfiguration configuration) {
            new File(configuration.getOutputLocation()).mkdirs();
            javacCalls.add(configuration.getSourceFiles().stream()
                    .map(File::getName)
                    .collect(Collectors.toCollection(TreeSet::new)));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = ToolProvider.getSystemJavaCompiler().run(null, null, err, createCommandLine(configuration));
            List<CompilerMessage> messages = new ArrayList<>();
            if (exit != 0) {
                messages.add(new CompilerMessage(err.toString(StandardCharsets.UTF_8), CompilerMessage.Kind.ERROR));
            }
            return new CompilerResult(exit == 0, messages);
        }

        @Override
        public CompilerOutputStyle getCompilerOutputStyle() {
            return CompilerOutputStyle.ONE_OUTPUT_FILE_PER_INPUT_FILE;
        }

        @Override
        public String getInputFileEnding(CompilerConfiguration configuration) {
            return ".java";
        }

        @Override
        public String getOutputFileEnding(CompilerConfiguration configuration) {
            return ".class";
        }

        @Override
        public String getOutputFile(CompilerConfiguration configuration) {
            return null;
        }

        @Override
        public boolean canUpdateTarget(CompilerConfiguration configuration) {
            return true;
        }

        @Override
        public List<CompilerError> compile(CompilerConfiguration configuration) {
            throw new UnsupportedOperationException();
        }
    }
}
