package dev.tandem.lockstep;

import static dev.tandem.lockstep.FakePoms.companion;
import static dev.tandem.lockstep.FakePoms.fooPom;
import static dev.tandem.lockstep.Projects.compilerPlugin;
import static dev.tandem.lockstep.Projects.execution;
import static dev.tandem.lockstep.Projects.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.CollectResult;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and hostile inputs the rule meets in real builds, each through the classes that read it: every one
 * must end in one line that names the coordinate (or the configured text) and says what to do, never in a stack
 * trace or a bare exception name.
 */
class BadInputCatalogueTest {
    private static final ArtifactKey FOO = ArtifactKey.of("org.foo", "foo");
    private static final List<String> TRIED = new ArrayList<>();

    @TempDir
    Path repository;

    @TestFactory
    @DisplayName("each bad input gives one line naming the coordinate and the fix")
    List<DynamicTest> badInputs() {
        Map<String, Object[]> cases = new LinkedHashMap<>();
        // processor paths and other declared artifacts: {what, callable, coordinate, fix}
        cases.put(
                "path without <version>, none managed",
                c(
                        () -> paths(path("org.mapstruct", "mapstruct-processor", null)),
                        "org.mapstruct:mapstruct-processor",
                        "Add <version>"));
        cases.put(
                "versionless path, managed only as another type",
                c(
                        () -> pathsManaged(path("org.mapstruct", "mapstruct-processor", null), "pom"),
                        "org.mapstruct:mapstruct-processor",
                        "Add <version>"));
        cases.put(
                "path version is an undefined property",
                c(
                        () -> paths(path("org.mapstruct", "mapstruct-processor", "${mapstruct.version}")),
                        "org.mapstruct:mapstruct-processor",
                        "Define it"));
        cases.put(
                "path version is a range",
                c(
                        () -> paths(path("org.mapstruct", "mapstruct-processor", "[1.5,1.7)")),
                        "org.mapstruct:mapstruct-processor",
                        "Write the exact version"));
        cases.put(
                "path version is an open range",
                c(
                        () -> paths(path("org.mapstruct", "mapstruct-processor", "(,2.0]")),
                        "org.mapstruct:mapstruct-processor",
                        "Write the exact version"));
        cases.put(
                "path without <artifactId>",
                c(
                        () -> paths("<path><groupId>org.mapstruct</groupId><version>1</version></path>"),
                        "annotationProcessorPaths",
                        "Give each <path>"));
        cases.put(
                "path without <groupId>",
                c(
                        () -> paths("<path><artifactId>x</artifactId><version>1</version></path>"),
                        "annotationProcessorPaths",
                        "Give each <path>"));
        cases.put(
                "plugin dependency version is an undefined property",
                c(this::pluginDependencyWithProperty, "org.mapstruct:mapstruct-processor", "Define it"));
        cases.put(
                "Maven 4 processor dependency without version",
                c(this::processorDependencyWithoutVersion, "org.mapstruct:mapstruct-processor", "Add <version>"));
        cases.put(
                "processor path that cannot be resolved (offline)",
                c(this::unresolvablePath, "dev.tandem.it:never-published:1.0", "build once online"));
        // published companions, read from dependency POMs
        cases.put(
                "dependency POM cut off (truncated download)",
                c(
                        () -> companions("<project><profiles><profile><id>lockstep</id>"),
                        "org.foo:foo:1.0",
                        "Delete it from the local repository"));
        cases.put(
                "dependency POM that is not XML at all",
                c(
                        () -> companions("lockstep \u0000\u0001 garbage"),
                        "org.foo:foo:1.0",
                        "Delete it from the local repository"));
        cases.put(
                "companion version is an undefined property",
                c(
                        () -> companions(fooPom("", "", companion("org.foo", "foo-processor", "${nowhere}"))),
                        "org.foo:foo:1.0",
                        "publishedCompanions"));
        cases.put(
                "companion version properties refer to each other",
                c(
                        () -> companions(
                                fooPom("", "<a>${b}</a><b>${a}</b>", companion("org.foo", "foo-processor", "${a}"))),
                        "org.foo:foo:1.0",
                        "publishedCompanions"));
        cases.put(
                "companion version property refers to itself",
                c(
                        () -> companions(fooPom("", "<a>x${a}</a>", companion("org.foo", "foo-processor", "${a}"))),
                        "org.foo:foo:1.0",
                        "publishedCompanions"));
        cases.put(
                "companion version is a range",
                c(
                        () -> companions(fooPom("", "", companion("org.foo", "foo-processor", "[1,2)"))),
                        "org.foo:foo:1.0",
                        "Tell the authors"));
        cases.put(
                "companion without <version>",
                c(
                        () -> companions(fooPom("", "", companion("org.foo", "foo-processor", null))),
                        "org.foo:foo:1.0",
                        "[${project.version}]"));
        cases.put(
                "companion with the library's own coordinates",
                c(
                        () -> companions(fooPom("", "", companion("org.foo", "foo", "[1.0]"))),
                        "org.foo:foo:1.0",
                        "Tell the authors"));
        cases.put(
                "companion without <groupId>",
                c(
                        () -> companions(fooPom("", "", companion(null, "foo-processor", "[1.0]"))),
                        "org.foo:foo:1.0",
                        "Tell the authors"));
        cases.put(
                "companion version from a parent the build does not have",
                c(
                        () -> companions(fooPom(
                                "<parent><groupId>org.foo</groupId><artifactId>gone</artifactId><version>9</version></parent>",
                                "",
                                companion("org.foo", "foo-processor", "${from.parent}"))),
                        "org.foo:foo:1.0",
                        "publishedCompanions"));
        cases.put(
                "companion version ${project.parent.version} without a parent",
                c(
                        () -> companions(
                                fooPom("", "", companion("org.foo", "foo-processor", "${project.parent.version}"))),
                        "org.foo:foo:1.0",
                        "publishedCompanions"));
        // the rule's own configuration
        cases.put(
                "<group> member without artifactId",
                c(
                        () -> LockstepGroup.parse("org.mapstruct", "r", "<groups> entry 1"),
                        "'org.mapstruct'",
                        "Write e.g."));
        cases.put(
                "<group> member with a version",
                c(
                        () -> LockstepGroup.parse("org.mapstruct:mapstruct:1.6.3", "r", "<groups> entry 1"),
                        "'org.mapstruct:mapstruct:1.6.3'",
                        "Write e.g."));
        cases.put(
                "<group> member with a wildcard groupId",
                c(() -> LockstepGroup.parse("*:mapstruct", "r", "<groups> entry 1"), "'*:mapstruct'", "Write e.g."));
        cases.put(
                "empty <group>",
                c(() -> LockstepGroup.parse(" ", "r", "<groups> entry 2"), "<groups> entry 2", "e.g. <group>"));

        List<DynamicTest> tests = new ArrayList<>();
        cases.forEach((what, spec) -> tests.add(DynamicTest.dynamicTest(what, () -> {
            @SuppressWarnings("unchecked")
            Callable<Object> call = (Callable<Object>) spec[0];
            Throwable thrown = catchThrowable(call::call);
            assertThat(thrown)
                    .as(what)
                    .isInstanceOfAny(LockstepInputException.class, LockstepConfigurationException.class);
            String message = thrown.getMessage();
            assertThat(message).as(what).doesNotContain("\n").doesNotContain("\tat ");
            assertThat(message)
                    .as(what)
                    .startsWith("lockstep: ")
                    .contains((String) spec[1])
                    .contains((String) spec[2]);
            assertThat(message).as(what).doesNotContainPattern("\\b[A-Za-z]+Exception\\b");
            TRIED.add(what);
        })));
        return tests;
    }

