import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the incremental compilation benchmark's module twice, tandem/ (compilerId tandem) and plain/ (Maven alone),
 * with the same N classes (2,000 by default) and no processor: 20 packages; class i holds a value, a method whose body
 * the benchmark edits, and calls class i-1 and class i/2 of its own package through their public methods, so a
 * signature change reaches a few classes directly and no further (a tree of users, as real modules have). Class 0 of
 * each package is its root: many classes call it indirectly, none of them through its signature.
 *
 *   java GenerateClasses.java OUT N TANDEM_VERSION COMPILER_VERSION
 */
public class GenerateClasses {
    static final int PACKAGES = 20;

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        for (String variant : new String[] {"tandem", "plain"}) {
            Path module = out.resolve(variant);
            write(module.resolve("pom.xml"), pom(variant, args[2], args[3]));
            int perPackage = Math.max(1, n / PACKAGES);
            for (int i = 0; i < n; i++) {
                int pkg = i / perPackage, k = i % perPackage;
                Path src = module.resolve("src/main/java/bench/p" + pkg);
                Files.createDirectories(src);
                StringBuilder text = new StringBuilder("package bench.p" + pkg + ";\n\n")
                        .append("public class C").append(k).append(" {\n")
                        .append("    private final int value = ").append(k).append(";\n\n")
                        .append("    public int value() {\n        return value * 2 + 1;\n    }\n\n")
                        .append("    public int sum(java.util.List<Integer> list) {\n")
                        .append("        int s = 0;\n        for (int x : list) {\n            s += x;\n        }\n")
                        .append("        return s");
                if (k > 0) {
                    text.append(" + new C").append(k - 1).append("().value()");
                    text.append(" + new C").append(k / 2).append("().value()");
                }
                text.append(";\n    }\n\n    @Override\n    public String toString() {\n")
                        .append("        return \"C").append(k).append("(\" + value + \")\";\n    }\n}\n");
                write(src.resolve("C" + k + ".java"), text.toString());
            }
        }
    }

    private static String pom(String variant, String tandem, String compiler) {
        String tandemCompiler = variant.equals("tandem")
                ? "          <configuration><compilerId>tandem</compilerId></configuration>\n"
                        + "          <dependencies><dependency><groupId>dev.tandem</groupId>"
                        + "<artifactId>tandem-compiler</artifactId><version>" + tandem + "</version></dependency>"
                        + "</dependencies>\n"
                : "";
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>bench</groupId>\n  <artifactId>classes-" + variant + "</artifactId>\n"
                + "  <version>1.0</version>\n  <properties>\n"
                + "    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>\n"
                + "    <maven.compiler.release>17</maven.compiler.release>\n  </properties>\n"
                + "  <build>\n    <plugins>\n      <plugin>\n"
                + "          <artifactId>maven-compiler-plugin</artifactId>\n"
                + "          <version>" + compiler + "</version>\n" + tandemCompiler
                + "      </plugin>\n    </plugins>\n  </build>\n</project>\n";
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
