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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An edit history on one module: after every step the class output equals, byte for byte, what javac makes of the
 * same sources from nothing, and the step compiled the sources it should.
 */
class IncrementalCompileTest {
    private static final List<String> OPTIONS = List.of("-proc:none");

    @TempDir
    Path dir;

    private Path src;
    private Path classes;
    private int clean;

    private void write(String path, String source) throws IOException {
        Path file = src.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, source.getBytes(StandardCharsets.UTF_8));
    }

    /** The JDK's javac as a build would call it: the class output first on the class path, no source path. */
    private final StringBuilder diagnostics = new StringBuilder();

    private boolean javac(java.util.Collection<Path> files, boolean all) {
        List<String> args = new ArrayList<>(OPTIONS);
        args.addAll(List.of("-d", classes.toString(), "-classpath", classes.toString(), "-sourcepath", ""));
        files.forEach(f -> args.add(f.toString()));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null, err, args.toArray(new String[0]));
        diagnostics.append(err.toString(StandardCharsets.UTF_8));
        return exit == 0;
    }

    /** Where a compile's class files would go next: nowhere, here. */
    private IncrementalCompile.Publisher publisher = (removed, removedGenerated, copy) -> {};

    private IncrementalCompile.Result build() throws IOException {
        Map<String, Path> sources = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(src)) {
            walk.filter(f -> f.toString().endsWith(".java"))
                    .forEach(f -> sources.put(src.relativize(f).toString().replace('\\', '/'), f));
        }
        diagnostics.setLength(0);
        return new IncrementalCompile(this::javac)
                .compile(new IncrementalCompile.Request(
                        sources,
                        java.nio.charset.StandardCharsets.UTF_8,
                        classes,
                        Map.of("javac options", String.join(" ", OPTIONS)),
                        List.of(),
                        null,
                        false,
                        null,
                        List.of(),
                        null,
                        dir.resolve("state/compile.state"),
                        publisher));
    }

    /** Every class file under a folder, by relative path. */
    private static Map<String, byte[]> classFiles(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(folder.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    /** Asserts the class output is what a clean compile of the sources makes. */
    private void sameAsClean() throws IOException {
        Path fresh = dir.resolve("clean" + clean++);
        Files.createDirectories(fresh);
        List<String> args = new ArrayList<>(OPTIONS);
        args.addAll(List.of("-d", fresh.toString()));
        try (Stream<Path> walk = Files.walk(src)) {
            walk.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(new String[0])))
                .isZero();
        Map<String, byte[]> expected = classFiles(fresh);
        Map<String, byte[]> actual = classFiles(classes);
        assertThat(actual.keySet()).as("class files").containsExactlyElementsOf(expected.keySet());
        for (String file : expected.keySet()) {
            assertThat(actual.get(file)).as(file).isEqualTo(expected.get(file));
        }
    }

    @Test
    @DisplayName("a history: each step as a clean compile, compiling only what the step affects")
    void history() throws IOException {
        src = dir.resolve("src");
        classes = dir.resolve("classes");
        write("a/Limits.java", "package a; public class Limits { public static final int MAX = 10; }");
        write("a/UsesConstant.java", "package a; public class UsesConstant { int max() { return Limits.MAX; } }");
        write("a/B.java", "package a; public class B { public int size() { return 1; } }");
        write("a/UsesInBody.java", "package a; public class UsesInBody { void n() { new B().size(); } }");
        write("a/Exposes.java", "package a; public class Exposes { public B b() { return new B(); } }");
        write("a/UsesExposer.java", "package a; public class UsesExposer { void go() { new Exposes().b(); } }");
        write("a/Util.java", "package a; public class Util { public static String f(long x) { return \"long\"; } }");
        write("a/Caller.java", "package a; public class Caller { String call() { return Util.f(1); } }");
        write("a/Shape.java", "package a; public abstract class Shape { public abstract double area(); }");
        write(
                "a/Circle.java",
                "package a; public class Circle extends Shape { public double area() { return 3.14; }"
                        + " class Spoke {} Runnable r = new Runnable() { public void run() {} }; }");
        write("b/Other.java", "package b; public class Other { public a.B b; }");

        IncrementalCompile.Result first = build();
        assertThat(first.success).isTrue();
        assertThat(first.fullReason).isEqualTo("no state of a previous compile");
        sameAsClean();

        assertThat(build().compiled).as("nothing changed").isEmpty();
        sameAsClean();

        write("a/B.java", "package a; public class B { public int size() { return 2; } }");
        IncrementalCompile.Result body = build();
        assertThat(body.fullReason).isNull();
        assertThat(body.compiled).as("a method body").containsExactly("a/B.java");
        sameAsClean();

        write("a/B.java", "package a; public class B { public long size() { return 2; } }");
        assertThat(build().compiled)
                .as("a signature: B's users, and the users of what exposes B")
                .containsExactlyInAnyOrder(
                        "a/B.java", "a/UsesInBody.java", "a/Exposes.java", "a/UsesExposer.java", "b/Other.java");
        sameAsClean();

        write(
                "a/Util.java",
                "package a; public class Util { public static String f(long x) { return \"long\"; }"
                        + " public static String f(int x) { return \"int\"; } }");
        assertThat(build().compiled)
                .as("an overload that changes which method a caller binds to")
                .containsExactlyInAnyOrder("a/Util.java", "a/Caller.java");
        sameAsClean();

        write("a/Limits.java", "package a; public class Limits { public static final int MAX = 11; }");
        IncrementalCompile.Result constant = build();
        assertThat(constant.fullReason).startsWith("the constant a.Limits.MAX changed");
        sameAsClean();

        Files.delete(src.resolve("a/UsesExposer.java"));
        assertThat(build().compiled).as("a deleted source: its classes go").isEmpty();
        assertThat(classes.resolve("a/UsesExposer.class")).doesNotExist();
        sameAsClean();

        write(
                "a/Shape.java",
                "package a; public abstract class Shape { public abstract double area(); public abstract int sides(); }");
        Map<String, byte[]> beforeFailure = classFiles(classes);
        IncrementalCompile.Result failed = build();
        assertThat(failed.success)
                .as("Circle lacks sides(), as with Maven alone")
                .isFalse();
        assertThat(diagnostics).contains("Circle");
        assertThat(classFiles(classes).keySet())
                .as("a failed compile puts the last good class files back")
                .containsExactlyElementsOf(beforeFailure.keySet());

        write(
                "a/Circle.java",
                "package a; public class Circle extends Shape { public double area() { return 3.14; }"
                        + " public int sides() { return 0; } class Spoke {}"
                        + " Runnable r = new Runnable() { public void run() {} }; }");
        IncrementalCompile.Result fixed = build();
        assertThat(fixed.success).isTrue();
        assertThat(fixed.compiled).as("the fix, with the change before it").contains("a/Shape.java", "a/Circle.java");
        sameAsClean();

        Files.delete(src.resolve("a/Caller.java"));
        write("a/Util.java", "package a; public class Util { public static String f(long x) { return \"long\"; } }");
        write("a/Renamed.java", "package a; public class Renamed { String call() { return Util.f(1); } }");
        IncrementalCompile.Result renamed = build();
        assertThat(renamed.compiled).containsExactlyInAnyOrder("a/Util.java", "a/Renamed.java");
        sameAsClean();
    }

    @Test
    @DisplayName(
            "a damaged state is a full compile that says the state is damaged; a missing one is a plain first compile")
    void damagedState() throws IOException {
        src = dir.resolve("src");
        classes = dir.resolve("classes");
        write("a/A.java", "package a; public class A {}");
        IncrementalCompile.Result first = build();
        assertThat(first.fullReason).isEqualTo("no state of a previous compile");
        assertThat(first.damagedState).isFalse();
        Path state = dir.resolve("state/compile.state");
        String good = new String(Files.readAllBytes(state), StandardCharsets.UTF_8);
        Files.write(state, good.replace(" a/A.java", " a/B.java").getBytes(StandardCharsets.UTF_8));
        IncrementalCompile.Result result = build();
        assertThat(result.fullReason)
                .isEqualTo("the last compile's state " + state + " is damaged (its checksum does not match)");
        assertThat(result.damagedState).isTrue();
        assertThat(result.success).isTrue();
        sameAsClean();
        assertThat(build().fullReason).as("the full compile wrote a good state").isNull();
    }

    @Test
    @DisplayName("a build killed while it puts the class files in place (after javac, before the new state): the next"
            + " compile is full, for that reason")
    void killedWhilePublishing() throws IOException {
        src = dir.resolve("src");
        classes = dir.resolve("classes");
        write("a/A.java", "package a; public class A { int f() { return 1; } }");
        write("a/B.java", "package a; public class B { }");
        assertThat(build().success).isTrue();
        write("a/A.java", "package a; public class A { int f() { return 2; } }");
        publisher = (removed, removedGenerated, copy) -> {
            throw new IOException("killed");
        };
        org.assertj.core.api.Assertions.assertThatIOException().isThrownBy(this::build);
        publisher = (removed, removedGenerated, copy) -> {};
        IncrementalCompile.Result next = build();
        assertThat(next.fullReason).startsWith("the last compile was interrupted (");
        sameAsClean();
    }
}
