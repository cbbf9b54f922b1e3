import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes the reactor of the cache benchmark: a parent running tandem:prepare in every module, and N modules of S
 * plain Java sources each (no processor: what every module of a big build pays for prepare).
 *
 * <p>Run: {@code java GenerateReactor.java <dir> <modules> <sources> <tandem-version> <compiler-version>}
 */
public final class GenerateReactor {
    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        int modules = Integer.parseInt(args[1]);
        int sources = Integer.parseInt(args[2]);
        String tandem = args[3];
        String compiler = args[4];
        StringBuilder list = new StringBuilder();
        for (int m = 0; m < modules; m++) {
            String name = String.format("module%02d", m);
            list.append("    <module>").append(name).append("</module>\n");
            write(dir.resolve(name + "/pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                    + "  <modelVersion>4.0.0</modelVersion>\n"
                    + "  <parent><groupId>bench</groupId><artifactId>reactor</artifactId><version>1</version></parent>\n"
                    + "  <artifactId>" + name + "</artifactId>\n</project>\n");
            for (int s = 0; s < sources; s++) {
                String type = "Type" + s;
                write(dir.resolve(name + "/src/main/java/bench/" + name + "/" + type + ".java"),
                        "package bench." + name + ";\n\npublic class " + type + " {\n    int value" + s + ";\n}\n");
            }
        }
        write(dir.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>bench</groupId><artifactId>reactor</artifactId><version>1</version>\n"
                + "  <packaging>pom</packaging>\n"
                + "  <properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>"
                + "<maven.compiler.release>11</maven.compiler.release></properties>\n"
                + "  <modules>\n" + list + "  </modules>\n"
                + "  <build><plugins>\n"
                + "    <plugin><groupId>dev.tandem</groupId><artifactId>tandem-maven-plugin</artifactId>"
                + "<version>" + tandem + "</version>\n"
                + "      <executions><execution><goals><goal>prepare</goal></goals></execution></executions></plugin>\n"
                + "    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>"
                + "<version>" + compiler + "</version></plugin>\n"
                + "  </plugins></build>\n</project>\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
