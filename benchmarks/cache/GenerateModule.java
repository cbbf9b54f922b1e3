import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes the 500-invocation module of the cache benchmark: 50 files of 10 classes, each annotated for the
 * file-reading cars processor with one of 10 data files, built with tandem:prepare.
 *
 * <p>Run: {@code java GenerateModule.java <dir> <tandem-version> <compiler-version>}
 */
public final class GenerateModule {
    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        String tandem = args[1];
        String compiler = args[2];
        for (int d = 0; d < 10; d++) {
            write(dir.resolve("src/main/cars/car-" + d + ".txt"), "Make " + d + "\n");
        }
        int element = 0;
        for (int f = 0; f < 50; f++) {
            String name = String.format("Fleet%02d", f);
            StringBuilder java = new StringBuilder("package dev.tandem.it.fleet;\n\nimport dev.tandem.example.cars.CarSpec;\n\n");
            java.append("public class ").append(name).append(" {\n");
            for (int c = 0; c < 10; c++) {
                java.append("    @CarSpec(\"src/main/cars/car-").append(element++ % 10).append(".txt\")\n");
                java.append("    public static class Car").append(c).append(" {}\n");
            }
            write(dir.resolve("src/main/java/dev/tandem/it/fleet/" + name + ".java"), java.append("}\n").toString());
        }
        write(dir.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>bench</groupId><artifactId>cars-module</artifactId><version>1.0</version>"
                + "<properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>"
                + "<maven.compiler.release>11</maven.compiler.release><cars.cache>true</cars.cache></properties>"
                + "<dependencies><dependency><groupId>dev.tandem.example</groupId><artifactId>cars-processor</artifactId>"
                + "<version>1.0</version><scope>provided</scope></dependency></dependencies>"
                + "<build><plugins><plugin><groupId>dev.tandem</groupId><artifactId>tandem-maven-plugin</artifactId>"
                + "<version>" + tandem + "</version><executions><execution><goals><goal>prepare</goal></goals>"
                + "</execution></executions></plugin>"
                + "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>"
                + "<version>" + compiler + "</version><configuration><compilerArgs>"
                + "<arg>-Atandem.cacheDirectory=${tandem.cacheDirectory}</arg><arg>-Acars.basedir=${project.basedir}</arg>"
                + "<arg>-Acars.cache=${cars.cache}</arg></compilerArgs></configuration></plugin></plugins></build></project>\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
