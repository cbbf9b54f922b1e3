package dev.tandem.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependentsTest {
    @TempDir
    Path dir;

    private Javac javac;

    private Map<String, ClassAnalysis> compile(String... files) throws IOException {
        if (javac == null) {
            javac = new Javac(dir);
        }
        return javac.compile(files);
    }

    private static final String[] MODULE = {
        "a/B.java", "package a; public class B { public int size() { return 1; } }",
        "a/UsesInBody.java", "package a; public class UsesInBody { int n() { return new B().size(); } }",
        "a/Exposes.java", "package a; public class Exposes { public B b() { return new B(); } }",
        "a/UsesExposer.java", "package a; public class UsesExposer { void go() { new Exposes().b(); } }",
        "a/Far.java", "package a; public class Far { void go() { new UsesInBody(); } }",
        "a/Unrelated.java", "package a; public class Unrelated {}"
    };

    @Test
    @DisplayName("B's API changed: its body users recompile and stop; its exposers recompile and pass it on")
    void gradlesRule() throws IOException {
        Dependents dependents = new Dependents(compile(MODULE).values());
        assertThat(dependents.of(Set.of("a.B")))
                .containsExactlyInAnyOrder("a.UsesInBody", "a.Exposes", "a.UsesExposer");
        assertThat(dependents.of(Set.of("a.Unrelated"))).isEmpty();
    }

    @Test
    @DisplayName("a method body changed: no API change, nothing else recompiles; a signature changed: B's API did")
    void bodyAndSignature() throws IOException {
        Map<String, ClassAnalysis> before = compile(MODULE);
        Map<String, ClassAnalysis> body =
                compile("a/B.java", "package a; public class B { public int size() { return 2; } }");
        Map<String, ClassAnalysis> signature =
                compile("a/B.java", "package a; public class B { public long size() { return 1; } }");
        Map<String, ClassAnalysis> beforeB = Map.of("a.B", before.get("a.B"));
        assertThat(ApiChange.between(beforeB, body).changed()).isEmpty();
        assertThat(ApiChange.between(beforeB, signature).changed()).containsExactly("a.B");
        assertThat(ApiChange.between(beforeB, signature).fullRecompilation()).isNull();
    }

    @Test
    @DisplayName("a class removed or added is an API change; a nested class is a class of its own")
    void addedAndRemoved() throws IOException {
        Map<String, ClassAnalysis> before =
                compile("a/B.java", "package a; public class B { public static class In {} }");
        Map<String, ClassAnalysis> after =
                compile("a/B.java", "package a; public class B { public static class Out {} }");
        assertThat(ApiChange.between(before, after).changed()).containsExactlyInAnyOrder("a.B", "a.B$In", "a.B$Out");
    }

    @Test
    @DisplayName("full recompilation, with its reason, for a changed constant, a SOURCE annotation and module-info")
    void fullRecompilations() throws IOException {
        Map<String, ClassAnalysis> limits =
                compile("a/Limits.java", "package a; public class Limits { public static final int MAX = 1; }");
        Map<String, ClassAnalysis> raised =
                compile("a/Limits.java", "package a; public class Limits { public static final int MAX = 2; }");
        assertThat(ApiChange.between(limits, raised).fullRecompilation())
                .startsWith("the constant a.Limits.MAX changed");

        String source =
                "package a; @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.SOURCE) public @interface S { %s }";
        Map<String, ClassAnalysis> s1 = compile("a/S.java", String.format(source, ""));
        Map<String, ClassAnalysis> s2 = compile("a/S.java", String.format(source, "int x() default 1;"));
        assertThat(ApiChange.between(s1, s2).fullRecompilation())
                .startsWith("the source-retention annotation a.S changed");
        assertThat(ApiChange.between(s1, compile("a/S.java", String.format(source, "")))
                        .fullRecompilation())
                .isNull();

        Map<String, ClassAnalysis> m1 =
                compile("module-info.java", "module m.x { exports a; }", "a/A.java", "package a; public class A {}");
        Map<String, ClassAnalysis> m2 =
                compile("module-info.java", "module m.x { }", "a/A.java", "package a; public class A {}");
        assertThat(ApiChange.between(m1, m2).fullRecompilation()).isEqualTo("module-info changed");
    }
}
