package dev.tandem.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.Sha256;
import dev.tandem.cache.internal.TrackedInputs;
import dev.tandem.maven.remote.Remote;
import dev.tandem.maven.remote.RemoteConfig;
import java.io.File;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.model.Build;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What prepare does to a module on disk, with a fake Maven: no container, no network but a local stub. */
class PreparationTest {
    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private final Properties userProperties = new Properties();
    private final FakeMaven maven = new FakeMaven();

    /** A jar module in {@code dir} whose compiler has {@code compilerConfiguration}, with one source. */
    private MavenProject project(String compilerConfiguration) throws Exception {
        Model model = new Model();
        model.setGroupId("com.acme");
        model.setArtifactId("cars");
        model.setVersion("1.0");
        model.setBuild(new Build());
        model.getBuild().setDirectory(dir.resolve("target").toString());
        if (compilerConfiguration != null) {
            Plugin compiler = new Plugin();
            compiler.setGroupId("org.apache.maven.plugins");
            compiler.setArtifactId("maven-compiler-plugin");
            compiler.setConfiguration(Xpp3DomBuilder.build(
                    new StringReader("<configuration>" + compilerConfiguration + "</configuration>")));
            PluginExecution compile = new PluginExecution();
            compile.setId("default-compile");
            compiler.addExecution(compile);
            model.getBuild().addPlugin(compiler);
        }
        MavenProject project = new MavenProject(model);
        project.setFile(write("pom.xml", "<project/>").toFile());
        write("src/main/java/A.java", "class A {}");
        return project;
    }

    /** A compiler configuration that replays, tandem-replay on its processor path. */
    private static final String REPLAYS = "<annotationProcessorPaths><path><groupId>dev.tandem</groupId>"
            + "<artifactId>tandem-replay</artifactId><version>0.1.0</version></path></annotationProcessorPaths>"
            + "<annotationProcessors><annotationProcessor>dev.tandem.replay.ReplayProcessor</annotationProcessor>"
            + "</annotationProcessors>";

    private Preparation.Parameters parameters() {
        Preparation.Parameters parameters = new Preparation.Parameters();
        parameters.cacheDirectory = dir.resolve("target/tandem");
        parameters.pruneAfterBuilds = 10;
        parameters.maxConsumerSize = 256L << 20;
        parameters.threads = 2;
        return parameters;
    }

    private Preparation.Result prepare(MavenProject project, Preparation.Parameters parameters)
            throws MojoExecutionException {
        return new Preparation(parameters, project, userProperties, maven, log).run();
    }

    private CacheLayout layout() {
        return new CacheLayout(dir.resolve("target/tandem"));
    }

    @Test
    @DisplayName("a module of packaging pom is left alone: no cache folder, no property")
    void pomModule() throws Exception {
        MavenProject project = project(null);
        project.setPackaging("pom");

        Preparation.Result prepared = prepare(project, parameters());

        assertThat(prepared.summary)
                .isEqualTo("Tandem: nothing to prepare in a module of packaging pom (it compiles nothing)");
        assertThat(prepared.warning).isFalse();
        assertThat(dir.resolve("target")).doesNotExist();
        assertThat(project.getProperties()).doesNotContainKey(Preparation.CACHE_DIRECTORY_PROPERTY);
    }

    @Test
    @DisplayName("a cache outside the build directory fails the build, saying how to allow it")
    void outsideTheBuildDirectory() throws Exception {
        MavenProject project = project(null);
        Preparation.Parameters parameters = parameters();
        parameters.cacheDirectory = dir.resolve("elsewhere");

        assertThatThrownBy(() -> prepare(project, parameters))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Tandem cacheDirectory " + dir.resolve("elsewhere") + " is outside the build directory "
                        + dir.resolve("target") + ", so mvn clean would not remove it. Put it under"
                        + " ${project.build.directory}, or set"
                        + " <allowOutsideBuildDirectory>true</allowOutsideBuildDirectory>"
                        + " (-Dtandem.allowOutsideBuildDirectory) and clean it yourself.");

