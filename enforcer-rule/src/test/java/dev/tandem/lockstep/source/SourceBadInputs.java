package dev.tandem.lockstep.source;

import static dev.tandem.lockstep.Projects.compilerPlugin;
import static dev.tandem.lockstep.Projects.execution;
import static dev.tandem.lockstep.Projects.path;

import dev.tandem.lockstep.ArtifactKey;
import dev.tandem.lockstep.BadInput;
import dev.tandem.lockstep.Projects;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.CollectResult;
import org.eclipse.aether.collection.DependencyCollectionException;

/**
 * {@code BadInputCatalogueTest}'s cases for processor paths and the other artifacts a POM declares outside the
 * dependency graph, each met through the source that reads it.
 */
public final class SourceBadInputs {
    private SourceBadInputs() {}

    /** By what the case is, in the catalogue's order. */
    public static Map<String, BadInput> cases() {
        Map<String, BadInput> cases = new LinkedHashMap<>();
        cases.put(
                "path without <version>, none managed",
                new BadInput(
                        () -> paths(path("org.mapstruct", "mapstruct-processor", null)),
                        "org.mapstruct:mapstruct-processor",
                        "Add <version>"));
        cases.put(
                "versionless path, managed only as another type",
                new BadInput(
                        () -> pathsManaged(path("org.mapstruct", "mapstruct-processor", null), "pom"),
                        "org.mapstruct:mapstruct-processor",
                        "Add <version>"));
        cases.put(
                "path version is an undefined property",
                new BadInput(
                        () -> paths(path("org.mapstruct", "mapstruct-processor", "${mapstruct.version}")),
                        "org.mapstruct:mapstruct-processor",
                        "Define it"));
        cases.put(
                "path version is a range",
                new BadInput(
                        () -> paths(path("org.mapstruct", "mapstruct-processor", "[1.5,1.7)")),
                        "org.mapstruct:mapstruct-processor",
                        "Write the exact version"));
        cases.put(
                "path version is an open range",
                new BadInput(
                        () -> paths(path("org.mapstruct", "mapstruct-processor", "(,2.0]")),
                        "org.mapstruct:mapstruct-processor",
                        "Write the exact version"));
        cases.put(
                "path without <artifactId>",
                new BadInput(
                        () -> paths("<path><groupId>org.mapstruct</groupId><version>1</version></path>"),
                        "annotationProcessorPaths",
                        "Give each <path>"));
        cases.put(
                "path without <groupId>",
                new BadInput(
                        () -> paths("<path><artifactId>x</artifactId><version>1</version></path>"),
                        "annotationProcessorPaths",
                        "Give each <path>"));
        cases.put(
                "plugin dependency version is an undefined property",
                new BadInput(
                        SourceBadInputs::pluginDependencyWithProperty,
                        "org.mapstruct:mapstruct-processor",
                        "Define it"));
        cases.put(
                "Maven 4 processor dependency without version",
                new BadInput(
                        SourceBadInputs::processorDependencyWithoutVersion,
                        "org.mapstruct:mapstruct-processor",
                        "Add <version>"));
        cases.put(
                "processor path that cannot be resolved (offline)",
                new BadInput(
                        SourceBadInputs::unresolvablePath, "dev.tandem.it:never-published:1.0", "build once online"));
        return cases;
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

    private static Object pluginDependencyWithProperty() throws Exception {
        MavenProject project = Projects.project();
        Plugin compiler = compilerPlugin();
        compiler.addDependency(Projects.dependency("org.mapstruct:mapstruct-processor:${processor.version}"));
        project.getBuild().addPlugin(compiler);
        return new PluginDependencySource(new FakeCollector()).observe(project);
    }

    private static Object processorDependencyWithoutVersion() throws Exception {
        MavenProject project = Projects.project();
        Dependency processor = Projects.dependency("org.mapstruct:mapstruct-processor:x:processor");
        processor.setVersion(null);
        project.getModel().addDependency(processor);
        return new ProcessorPathSource(new FakeCollector()).observe(project);
    }

    private static Object unresolvablePath() throws Exception {
        RepositorySystem offline = (RepositorySystem) Proxy.newProxyInstance(
                SourceBadInputs.class.getClassLoader(),
                new Class<?>[] {RepositorySystem.class},
                (proxy, method, args) -> {
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
}
