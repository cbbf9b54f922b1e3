package dev.tandem.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassAnalysisTest {
    @TempDir
    Path dir;

    private Javac javac;

    private Map<String, ClassAnalysis> compile(String... files) throws IOException {
        if (javac == null) {
            javac = new Javac(dir);
        }
        return javac.compile(files);
    }

    @Test
    @DisplayName("the API's types are accessible, a method body's and a private member's are private only")
    void accessibleAndPrivate() throws IOException {
        Map<String, ClassAnalysis> classes = compile(
                "a/Api.java",
                "package a; public class Api {}",
                "a/Param.java",
                "package a; public class Param {}",
                "a/Thrown.java",
                "package a; public class Thrown extends Exception {}",
                "a/Body.java",
                "package a; public class Body { public static int n() { return 1; } }",
                "a/Hidden.java",
                "package a; public class Hidden {}",
                "a/Base.java",
                "package a; public class Base {}",
                "a/Gen.java",
                "package a; public class Gen {}",
                "a/User.java",
                "package a; public class User extends Base {"
                        + " public Api api(Param p) throws Thrown { return null; }"
                        + " public java.util.List<Gen> list() { return null; }"
                        + " int count() { return Body.n(); }"
                        + " private Hidden hidden; }");
        ClassAnalysis user = classes.get("a.User");
        assertThat(user.accessible()).containsExactlyInAnyOrder("a.Api", "a.Param", "a.Thrown", "a.Base", "a.Gen");
        assertThat(user.privateOnly()).containsExactlyInAnyOrder("a.Body", "a.Hidden");
    }

    @Test
    @DisplayName("analyses kept in a file read back the same, for the class output they were kept for; for another,"
            + " or damaged, none are read")
    void keptAnalyses() throws IOException {
        Map<String, ClassAnalysis> classes = compile(
                "a/Api.java",
                "package a; public class Api { public static final String NAME = \"n\"; }",
                "a/Keep.java",
                "package a; @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.SOURCE)"
                        + " public @interface Keep {}",
                "a/User.java",
                "package a; public class User extends Api { int count() { return Body.n(); } static class In {} }"
                        + " class Body { static int n() { return 1; } }");
        Path file = dir.resolve("kept/classes.analyses");
        ClassAnalyses.write(file, "digest-1", classes.values());
        Map<String, ClassAnalysis> read = ClassAnalyses.read(file, "digest-1");
        assertThat(read).containsOnlyKeys(classes.keySet());
        for (ClassAnalysis analysis : classes.values()) {
            ClassAnalysis back = read.get(analysis.name());
            assertThat(back.accessible()).as(analysis.name()).isEqualTo(analysis.accessible());
            assertThat(back.privateOnly()).as(analysis.name()).isEqualTo(analysis.privateOnly());
            assertThat(back.constants()).as(analysis.name()).isEqualTo(analysis.constants());
            assertThat(back.abi()).as(analysis.name()).isEqualTo(analysis.abi());
            assertThat(back.sourceFile()).as(analysis.name()).isEqualTo(analysis.sourceFile());
            assertThat(back.sourceRetentionAnnotation())
                    .as(analysis.name())
                    .isEqualTo(analysis.sourceRetentionAnnotation());
            assertThat(back.moduleInfo()).as(analysis.name()).isEqualTo(analysis.moduleInfo());
        }
        assertThat(read.get("a.Keep").sourceRetentionAnnotation()).isTrue();
        assertThat(read.get("a.Api").constants()).isNotEmpty();
        assertThat(read.get("a.Body").sourceFile()).isEqualTo("a/User.java");
        assertThat(ClassAnalyses.read(file, "digest-2"))
                .as("another class output")
                .isNull();
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        bytes[bytes.length - 40] ^= 1;
        java.nio.file.Files.write(file, bytes);
        assertThat(ClassAnalyses.read(file, "digest-1")).as("damaged").isNull();
        assertThat(ClassAnalyses.read(dir.resolve("kept/none"), "digest-1"))
                .as("none")
                .isNull();
    }

    @Test
    @DisplayName("a kept file larger than any module's analyses, or whose counts are larger than the file, is a miss:"
            + " never read into memory, never an OutOfMemoryError")
    void keptAnalysesTooLarge() throws Exception {
        Path huge = dir.resolve("kept/huge.analyses");
        java.nio.file.Files.createDirectories(huge.getParent());
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L << 30); // sparse: no disk, more than an array can hold
        }
        assertThat(ClassAnalyses.read(huge, "digest-1")).as("3 GiB").isNull();
        for (int[] counts : new int[][] {{Integer.MAX_VALUE}, {1, Integer.MAX_VALUE}, {-1}}) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
            out.writeUTF(ClassAnalyses.HEADER);
            out.writeUTF("digest-1");
            for (int count : counts) {
                out.writeInt(count);
            }
            out.write(new byte[64]);
            out.write(java.security.MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
            Path crafted = dir.resolve("kept/crafted.analyses");
            java.nio.file.Files.write(crafted, bytes.toByteArray());
            assertThat(ClassAnalyses.read(crafted, "digest-1"))
                    .as("counts %s, with a right digest", java.util.Arrays.toString(counts))
                    .isNull();
        }
    }

    @Test
    @DisplayName("a public constructor's parameters renamed (same types) change the ABI, with -g or -parameters, as"
            + " MapStruct maps constructor arguments by name; a body change does not")
    void parameterNames() throws IOException {
        for (List<String> options : List.of(List.of("-g"), List.of("-parameters"))) {
            String fromTo = dto(options, "String from, String to", "origin = from; destination = to;");
            String toFrom = dto(options, "String to, String from", "origin = from; destination = to;");
            String body = dto(options, "String from, String to", "origin = to; destination = from;");
            assertThat(toFrom).as(options.toString()).isNotEqualTo(fromTo);
            assertThat(body).as(options.toString()).isEqualTo(fromTo);
        }
    }

    private String dto(List<String> options, String parameters, String body) throws IOException {
        if (javac == null) {
            javac = new Javac(dir);
        }
        return javac.compile(
                        options,
                        "a/Dto.java",
                        "package a; public class Dto { String origin, destination; public Dto(" + parameters + ") {"
                                + body + " } private void helper(int secret) { } }")
                .get("a.Dto")
                .abi();
    }

    @Test
    @DisplayName("a sealed type's permitted subclasses are part of its ABI: taking one out must recheck it")
    void sealed() throws IOException {
        String both = compile(
                        "a/Shape.java", "package a; public sealed interface Shape permits Circle, Square {}",
                        "a/Circle.java", "package a; public final class Circle implements Shape {}",
                        "a/Square.java", "package a; public final class Square implements Shape {}")
                .get("a.Shape")
                .abi();
        String one = compile(
                        "a/Shape.java", "package a; public sealed interface Shape permits Circle {}",
                        "a/Circle.java", "package a; public final class Circle implements Shape {}",
                        "a/Square.java", "package a; public final class Square {}")
                .get("a.Shape")
                .abi();
        assertThat(one).isNotEqualTo(both);
    }

    @Test
    @DisplayName("what a processor sees of a class through javax.lang.model: private members' types and annotations,"
            + " permitted subclasses; not what method bodies name")
    void declaredPrivately() throws IOException {
        ClassAnalysis shape = compile(
                        "a/Shape.java",
                        "package a; public sealed class Shape permits Circle { private Pool pool;"
                                + " @Deprecated private int size() { return new Used().hashCode(); } }",
                        "a/Circle.java",
                        "package a; public final class Circle extends Shape {}",
                        "a/Pool.java",
                        "package a; public class Pool {}",
                        "a/Used.java",
                        "package a; public class Used {}")
                .get("a.Shape");
        assertThat(shape.declaredPrivately()).contains("a.Circle", "a.Pool").doesNotContain("a.Used");
        assertThat(shape.privateOnly()).contains("a.Used", "a.Pool");
    }

    @Test
    @DisplayName("a record's components swapped (same types): another ABI, since patterns bind by position")
    void recordOrder() throws IOException {
        String xy = compile("a/P.java", "package a; public record P(int x, int y) {}")
                .get("a.P")
                .abi();
        String yx = compile("a/P.java", "package a; public record P(int y, int x) {}")
                .get("a.P")
                .abi();
        assertThat(yx).isNotEqualTo(xy);
    }

    @Test
    @DisplayName("a type annotation on a method's return type: another ABI, and the annotation is a dependency")
    void typeAnnotations() throws IOException {
        String annotation = "package a; import java.lang.annotation.*; @Target(ElementType.TYPE_USE)"
                + " @Retention(RetentionPolicy.CLASS) public @interface Nullable {}";
        String plain = compile(
                        "a/Nullable.java",
                        annotation,
                        "a/C.java",
                        "package a; public class C { public String" + " name() { return null; } }")
                .get("a.C")
                .abi();
        ClassAnalysis annotated = compile(
                        "a/Nullable.java",
                        annotation,
                        "a/C.java",
                        "package a; public class C {" + " public @Nullable String name() { return null; } }")
                .get("a.C");
        assertThat(annotated.abi()).isNotEqualTo(plain);
        assertThat(annotated.accessible()).contains("a.Nullable");
    }

    @Test
    @DisplayName("a method body changed: the same ABI; a signature changed: another")
    void abi() throws IOException {
        String one = compile("a/C.java", "package a; public class C { public int f() { return 1; } }")
                .get("a.C")
                .abi();
        String body = compile("a/C.java", "package a; public class C { public int f() { return 2; } }")
                .get("a.C")
                .abi();
        String privateAdded = compile(
                        "a/C.java", "package a; public class C { public int f() { return 2; } private void g() {} }")
                .get("a.C")
                .abi();
        String signature = compile("a/C.java", "package a; public class C { public long f() { return 1; } }")
                .get("a.C")
                .abi();
        String overload = compile(
                        "a/C.java",
                        "package a; public class C { public int f() { return 1; } public void f(int x) {} }")
                .get("a.C")
                .abi();
        assertThat(body).isEqualTo(one).isEqualTo(privateAdded);
        assertThat(signature).isNotEqualTo(one);
        assertThat(overload).isNotEqualTo(one);
    }

    @Test
    @DisplayName("compile-time constants are listed with their values, and a changed value changes the ABI")
    void constants() throws IOException {
        ClassAnalysis limits = compile(
                        "a/Limits.java",
                        "package a; public class Limits { public static final int MAX = 10;"
                                + " public static final String NAME = \"x\"; private static final int SECRET = 3;"
                                + " public static final Integer BOXED = 4; }")
                .get("a.Limits");
        assertThat(limits.constants()).containsOnlyKeys("MAX", "NAME").containsEntry("MAX", "I 10");
        String other = compile(
                        "a/Limits.java",
                        "package a; public class Limits { public static final int MAX = 11;"
                                + " public static final String NAME = \"x\"; private static final int SECRET = 3;"
                                + " public static final Integer BOXED = 4; }")
                .get("a.Limits")
                .abi();
        assertThat(other).isNotEqualTo(limits.abi());
    }

    @Test
    @DisplayName("generic signatures, inner classes, arrays, annotations and their class values are read")
    void signaturesAndAnnotations() throws IOException {
        Map<String, ClassAnalysis> classes = compile(
                "a/Outer.java",
                "package a; public class Outer<T> { public class Inner {} }",
                "a/Bound.java",
                "package a; public interface Bound {}",
                "a/Elem.java",
                "package a; public class Elem {}",
                "a/Mark.java",
                "package a; @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)"
                        + " public @interface Mark { Class<?> value(); }",
                "a/Ref.java",
                "package a; public class Ref {}",
                "a/G.java",
                "package a; @Mark(Ref.class) public class G<U extends Number & Bound> {"
                        + " public Outer<String>.Inner inner; public Elem[][] elems; }");
        assertThat(classes.get("a.G").accessible())
                .containsExactlyInAnyOrder("a.Mark", "a.Ref", "a.Bound", "a.Outer$Inner", "a.Outer", "a.Elem");
    }

    @Test
    @DisplayName("an annotation type of SOURCE retention is known as one; CLASS and RUNTIME ones are not")
    void sourceRetention() throws IOException {
        Map<String, ClassAnalysis> classes = compile(
                "a/S.java",
                "package a; @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.SOURCE)"
                        + " public @interface S {}",
                "a/R.java",
                "package a; @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)"
                        + " public @interface R {}",
                "a/D.java",
                "package a; public @interface D {}");
        assertThat(classes.get("a.S").sourceRetentionAnnotation()).isTrue();
        assertThat(classes.get("a.R").sourceRetentionAnnotation()).isFalse();
        assertThat(classes.get("a.D").sourceRetentionAnnotation()).isFalse();
    }

    @Test
    @DisplayName("each class knows its source: a nested class and a second top-level class the file they are in")
    void sourceFiles() throws IOException {
        Map<String, ClassAnalysis> classes = compile(
                "a/b/Car.java",
                "package a.b; public class Car { class Wheel {} Runnable r = new Runnable() { public void run() {} }; }"
                        + " class Garage {}",
                "Top.java",
                "public class Top {}");
        assertThat(classes.values())
                .extracting(ClassAnalysis::sourceFile)
                .containsExactlyInAnyOrder("a/b/Car.java", "a/b/Car.java", "a/b/Car.java", "a/b/Car.java", "Top.java");
        assertThat(classes).containsKeys("a.b.Car$Wheel", "a.b.Car$1", "a.b.Garage");
    }

    @Test
    @DisplayName("module-info is known as one")
    void moduleInfo() throws IOException {
        Map<String, ClassAnalysis> classes =
                compile("module-info.java", "module m.x { exports a; }", "a/A.java", "package a; public class A {}");
        assertThat(classes.get("module-info").moduleInfo()).isTrue();
        assertThat(classes.get("a.A").moduleInfo()).isFalse();
    }

    @Test
    @DisplayName("bytes that are no class file are refused with a reason, never half read")
    void notAClassFile() {
        assertThatThrownBy(() -> ClassAnalysis.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ClassAnalysis.read(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0}))
                .isInstanceOf(IOException.class);
    }
}
