import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the lockstep benchmark's inputs: a file repository with a 200-artifact dependency graph (POMs under one
 * parent, five of them declaring a companion in an inert lockstep profile, one processor with dependencies of its
 * own) and a 20-module reactor whose every module depends on the whole graph, runs that processor and the lockstep
 * rule.
 *
 * <p>Run: {@code java GenerateProject.java <output-dir> <tandem-version> <enforcer-version>}
 */
public final class GenerateProject {
    static final int LIBRARIES = 200;
    static final int DIRECT = 20;
    static final int MODULES = 20;
    static final String GROUP = "bench.lib";

    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args[0]);
        String tandemVersion = args[1];
        String enforcerVersion = args[2];
        Path repo = out.resolve("repo");
        writeParent(repo);
        for (int i = 0; i < LIBRARIES; i++) {
            writeLibrary(repo, i);
        }
        writeProcessor(repo);
        writeReactor(out.resolve("reactor"), repo, tandemVersion, enforcerVersion);
    }

    static String name(int i) {
        return String.format("lib-%03d", i);
    }

    /** Each of the first 20 libraries brings in 9 of the other 180; every third of those depends on the next. */
    static List<Integer> dependenciesOf(int i) {
        List<Integer> deps = new ArrayList<>();
        if (i < DIRECT) {
            for (int k = 0; k < 9; k++) {
                deps.add(DIRECT + 9 * i + k);
            }
        } else if ((i - DIRECT) % 3 == 0 && i + 1 < LIBRARIES) {
            deps.add(i + 1);
        }
        return deps;
    }

    static void writeParent(Path repo) throws IOException {
        write(repo, "bench-parent", "pom", "<project><modelVersion>4.0.0</modelVersion><groupId>" + GROUP
                + "</groupId><artifactId>bench-parent</artifactId><version>1.0</version><packaging>pom</packaging>"
                + "<properties><bench.processor.version>1.0</bench.processor.version></properties></project>");
    }

    static void writeLibrary(Path repo, int i) throws IOException {
        StringBuilder pom = new StringBuilder("<project><modelVersion>4.0.0</modelVersion>")
                .append("<parent><groupId>").append(GROUP).append("</groupId><artifactId>bench-parent</artifactId>")
                .append("<version>1.0</version></parent><artifactId>").append(name(i)).append("</artifactId>")
                .append("<description>A library of the synthetic benchmark graph, with a description long enough")
                .append(" to be as large as a typical POM on Maven Central, which also lists licenses,")
                .append(" developers, an SCM section and an issue tracker.</description>")
                .append("<licenses><license><name>Apache-2.0</name></license></licenses>")
                .append("<scm><url>https://example.invalid/").append(name(i)).append("</url></scm>");
        pom.append("<dependencies>");
        for (int dep : dependenciesOf(i)) {
            pom.append("<dependency><groupId>").append(GROUP).append("</groupId><artifactId>").append(name(dep))
                    .append("</artifactId><version>1.0</version></dependency>");
        }
        pom.append("</dependencies>");
        if (i < 5) {
            pom.append("<profiles><profile><id>lockstep</id><activation><jdk>(,1)</jdk></activation>")
                    .append("<dependencies><dependency><groupId>").append(GROUP)
                    .append("</groupId><artifactId>bench-processor</artifactId>")
                    .append("<version>[${bench.processor.version}]</version><scope>provided</scope>")
                    .append("<optional>true</optional></dependency></dependencies></profile></profiles>");
        }
        pom.append("</project>");
        write(repo, name(i), "jar", pom.toString());
    }

    static void writeProcessor(Path repo) throws IOException {
        write(repo, "bench-processor", "jar", "<project><modelVersion>4.0.0</modelVersion><groupId>" + GROUP
                + "</groupId><artifactId>bench-processor</artifactId><version>1.0</version><dependencies>"
                + "<dependency><groupId>" + GROUP + "</groupId><artifactId>" + name(0) + "</artifactId>"
                + "<version>1.0</version></dependency></dependencies></project>");
    }

    static void write(Path repo, String artifactId, String packaging, String pom) throws IOException {
        Path dir = repo.resolve(GROUP.replace('.', '/')).resolve(artifactId).resolve("1.0");
        Files.createDirectories(dir);
        Files.write(dir.resolve(artifactId + "-1.0.pom"), pom.getBytes(StandardCharsets.UTF_8));
    }

    static void writeReactor(Path dir, Path repo, String tandemVersion, String enforcerVersion) throws IOException {
        Files.createDirectories(dir);
        StringBuilder modules = new StringBuilder();
        for (int m = 0; m < MODULES; m++) {
            modules.append("<module>module-").append(m).append("</module>");
        }
        StringBuilder direct = new StringBuilder();
        for (int i = 0; i < DIRECT; i++) {
            direct.append("<dependency><groupId>").append(GROUP).append("</groupId><artifactId>").append(name(i))
                    .append("</artifactId><version>1.0</version></dependency>");
        }
        String parent = "<project><modelVersion>4.0.0</modelVersion><groupId>bench</groupId>"
                + "<artifactId>reactor</artifactId><version>1.0</version><packaging>pom</packaging>"
                + "<modules>" + modules + "</modules>"
                + "<repositories><repository><id>bench</id><url>" + repo.toUri() + "</url>"
                + "<releases><checksumPolicy>ignore</checksumPolicy></releases></repository></repositories>"
                + "<build><pluginManagement><plugins>"
                + "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>"
                + "<version>3.14.0</version><configuration><annotationProcessorPaths><path><groupId>" + GROUP
                + "</groupId><artifactId>bench-processor</artifactId><version>1.0</version></path>"
                + "</annotationProcessorPaths></configuration></plugin>"
                + "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-enforcer-plugin</artifactId>"
                + "<version>" + enforcerVersion + "</version><dependencies><dependency><groupId>dev.tandem</groupId>"
                + "<artifactId>tandem-enforcer-rules</artifactId><version>" + tandemVersion + "</version>"
                + "</dependency></dependencies><executions><execution><id>lockstep</id><goals><goal>enforce</goal>"
                + "</goals><configuration><rules><lockstep/></rules></configuration></execution></executions>"
                + "</plugin></plugins></pluginManagement></build></project>";
        Files.write(dir.resolve("pom.xml"), parent.getBytes(StandardCharsets.UTF_8));
        for (int m = 0; m < MODULES; m++) {
            Path module = dir.resolve("module-" + m);
            Files.createDirectories(module);
            String pom = "<project><modelVersion>4.0.0</modelVersion><parent><groupId>bench</groupId>"
                    + "<artifactId>reactor</artifactId><version>1.0</version></parent>"
                    + "<artifactId>module-" + m + "</artifactId><dependencies>" + direct + "</dependencies>"
                    + "<build><plugins>"
                    + "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>"
                    + "</plugin><plugin><groupId>org.apache.maven.plugins</groupId>"
                    + "<artifactId>maven-enforcer-plugin</artifactId></plugin></plugins></build></project>";
            Files.write(module.resolve("pom.xml"), pom.getBytes(StandardCharsets.UTF_8));
        }
    }
}
