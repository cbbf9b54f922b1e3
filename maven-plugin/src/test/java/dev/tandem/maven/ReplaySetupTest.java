package dev.tandem.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

/** The set-up mistakes prepare names before javac turns them into raw errors, and the right set-ups it leaves be. */
class ReplaySetupTest {
    private static final String REPLAY_PATH =
            "<path><groupId>dev.tandem</groupId><artifactId>tandem-replay</artifactId><version>1</version></path>";
    private static final String MAPSTRUCT_PATH = "<path><groupId>org.mapstruct</groupId>"
            + "<artifactId>mapstruct-processor</artifactId><version>1.6.3</version></path>";
    private static final String REPLAY_NAMED =
            "<annotationProcessor>dev.tandem.replay.ReplayProcessor" + "</annotationProcessor>";

    private static List<String> mistakes(String configuration, Dependency... dependencies) throws Exception {
        Plugin compiler = new Plugin();
        compiler.setGroupId("org.apache.maven.plugins");
        compiler.setArtifactId("maven-compiler-plugin");
        compiler.setConfiguration(
                Xpp3DomBuilder.build(new StringReader("<configuration>" + configuration + "</configuration>")));
        for (String id : new String[] {"default-compile", "default-testCompile"}) {
            PluginExecution execution = new PluginExecution();
            execution.setId(id);
            compiler.addExecution(execution);
        }
        Model model = new Model();
        model.setBuild(new Build());
        model.getBuild().addPlugin(compiler);
        for (Dependency dependency : dependencies) {
            model.addDependency(dependency);
        }
        return ReplaySetup.mistakes(new MavenProject(model));
    }

    private static Dependency replayDependency() {
        Dependency dependency = new Dependency();
        dependency.setGroupId("dev.tandem");
        dependency.setArtifactId("tandem-replay");
        dependency.setVersion("1");
        dependency.setScope("provided");
        return dependency;
    }

    @Test
    void theDocumentedSetUpsAreNoMistake() throws Exception {
        assertThat(mistakes("<annotationProcessorPaths>" + REPLAY_PATH + MAPSTRUCT_PATH + "</annotationProcessorPaths>"
                        + "<annotationProcessors>" + REPLAY_NAMED + "</annotationProcessors>"))
                .isEmpty();
        // processors on the class path (no annotationProcessorPaths), tandem-replay a provided dependency
        assertThat(mistakes("<annotationProcessors>" + REPLAY_NAMED + "</annotationProcessors>", replayDependency()))
                .isEmpty();
        assertThat(mistakes("<annotationProcessorPaths>" + MAPSTRUCT_PATH + "</annotationProcessorPaths>"))
                .isEmpty();
    }

    @Test
    void replayNamedBesideAnotherProcessorSaysItWouldRunTwice() throws Exception {
        assertThat(mistakes("<annotationProcessorPaths>" + REPLAY_PATH + MAPSTRUCT_PATH + "</annotationProcessorPaths>"
                        + "<annotationProcessors>" + REPLAY_NAMED
                        + "<annotationProcessor>org.mapstruct.ap.MappingProcessor</annotationProcessor>"
                        + "</annotationProcessors>"))
                .containsExactly("Tandem: maven-compiler-plugin (default-compile, default-testCompile) names"
                        + " org.mapstruct.ap.MappingProcessor beside dev.tandem.replay.ReplayProcessor in"
                        + " <annotationProcessors>: ReplayProcessor already runs every processor the processor path"
                        + " registers in META-INF/services, so a registered one named here runs twice (javac fails"
                        + " with \"Attempt to recreate a file\"). Name ReplayProcessor alone, unless these are"
                        + " registered nowhere.");
        // the same through -processor in compilerArgs
        assertThat(mistakes("<annotationProcessorPaths>" + REPLAY_PATH + MAPSTRUCT_PATH + "</annotationProcessorPaths>"
                        + "<compilerArgs><arg>-processor</arg>"
                        + "<arg>dev.tandem.replay.ReplayProcessor,org.mapstruct.ap.MappingProcessor</arg>"
                        + "</compilerArgs>"))
                .singleElement()
                .asString()
                .contains("names org.mapstruct.ap.MappingProcessor beside");
    }

    @Test
    void replayNamedWithoutItsJarOnTheProcessorPathSaysWhereToPutIt() throws Exception {
        assertThat(mistakes(
                        "<annotationProcessorPaths>" + MAPSTRUCT_PATH + "</annotationProcessorPaths>"
                                + "<annotationProcessors>" + REPLAY_NAMED + "</annotationProcessors>",
                        replayDependency()))
                .singleElement()
                .asString()
                .contains("names dev.tandem.replay.ReplayProcessor but tandem-replay is not in its"
                        + " <annotationProcessorPaths> (only in <dependencies>, which javac does not search once a"
                        + " processor path is set)")
                .endsWith("Add dev.tandem:tandem-replay as the first <path>.");
        assertThat(mistakes("<annotationProcessors>" + REPLAY_NAMED + "</annotationProcessors>"))
                .singleElement()
                .asString()
                .contains("tandem-replay is neither in <annotationProcessorPaths> nor a direct dependency");
    }

    @Test
    void replayOnThePathButNotNamedSaysReplayIsOff() throws Exception {
        assertThat(mistakes(
                        "<annotationProcessorPaths>" + REPLAY_PATH + MAPSTRUCT_PATH + "</annotationProcessorPaths>"))
                .containsExactly("Tandem: tandem-replay is in the <annotationProcessorPaths> of maven-compiler-plugin"
                        + " (default-compile, default-testCompile), but <annotationProcessors> does not name its"
                        + " processor, so replay is off. Add <annotationProcessors><annotationProcessor>"
                        + "dev.tandem.replay.ReplayProcessor</annotationProcessor></annotationProcessors>, alone.");
    }
}
