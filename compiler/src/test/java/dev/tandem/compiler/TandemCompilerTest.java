package dev.tandem.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.codehaus.plexus.compiler.Compiler;
import org.codehaus.plexus.compiler.CompilerConfiguration;
import org.codehaus.plexus.compiler.CompilerError;
import org.codehaus.plexus.compiler.CompilerException;
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
    /** The last compile's debug lines. */
    private final List<String> debugLog = new ArrayList<>();

    private final List<Set<String>> javacCalls = new ArrayList<>();
    /** Arguments as if from compilerArgs, in the command line Tandem reads only (the stand-in javac skips them). */
    private List<String> extra = List.of();
    /** When set, the javac stand-in fails with this, as the plugin's javac does when a processor throws. */
    private String javacThrows;

    @org.junit.jupiter.api.AfterEach
    void forgetTrust() {
        System.clearProperty(Processors.AGGREGATING_PROPERTY);
    }

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
        // the files the last compile created (createdFiles.lst), gone before the next, as the plugin deletes them
        for (Path f : created) {
            Files.deleteIfExists(f);
        }
        Set<Path> before = outputFiles();
        // and, as plugins from 3.12 on do, the generated sources' folder
        if (Files.isDirectory(generatedSources())) {
            try (Stream<Path> walk = Files.walk(generatedSources())) {
                for (Path f : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(f);
                }
            }
        }
        log.clear();
        debugLog.clear();
        javacCalls.clear();
        CompilerResult result = new TandemCompiler(id -> new JdkJavac(), into(log)).performCompile(configuration);
        created.clear();
        created.addAll(outputFiles());
        created.removeAll(before);
        return result;
    }

    /** What the last compile created in the output, as the plugin lists it in createdFiles.lst. */
    private final Set<Path> created = new java.util.HashSet<>();

    private Set<Path> outputFiles() throws IOException {
        Set<Path> files = new java.util.HashSet<>();
        if (Files.isDirectory(output)) {
            try (Stream<Path> walk = Files.walk(output)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        return files;
    }

    /** A log that keeps the INFO and WARN lines, each with its level first, and the debug lines apart. */
    private TandemCompiler.Log into(List<String> lines) {
        return new TandemCompiler.Log() {
            @Override
            public void info(String line) {
                lines.add("INFO " + line);
            }

            @Override
            public void warn(String line) {
                lines.add("WARN " + line);
            }

            @Override
            public void debug(String line) {
                debugLog.add(line);
            }
        };
    }

    /** Tandem's folder for this module's compile: the one under target/tandem/compile. */
    private Path home() throws IOException {
        try (Stream<Path> list = Files.list(dir.resolve("target/tandem/compile"))) {
            List<Path> homes = list.collect(Collectors.toList());
            assertThat(homes).hasSize(1);
            return homes.get(0);
        }
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
    @DisplayName("beside the state, the sources, for tandem:prepare to make the plugin compile when one is only deleted"
            + " (3.10.1 and older call no compiler then)")
    void inputsForPrepare() throws Exception {
        assertThat(compile(configuration()).isSuccess()).isTrue();
        Map<String, String> inputs = dev.tandem.cache.internal.TrackedInputs.read(
                dev.tandem.cache.internal.CacheLayout.compilerInputs(home()));
        assertThat(inputs)
                .containsOnlyKeys(
                        src.resolve("a/A.java").toString(),
                        src.resolve("a/B.java").toString(),
                        src.resolve("b/C.java").toString());
        assertThat(inputs.values()).containsOnly(dev.tandem.cache.internal.TrackedInputs.PRESENT);
    }

    @Test
    @DisplayName("the output's class files are links to Tandem's, newer than their sources; a tool writing one in place"
            + " makes the next compile full, and copies from then on")
    void linksAndInPlaceWrites() throws Exception {
        compile(configuration());
        Path ours = home().resolve("classes/a/B.class");
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

    /** The debug line with where Tandem's time went. */
    private String timings() {
        return debugLog.stream()
                .filter(l -> l.startsWith("Tandem compiler: ") && l.contains(" ms in javac"))
                .findFirst()
                .orElse("(none)");
    }

    @Test
    @DisplayName("an incremental compile keeps the analyses of the class files, and the next one decides from them"
            + " without reading a class file: a signature change still recompiles its dependents")
    void keptAnalyses() throws Exception {
        write(
                "a/User.java",
                "package a; class User { static final String NAME = \"x\"; int h() { return new B().g(); } }");
        compile(configuration());
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(timings()).doesNotContain("kept");
        assertThat(home().resolve("classes.analyses")).isRegularFile();

        write("a/A.java", "package a; public class A { public int f() { return 2; } public int g() { return 3; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(timings()).contains("ms reading class files (the analyses kept of them)");
        assertThat(summary()).matches("INFO Tandem compiler: compiled 2 of 4 sources in \\d+ ms");
        assertThat(javacCalls).containsExactly(Set.of("A.java"), Set.of("B.java"));

        write("a/B.java", "package a; public class B { int g() { return new A().f(); } long k() { return 1; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(timings()).contains("(the analyses kept of them)");
        assertThat(javacCalls)
                .as("B's new API, kept from the last compile's analyses, recompiles its user")
                .containsExactly(Set.of("B.java"), Set.of("User.java"));
    }

    @Test
    @DisplayName(
            "damaged kept analyses are a miss: every class file is read, and the compile is as incremental as ever")
    void damagedKeptAnalyses() throws Exception {
        compile(configuration());
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        compile(configuration());
        Path kept = home().resolve("classes.analyses");
        byte[] bytes = Files.readAllBytes(kept);
        bytes[bytes.length / 2] ^= 1;
        Files.write(kept, bytes);
        write("a/A.java", "package a; public class A { public int f() { return 2; } public int g() { return 3; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(timings()).doesNotContain("kept");
        assertThat(log).noneMatch(l -> l.startsWith("WARN"));
        assertThat(javacCalls).containsExactly(Set.of("A.java"), Set.of("B.java"));
    }

    @Test
    @DisplayName("a class file of the last compile that cannot be read, its size and time unchanged, makes the compile"
            + " full, and the output is whole again")
    void unreadableClassFile() throws Exception {
        compile(configuration());
        Path ours = home().resolve("classes/a/B.class");
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(ours);
        byte[] garbage = new byte[(int) Files.size(ours)];
        java.util.Arrays.fill(garbage, (byte) 7);
        Files.write(ours, garbage);
        Files.setLastModifiedTime(ours, time);
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(summary()).endsWith("ms: a class file of the last compile could not be read");
        assertThat(Files.readAllBytes(output.resolve("a/B.class"))).startsWith(0xCA, 0xFE, 0xBA, 0xBE);
    }

    @Test
    @DisplayName("javac's own failure (a processor that threw) is the build's, as without Tandem, not Tandem's; the"
            + " next compile is full")
    void javacFails() throws Exception {
        compile(configuration());
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        javacThrows = "java.lang.IllegalStateException: the processor broke";
        assertThatThrownBy(() -> compile(configuration()))
                .isInstanceOf(CompilerException.class)
                .hasMessage("java.lang.IllegalStateException: the processor broke");
        javacThrows = null;
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(summary())
                .endsWith("ms: the last compile was interrupted (" + home() + "/classes-set-aside was" + " left)");
        assertThat(classFiles()).containsExactly("a/A.class", "a/B.class", "b/C.class");
    }

    @Test
    @DisplayName("a compile that was interrupted (its set-aside folder left behind) is followed by a full compile")
    void interrupted() throws Exception {
        compile(configuration());
        Path aside = home().resolve("classes-set-aside/a/A.class");
        Files.createDirectories(aside.getParent());
        Files.move(home().resolve("classes/a/A.class"), aside);
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
    @DisplayName("a failed incremental compile is confirmed by a full one, whose messages are reported; the last good"
            + " state stays: the fix compiles what the failure did")
    void failure() throws Exception {
        compile(configuration());
        write("a/A.java", "package a; public class A { public int f() { return 2 } }");
        CompilerResult failed = compile(configuration());
        assertThat(failed.isSuccess()).isFalse();
        assertThat(failed.getCompilerMessages()).hasSize(1);
        assertThat(summary())
                .startsWith("INFO Tandem compiler: full compile of 3 sources in ")
                .endsWith("ms: the changed sources did not compile on their own, so everything was compiled, as"
                        + " without Tandem (failed)");
        assertThat(javacCalls).containsExactly(Set.of("A.java"), Set.of("A.java", "B.java", "C.java"));
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
        assertThat(home().resolve("compile.state")).doesNotExist();
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
        assertThat(log)
                .hasSize(1)
                .allMatch(line ->
                        line.matches("INFO Tandem compiler: the plugin passed only some of the sources \\((a/B|b/C)"
                                + "\\.java was not passed: useIncrementalCompilation=false, or <excludes>\\); compiled by javac as"
                                + " without Tandem"));
        // the next build, with no state left, must not take the sources it was given for all of them
        write("a/B.java", "package a; public class B { int g() { return new A().f() + 1; } }");
        CompilerConfiguration again = configuration();
        again.setSourceFiles(Set.of(src.resolve("a/B.java").toFile()));
        compile(again);
        assertThat(log.get(0)).contains("the plugin passed only some of the sources (");
        assertThat(javacCalls).containsExactly(Set.of("B.java"));
    }

    @Test
    @DisplayName("a class declared in a second source: javac rewrites a class file of a source it was not given, and"
            + " the compile is full (where Maven alone fails, so does Tandem)")
    void classDeclaredTwice() throws Exception {
        write(
                "a/A.java",
                "package a; public class A { public int f() { return Helper.x(); } } class Helper {"
                        + " static int x() { return 1; } }");
        compile(configuration());
        write("a/Helper.java", "package a; class Helper { static long x() { return 2; } }");
        CompilerResult result = compile(configuration());
        assertThat(summary())
                .contains("ms: javac rewrote a/Helper.class, which belongs to a source it was not"
                        + " compiling (a class declared in two sources?)");
        assertThat(result.isSuccess())
                .as("duplicate class, as with Maven alone")
                .isFalse();
    }

    @Test
    @DisplayName("an added class that a wildcard import would now find first recompiles the sources that name it")
    void addedClassShadowsWildcardImport() throws Exception {
        write("q/Foo.java", "package q; public class Foo { public static String who() { return \"q\"; } }");
        write("a/B.java", "package a; import q.*; public class B { String g() { return Foo.who(); } }");
        compile(configuration());
        write("a/Foo.java", "package a; public class Foo { public static String who() { return \"a\"; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        // B, in a.Foo's package; not q/Foo.java, whose text has the name but cannot reach package a's
        assertThat(summary()).matches("INFO Tandem compiler: compiled 2 of 5 sources in \\d+ ms");
        assertThat(javacCalls).containsExactly(Set.of("Foo.java"), Set.of("B.java"));
        String b = new String(Files.readAllBytes(output.resolve("a/B.class")), StandardCharsets.ISO_8859_1);
        assertThat(b)
                .as("B binds to the new a.Foo, as a clean build does")
                .contains("a/Foo")
                .doesNotContain("q/Foo");
        // a deleted class whose name a source still imports: that source is compiled again, and fails as without Tandem
        write("a/B.java", "package a; import q.Foo; public class B { }");
        compile(configuration());
        Files.delete(src.resolve("q/Foo.java"));
        Files.delete(src.resolve("a/Foo.java"));
        CompilerResult result = compile(configuration());
        assertThat(result.isSuccess())
                .as("package q does not exist, as with Maven alone")
                .isFalse();
    }

    @Test
    @DisplayName("a class gains an overload that a static import on demand picks in a source whose class file never"
            + " named the class: that source compiles again, to the bytes a clean javac writes")
    void staticImportOnDemandOverload() throws Exception {
        // the second time with the class's name written with a unicode escape: the same name to javac
        for (String e : List.of("E", "\\u0045")) {
            write("a/D.java", "package a; public class D { public static String f(long x) { return \"D\"; } }");
            write("a/E.java", "package a; public class E { public static int g() { return 0; } }");
            write(
                    "b/C.java",
                    "package b; import static a.D.*; import static a." + e + ".*;"
                            + " public class C { public String n() { return f(1); } }");
            assertThat(compile(configuration()).isSuccess()).isTrue();
            write(
                    "a/E.java",
                    "package a; public class E { public static int g() { return 0; }"
                            + " public static String f(int x) { return \"E\"; } }");
            assertThat(compile(configuration()).isSuccess()).isTrue();
            assertThat(javacCalls).as(e).containsExactly(Set.of("E.java"), Set.of("C.java"));
            assertThat(cleanJavac(dir.resolve("clean-out"))).isTrue();
            assertThat(Files.readAllBytes(output.resolve("b/C.class")))
                    .as("C.class as clean javac writes it (f(1) -> E.f(int))")
                    .isEqualTo(Files.readAllBytes(dir.resolve("clean-out/b/C.class")));
            deleteAll(dir.resolve("target"));
            deleteAll(dir.resolve("clean-out"));
        }
        assertThat(IncrementalCompile.unicodeEscapesRead("a\\u0045 \\\\u0045 \\uu0046 \\uZZZZ"))
                .as("an escaped backslash starts none; several u's are one escape; a bad one stays")
                .isEqualTo("aE \\\\u0045 F \\uZZZZ");
    }

    @Test
    @DisplayName(
            "a class that a source uses only as a local variable's type becomes package-private: the source compiles"
                    + " again and fails, as without Tandem")
    void localVariableTypeMadeInaccessible() throws Exception {
        write("a/F.java", "package a; public class F { }");
        write("b/C.java", "package b; public class C { int n() { a.F f = null; return 1; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        write("a/F.java", "package a; class F { }");
        CompilerResult result = compile(configuration());
        assertThat(javacCalls.subList(0, 2)).containsExactly(Set.of("F.java"), Set.of("C.java"));
        assertThat(result.isSuccess()).as("a.F is not public in a").isFalse();
        assertThat(cleanJavac(dir.resolve("clean-out"))).as("clean javac").isFalse();
    }

    @Test
    @DisplayName("a subclass's superclass gains an overload that a static method reference through the subclass picks:"
            + " javac names the declaring class in the reference, so the source is found by the subclass's name")
    void methodReferenceThroughSubclass() throws Exception {
        write("a/Base.java", "package a; public class Base { public static String foo(long x) { return \"long\"; } }");
        write("a/Sub.java", "package a; public class Sub extends Base { }");
        write("a/Sub2.java", "package a; public class Sub2 extends Sub { }");
        write(
                "b/User.java",
                "package b; public class User { java.util.function.IntFunction<String> f = a.Sub2::foo; }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        write(
                "a/Sub.java",
                "package a; public class Sub extends Base { public static String foo(int x) { return \"int\"; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(javacCalls.get(1)).contains("User.java");
        assertThat(cleanJavac(dir.resolve("clean-out"))).isTrue();
        assertThat(Files.readAllBytes(output.resolve("b/User.class")))
                .as("User.class as clean javac writes it (a.Sub.foo(int))")
                .isEqualTo(Files.readAllBytes(dir.resolve("clean-out/b/User.class")));
    }

    @Test
    @DisplayName("a private field or member class that hides an inherited one changes what users see: they compile"
            + " again and fail as without Tandem, never at run time")
    void privateMemberHides() throws Exception {
        for (String kind : List.of("field", "member class")) {
            write(
                    "a/Base.java",
                    "package a; public class Base { public static int count; public static class In { } }");
            write("a/Sub.java", "package a; public class Sub extends Base { }");
            write("b/User.java", "package b; public class User { int n() { return a.Sub.count; } a.Sub.In in; }");
            assertThat(compile(configuration()).isSuccess()).isTrue();
            write(
                    "a/Sub.java",
                    kind.equals("field")
                            ? "package a; public class Sub extends Base { private static int count; }"
                            : "package a; public class Sub extends Base { private static class In { } }");
            CompilerResult result = compile(configuration());
            assertThat(javacCalls.get(1)).as(kind).contains("User.java");
            assertThat(result.isSuccess()).as(kind + ": has private access").isFalse();
            assertThat(cleanJavac(dir.resolve("clean-out"))).as("clean javac").isFalse();
            deleteAll(dir.resolve("target"));
        }
    }

    @Test
    @DisplayName("a method deprecated by the javadoc tag alone (the class file's Deprecated attribute) changes what its"
            + " users see: they compile again, so javac warns of it (and with -Werror fails) as without Tandem")
    void deprecatedByJavadoc() throws Exception {
        write("a/Old.java", "package a; public class Old { public static int old() { return 1; } }");
        write("b/User.java", "package b; public class User { int n() { return a.Old.old(); } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        write(
                "a/Old.java",
                "package a; public class Old { /** @deprecated */ @SuppressWarnings(\"dep-ann\")"
                        + " public static int old() { return 1; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        // javac warns of the use when it compiles User (with -Xlint:deprecation -Werror, a failure)
        assertThat(javacCalls).containsExactly(Set.of("Old.java"), Set.of("User.java"));
    }

    @Test
    @DisplayName("with Lombok, a file a lombok.config imports (a path, an archive) is part of the set-up, and of what"
            + " tandem:prepare checks")
    void lombokConfigImports() throws Exception {
        Path lombok = dir.resolve("lombok-fake/classes");
        upstream(
                lombok,
                "lombok/Fake.java",
                "package lombok; import java.util.Set; import javax.annotation.processing.*;"
                        + " import javax.lang.model.SourceVersion; import javax.lang.model.element.*;"
                        + " @SupportedAnnotationTypes(\"*\") public class Fake extends AbstractProcessor {"
                        + " public SourceVersion getSupportedSourceVersion() { return SourceVersion.latest(); }"
                        + " public boolean process(Set<? extends TypeElement> a, RoundEnvironment r) { return false; } }");
        Files.createDirectories(lombok.resolve("META-INF/services"));
        Files.createDirectories(lombok.resolve("META-INF/gradle"));
        Files.write(lombok.resolve(Processors.SERVICE), "lombok.Fake\n".getBytes(StandardCharsets.UTF_8));
        Files.write(lombok.resolve(Processors.GRADLE), "lombok.Fake,isolating\n".getBytes(StandardCharsets.UTF_8));
        CompilerConfiguration configuration = configuration();
        configuration.setProcessorPathEntries(List.of(lombok.toString()));
        Path shared = dir.resolve("config/shared.config");
        Path archive = dir.resolve("config/configs.jar");
        Files.createDirectories(shared.getParent());
        Files.write(shared, "lombok.accessors.chain = true\n".getBytes(StandardCharsets.UTF_8));
        Files.write(archive, "first".getBytes(StandardCharsets.UTF_8));
        Files.write(
                src.resolve("lombok.config"),
                "import ../../../config/shared.config\nimport ../../../config/configs.jar!lombok.config\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(compile(configuration).isSuccess()).isTrue();
        Map<String, String> inputs = dev.tandem.cache.internal.TrackedInputs.read(
                dev.tandem.cache.internal.CacheLayout.compilerInputs(home()));
        assertThat(inputs).containsKeys(shared.toString(), archive.toString());
        for (Path imported : List.of(shared, archive)) {
            write("a/A.java", "package a; public class A { public int f() { return " + imported.hashCode() + "; } }");
            Files.write(imported, ("changed " + imported).getBytes(StandardCharsets.UTF_8));
            assertThat(compile(configuration).isSuccess()).isTrue();
            assertThat(summary()).as(imported.toString()).endsWith("ms: the lombok.config files changed");
        }
    }

    @Test
    @DisplayName("a class path entry holding annotation processors that run changes: a full compile, as its code runs")
    void upstreamProcessorChanged() throws Exception {
        Path proc = dir.resolve("proc/classes");
        String checker = "package p; import java.util.Set; import javax.annotation.processing.*;"
                + " import javax.lang.model.SourceVersion; import javax.lang.model.element.*;"
                + " @SupportedAnnotationTypes(\"*\") public class Check extends AbstractProcessor {"
                + " public SourceVersion getSupportedSourceVersion() { return SourceVersion.latest(); }"
                + " public boolean process(Set<? extends TypeElement> a, RoundEnvironment r) { return %s; } }";
        upstream(proc, "p/Check.java", String.format(checker, "false"));
        Files.createDirectories(proc.resolve("META-INF/gradle"));
        Files.createDirectories(proc.resolve("META-INF/services"));
        Files.write(proc.resolve(Processors.SERVICE), "p.Check\n".getBytes(StandardCharsets.UTF_8));
        Files.write(proc.resolve(Processors.GRADLE), "p.Check,isolating\n".getBytes(StandardCharsets.UTF_8));
        CompilerConfiguration configuration = withEntries(proc);
        assertThat(compile(configuration).isSuccess()).isTrue();
        Thread.sleep(20);
        upstream(proc, "p/Check.java", String.format(checker, "1 == 2"));
        assertThat(compile(configuration).isSuccess()).isTrue();
        Thread.sleep(20);
        upstream(proc, "p/Check.java", String.format(checker, "2 == 3"));
        assertThat(compile(configuration).isSuccess()).isTrue();
        assertThat(summary())
                .endsWith("ms: the class path entry " + proc + " changed, and it holds annotation processors ("
                        + Processors.SERVICE + "), which run in this compile");
    }

    @Test
    @DisplayName("processors found on the class path: a changed entry holding service files (a processor's plug-in,"
            + " such as a MapStruct naming strategy) is a full compile, though only a method body changed")
    void classPathProcessorPlugInChanged() throws Exception {
        assumeTrue(Runtime.version().feature() < 23, "javac 23 and later runs no processor from the class path");
        Path spi = dir.resolve("spi/classes");
        String naming = "package n; public class Naming { public boolean getter(String name) { return %s; } }";
        upstream(spi, "n/Naming.java", String.format(naming, "true"));
        Files.createDirectories(spi.resolve("META-INF/services"));
        Files.write(spi.resolve("META-INF/services/p.NamingStrategy"), "n.Naming\n".getBytes(StandardCharsets.UTF_8));
        CompilerConfiguration configuration = configuration();
        configuration.setClasspathEntries(
                List.of(output.toString(), processorPath("isolating").toString(), spi.toString()));
        assertThat(compile(configuration).isSuccess()).isTrue();
        Thread.sleep(20);
        upstream(spi, "n/Naming.java", String.format(naming, "false"));
        assertThat(compile(configuration).isSuccess()).isTrue();
        Thread.sleep(20);
        upstream(spi, "n/Naming.java", String.format(naming, "name.isEmpty()"));
        assertThat(compile(configuration).isSuccess()).isTrue();
        assertThat(summary())
                .endsWith("ms: the class path entry " + spi + " changed, and it holds service files"
                        + " (META-INF/services/), which the annotation processors found on the class path may load");
        CompilerConfiguration onTheirPath = withProcessor("isolating");
        onTheirPath.setClasspathEntries(List.of(output.toString(), spi.toString()));
        assertThat(compile(onTheirPath).isSuccess()).isTrue();
        Thread.sleep(20);
        upstream(spi, "n/Naming.java", String.format(naming, "name.isBlank()"));
        assertThat(compile(onTheirPath).isSuccess()).isTrue();
        assertThat(summary())
                .as("processors on their own path load nothing from the class path: a body change there is no change")
                .matches("INFO Tandem compiler: compiled 0 of 3 sources .*");
    }

    @Test
    @DisplayName("processors that ran stop running (-proc:none): what they wrote does not come back into the plugin's"
            + " folder for generated sources, which plugins from 3.12 on empty before each compile")
    void processorsStopped() throws Exception {
        write("b/CGen.java", "package b; public class CGen { }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(files(generatedSources())).containsExactly("b/CGenHelper.java");
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        CompilerConfiguration none = withProcessor("isolating");
        none.setProc("none");
        assertThat(compile(none).isSuccess()).isTrue();
        assertThat(files(generatedSources())).isEmpty();
        assertThat(classFiles()).doesNotContain("b/CGenHelper.class");
        write("a/A.java", "package a; public class A { public int f() { return 3; } }");
        assertThat(compile(none).isSuccess()).isTrue();
        assertThat(files(generatedSources())).isEmpty();
    }

    /** Compiles an upstream module's class into {@code upstream} (a folder, or a jar when it ends with .jar). */
    private void upstream(Path upstream, String path, String text) throws IOException {
        upstream(upstream, List.of(), path, text);
    }

    /**
     * Compiles an upstream module's class into {@code upstream} (a folder, or a jar when it ends with .jar, given a
     * time of its own), with other entries on its class path.
     */
    private void upstream(Path upstream, List<Path> classPath, String path, String text) throws IOException {
        Path source = dir.resolve("upstream-src")
                .resolve(upstream.getFileName() + "-" + Math.abs(upstream.hashCode()))
                .resolve(path);
        Files.createDirectories(source.getParent());
        Files.write(source, text.getBytes(StandardCharsets.UTF_8));
        Path classes = upstream.toString().endsWith(".jar") ? dir.resolve("upstream-classes") : upstream;
        Files.createDirectories(classes);
        List<String> cp = new ArrayList<>(List.of(classes.toString()));
        for (Path entry : classPath) {
            cp.add(entry.toString());
        }
        assertThat(ToolProvider.getSystemJavaCompiler()
                        .run(
                                null,
                                null,
                                null,
                                "-d",
                                classes.toString(),
                                "-cp",
                                String.join(File.pathSeparator, cp),
                                source.toString()))
                .isZero();
        if (classes != upstream) {
            Files.createDirectories(upstream.getParent());
            try (java.util.zip.ZipOutputStream jar =
                            new java.util.zip.ZipOutputStream(Files.newOutputStream(upstream));
                    Stream<Path> walk = Files.walk(classes)) {
                for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    jar.putNextEntry(new java.util.zip.ZipEntry(
                            classes.relativize(file).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(file));
                    jar.closeEntry();
                }
            }
            Files.setLastModifiedTime(
                    upstream,
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000 * (++jarWrites)));
        }
    }

    /** The upstream class most tests change: u.Greeter, whose static hi() returns {@code value}. */
    private void greeter(Path upstream, int value) throws IOException {
        upstream(
                upstream,
                "u/Greeter.java",
                "package u; public class Greeter { public static int hi() { return " + value + "; } }");
    }

    private int jarWrites;

    @Test
    @DisplayName("an upstream module's class changes its API: its first change compiles in full, after which only the"
            + " sources that depend on a changed class compile, from a folder or a jar; a body change compiles none")
    void upstreamApi() throws Exception {
        for (String kind : List.of("up/classes", "up/up.jar")) {
            Path upstream = dir.resolve(kind);
            greeter(upstream, 1);
            upstream(upstream, "u/Other.java", "package u; public class Other { public static int n() { return 1; } }");
            write("a/B.java", "package a; public class B { int g() { return new A().f() + u.Greeter.hi(); } }");
            write("b/C.java", "package b; public class C { int n() { return u.Other.n(); } }");
            compile(withEntries(upstream));
            greeter(upstream, 2);
            assertThat(compile(withEntries(upstream)).isSuccess()).isTrue();
            assertThat(summary()).as(kind).contains("ms: the class path entry " + upstream + " changed (from now on");

            upstream(
                    upstream,
                    "u/Greeter.java",
                    "package u; public class Greeter { public static long hi() { return 2; } }");
            CompilerResult result = compile(withEntries(upstream));
            assertThat(summary())
                    .as(kind)
                    .endsWith("ms: the changed sources did not compile on their own, so everything was compiled, as"
                            + " without Tandem (failed)");
            assertThat(javacCalls).as(kind).containsExactly(Set.of("B.java"), Set.of("A.java", "B.java", "C.java"));
            assertThat(result.isSuccess()).as("int = long, as without Tandem").isFalse();

            greeter(upstream, 3);
            assertThat(compile(withEntries(upstream)).isSuccess()).isTrue();
            greeter(upstream, 4);
            assertThat(compile(withEntries(upstream)).isSuccess()).isTrue();
            assertThat(summary())
                    .as(kind + ": a body change")
                    .matches("INFO Tandem compiler: compiled 0 of 3 sources in \\d+ ms");
            assertThat(javacCalls).isEmpty();

            upstream(
                    upstream,
                    "u/Other.java",
                    "package u; public class Other { public static int n() { return 1; } public static final int MAX = 5; }");
            assertThat(compile(withEntries(upstream)).isSuccess()).isTrue();
            assertThat(summary()).as(kind).matches("INFO Tandem compiler: compiled 1 of 3 sources in \\d+ ms");
            assertThat(javacCalls).containsExactly(Set.of("C.java"));
            upstream(
                    upstream,
                    "u/Other.java",
                    "package u; public class Other { public static int n() { return 1; } public static final int MAX = 6; }");
            assertThat(compile(withEntries(upstream)).isSuccess()).isTrue();
            assertThat(summary())
                    .as(kind)
                    .endsWith("ms: the constant u.Other.MAX changed (javac copies constants into"
                            + " their users, whose class files do not name it), on the class path (" + upstream + ")");
            deleteAll(dir.resolve("target"));
            deleteAll(dir.resolve("up"));
            deleteAll(dir.resolve("upstream-src"));
            deleteAll(dir.resolve("upstream-classes"));
        }
    }

    @Test
    @DisplayName("a class path entry whose kept analyses are damaged, a jar that became another file and a"
            + " multi-release folder compile in full, and the line says which")
    void upstreamCannotBeCompared() throws Exception {
        Path jar = dir.resolve("up/up.jar");
        greeter(jar, 1);
        write("b/C.java", "package b; public class C { int n() { return u.Greeter.hi(); } }");
        compile(withEntries(jar));
        greeter(jar, 2);
        compile(withEntries(jar));
        try (Stream<Path> kept = Files.list(home().resolve("classpath"))) {
            Files.write(kept.findFirst().orElseThrow(), "damaged".getBytes(StandardCharsets.UTF_8));
        }
        greeter(jar, 3);
        assertThat(compile(withEntries(jar)).isSuccess()).isTrue();
        assertThat(summary())
                .endsWith("ms: the class path entry " + jar + " changed (what was kept of its classes is gone or"
                        + " damaged, and is kept anew)");
        greeter(jar, 4);
        assertThat(compile(withEntries(jar)).isSuccess()).isTrue();
        assertThat(summary()).as("kept anew").matches("INFO Tandem compiler: compiled 0 of 3 sources in \\d+ ms");

        Files.write(jar, "not a zip".getBytes(StandardCharsets.UTF_8));
        CompilerResult result = compile(withEntries(jar));
        assertThat(summary())
                .contains("ms: the class path entry " + jar + " changed, and its classes cannot be compared (not a"
                        + " folder, and not a jar: ");
        assertThat(result.isSuccess()).as("javac cannot read it either").isFalse();

        Path folder = dir.resolve("up/classes");
        greeter(folder, 1);
        compile(withEntries(folder));
        Thread.sleep(20);
        greeter(folder, 2);
        compile(withEntries(folder));
        Files.createDirectories(folder.resolve("META-INF/versions/11/u"));
        Files.copy(folder.resolve("u/Greeter.class"), folder.resolve("META-INF/versions/11/u/Greeter.class"));
        assertThat(compile(withEntries(folder)).isSuccess()).isTrue();
        assertThat(summary())
                .endsWith("ms: the class path entry " + folder + " changed, and its classes cannot be compared (a"
                        + " multi-release jar or folder: javac may read its versioned classes instead)");
    }

    @Test
    @DisplayName("an upstream superclass of an upstream superclass loses a method the module calls: the module's"
            + " subclass, whose class file names neither, compiles and fails as without Tandem")
    void upstreamInheritance() throws Exception {
        Path upstream = dir.resolve("up/classes");
        upstream(upstream, "u/Base.java", "package u; public class Base { public int m() { return 1; } }");
        upstream(upstream, "u/Mid.java", "package u; public class Mid extends Base { }");
        write("b/Sub.java", "package b; public class Sub extends u.Mid { int x() { return m(); } }");
        compile(withEntries(upstream));
        upstream(upstream, "u/Base.java", "package u; public class Base { public int m() { return 2; } }");
        compile(withEntries(upstream));
        upstream(upstream, "u/Base.java", "package u; public class Base { public int n() { return 2; } }");
        CompilerResult result = compile(withEntries(upstream));
        assertThat(javacCalls.get(0)).containsExactly("Sub.java");
        assertThat(result.isSuccess()).as("m() is gone, as without Tandem").isFalse();
    }

    @Test
    @DisplayName("with processors, an upstream class whose API changed recompiles every source that names it, and a"
            + " changed resource upstream compiles in full (a processor may read it)")
    void upstreamWithProcessors() throws Exception {
        Path upstream = dir.resolve("up/classes");
        upstream(upstream, "u/Greeter.java", "package u; public class Greeter { public int hi() { return 1; } }");
        // as a processor reads a qualified name in an annotation's string
        write("b/D.java", "package b; @SuppressWarnings(\"u.Greeter\") public class D { }");
        CompilerConfiguration configuration = withProcessor("isolating");
        configuration.setClasspathEntries(List.of(output.toString(), upstream.toString()));
        compile(configuration);
        upstream(upstream, "u/Greeter.java", "package u; public class Greeter { public int hi() { return 2; } }");
        compile(configuration);
        upstream(upstream, "u/Greeter.java", "package u; public class Greeter { public long hi() { return 2; } }");
        assertThat(compile(configuration).isSuccess()).isTrue();
        assertThat(javacCalls)
                .as("D names it only in a source-retention place a processor may read")
                .containsExactly(Set.of("D.java"));
        Files.write(upstream.resolve("u/greetings.properties"), "hi=1".getBytes(StandardCharsets.UTF_8));
        assertThat(compile(configuration).isSuccess()).isTrue();
        assertThat(summary())
                .endsWith("ms: a file other than a class file changed in the class path entry " + upstream
                        + " (annotation processors may read it)");
        try (Stream<Path> kept = Files.list(home().resolve("classpath"))) {
            assertThat(kept).hasSize(1);
        }
        configuration.setClasspathEntries(List.of(output.toString()));
        assertThat(compile(configuration).isSuccess()).isTrue();
        try (Stream<Path> kept = Files.list(home().resolve("classpath"))) {
            assertThat(kept)
                    .as("what was kept of an entry no longer on the class path")
                    .isEmpty();
        }
    }

    private CompilerConfiguration withEntries(Path... entries) throws IOException {
        CompilerConfiguration configuration = configuration();
        List<String> cp = new ArrayList<>(List.of(output.toString()));
        for (Path e : entries) {
            cp.add(e.toString());
        }
        configuration.setClasspathEntries(cp);
        return configuration;
    }

    /** What a clean javac of every source says, against the same entries. */
    private boolean cleanJavac(Path into, Path... entries) throws IOException {
        List<String> args = new ArrayList<>(List.of("-d", into.toString(), "--release", "11", "-cp"));
        List<String> cp = new ArrayList<>();
        for (Path e : entries) {
            cp.add(e.toString());
        }
        args.add(cp.isEmpty() ? "." : String.join(File.pathSeparator, cp));
        try (Stream<Path> walk = Files.walk(src)) {
            walk.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        return ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(new String[0])) == 0;
    }

    @Test
    @DisplayName(
            "an upstream superclass two entries up loses a method: the module's subclass compiles and fails, as without Tandem")
    void upstreamChainMiddleEntryRebuilt() throws Exception {
        Path up1 = dir.resolve("up1/classes");
        Path up2 = dir.resolve("up2/classes");
        upstream(up1, List.of(), "u/Base.java", "package u; public class Base { public int m() { return 1; } }");
        upstream(up2, List.of(up1), "v/Mid.java", "package v; public class Mid extends u.Base { }");
        write("b/Sub.java", "package b; public class Sub extends v.Mid { int x() { return m(); } }");
        assertThat(compile(withEntries(up1, up2)).isSuccess()).isTrue();
        Thread.sleep(20);
        upstream(up1, List.of(), "u/Base.java", "package u; public class Base { public int m() { return 2; } }");
        upstream(up2, List.of(up1), "v/Mid.java", "package v; public class Mid extends u.Base { }");
        assertThat(compile(withEntries(up1, up2)).isSuccess()).isTrue();
        Thread.sleep(20);
        // the reactor: up1 loses m(), up2 is rebuilt (its Mid recompiles, its API is the same), then this module
        upstream(up1, List.of(), "u/Base.java", "package u; public class Base { public int n() { return 2; } }");
        upstream(up2, List.of(up1), "v/Mid.java", "package v; public class Mid extends u.Base { }");
        CompilerResult result = compile(withEntries(up1, up2));
        assertThat(javacCalls.get(0)).containsExactly("Sub.java");
        assertThat(result.isSuccess()).as("m() not found").isFalse();
        assertThat(cleanJavac(dir.resolve("clean-out"), up1, up2))
                .as("clean javac")
                .isFalse();
    }

    @Test
    @DisplayName(
            "an upstream class gains an overload a static import on demand picks: the source compiles again, to what a clean javac writes")
    void upstreamStaticImportOverload() throws Exception {
        Path up = dir.resolve("up/classes");
        upstream(
                up,
                List.of(),
                "u/A.java",
                "package u; public class A { public static String f(long x) { return \"A\"; } }");
        upstream(up, List.of(), "u/B.java", "package u; public class B { public static int g() { return 0; } }");
        write(
                "b/C.java",
                "package b; import static u.A.*; import static u.B.*; public class C { public String n() { return f(1); } }");
        assertThat(compile(withEntries(up)).isSuccess()).isTrue();
        Thread.sleep(20);
        upstream(up, List.of(), "u/B.java", "package u; public class B { public static int g() { return 1; } }");
        assertThat(compile(withEntries(up)).isSuccess()).isTrue();
        Thread.sleep(20);
        upstream(
                up,
                List.of(),
                "u/B.java",
                "package u; public class B { public static int g() { return 1; }"
                        + " public static String f(int x) { return \"B\"; } }");
        CompilerResult result = compile(withEntries(up));
        assertThat(result.isSuccess()).isTrue();
        assertThat(javacCalls.get(0)).contains("C.java");
        assertThat(cleanJavac(dir.resolve("clean-out"), up)).isTrue();
        byte[] clean = Files.readAllBytes(dir.resolve("clean-out/b/C.class"));
        byte[] ours = Files.readAllBytes(output.resolve("b/C.class"));
        assertThat(ours)
                .as("C.class as clean javac writes it (f(1) -> B.f(int))")
                .isEqualTo(clean);
    }

    @Test
    @DisplayName(
            "an upstream class gains a nested class an import on demand brings in: the source that names it compiles and fails as without Tandem")
    void upstreamNestedOnDemandAmbiguity() throws Exception {
        Path up = dir.resolve("up/classes");
        upstream(
                up, List.of(), "u/Outer.java", "package u; public class Outer { public static int k() { return 0; } }");
        upstream(
                up,
                List.of(),
                "v/Helper.java",
                "package v; public class Helper { public static int h() { return 1; } }");
        write("b/C.java", "package b; import u.Outer.*; import v.*; public class C { int n() { return Helper.h(); } }");
        assertThat(compile(withEntries(up)).isSuccess()).isTrue();
        Thread.sleep(20);
        upstream(
                up, List.of(), "u/Outer.java", "package u; public class Outer { public static int k() { return 1; } }");
        assertThat(compile(withEntries(up)).isSuccess()).isTrue();
        Thread.sleep(20);
        upstream(
                up,
                List.of(),
                "u/Outer.java",
                "package u; public class Outer { public static int k() { return 1; }"
                        + " public static class Helper { public static int h() { return 2; } } }");
        CompilerResult result = compile(withEntries(up));
        assertThat(javacCalls.get(0)).containsExactly("C.java");
        assertThat(result.isSuccess()).as("reference to Helper is ambiguous").isFalse();
        assertThat(cleanJavac(dir.resolve("clean-out"), up)).as("clean javac").isFalse();
    }

    @Test
    @DisplayName(
            "an upstream class a source uses only as a local variable type becomes package-private: the source compiles and fails as without Tandem")
    void upstreamNoTraceAccess() throws Exception {
        Path up = dir.resolve("up/classes");
        upstream(up, List.of(), "u/Foo.java", "package u; public class Foo { public int k() { return 0; } }");
        write("b/C.java", "package b; public class C { int n() { u.Foo f = null; return 1; } }");
        assertThat(compile(withEntries(up)).isSuccess()).isTrue();
        Thread.sleep(20);
        upstream(up, List.of(), "u/Foo.java", "package u; public class Foo { public int k() { return 1; } }");
        assertThat(compile(withEntries(up)).isSuccess()).isTrue();
        Thread.sleep(20);
        upstream(up, List.of(), "u/Foo.java", "package u; class Foo { public int k() { return 1; } }");
        CompilerResult result = compile(withEntries(up));
        assertThat(javacCalls.get(0)).containsExactly("C.java");
        assertThat(result.isSuccess()).as("Foo is not public in u").isFalse();
        assertThat(cleanJavac(dir.resolve("clean-out"), up)).as("clean javac").isFalse();
    }

    @Test
    @DisplayName("an upstream class changes through a link, a linked class file or a class path entry that is a link"
            + " to a folder: seen, as javac sees it")
    void upstreamThroughLinks() throws Exception {
        for (String kind : List.of("class file", "entry")) {
            Path real = dir.resolve("elsewhere/classes");
            Path up = dir.resolve("up-link");
            greeter(real, 1);
            if (kind.equals("entry")) {
                Files.createSymbolicLink(up, real);
            } else {
                Files.createDirectories(up.resolve("u"));
                Files.createSymbolicLink(up.resolve("u/Greeter.class"), real.resolve("u/Greeter.class"));
            }
            write("b/C.java", "package b; public class C { int n() { return u.Greeter.hi(); } }");
            assertThat(compile(withEntries(up)).isSuccess()).isTrue();
            Thread.sleep(20);
            greeter(real, 2);
            assertThat(compile(withEntries(up)).isSuccess()).isTrue();
            assertThat(summary()).as(kind).contains("the class path entry " + up + " changed (from now on");
            Thread.sleep(20);
            upstream(
                    real,
                    "u/Greeter.java",
                    "package u; public class Greeter { public static long hi() { return 1; } }");
            CompilerResult result = compile(withEntries(up));
            assertThat(javacCalls.get(0)).as(kind).containsExactly("C.java");
            assertThat(result.isSuccess()).as(kind + ": int = long").isFalse();
            assertThat(cleanJavac(dir.resolve("clean-out"), up))
                    .as("clean javac")
                    .isFalse();
            deleteAll(dir.resolve("target"));
            deleteAll(dir.resolve("elsewhere"));
            if (kind.equals("entry")) {
                Files.delete(up);
            } else {
                deleteAll(up);
            }
        }
    }

    @Test
    @DisplayName("a link or a file in place of the class path entries' folder, a folder or a link in place of the kept"
            + " analyses: removed with a warning that names it, never written through, and the compile goes on")
    void keptFilesReplaced() throws Exception {
        Path up = dir.resolve("up/classes");
        Path outside = dir.resolve("outside");
        for (String kind :
                List.of("classpath link", "classpath file", "classes.analyses folder", "classes.analyses link")) {
            deleteAll(dir.resolve("target"));
            deleteAll(outside);
            Files.createDirectories(outside);
            Files.write(outside.resolve("precious.txt"), "keep me".getBytes(StandardCharsets.UTF_8));
            greeter(up, 1);
            write("b/C.java", "package b; public class C { int n() { return u.Greeter.hi(); } }");
            assertThat(compile(withEntries(up)).isSuccess()).isTrue();
            Thread.sleep(20);
            greeter(up, 2);
            assertThat(compile(withEntries(up)).isSuccess()).isTrue();
            write("a/A.java", "package a; public class A { public int f() { return 2; } }");
            assertThat(compile(withEntries(up)).isSuccess()).isTrue();
            Path item = home().resolve(kind.substring(0, kind.indexOf(' ')));
            assertThat(item).as(kind + ": kept before").exists();
            deleteAll(item);
            if (kind.endsWith("link")) {
                Files.createSymbolicLink(
                        item, kind.startsWith("classpath") ? outside : outside.resolve("precious.txt"));
            } else if (kind.endsWith("file")) {
                Files.write(item, "not a folder".getBytes(StandardCharsets.UTF_8));
            } else {
                Files.createDirectories(item.resolve("inside"));
            }
            Thread.sleep(20);
            greeter(up, 3);
            write("a/A.java", "package a; public class A { public int f() { return 3; } }");
            assertThat(compile(withEntries(up)).isSuccess()).as(kind).isTrue();
            assertThat(log)
                    .as(kind)
                    .contains("WARN Tandem compiler: " + item + " was not what Tandem keeps there (a link, a file or a"
                            + " folder in its place); removed (a link, never what it pointed to)");
            try (Stream<Path> files = Files.list(outside)) {
                List<String> names = files.map(f -> f.getFileName().toString()).collect(Collectors.toList());
                assertThat(names).as(kind + ": nothing written through a link").containsExactly("precious.txt");
            }
            assertThat(Files.readAllBytes(outside.resolve("precious.txt")))
                    .as(kind)
                    .isEqualTo("keep me".getBytes(StandardCharsets.UTF_8));
            assertThat(Files.isSymbolicLink(item)).as(kind).isFalse();
            if (kind.startsWith("classpath")) {
                assertThat(item).as(kind + ": kept again").isDirectory();
            } else {
                assertThat(Files.isDirectory(item)).as(kind).isFalse();
            }
        }
    }

    @Test
    @DisplayName("a folder put inside the class path entries' folder is removed, not a failure")
    void upstreamKeptSubfolder() throws Exception {
        Path up = dir.resolve("up/classes");
        upstream(
                up,
                List.of(),
                "u/Greeter.java",
                "package u; public class Greeter { public static int hi() { return 1; } }");
        write("b/C.java", "package b; public class C { int n() { return u.Greeter.hi(); } }");
        assertThat(compile(withEntries(up)).isSuccess()).isTrue();
        Thread.sleep(20);
        upstream(
                up,
                List.of(),
                "u/Greeter.java",
                "package u; public class Greeter { public static int hi() { return 2; } }");
        assertThat(compile(withEntries(up)).isSuccess()).isTrue();
        Path junk = home().resolve("classpath/junk");
        Files.createDirectories(junk);
        Files.write(junk.resolve("f"), new byte[1]);
        Thread.sleep(20);
        upstream(
                up,
                List.of(),
                "u/Greeter.java",
                "package u; public class Greeter { public static int hi() { return 3; } }");
        Object outcome;
        try {
            CompilerResult result = compile(withEntries(up));
            outcome = "success=" + result.isSuccess() + " " + summary();
        } catch (Throwable t) {
            outcome = t;
        }
        assertThat(outcome).isNotInstanceOf(Throwable.class);
    }

    private static void deleteAll(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path f : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(f);
                }
            }
        }
    }

    @Test
    @DisplayName("classes another compiler put in the output (Kotlin, Scala) are seen, and a change to them is a class"
            + " path change")
    void classesOfAnotherCompiler() throws Exception {
        Path kotlin = dir.resolve("kotlin/k/K.java");
        Files.createDirectories(kotlin.getParent());
        Files.write(
                kotlin,
                "package k; public class K { public static int one() { return 1; } }".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(output);
        assertThat(ToolProvider.getSystemJavaCompiler()
                        .run(null, null, null, "-d", output.toString(), kotlin.toString()))
                .isZero();
        write("a/B.java", "package a; public class B { int g() { return new A().f() + k.K.one(); } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        write("a/B.java", "package a; public class B { int g() { return new A().f() + k.K.one() + 1; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 1 of 3 sources in \\d+ ms");
        Files.write(
                kotlin,
                "package k; public class K { public static long one() { return 1; } }"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(ToolProvider.getSystemJavaCompiler()
                        .run(null, null, null, "-d", output.toString(), kotlin.toString()))
                .isZero();
        write("b/C.java", "package b; public class C { int x; }");
        CompilerResult result = compile(configuration());
        assertThat(summary()).endsWith("ms: the class path changed (failed)");
        assertThat(result.isSuccess()).as("int = long, as without Tandem").isFalse();
    }

    @Test
    @DisplayName("processors or plugins named in compilerArgs mean a full compile, with the reason")
    void processorInCompilerArgs() throws Exception {
        extra = List.of("-Xplugin:Foo");
        compile(configuration());
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        compile(configuration());
        assertThat(summary())
                .isEqualTo("INFO Tandem compiler: javac is given -Xplugin in compilerArgs, which Tandem does not"
                        + " follow (name processors in annotationProcessorPaths and annotationProcessors)"
                        + "; compiled by javac as without Tandem");
    }

    /**
     * A processor path of one processor, {@code p.Check}, declared {@code kind} for Gradle: it fails the compile on a
     * type whose name ends in "Bad" and, for one whose name ends in "Gen", writes a source {@code <name>Helper}
     * beside it that uses {@code a.A} (for one ending in "Orphan", the same with no originating element).
     */
    private Path processorPath(String kind) throws IOException {
        Path path = dir.resolve("processor-" + kind);
        if (Files.isDirectory(path)) {
            return path; // built once: a rebuilt processor path is a changed one
        }
        return processorFolder(
                path,
                "p.Check",
                kind,
                "package p;\n"
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
                        + "      boolean orphan = name.endsWith(\"Orphan\");\n"
                        + "      if (name.endsWith(\"Gen\") || orphan) try (java.io.Writer w = processingEnv.getFiler()\n"
                        + "          .createSourceFile(e + \"Helper\", orphan ? new Element[0] : new Element[] {e})\n"
                        + "          .openWriter()) {\n"
                        + "        String pkg = processingEnv.getElementUtils().getPackageOf(e).toString();\n"
                        + "        w.write(\"package \" + pkg + \"; class \" + name + \"Helper { Object a = new a.A(); }\");\n"
                        + "      } catch (java.io.IOException x) { throw new RuntimeException(x); }\n"
                        + "    }\n"
                        + "    return false;\n"
                        + "  }\n"
                        + "}\n");
    }

    /**
     * The source of processor {@code p.<simpleName>} supporting one annotation type (or {@code *}), the latest source
     * version, with the imports the tests' processors use; {@code body} goes on from there and closes the class.
     */
    private static String processorSource(String simpleName, String supported, String body) {
        return "package p;\n"
                + "import java.util.*;\n"
                + "import javax.annotation.processing.*;\n"
                + "import javax.lang.model.SourceVersion;\n"
                + "import javax.lang.model.element.*;\n"
                + "import javax.lang.model.util.ElementFilter;\n"
                + "import javax.tools.StandardLocation;\n"
                + "@SupportedAnnotationTypes(\"" + supported + "\")\n"
                + "public class " + simpleName + " extends AbstractProcessor {\n"
                + "  public SourceVersion getSupportedSourceVersion() { return SourceVersion.latest(); }\n"
                + body;
    }

    /** A folder of the processor path holding the one processor {@code name} compiled from {@code text}, of a kind. */
    private Path processorFolder(Path path, String name, String kind, String text) throws IOException {
        Path source = dir.resolve("processor-src-" + path.getFileName() + "/" + name.replace('.', '/') + ".java");
        Files.createDirectories(source.getParent());
        Files.write(source, text.getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(path.resolve("META-INF/services"));
        Files.createDirectories(path.resolve("META-INF/gradle"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", path.toString(), source.toString()))
                .isZero();
        Files.write(path.resolve(Processors.SERVICE), (name + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(path.resolve(Processors.GRADLE), (name + "," + kind + "\n").getBytes(StandardCharsets.UTF_8));
        return path;
    }

    private CompilerConfiguration withProcessor(String kind) throws IOException {
        CompilerConfiguration configuration = configuration();
        configuration.setProcessorPathEntries(List.of(processorPath(kind).toString()));
        return configuration;
    }

    @Test
    @DisplayName("replay's processor named alone, the path's processors isolating: Tandem's recorder runs them in"
            + " replay's place, on the changed sources alone")
    void replayNamedWithIsolatingProcessors() throws Exception {
        write("b/CGen.java", "package b; public class CGen { }");
        assertThat(compile(withReplayNamed()).isSuccess()).isTrue();
        assertThat(files(generatedSources())).containsExactly("b/CGenHelper.java");
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        assertThat(compile(withReplayNamed()).isSuccess())
                .as("replay is not on this path: had the recorder been told to run it, javac would fail")
                .isTrue();
        assertThat(summary())
                .matches(
                        "INFO Tandem compiler: compiled 1 of 4 sources in \\d+ ms \\(replay left out: the processors it"
                                + " runs are all declared isolating, and Tandem ran them on these sources alone\\)");
        Files.delete(src.resolve("b/CGen.java"));
        assertThat(compile(withReplayNamed()).isSuccess()).isTrue();
        assertThat(files(generatedSources())).isEmpty();
    }

    private CompilerConfiguration withReplayNamed() throws IOException {
        CompilerConfiguration configuration = withProcessor("isolating");
        configuration.setAnnotationProcessors(new String[] {Processors.REPLAY});
        return configuration;
    }

    @Test
    @DisplayName("a processor that fails under the recorder (it asks for javac's own Trees) where javac alone passes:"
            + " the module is compiled by javac alone, with a warning, and so until its processors change")
    void processorFailingUnderRecorder() throws Exception {
        Path trees = processorFolder(
                dir.resolve("processor-trees"),
                "p.TreesUser",
                "isolating",
                "package p;\n"
                        + "import java.util.Set;\n"
                        + "import javax.annotation.processing.*;\n"
                        + "import javax.lang.model.SourceVersion;\n"
                        + "import javax.lang.model.element.TypeElement;\n"
                        + "@SupportedAnnotationTypes(\"*\")\n"
                        + "public class TreesUser extends AbstractProcessor {\n"
                        + "  public void init(ProcessingEnvironment env) {\n"
                        + "    super.init(env);\n"
                        + "    com.sun.source.util.Trees.instance(env);\n"
                        + "  }\n"
                        + "  public SourceVersion getSupportedSourceVersion() { return SourceVersion.latest(); }\n"
                        + "  public boolean process(Set<? extends TypeElement> a, RoundEnvironment r) { return false; }\n"
                        + "}\n");
        CompilerConfiguration first = configuration();
        first.setProcessorPathEntries(List.of(trees.toString()));
        assertThat(compile(first).isSuccess()).isTrue();
        assertThat(summary())
                .startsWith("WARN Tandem compiler: a processor failed under Tandem's recorder (An annotation processor"
                        + " threw an uncaught exception: java.lang.IllegalArgumentException")
                .endsWith("and javac alone compiled the module; it is compiled so until its processors change");
        assertThat(classFiles()).contains("a/A.class", "b/C.class");
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        CompilerConfiguration again = configuration();
        again.setProcessorPathEntries(List.of(trees.toString()));
        assertThat(compile(again).isSuccess()).isTrue();
        assertThat(summary())
                .startsWith("INFO Tandem compiler: a processor failed under Tandem's recorder in an earlier compile"
                        + " (An annotation processor threw an uncaught exception")
                .endsWith("where javac alone passed; the module is compiled so until its processors change; compiled"
                        + " by javac as without Tandem");
        assertThat(javacCalls).as("javac alone, once, on every source").hasSize(1);
        assertThat(classFiles()).contains("a/A.class", "b/C.class");
        // the processors changed (their path's stamp): the recorder is tried again
        Files.write(trees.resolve(Processors.SERVICE), "p.TreesUser\n# again\n".getBytes(StandardCharsets.UTF_8));
        compile(again);
        assertThat(summary()).startsWith("WARN Tandem compiler: a processor failed under Tandem's recorder (");
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
        assertThat(summary())
                .endsWith("ms: the changed sources did not compile on their own, so everything was compiled, as"
                        + " without Tandem (failed)");
    }

    @Test
    @DisplayName("with processors, a class whose API changed recompiles the sources that name it, even where no class"
            + " file does (Lombok's @Delegate(types = A.class) is source-retention)")
    void processorsReadSourceRetentionAnnotations() throws Exception {
        write("b/D.java", "package b; import a.A; @SuppressWarnings(\"A\") public class D { }");
        compile(withProcessor("isolating"));
        write("a/A.java", "package a; public class A { public int f() { return 1; } public int g() { return 2; } }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 3 of 4 sources in \\d+ ms");
        assertThat(javacCalls).containsExactly(Set.of("A.java"), Set.of("B.java", "D.java"));
    }

    /** The plugin's folder for generated sources, which plugins from 3.12 on delete before each compile. */
    private Path generatedSources() {
        return dir.resolve("target/generated-sources/annotations");
    }

    private Set<String> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .map(f -> folder.relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    @DisplayName("a processor that writes files runs on the changed sources alone; what it wrote for the others stays,"
            + " in the plugin's folder too")
    void writingProcessor() throws Exception {
        write("b/CGen.java", "package b; public class CGen { }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(files(generatedSources())).containsExactly("b/CGenHelper.java");
        write("a/B.java", "package a; public class B { int g() { return new A().f() + 1; } }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 1 of 4 sources in \\d+ ms");
        assertThat(javacCalls).containsExactly(Set.of("B.java"));
        assertThat(classFiles())
                .containsExactly("a/A.class", "a/B.class", "b/C.class", "b/CGen.class", "b/CGenHelper.class");
        assertThat(files(generatedSources())).containsExactly("b/CGenHelper.java");

        write("b/CGen.java", "package b; public class CGen { int more; }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 1 of 4 sources in \\d+ ms");
        assertThat(javacCalls).as("the helper is written again with its source").containsExactly(Set.of("CGen.java"));
        assertThat(classFiles()).contains("b/CGen.class", "b/CGenHelper.class");

        Files.delete(src.resolve("b/CGen.java"));
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 0 of 3 sources in \\d+ ms");
        assertThat(classFiles()).containsExactly("a/A.class", "a/B.class", "b/C.class");
        assertThat(files(generatedSources()))
                .as("what a deleted source led to goes")
                .isEmpty();
    }

    @Test
    @DisplayName("a new source named as a source a processor wrote compiles in full, where the processor cannot write"
            + " it again, as without Tandem (it was compiled alone and replaced the generated class)")
    void newSourceNamedAsAGeneratedOne() throws Exception {
        write("b/CGen.java", "package b; public class CGen { }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        write("b/CGenHelper.java", "package b; class CGenHelper { }");
        boolean success;
        try {
            success = compile(withProcessor("isolating")).isSuccess();
        } catch (CompilerException | RuntimeException processorFailed) {
            success = false;
        }
        assertThat(success).as("javac alone fails").isFalse();
        assertThat(javacCalls.get(javacCalls.size() - 1))
                .as("all sources at once, as without Tandem")
                .containsExactly("A.java", "B.java", "C.java", "CGen.java", "CGenHelper.java");
    }

    @Test
    @DisplayName("an error in a generated source names it where Maven alone would, in the plugin's folder for them,"
            + " not in Tandem's")
    void messagesNameThePluginsFolder() throws Exception {
        compile(withProcessor("isolating"));
        CompileExecution module = new CompileExecution(withProcessor("isolating"));
        String inTandems = home().resolve("generated/b/CGenHelper.java").toString();
        CompilerMessage said = module.asMavenWouldSay(
                new CompilerMessage(inTandems, CompilerMessage.Kind.ERROR, 3, 4, 3, 9, "cannot find symbol"));
        assertThat(said.getFile())
                .isEqualTo(generatedSources().resolve("b/CGenHelper.java").toString());
        assertThat(said.getMessage()).isEqualTo("cannot find symbol");
        assertThat(said.getStartLine()).isEqualTo(3);
        String source = src.resolve("a/A.java").toString();
        assertThat(module.asMavenWouldSay(new CompilerMessage(source, CompilerMessage.Kind.ERROR, 1, 1, 1, 2, "x"))
                        .getFile())
                .isEqualTo(source);
    }

    @Test
    @DisplayName("a class that code a processor wrote depends on changes its API: the source it was written for"
            + " compiles again, and the processor writes it anew")
    void generatedCodeDependsOnAChangedApi() throws Exception {
        write("b/CGen.java", "package b; public class CGen { }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        write("a/A.java", "package a; public class A { public int f() { return 1; } public A(int x) { } }");
        assertThat(compile(withProcessor("isolating")).isSuccess())
                .as("CGenHelper's new a.A() no longer compiles, as without Tandem")
                .isFalse();
        write("a/A.java", "package a; public class A { public int f() { return 1; } public void g() { } }");
        write("a/B.java", "package a; public class B { int g() { return new A().f(); } }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        write("a/A.java", "package a; public class A { public int f() { return 1; } }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 3 of 4 sources in \\d+ ms");
        assertThat(javacCalls).containsExactly(Set.of("A.java"), Set.of("B.java", "CGen.java"));
    }

    @Test
    @DisplayName("generated code that depends on a changed API through a supertype (no name in its text): the source"
            + " it was written for compiles again")
    void generatedCodeDependsOnASupertype() throws Exception {
        write("a/Base.java", "package a; public class Base { public void m() { } }");
        write("a/A.java", "package a; public class A extends Base { public int f() { return 1; } }");
        write("b/CGen.java", "package b; public class CGen { }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        write("a/Base.java", "package a; public class Base { public void n() { } }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(javacCalls.get(0)).containsExactly("Base.java");
        assertThat(javacCalls.get(1)).contains("CGen.java");
        assertThat(summary()).matches("INFO Tandem compiler: compiled \\d of 5 sources in \\d+ ms");
    }

    @Test
    @DisplayName("a processor that starts writing files in an incremental compile: what it writes is traced too")
    void processorStartsWriting() throws Exception {
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        write("b/DGen.java", "package b; public class DGen { }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 1 of 4 sources in \\d+ ms");
        assertThat(javacCalls).containsExactly(Set.of("DGen.java"));
        assertThat(classFiles())
                .containsExactly("a/A.class", "a/B.class", "b/C.class", "b/DGen.class", "b/DGenHelper.class");
        assertThat(files(generatedSources())).containsExactly("b/DGenHelper.java");
    }

    @Test
    @DisplayName("a file written with no originating element cannot be traced: a full compile, and full ones after it")
    void fileWithoutOrigin() throws Exception {
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        write("b/DOrphan.java", "package b; public class DOrphan { }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(summary())
                .startsWith("INFO Tandem compiler: full compile of 4 sources in ")
                .endsWith("ms: an annotation processor wrote a file that Tandem cannot trace to one of the sources"
                        + " it compiled: b/DOrphanHelper.java (written with no originating element)");
        assertThat(javacCalls)
                .containsExactly(Set.of("DOrphan.java"), Set.of("A.java", "B.java", "C.java", "DOrphan.java"));
        assertThat(files(generatedSources())).containsExactly("b/DOrphanHelper.java");
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(summary())
                .endsWith("ms: annotation processors wrote a file in the last compile that Tandem cannot trace to one"
                        + " source: b/DOrphanHelper.java (written with no originating element)");
        assertThat(classFiles()).contains("b/DOrphanHelper.class");
    }

    @Test
    @DisplayName("isolating processors found on the class path run under Tandem's recorder, where javac runs them:"
            + " a change compiles only its sources, and a source's generated file follows it")
    void writingProcessorOnClassPath() throws Exception {
        assumeTrue(Runtime.version().feature() < 23, "javac 23 and later runs no processor from the class path");
        write("b/CGen.java", "package b; public class CGen { }");
        assertThat(compile(onClassPath("isolating")).isSuccess()).isTrue();
        assertThat(files(generatedSources())).containsExactly("b/CGenHelper.java");
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        assertThat(compile(onClassPath("isolating")).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 1 of 4 sources .*");
        assertThat(files(generatedSources())).containsExactly("b/CGenHelper.java");
        assertThat(classFiles()).contains("b/CGenHelper.class");
        Files.delete(src.resolve("b/CGen.java"));
        assertThat(compile(onClassPath("isolating")).isSuccess()).isTrue();
        assertThat(files(generatedSources())).isEmpty();
        assertThat(classFiles()).doesNotContain("b/CGenHelper.class", "b/CGen.class");
    }

    private CompilerConfiguration onClassPath(String kind) throws IOException {
        CompilerConfiguration configuration = configuration();
        configuration.setClasspathEntries(
                List.of(output.toString(), processorPath(kind).toString()));
        return configuration;
    }

    @Test
    @DisplayName("an aggregating processor Tandem does not know: handed to javac whole, with how to trust it")
    void aggregatingProcessorNotKnown() throws Exception {
        compile(withProcessor("aggregating"));
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        assertThat(compile(withProcessor("aggregating")).isSuccess()).isTrue();
        assertThat(summary())
                .isEqualTo("INFO Tandem compiler: the annotation processor p.Check is aggregating, and not one Tandem"
                        + " knows to read only what it can follow (Spring Boot's configuration processor); name it in"
                        + " -Dtandem.compiler.aggregating to compile in part with it; compiled by javac as without"
                        + " Tandem");
    }

    @Test
    @DisplayName("an aggregating processor that supports every annotation: every compile is full, with the reason")
    void aggregatingProcessorOfEveryAnnotation() throws Exception {
        System.setProperty(Processors.AGGREGATING_PROPERTY, "p.Other, p.Check");
        compile(withProcessor("aggregating"));
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        assertThat(compile(withProcessor("aggregating")).isSuccess()).isTrue();
        assertThat(summary())
                .matches("INFO Tandem compiler: full compile of 3 sources in \\d+ ms: the aggregating processor"
                        + " p.Check runs on every source \\(it supports every annotation, or a type it was written for"
                        + " could not be told\\), so it runs again");
    }

    /**
     * A processor path of one aggregating processor, {@code p.Index}: it writes {@code META-INF/index.txt} in the class
     * output, a line per type annotated {@code @x.Indexed} (or with an annotation meta-annotated so): its name and
     * its fields' names and types, and each field type's own fields, as Spring Boot's configuration processor reads
     * nested properties; then what {@code META-INF/index-extra.txt} in the class output says, as Spring Boot reads its
     * additional metadata.
     */
    private Path indexPath() throws IOException {
        Path path = dir.resolve("processor-index");
        if (Files.isDirectory(path)) {
            return path;
        }
        return processorFolder(
                path,
                "p.Index",
                "aggregating",
                processorSource(
                        "Index",
                        "x.Indexed",
                        ""
                                + "  private final List<String> lines = new ArrayList<>();\n"
                                + "  boolean indexed(Element e, Set<Element> seen) {\n"
                                + "    for (AnnotationMirror m : e.getAnnotationMirrors()) {\n"
                                + "      Element t = m.getAnnotationType().asElement();\n"
                                + "      if (t.toString().equals(\"x.Indexed\") || (seen.add(t) && indexed(t, seen))) return true;\n"
                                + "    }\n"
                                + "    return false;\n"
                                + "  }\n"
                                + "  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {\n"
                                + "    for (Element e : round.getRootElements()) {\n"
                                + "      if (!indexed(e, new HashSet<>())) continue;\n"
                                + "      StringBuilder line = new StringBuilder(e.toString());\n"
                                + "      for (VariableElement f : ElementFilter.fieldsIn(e.getEnclosedElements())) {\n"
                                + "        line.append(' ').append(f.getSimpleName()).append(':').append(f.asType());\n"
                                + "        Element type = processingEnv.getTypeUtils().asElement(f.asType());\n"
                                + "        if (type != null) for (VariableElement g : ElementFilter.fieldsIn(type.getEnclosedElements()))\n"
                                + "          line.append(' ').append(f.getSimpleName()).append('.').append(g.getSimpleName());\n"
                                + "      }\n"
                                + "      lines.add(line.toString());\n"
                                + "    }\n"
                                + "    if (round.processingOver()) {\n"
                                + "      Collections.sort(lines);\n"
                                + "      try {\n"
                                + "        try (java.io.Reader in = processingEnv.getFiler()\n"
                                + "            .getResource(StandardLocation.CLASS_OUTPUT, \"\", \"META-INF/index-extra.txt\").openReader(true)) {\n"
                                + "          StringBuilder extra = new StringBuilder();\n"
                                + "          for (int c = in.read(); c >= 0; c = in.read()) extra.append((char) c);\n"
                                + "          lines.add(\"extra \" + extra.toString().trim());\n"
                                + "        } catch (java.io.IOException none) { }\n"
                                + "        try (java.io.Writer w = processingEnv.getFiler()\n"
                                + "            .createResource(StandardLocation.CLASS_OUTPUT, \"\", \"META-INF/index.txt\").openWriter()) {\n"
                                + "          w.write(String.join(\"\\n\", lines) + \"\\n\");\n"
                                + "        }\n"
                                + "      } catch (java.io.IOException x) { throw new RuntimeException(x); }\n"
                                + "    }\n"
                                + "    return false;\n"
                                + "  }\n"
                                + "}\n"));
    }

    /** The module's processors: {@code p.Index} (aggregating) and {@code p.Check} (isolating), in that order. */
    private CompilerConfiguration withIndex() throws IOException {
        System.setProperty(Processors.AGGREGATING_PROPERTY, "p.Index"); // as -Dtandem.compiler.aggregating=p.Index
        CompilerConfiguration configuration = configuration();
        configuration.setProcessorPathEntries(
                List.of(indexPath().toString(), processorPath("isolating").toString()));
        return configuration;
    }

    /** What p.Index wrote, as the plugin's output has it. */
    private String index() throws IOException {
        return new String(Files.readAllBytes(output.resolve("META-INF/index.txt")), StandardCharsets.UTF_8);
    }

    /**
     * The indexed sources: {@code x.Indexed}, {@code x.Meta} (meta-annotated with it), {@code c.Props} indexed, whose
     * field's type {@code c.Nested} is read for its fields, {@code c.Other} with {@code @Meta}.
     */
    private void writeIndexed() throws IOException {
        write("x/Indexed.java", "package x; public @interface Indexed { }");
        write("x/Meta.java", "package x; @Indexed public @interface Meta { }");
        write("c/Props.java", "package c; @x.Indexed public class Props { Nested nested; int port; }");
        write("c/Nested.java", "package c; public class Nested { String host; }");
        write("c/Other.java", "package c; @x.Meta public class Other { long id; }");
    }

    @Test
    @DisplayName("an aggregating processor (Spring Boot's configuration metadata): a source that does not feed it"
            + " compiles alone, and what the processor wrote stays as a clean build has it")
    void aggregatingProcessorKeptWhileNothingFeedsIt() throws Exception {
        writeIndexed();
        // named in a method body only, which no processor sees through javax.lang.model
        write(
                "c/Props.java",
                "package c; @x.Indexed public class Props { Nested nested; int port;"
                        + " int size() { return new a.B().hashCode(); } }");
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        String clean = index();
        assertThat(clean).isEqualTo("c.Other id:long\nc.Props nested:c.Nested nested.host port:int\nx.Meta\n");
        write("a/B.java", "package a; public class B { int g() { return new A().f() + 2; } }");
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 1 of 8 sources in \\d+ ms");
        assertThat(javacCalls).containsExactly(Set.of("B.java"));
        assertThat(index()).isEqualTo(clean);
        assertThat(files(home().resolve("classes"))).contains("META-INF/index.txt");
    }

    @Test
    @DisplayName("an aggregating processor runs on every source again when a source it reads changes: one it indexes,"
            + " one an indexed source names (a nested type), one indexed through a meta-annotation")
    void aggregatingProcessorRunsAgainForWhatFeedsIt() throws Exception {
        writeIndexed();
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        write("c/Nested.java", "package c; public class Nested { String host; int timeout; }");
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        assertThat(summary())
                .matches("INFO Tandem compiler: full compile of 8 sources in \\d+ ms: c/Nested.java feeds the"
                        + " aggregating processor p.Index \\(it carries an annotation the processor supports, or such"
                        + " a source reaches it\\), so it runs again");
        assertThat(index())
                .isEqualTo("c.Other id:long\nc.Props nested:c.Nested nested.host nested.timeout port:int\nx.Meta\n");
        write("c/Other.java", "package c; @x.Meta public class Other { long id; int name; }");
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        assertThat(summary()).contains("c/Other.java feeds the aggregating processor p.Index");
        assertThat(index()).startsWith("c.Other id:long name:int\n");
        write("c/Props.java", "package c; @x.Indexed public class Props { Nested nested; }");
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        assertThat(index())
                .isEqualTo("c.Other id:long name:int\nc.Props nested:c.Nested nested.host nested.timeout\nx.Meta\n");
    }

    @Test
    @DisplayName("a source that gains an annotation an aggregating processor supports (or one meta-annotated so):"
            + " compiled alone first, then everything, so the processor sees it; a deleted source runs it again too")
    void aggregatingProcessorNewlyFed() throws Exception {
        writeIndexed();
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        write("a/B.java", "package a; @x.Meta public class B { int size; }");
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        assertThat(summary())
                .matches("INFO Tandem compiler: full compile of 8 sources in \\d+ ms: a.B now carries an annotation"
                        + " that the aggregating processor p.Index supports: it runs on every source");
        assertThat(index())
                .isEqualTo("a.B size:int\nc.Other id:long\nc.Props nested:c.Nested nested.host port:int\nx.Meta\n");
        write("d/Fresh.java", "package d; public class Fresh { }");
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        assertThat(summary())
                .contains("d/Fresh.java is new, and the aggregating processor p.Index writes files from many sources");
        Files.delete(src.resolve("c/Other.java"));
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        assertThat(summary()).contains("c/Other.java was deleted, and the aggregating processor p.Index wrote files");
        assertThat(index()).isEqualTo("a.B size:int\nc.Props nested:c.Nested nested.host port:int\nx.Meta\n");
        assertThat(classFiles()).doesNotContain("c/Other.class").contains("d/Fresh.class");
    }

    @Test
    @DisplayName("an aggregating processor: a class path entry that changed in a private member only (Spring Boot reads"
            + " a superclass's private fields) runs it again, though no API changed")
    void aggregatingProcessorClassPathPrivateChange() throws Exception {
        Path lib = dir.resolve("lib/classes");
        String base = "package l; public class Base { private %s int size; public int getSize() { return size; } }";
        upstream(lib, "l/Base.java", String.format(base, ""));
        writeIndexed();
        CompilerConfiguration configuration = withIndex();
        configuration.setClasspathEntries(List.of(output.toString(), lib.toString()));
        assertThat(compile(configuration).isSuccess()).isTrue();
        Thread.sleep(20);
        upstream(lib, "l/Base.java", String.format(base, "transient"));
        assertThat(compile(configuration).isSuccess()).isTrue(); // its first change: full, and compared from now on
        Thread.sleep(20);
        upstream(lib, "l/Base.java", String.format(base, "@Deprecated"));
        assertThat(compile(configuration).isSuccess()).isTrue();
        assertThat(summary())
                .endsWith("ms: the class path entry " + lib + " changed, and the aggregating processor p.Index may read"
                        + " its classes, private members too, so it runs again");
    }

    @Test
    @DisplayName("an aggregating processor told to read a folder (Spring Boot's additionalMetadataLocations): a change"
            + " there runs it again")
    void aggregatingProcessorLocations() throws Exception {
        Path metadata = dir.resolve("src/main/metadata");
        Files.createDirectories(metadata);
        Files.write(metadata.resolve("extra.json"), "{}".getBytes(StandardCharsets.UTF_8));
        extra = List.of("-Aorg.springframework.boot.configurationprocessor.additionalMetadataLocations=" + metadata);
        writeIndexed();
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        write("a/B.java", "package a; public class B { int g() { return 3; } }");
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        assertThat(javacCalls).containsExactly(Set.of("B.java"));
        Thread.sleep(20);
        Files.write(metadata.resolve("extra.json"), "{ }".getBytes(StandardCharsets.UTF_8));
        write("a/B.java", "package a; public class B { int g() { return 4; } }");
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        assertThat(summary()).contains("full compile").contains("the folders the aggregating processors read changed");
    }

    @Test
    @DisplayName("an aggregating processor fed by a type another processor wrote (a @ConfigurationProperties class"
            + " generated): what that type names feeds it too")
    void aggregatingProcessorFedByAGeneratedType() throws Exception {
        Path gen = processorFolder(
                dir.resolve("processor-props"),
                "p.Props",
                "isolating",
                processorSource(
                        "Props",
                        "*",
                        ""
                                + "  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {\n"
                                + "    for (Element e : round.getRootElements()) {\n"
                                + "      if (!e.getSimpleName().toString().endsWith(\"Spec\")) continue;\n"
                                + "      try (java.io.Writer w = processingEnv.getFiler().createSourceFile(e + \"Props\", e)\n"
                                + "          .openWriter()) {\n"
                                + "        w.write(\"package c; @x.Indexed class \" + e.getSimpleName() + \"Props { c.Nested n; }\");\n"
                                + "      } catch (java.io.IOException x) { throw new RuntimeException(x); }\n"
                                + "    }\n"
                                + "    return false;\n"
                                + "  }\n"
                                + "}\n"));
        writeIndexed();
        write("c/Props.java", "package c; public class Props { }"); // Nested is named by the generated type alone
        write("c/ShopSpec.java", "package c; public class ShopSpec { }");
        CompilerConfiguration configuration = withIndex();
        configuration.setProcessorPathEntries(List.of(indexPath().toString(), gen.toString()));
        assertThat(compile(configuration).isSuccess()).isTrue();
        assertThat(index()).contains("c.ShopSpecProps n:c.Nested n.host\n");
        write("c/Nested.java", "package c; public class Nested { String host; int port; }");
        configuration = withIndex();
        configuration.setProcessorPathEntries(List.of(indexPath().toString(), gen.toString()));
        assertThat(compile(configuration).isSuccess()).isTrue();
        assertThat(summary()).contains("c/Nested.java feeds the aggregating processor p.Index");
        assertThat(index()).contains("c.ShopSpecProps n:c.Nested n.host n.port\n");
    }

    @Test
    @DisplayName("an isolating processor reads a resource of the class output (Hibernate's orm.xml): it finds it as in"
            + " Maven alone, and a change to it compiles everything")
    void isolatingProcessorReadsResources() throws Exception {
        Path conf = processorFolder(
                dir.resolve("processor-conf"),
                "p.Conf",
                "isolating",
                processorSource(
                        "Conf",
                        "*",
                        ""
                                + "  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {\n"
                                + "    for (Element e : round.getRootElements()) {\n"
                                + "      if (!e.getSimpleName().toString().endsWith(\"Gen\")) continue;\n"
                                + "      String prefix;\n"
                                + "      try { prefix = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, \"\",\n"
                                + "          \"conf.txt\").getCharContent(true).toString().trim(); }\n"
                                + "      catch (java.io.IOException none) { prefix = \"none\"; }\n"
                                + "      try (java.io.Writer w = processingEnv.getFiler().createSourceFile(e + \"Conf\", e)\n"
                                + "          .openWriter()) {\n"
                                + "        w.write(\"package b; class \" + e.getSimpleName() + \"Conf { String p = \\\"\" + prefix\n"
                                + "            + \"\\\"; }\");\n"
                                + "      } catch (java.io.IOException x) { throw new RuntimeException(x); }\n"
                                + "    }\n"
                                + "    return false;\n"
                                + "  }\n"
                                + "}\n"));
        write("b/CGen.java", "package b; public class CGen { }");
        Files.createDirectories(output);
        Files.write(output.resolve("conf.txt"), "shop".getBytes(StandardCharsets.UTF_8));
        CompilerConfiguration configuration = configuration();
        configuration.setProcessorPathEntries(List.of(conf.toString()));
        assertThat(compile(configuration).isSuccess()).isTrue();
        assertThat(new String(
                        Files.readAllBytes(generatedSources().resolve("b/CGenConf.java")), StandardCharsets.UTF_8))
                .contains("\"shop\"");
        write("a/B.java", "package a; public class B { int g() { return 3; } }");
        assertThat(compile(configuration).isSuccess()).isTrue();
        assertThat(javacCalls).containsExactly(Set.of("B.java"));
        Files.write(output.resolve("conf.txt"), "store".getBytes(StandardCharsets.UTF_8));
        write("a/B.java", "package a; public class B { int g() { return 4; } }");
        assertThat(compile(configuration).isSuccess()).isTrue();
        assertThat(summary()).contains("full compile").contains("the resources in the class output changed");
        assertThat(new String(
                        Files.readAllBytes(generatedSources().resolve("b/CGenConf.java")), StandardCharsets.UTF_8))
                .contains("\"store\"");
        assertThat(files(home().resolve("classes"))).doesNotContain("conf.txt");
    }

    @Test
    @DisplayName("an aggregating processor reads the resources in the class output, as in Maven alone (Spring Boot's"
            + " additional metadata, which maven-resources-plugin copied there); they are not Tandem's to keep")
    void aggregatingProcessorReadsResources() throws Exception {
        writeIndexed();
        Files.createDirectories(output.resolve("META-INF"));
        Files.write(output.resolve("META-INF/index-extra.txt"), "more".getBytes(StandardCharsets.UTF_8));
        Files.write(output.resolve("META-INF/build-info.properties"), "time=1".getBytes(StandardCharsets.UTF_8));
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        assertThat(index()).endsWith("extra more\n");
        assertThat(files(home().resolve("classes")))
                .contains("META-INF/index.txt")
                .doesNotContain("META-INF/index-extra.txt");
        // one the processor does not read (Spring Boot's build-info, written anew by every build) changes nothing
        Files.write(output.resolve("META-INF/build-info.properties"), "time=2".getBytes(StandardCharsets.UTF_8));
        write("a/B.java", "package a; public class B { int g() { return 3; } }");
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        assertThat(javacCalls).containsExactly(Set.of("B.java"));
        assertThat(index()).endsWith("extra more\n");
        Files.write(output.resolve("META-INF/index-extra.txt"), "other".getBytes(StandardCharsets.UTF_8));
        write("a/B.java", "package a; public class B { int g() { return 4; } }");
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        assertThat(summary()).contains("full compile").contains("the resources in the class output changed");
        assertThat(index()).endsWith("extra other\n");
        // one added, which a processor may look for (Spring Boot's additional metadata, created): it runs again
        Files.write(output.resolve("META-INF/new.txt"), "new".getBytes(StandardCharsets.UTF_8));
        write("a/B.java", "package a; public class B { int g() { return 5; } }");
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        assertThat(summary()).contains("full compile").contains("the resources in the class output changed");
    }

    @Test
    @DisplayName("without a processor path, processors are found on the class path, as javac finds them")
    void processorOnClassPath() throws Exception {
        CompilerConfiguration first = configuration();
        first.setClasspathEntries(
                List.of(output.toString(), processorPath("dynamic").toString()));
        compile(first);
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        CompilerConfiguration configuration = configuration();
        configuration.setClasspathEntries(
                List.of(output.toString(), processorPath("dynamic").toString()));
        assertThat(compile(configuration).isSuccess()).isTrue();
        assertThat(summary()).startsWith("INFO Tandem compiler: the annotation processor p.Check is dynamic;");
        CompilerConfiguration none = configuration();
        none.setClasspathEntries(
                List.of(output.toString(), processorPath("dynamic").toString()));
        none.setProc("none");
        compile(none);
        write("a/A.java", "package a; public class A { public int f() { return 3; } }");
        CompilerConfiguration noneAgain = configuration();
        noneAgain.setClasspathEntries(
                List.of(output.toString(), processorPath("dynamic").toString()));
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
                .isEqualTo("INFO Tandem compiler: the annotation processor com.example.Processor declares no"
                        + " incremental kind; only processors declared isolating or aggregating (in"
                        + " META-INF/gradle/incremental.annotation.processors) let a compile run on the changed"
                        + " sources alone; compiled by javac as without Tandem");
        assertThat(javacCalls).hasSize(1);
        assertThat(javacCalls.get(0)).hasSize(3);
    }

    @Test
    @DisplayName("a damaged state is a full compile with a warning that names the file")
    void damagedState() throws Exception {
        compile(configuration());
        Path state = home().resolve("compile.state");
        Files.write(state, new byte[] {'x', 0, (byte) 0xff});
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(log).hasSize(1);
        assertThat(log.get(0))
                .startsWith("WARN Tandem compiler: full compile of 3 sources in ")
                .endsWith("ms: the last compile's state " + state + " is damaged (not UTF-8)");
        assertThat(classFiles()).containsExactly("a/A.class", "a/B.class", "b/C.class");
    }

    @Test
    @DisplayName("a state an older Tandem wrote is a full compile that says so, without a warning; a single source's"
            + " line says \"source\"")
    void olderState() throws Exception {
        Files.delete(src.resolve("a/B.java"));
        Files.delete(src.resolve("b/C.java"));
        compile(configuration());
        Files.write(
                home().resolve("compile.state"), "tandem-compile 3\nsetup x y\nz\n".getBytes(StandardCharsets.UTF_8));
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(log)
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("INFO Tandem compiler: full compile of 1 source in ")
                .endsWith("ms: the last compile's state was written by another version of Tandem (tandem-compile 3)");
    }

    @Test
    @DisplayName("two source roots with a source at one path: compiled as without Tandem, which fails as javac does")
    void samePathInTwoRoots() throws Exception {
        Path extra = dir.resolve("src/extra/java/a/A.java");
        Files.createDirectories(extra.getParent());
        Files.write(
                extra, "package a; public class A { public int f() { return 42; } }".getBytes(StandardCharsets.UTF_8));
        CompilerConfiguration configuration = configuration();
        configuration.setSourceLocations(
                List.of(src.toString(), dir.resolve("src/extra/java").toString()));
        Set<File> files = new LinkedHashSet<>(configuration.getSourceFiles());
        files.add(extra.toFile());
        configuration.setSourceFiles(files);
        CompilerResult result = compile(configuration);
        assertThat(result.isSuccess()).as("javac: duplicate class a.A").isFalse();
        assertThat(summary())
                .contains("two source roots have a source at the same path (")
                .endsWith("; compiled by javac as without Tandem");
    }

    @Test
    @DisplayName("sources in another encoding than UTF-8 are read in theirs: a class added with a non-ASCII name"
            + " recompiles the sources that name it")
    void sourceEncoding() throws Exception {
        Path file = src.resolve("b/Gr\u00f6\u00dfe.java");
        Files.write(
                file,
                "package b; public class Gr\u00f6\u00dfe { public static String n() { return \"b\"; } }"
                        .getBytes(StandardCharsets.ISO_8859_1));
        Files.createDirectories(src.resolve("c"));
        Files.write(
                src.resolve("c/User.java"),
                "package c; import b.*; class User { String n() { return Gr\u00f6\u00dfe.n(); } }"
                        .getBytes(StandardCharsets.ISO_8859_1));
        CompilerConfiguration first = configuration();
        first.setSourceEncoding("ISO-8859-1");
        CompilerResult firstResult = compile(first);
        assertThat(firstResult.isSuccess())
                .as(String.valueOf(firstResult.getCompilerMessages()))
                .isTrue();
        Files.write(
                src.resolve("c/Gr\u00f6\u00dfe.java"),
                "package c; class Gr\u00f6\u00dfe { static String n() { return \"c\"; } }"
                        .getBytes(StandardCharsets.ISO_8859_1));
        CompilerConfiguration configuration = configuration();
        configuration.setSourceEncoding("ISO-8859-1");
        assertThat(compile(configuration).isSuccess()).isTrue();
        assertThat(javacCalls.get(javacCalls.size() - 1))
                .as("the class that now means c's")
                .contains("User.java");
    }

    @Test
    @DisplayName("Tandem's class folder replaced by a link: the link goes (not what it points to), with a warning, and"
            + " the module is compiled in full into a folder of Tandem's")
    void linkInPlaceOfTandemsFolder() throws Exception {
        compile(configuration());
        Path classes = home().resolve("classes");
        Path elsewhere = dir.resolve("elsewhere");
        Files.move(classes, elsewhere);
        Files.createSymbolicLink(classes, elsewhere);
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(log.get(0))
                .isEqualTo("WARN Tandem compiler: " + classes + " was not what Tandem keeps there (a link, a file or a"
                        + " folder in its place); removed (a link, never what it pointed to), and the module is"
                        + " compiled in full");
        assertThat(log.get(1)).contains("full compile of 3 sources");
        assertThat(classFiles()).containsExactly("a/A.class", "a/B.class", "b/C.class");
        assertThat(elsewhere.resolve("a/B.class"))
                .as("what the link pointed to")
                .exists();
        assertThat(Files.isSymbolicLink(classes)).isFalse();
        write("a/A.java", "package a; public class A { public int f() { return 3; } }");
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 1 of 3 sources in \\d+ ms");
        assertThat(classFiles()).containsExactly("a/A.class", "a/B.class", "b/C.class");
    }

    @Test
    @DisplayName("links in place of every folder and file of Tandem's (the class and generated folders at once, the"
            + " recorder's settings, the origins, the temporary files) are removed, and nothing outside is written")
    void linksEverywhere() throws Exception {
        write("b/CGen.java", "package b; public class CGen { }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path outsideFile = Files.write(outside.resolve("precious.txt"), "mine".getBytes(StandardCharsets.UTF_8));
        for (String name : List.of("classes", "generated", "recorder")) {
            Path folder = home().resolve(name);
            Files.move(folder, outside.resolve(name));
            Files.createSymbolicLink(folder, outside.resolve(name));
        }
        Files.deleteIfExists(home().resolve("origins"));
        Files.createDirectories(home().resolve("origins/in-the-way"));
        Files.createSymbolicLink(home().resolve("origins.tmp"), outsideFile);
        Files.createSymbolicLink(home().resolve("compile.state.tmp"), outsideFile);
        write("b/CGen.java", "package b; public class CGen { int more; }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(log.get(0))
                .startsWith("WARN Tandem compiler: " + home().resolve("classes") + ", " + home().resolve("generated")
                        + ", " + home().resolve("recorder") + ", " + home().resolve("origins") + " were not what")
                .endsWith(", and the module is compiled in full");
        assertThat(log.get(1)).contains("full compile of 4 sources");
        try (Stream<Path> walk = Files.walk(outside)) {
            assertThat(walk.filter(Files::isRegularFile)
                            .map(f -> outside.relativize(f).toString()))
                    .as("outside, as it was")
                    .containsExactlyInAnyOrder(
                            "precious.txt",
                            "classes/a/A.class",
                            "classes/a/B.class",
                            "classes/b/C.class",
                            "classes/b/CGen.class",
                            "classes/b/CGenHelper.class",
                            "generated/b/CGenHelper.java",
                            "recorder/" + dev.tandem.compiler.javac.OriginRecorder.SETTINGS);
        }
        assertThat(Files.readAllBytes(outsideFile))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("mine");
        assertThat(files(generatedSources())).containsExactly("b/CGenHelper.java");
        assertThat(classFiles())
                .containsExactly("a/A.class", "a/B.class", "b/C.class", "b/CGen.class", "b/CGenHelper.class");
        write("b/CGen.java", "package b; public class CGen { int evenMore; }");
        assertThat(compile(withProcessor("isolating")).isSuccess()).isTrue();
        assertThat(summary()).matches("INFO Tandem compiler: compiled 1 of 4 sources in \\d+ ms");
    }

    @Test
    @DisplayName("a pipe in place of the state is not read (it would block the build): a damaged state")
    void pipeInPlaceOfState() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(java.nio.file.Paths.get("/usr/bin/mkfifo")));
        compile(configuration());
        Path state = home().resolve("compile.state");
        Files.delete(state);
        assertThat(new ProcessBuilder("mkfifo", state.toString()).start().waitFor())
                .isZero();
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(summary())
                .startsWith("WARN Tandem compiler: full compile of 3 sources")
                .endsWith("is damaged (not a regular file: a link, a folder or a pipe, which is never read)");
        assertThat(Files.isRegularFile(state, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isTrue();
    }

    @Test
    @DisplayName("pipes and a link where an aggregating processor's seeds, the resources read and the access probe go:"
            + " none is read or written through, the build neither blocks nor writes outside Tandem's folder")
    void pipesWhereAggregatingFilesGo() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(java.nio.file.Paths.get("/usr/bin/mkfifo")));
        writeIndexed();
        Files.createDirectories(output.resolve("META-INF"));
        Files.write(output.resolve("META-INF/index-extra.txt"), "more".getBytes(StandardCharsets.UTF_8));
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        for (String name : List.of("seeds", "resources-read")) {
            Path file = home().resolve(name);
            Files.deleteIfExists(file);
            assertThat(new ProcessBuilder("mkfifo", file.toString()).start().waitFor())
                    .isZero();
        }
        Path outside = dir.resolve("outside");
        Files.write(outside, "mine".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(home().resolve("access-probe"), outside);
        write("a/B.java", "package a; public class B { int g() { return 3; } }");
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        write("c/Nested.java", "package c; public class Nested { String host; int port; }");
        assertThat(compile(withIndex()).isSuccess()).isTrue();
        assertThat(summary()).contains("c/Nested.java feeds the aggregating processor p.Index");
        assertThat(index()).contains("nested.port").endsWith("extra more\n");
        assertThat(new String(Files.readAllBytes(outside), StandardCharsets.UTF_8))
                .isEqualTo("mine");
    }

    @Test
    @DisplayName("a build killed while it puts the class files in place: the next compile is full and says so, and"
            + " keeps linking")
    void killedWhilePublishing() throws Exception {
        compile(configuration());
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        // what a kill between the links and the new state leaves: the set-aside folder (tested by faking one)
        Path aside = home().resolve("classes-set-aside");
        Files.createDirectories(aside.resolve("a"));
        Files.write(aside.resolve("a/A.class"), new byte[] {1});
        assertThat(compile(configuration()).isSuccess()).isTrue();
        assertThat(summary()).endsWith("ms: the last compile was interrupted (" + aside + " was left)");
        assertThat(Files.readAllLines(home().resolve("compile.state"))).doesNotContain("copies");
        assertThat(aside).doesNotExist();
    }

    /** The plugin's javac component, as far as Tandem uses it: the JDK's javac on the configuration's arguments. */
    @Test
    @DisplayName("two builds of one module at once compile one after the other, and both leave every class file")
    void twoBuildsAtOnce() throws Exception {
        compile(configuration());
        write("a/A.java", "package a; public class A { public int f() { return 2; } }");
        java.util.concurrent.atomic.AtomicInteger inJavac = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        Compiler slow = new JdkJavac() {
            @Override
            public CompilerResult performCompile(CompilerConfiguration configuration) throws CompilerException {
                most.accumulateAndGet(inJavac.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(300);
                    return super.performCompile(configuration);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    inJavac.decrementAndGet();
                }
            }
        };
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        TandemCompiler.Log quiet = into(lines);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<CompilerResult>> builds = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                CompilerConfiguration configuration = configuration();
                builds.add(two.submit(() -> new TandemCompiler(id -> slow, quiet).performCompile(configuration)));
            }
            for (java.util.concurrent.Future<CompilerResult> build : builds) {
                assertThat(build.get().isSuccess()).isTrue();
            }
        } finally {
            two.shutdown();
        }
        assertThat(most.get()).as("compiles in javac at once").isEqualTo(1);
        assertThat(lines).hasSize(2);
        assertThat(classFiles()).containsExactly("a/A.class", "a/B.class", "b/C.class");
        assertThat(home().resolveSibling(home().getFileName() + "/classes-set-aside"))
                .doesNotExist();
    }

    private class JdkJavac implements Compiler {
        @Override
        public String[] createCommandLine(CompilerConfiguration configuration) {
            List<String> args = new ArrayList<>(extra);
            args.addAll(List.of("-d", configuration.getOutputLocation()));
            args.addAll(List.of("-classpath", String.join(File.pathSeparator, configuration.getClasspathEntries())));
            args.addAll(List.of("-sourcepath", String.join(File.pathSeparator, configuration.getSourceLocations())));
            args.addAll(List.of("--release", configuration.getReleaseVersion()));
            if (configuration.getSourceEncoding() != null) {
                args.addAll(List.of("-encoding", configuration.getSourceEncoding()));
            }
            if (configuration.getProc() != null) {
                args.add("-proc:" + configuration.getProc());
            }
            String[] named = configuration.getAnnotationProcessors();
            if (named != null
                    && named.length == 1
                    && named[0].equals(dev.tandem.compiler.javac.OriginRecorder.class.getName())) {
                // the other names these tests give are made up: javac never sees them
                args.addAll(List.of("-processor", named[0]));
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
        public CompilerResult performCompile(CompilerConfiguration configuration) throws CompilerException {
            if (javacThrows != null) {
                throw new CompilerException(javacThrows); // as plexus's javac does with a processor's exception
            }
            new File(configuration.getOutputLocation()).mkdirs();
            synchronized (javacCalls) {
                javacCalls.add(configuration.getSourceFiles().stream()
                        .map(File::getName)
                        .collect(Collectors.toCollection(TreeSet::new)));
            }
            String[] args = createCommandLine(configuration);
            List<String> options = new ArrayList<>(List.of(args)
                    .subList(
                            extra.size(),
                            args.length - configuration.getSourceFiles().size()));
            java.io.StringWriter err = new java.io.StringWriter();
            javax.tools.JavaCompiler jdk = ToolProvider.getSystemJavaCompiler();
            List<java.net.URLClassLoader> loaders = new ArrayList<>();
            boolean ok;
            try (javax.tools.StandardJavaFileManager files = jdk.getStandardFileManager(
                    null,
                    null,
                    configuration.getSourceEncoding() == null
                            ? StandardCharsets.UTF_8
                            : java.nio.charset.Charset.forName(configuration.getSourceEncoding()))) {
                // as in Maven, processors load in a class loader of their own path only, not this test's class path
                javax.tools.JavaFileManager isolated = new javax.tools.ForwardingJavaFileManager<>(files) {
                    @Override
                    public ClassLoader getClassLoader(Location location) {
                        List<java.net.URL> urls = new ArrayList<>();
                        Iterable<? extends File> path = files.getLocation(location);
                        for (File entry : path == null ? List.<File>of() : path) {
                            try {
                                urls.add(entry.toURI().toURL());
                            } catch (java.net.MalformedURLException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        java.net.URLClassLoader loader = new java.net.URLClassLoader(
                                urls.toArray(new java.net.URL[0]), ClassLoader.getPlatformClassLoader());
                        loaders.add(loader);
                        return loader;
                    }
                };
                ok = jdk.getTask(
                                err,
                                isolated,
                                null,
                                options,
                                null,
                                files.getJavaFileObjectsFromFiles(configuration.getSourceFiles()))
                        .call();
                for (java.net.URLClassLoader loader : loaders) {
                    loader.close();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (RuntimeException processorThrew) {
                // as plexus's javac does when a processor throws
                throw new CompilerException("An annotation processor threw an uncaught exception: "
                        + (processorThrew.getCause() != null ? processorThrew.getCause() : processorThrew));
            }
            List<CompilerMessage> messages = new ArrayList<>();
            if (!ok) {
                messages.add(new CompilerMessage(err.toString(), CompilerMessage.Kind.ERROR));
            }
            return new CompilerResult(ok, messages);
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
