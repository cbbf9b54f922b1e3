import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the replay benchmark's module twice, replay/ and plain/, with the same sources: N MapStruct 1.6.3 mappers,
 * each of a model and a DTO with nested beans and a shared config. replay/ runs tandem:prepare and
 * ReplayProcessor; plain/ is Maven alone. Also lombok-replay/ and lombok-plain/: the same models and DTOs as Lombok
 * beans with no mapper, a module whose one processor replay cannot replay (what enabling replay costs there).
 *
 *   java GenerateMappers.java OUT N TANDEM_VERSION COMPILER_VERSION
 */
public class GenerateMappers {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        for (String variant : new String[] {"replay", "plain"}) {
            Path module = out.resolve(variant);
            Path src = module.resolve("src/main/java/bench/mappers");
            Files.createDirectories(src);
            write(module.resolve("pom.xml"), pom(variant, args[2], args[3]));
            write(src.resolve("Config.java"), "package bench.mappers;\n\n@org.mapstruct.MapperConfig(nullValueCheckStrategy"
                    + " = org.mapstruct.NullValueCheckStrategy.ALWAYS)\npublic interface Config {}\n");
            write(src.resolve("Address.java"), bean("Address", "String street; String city; int zip;"));
            write(src.resolve("AddressDto.java"), bean("AddressDto", "String street; String city; int zip;"));
            Path lombok = out.resolve("lombok-" + variant).resolve("src/main/java/bench/mappers");
            Files.createDirectories(lombok);
            write(lombok.getParent().getParent().getParent().getParent().getParent().resolve("pom.xml"),
                    pom("lombok-" + variant, args[2], args[3]));
            for (int i = 0; i < n; i++) {
                write(lombok.resolve("Model" + i + ".java"), "package bench.mappers;\n\n@lombok.Data\npublic class Model"
                        + i + " {\n    private long id;\n    private String name;\n    private int count;\n"
                        + "    private java.util.List<String> tags;\n}\n");
            }
            for (int i = 0; i < n; i++) {
                write(src.resolve("Model" + i + ".java"), bean("Model" + i,
                        "long id; String name; int count; double price; Address address; java.util.List<String> tags;"));
                write(src.resolve("Model" + i + "Dto.java"), bean("Model" + i + "Dto",
                        "long id; String name; int count; double price; AddressDto address; java.util.List<String> tags;"
                                + " String label;"));
                write(src.resolve("Model" + i + "Mapper.java"), "package bench.mappers;\n\n"
                        + "@org.mapstruct.Mapper(config = Config.class)\npublic interface Model" + i + "Mapper {\n"
                        + "    @org.mapstruct.Mapping(target = \"label\", ignore = true)\n"
                        + "    Model" + i + "Dto toDto(Model" + i + " model);\n\n"
                        + "    AddressDto toDto(Address address);\n}\n");
            }
        }
    }

    private static String bean(String name, String fields) {
        StringBuilder body = new StringBuilder("package bench.mappers;\n\npublic class " + name + " {\n");
        for (String field : fields.split(";")) {
            String[] parts = field.trim().split(" ");
            if (parts.length < 2) {
                continue;
            }
            String type = parts[0], f = parts[1], cap = Character.toUpperCase(f.charAt(0)) + f.substring(1);
            body.append("    private ").append(type).append(' ').append(f).append(";\n")
                    .append("    public ").append(type).append(" get").append(cap).append("() { return ").append(f)
                    .append("; }\n")
                    .append("    public void set").append(cap).append('(').append(type).append(" v) { ").append(f)
                    .append(" = v; }\n");
        }
        return body.append("}\n").toString();
    }

    private static String pom(String variant, String tandem, String compiler) {
        boolean replay = variant.endsWith("replay");
        String processor = variant.startsWith("lombok")
                ? "<groupId>org.projectlombok</groupId><artifactId>lombok</artifactId><version>1.18.48</version>"
                : "<groupId>org.mapstruct</groupId><artifactId>mapstruct-processor</artifactId><version>1.6.3</version>";
        String library = variant.startsWith("lombok")
                ? "<groupId>org.projectlombok</groupId><artifactId>lombok</artifactId><version>1.18.48</version>"
                        + "<scope>provided</scope>"
                : "<groupId>org.mapstruct</groupId><artifactId>mapstruct</artifactId><version>1.6.3</version>";
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>bench</groupId>\n  <artifactId>mappers-" + variant + "</artifactId>\n  <version>1</version>\n"
                + "  <properties>\n    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>\n"
                + "    <maven.compiler.release>17</maven.compiler.release>\n  </properties>\n"
                + "  <dependencies>\n    <dependency>" + library + "</dependency>\n  </dependencies>\n"
                + "  <build>\n    <plugins>\n"
                + (replay ? "      <plugin><groupId>dev.tandem</groupId><artifactId>tandem-maven-plugin</artifactId>"
                        + "<version>" + tandem + "</version>\n        <executions><execution><goals><goal>prepare</goal>"
                        + "</goals></execution></executions></plugin>\n" : "")
                + "      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>"
                + "<version>" + compiler + "</version>\n        <configuration>\n          <annotationProcessorPaths>\n"
                + (replay ? "            <path><groupId>dev.tandem</groupId><artifactId>tandem-replay</artifactId>"
                        + "<version>" + tandem + "</version></path>\n" : "")
                + "            <path>" + processor + "</path>\n          </annotationProcessorPaths>\n"
                + (replay ? "          <annotationProcessors><annotationProcessor>dev.tandem.replay.ReplayProcessor"
                        + "</annotationProcessor></annotationProcessors>\n" : "")
                + "        </configuration>\n      </plugin>\n    </plugins>\n  </build>\n</project>\n";
    }

    private static void write(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