        parameters.allowOutsideBuildDirectory = true;
        assertThat(prepare(project, parameters).warning).isFalse();
        assertThat(project.getProperties())
                .containsEntry(
                        Preparation.CACHE_DIRECTORY_PROPERTY,
                        dir.resolve("elsewhere").toString());
    }

    @Test
    @DisplayName("where nothing uses the cache, the inputs are not indexed, yet the property is set")
    void nothingUsesTheCache() throws Exception {
        MavenProject project = project(null);

        Preparation.Result prepared = prepare(project, parameters());

        assertThat(prepared.summary)
                .isEqualTo("Tandem: nothing uses the cache in this module yet, so its inputs are not indexed"
                        + " (-Dtandem.alwaysIndex indexes them anyway)");
        assertThat(layout().inputIndex()).doesNotExist();
        assertThat(project.getProperties())
                .containsEntry(
                        Preparation.CACHE_DIRECTORY_PROPERTY, layout().root().toString());
        assertThat(maven.remoteAsked).isZero();
        assertThat(log.lines).isEmpty();
    }

    @Test
    @DisplayName("alwaysIndex indexes src and pom.xml; the index numbers the builds, the first one keeps the floor")
    void indexesAndNumbersTheBuilds() throws Exception {
        MavenProject project = project(null);
        Preparation.Parameters parameters = parameters();
        parameters.alwaysIndex = true;

        Preparation.Result first = prepare(project, parameters);

        assertThat(first.summary)
                .matches("Tandem: 2 input files indexed, 2 changed \\(2 read\\) in \\d+ ms;"
                        + " cache 0 B for 0 consumers");
        assertThat(first.build).isEqualTo(1);
        assertThat(BuildNumber.current(layout())).isEqualTo(1);
        assertThat(layout().buildInfo()).exists();
        assertThat(first.details).as("no debug log, no details").isEmpty();

        write("src/main/java/A.java", "class A { int changed; }");
        log.debug = true;
        Preparation.Result second = prepare(project, parameters);

        assertThat(second.build).isEqualTo(2);
        assertThat(second.summary).startsWith("Tandem: 2 input files indexed, 1 changed (1 read) in");
        assertThat(second.details).hasSize(2);
        assertThat(second.details.get(0)).startsWith("Tandem: build 2, cache root " + layout().root() + ", inputs ");
        assertThat(second.details.get(1)).startsWith("Tandem: prepare took ");
    }

    @Test
    @DisplayName("a file a consumer read that changed makes the next compile rerun, named relative to the module")
    void changedInputRerunsTheCompile() throws Exception {
        MavenProject project = project(null);
        Path state = write("target/maven-status/maven-compiler-plugin/compile/default-compile/inputFiles.lst", "A");
        sqlgenReadAFileThatChangedSince();

        prepare(project, parameters());

        assertThat(log.lines)
                .contains("[info] Tandem: " + Path.of("src/main/sql/cars.sql") + " changed since com.acme.sqlgen"
                        + " read it: the next compile reruns [compile/default-compile]");
        assertThat(state).doesNotExist();
    }

    @Test
    @DisplayName("a changed input with no compiler state to reset is a warning that says to clean")
    void changedInputWithoutCompilerState() throws Exception {
        MavenProject project = project(null);
        Files.createDirectories(dir.resolve("target/maven-status"));
        sqlgenReadAFileThatChangedSince();

        prepare(project, parameters());

        assertThat(log.lines)
                .contains("[warn] Tandem: " + Path.of("src/main/sql/cars.sql") + " changed since com.acme.sqlgen"
                        + " read it, but " + dir.resolve("target/maven-status") + " has no maven-compiler-plugin"
                        + " state to reset: if the compile says \"Nothing to compile\", run mvn clean compile");
    }

    @Test
    @DisplayName("another processor version reruns the compile, even where nothing uses the cache")
    void processorChangeRerunsTheCompile() throws Exception {
        maven.resolved =
                Files.write(dir.resolve("processor.jar"), new byte[] {1}).toFile();
        String paths = "<annotationProcessorPaths><path><groupId>org.mapstruct</groupId>"
                + "<artifactId>mapstruct-processor</artifactId><version>%s</version></path>"
                + "</annotationProcessorPaths>";
        prepare(project(String.format(paths, "1.6.3")), parameters());
        assertThat(log.lines)
                .as("the first prepare has nothing to compare with")
                .isEmpty();
        Path state = write("target/maven-status/maven-compiler-plugin/compile/default-compile/inputFiles.lst", "A");

        Preparation.Result prepared = prepare(project(String.format(paths, "1.5.5.Final")), parameters());

        assertThat(log.lines)
                .containsExactly("[info] Tandem: the annotation processors or their options of [default-compile]"
                        + " changed: the next compile reruns [compile/default-compile]");
        assertThat(state).doesNotExist();
        assertThat(prepared.summary).startsWith("Tandem: nothing uses the cache in this module yet");
        assertThat(maven.resolvedDependencies).contains("org.mapstruct:mapstruct-processor:1.5.5.Final");
    }

    @Test
    @DisplayName("replaySkip leaves the switch for a forked javac, saying how it was set; without it the switch goes")
    void replaySkipSwitch() throws Exception {
        MavenProject project = project(null);
        Preparation.Parameters parameters = parameters();
        parameters.replaySkip = true;

        prepare(project, parameters);
        assertThat(layout().skipSwitch()).hasContent("tandem.replay.skip in the POM");

        userProperties.setProperty("tandem.replay.skip", "true");
        prepare(project, parameters);
        assertThat(layout().skipSwitch()).hasContent("-Dtandem.replay.skip");

        parameters.replaySkip = false;
        prepare(project, parameters);
        assertThat(layout().skipSwitch()).doesNotExist();
    }

    @Test
    @DisplayName("skipped, a module that replays still gets the property and the switch; another gets nothing")
    void skipped() throws Exception {
        new Preparation(parameters(), project(null), userProperties, maven, log).skipped("tandem.skip");
        assertThat(dir.resolve("target")).doesNotExist();

        MavenProject replaying = project(REPLAYS);
        new Preparation(parameters(), replaying, userProperties, maven, log).skipped("tandem.skip");

        assertThat(replaying.getProperties())
                .containsEntry(
                        Preparation.CACHE_DIRECTORY_PROPERTY, layout().root().toString());
        assertThat(layout().skipSwitch()).hasContent("tandem.skip in the POM");
    }

    @Test
    @DisplayName("a module that replays has its class path recorded, and is indexed")
    void replayRecordsTheClassPath() throws Exception {
        log.debug = true;

        Preparation.Result prepared = prepare(project(REPLAYS), parameters());

        assertThat(maven.classPathsRecorded).isEqualTo(1);
        assertThat(log.lines).contains("[debug] Tandem: class path recorded");
        assertThat(prepared.summary).startsWith("Tandem: 2 input files indexed");
        assertThat(layout().inputIndex()).exists();
    }

    @Test
    @DisplayName("a cache that cannot be written is a warning, and the build goes on with the property set")
    void unwritableCache() throws Exception {
        MavenProject project = project(null);
        write("target/tandem", "a file where the cache folder goes");

        Preparation.Result prepared = prepare(project, parameters());

        assertThat(prepared.warning).isTrue();
        assertThat(prepared.summary)
                .startsWith("Tandem could not prepare the cache in " + layout().root() + " (")
                .endsWith("); this build runs without the input index. Check that the disk has room and the build"
                        + " directory is writable.");
        assertThat(project.getProperties())
                .containsEntry(
                        Preparation.CACHE_DIRECTORY_PROPERTY, layout().root().toString());
    }

    @Test
    @DisplayName("a remote is asked only once the cache is ready; its answer ends the summary")
    void remote() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().contains("denied") ? 401 : 404, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            Preparation.Parameters parameters = parameters();
            parameters.remote = true;

            maven.remote(url + "cache/", false);
            assertThat(prepare(project(null), parameters).summary)
                    .as("a remote asks for the index")
                    .startsWith("Tandem: 2 input files indexed")
                    .endsWith("; remote: no key list for com.acme:cars yet");

            maven.remote(url + "denied/", true);
            assertThatThrownBy(() -> prepare(project(null), parameters))
                    .isInstanceOf(MojoExecutionException.class)
                    .hasMessageStartingWith("Tandem remote: ")
                    .hasMessageEndingWith(" (remoteFailOnAuthError is set)");
        } finally {
            server.stop(0);
        }
        maven.remote("http://127.0.0.1:" + closedPort() + "/", false);
        Preparation.Parameters parameters = parameters();
        parameters.remote = true;
        assertThat(prepare(project(null), parameters).summary).endsWith("; remote off");
        assertThat(log.lines).anyMatch(line -> line.startsWith("[warn] Tandem remote http://127.0.0.1:"));
    }

    /** Consumer com.acme.sqlgen read src/main/sql/cars.sql, which changed after. */
    private void sqlgenReadAFileThatChangedSince() throws Exception {
        Path sql = write("src/main/sql/cars.sql", "v1");
        Path consumer = layout().consumer("com.acme.sqlgen");
        Files.createDirectories(consumer);
        TrackedInputs.write(CacheLayout.tracked(consumer), Map.of(sql.toString(), Sha256.hexOrMissing(sql)));
        write("src/main/sql/cars.sql", "v2");
    }

    private static int closedPort() throws Exception {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private Path write(String relative, String content) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Maven as prepare sees it: resolves every processor path to one jar, records class paths, has a remote. */
    private static final class FakeMaven implements Preparation.Maven {
        File resolved;
        final List<String> resolvedDependencies = new ArrayList<>();
        int classPathsRecorded;
        int remoteAsked;
        private Remote remote;
        private RemoteConfig config;

        void remote(String url, boolean failOnAuthError) {
            config = new RemoteConfig.Builder()
                    .url(url)
                    .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30))
                    .failOnAuthError(failOnAuthError)
                    .build();
            remote = Remote.of(new Object(), config); // a build of its own
        }

        @Override
        public File resolve(Dependency dependency) {
            resolvedDependencies.add(
                    dependency.getGroupId() + ":" + dependency.getArtifactId() + ":" + dependency.getVersion());
            return resolved;
        }

        @Override
        public String recordClassPath(CacheLayout layout) {
            classPathsRecorded++;
            return "class path recorded";
        }

        @Override
        public Remote remote() {
            remoteAsked++;
            return remote;
        }

        @Override
        public RemoteConfig remoteConfig() {
            return config;
        }
    }

    /** The log's lines as {@code [level] text}; debug only when switched on, as Maven's. */
    private static final class RecordingLog extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();
        boolean debug;

        @Override
        public boolean isDebugEnabled() {
            return debug;
        }

        @Override
        public void debug(CharSequence content) {
            if (debug) {
                lines.add("[debug] " + content);
            }
        }

        @Override
        public void info(CharSequence content) {
            lines.add("[info] " + content);
        }

        @Override
        public void warn(CharSequence content) {
            lines.add("[warn] " + content);
        }
    }
}