    @AfterAll
    static void report() {
        System.out.printf(
                "rule bad inputs: %d situations, each one line naming the coordinate and the fix, 0 stack"
                        + " traces%n",
                TRIED.size());
    }

    private static Object[] c(Callable<?> call, String coordinate, String fix) {
        return new Object[] {call, coordinate, fix};
    }

    private static Object paths(String pathsXml) throws Exception {
        MavenProject project = Projects.project();
        Plugin compiler = compilerPlugin();
        compiler.addExecution(
                execution("default-compile", "<annotationProcessorPaths>" + pathsXml + "</annotationProcessorPaths>"));
        project.getBuild().addPlugin(compiler);
        return new ProcessorPathSource(new FakeCollector()).observe(project);
    }

    private static Object pathsManaged(String pathsXml, String managedType) throws Exception {
        MavenProject project = Projects.project();
        Projects.manage(project, Projects.dependency("org.mapstruct:mapstruct-processor:1.5.5.Final:" + managedType));
        Plugin compiler = compilerPlugin();
        compiler.addExecution(
                execution("default-compile", "<annotationProcessorPaths>" + pathsXml + "</annotationProcessorPaths>"));
        project.getBuild().addPlugin(compiler);
        return new ProcessorPathSource(new FakeCollector()).observe(project);
    }

    private Object pluginDependencyWithProperty() throws Exception {
        MavenProject project = Projects.project();
        Plugin compiler = compilerPlugin();
        compiler.addDependency(Projects.dependency("org.mapstruct:mapstruct-processor:${processor.version}"));
        project.getBuild().addPlugin(compiler);
        return new PluginDependencySource(new FakeCollector()).observe(project);
    }

    private Object processorDependencyWithoutVersion() throws Exception {
        MavenProject project = Projects.project();
        Dependency processor = Projects.dependency("org.mapstruct:mapstruct-processor:x:processor");
        processor.setVersion(null);
        project.getModel().addDependency(processor);
        return new ProcessorPathSource(new FakeCollector()).observe(project);
    }

    private Object unresolvablePath() throws Exception {
        RepositorySystem offline = (RepositorySystem) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RepositorySystem.class}, (proxy, method, args) -> {
                    CollectRequest request = (CollectRequest) args[1];
                    throw new DependencyCollectionException(
                            new CollectResult(request),
                            "Cannot access central in offline mode and the artifact"
                                    + " dev.tandem.it:never-published:jar:1.0 has not been downloaded from it before.");
                });
        TransitiveCollector collector =
                new ResolverTransitiveCollector(offline, new DefaultRepositorySystemSession(), Collections.emptyList());
        return collector.collect(
                Collections.singletonList(new DeclaredArtifact(
                        ArtifactKey.of("dev.tandem.it", "never-published"),
                        "1.0",
                        null,
                        null,
                        Collections.emptyList(),
                        "maven-compiler-plugin annotationProcessorPaths")),
                Collections.emptyList());
    }

    private Object companions(String pomXml) throws Exception {
        FakePoms poms = new FakePoms(repository).add("org.foo:foo:1.0", pomXml);
        return new CompanionReader(poms).read(FOO, "1.0");
    }
}
