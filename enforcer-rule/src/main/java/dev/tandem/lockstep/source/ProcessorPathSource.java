package dev.tandem.lockstep.source;

import dev.tandem.lockstep.ArtifactKey;
import dev.tandem.lockstep.LockstepInputException;
import dev.tandem.lockstep.VersionObservation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.DependencyManagement;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Versions from annotation processor paths: {@code annotationProcessorPaths} in the configuration of any build
 * plugin (maven-compiler-plugin in every execution, kotlin-maven-plugin's kapt), with each path's transitive
 * dependencies, plus Maven 4 dependencies of a {@code processor} type.
 *
 * <p>Maven merges a plugin's own configuration into each of its executions, {@code default-compile} and
 * {@code default-testCompile} included, so reading the executions sees exactly what each compilation uses.
 */
final class ProcessorPathSource implements VersionSource {
    static final String PATHS = "annotationProcessorPaths";
    static final List<String> PROCESSOR_TYPES = Arrays.asList("processor", "classpath-processor", "modular-processor");

    private final TransitiveCollector collector;

    ProcessorPathSource(TransitiveCollector collector) {
        this.collector = collector;
    }

    @Override
    public List<VersionObservation> observe(MavenProject project) throws LockstepInputException {
        List<Dependency> managed = managedDependencies(project);
        List<VersionObservation> observations = new ArrayList<>();
        for (Plugin plugin : project.getBuildPlugins()) {
            Xpp3Dom pluginPaths = pathsOf(plugin.getConfiguration());
            String pluginOrigin = plugin.getArtifactId() + " " + PATHS;
            boolean pluginPathsUsed = plugin.getExecutions().isEmpty();
            for (PluginExecution execution : plugin.getExecutions()) {
                Xpp3Dom executionPaths = pathsOf(execution.getConfiguration());
                if (executionPaths != null && executionPaths.equals(pluginPaths)) {
                    // Maven copied the plugin-level paths into this execution: report them where the user wrote them
                    pluginPathsUsed = true;
                } else {
                    String origin = pluginOrigin + ", execution " + execution.getId();
                    observeConfiguration(execution.getConfiguration(), origin, managed, observations);
                }
            }
            if (pluginPathsUsed) {
                observeConfiguration(plugin.getConfiguration(), pluginOrigin, managed, observations);
            }
        }
        List<DeclaredArtifact> processorDependencies = new ArrayList<>();
        for (Dependency dependency : project.getDependencies()) {
            if (PROCESSOR_TYPES.contains(dependency.getType())) {
                processorDependencies.add(
                        DeclaredArtifact.of(dependency, "dependency of type " + dependency.getType()));
            }
        }
        observations.addAll(CollectedVersions.observe(processorDependencies, managed, managed, collector));
        return observations;
    }

    private void observeConfiguration(
            Object configuration, String origin, List<Dependency> managed, List<VersionObservation> observations)
            throws LockstepInputException {
        if (!(configuration instanceof Xpp3Dom)) {
            return;
        }
        Xpp3Dom dom = (Xpp3Dom) configuration;
        Xpp3Dom paths = pathsOf(dom);
        if (paths == null) {
            return;
        }
        List<DeclaredArtifact> declared = new ArrayList<>();
        for (Xpp3Dom path : paths.getChildren()) {
            declared.add(declaredPath(path, origin));
        }
        boolean useDependencyManagement = "true".equals(text(dom.getChild("annotationProcessorPathsUseDepMgmt")));
        observations.addAll(CollectedVersions.observe(
                declared, managed, useDependencyManagement ? managed : Collections.emptyList(), collector));
    }

    private static Xpp3Dom pathsOf(Object configuration) {
        if (!(configuration instanceof Xpp3Dom)) {
            return null;
        }
        Xpp3Dom paths = ((Xpp3Dom) configuration).getChild(PATHS);
        return paths == null || paths.getChildCount() == 0 ? null : paths;
    }

    private static DeclaredArtifact declaredPath(Xpp3Dom path, String origin) throws LockstepInputException {
        String groupId = text(path.getChild("groupId"));
        String artifactId = text(path.getChild("artifactId"));
        if (groupId == null || artifactId == null) {
            throw new LockstepInputException("lockstep: an entry of " + origin + " has no "
                    + (groupId == null ? "<groupId>" : "<artifactId>") + " ("
                    + path.toString().replaceAll("\\s+", " ")
                    + "). Give each <path> a <groupId>, an <artifactId> and a <version>.");
        }
        List<ArtifactKey> exclusions = new ArrayList<>();
        Xpp3Dom exclusionsDom = path.getChild("exclusions");
        if (exclusionsDom != null) {
            for (Xpp3Dom exclusion : exclusionsDom.getChildren()) {
                String g = text(exclusion.getChild("groupId"));
                String a = text(exclusion.getChild("artifactId"));
                if (g != null && a != null) {
                    exclusions.add(ArtifactKey.of(g, a));
                }
            }
        }
        return new DeclaredArtifact(
                ArtifactKey.of(groupId, artifactId),
                text(path.getChild("version")),
                text(path.getChild("classifier")),
                text(path.getChild("type")),
                exclusions,
                origin);
    }

    static List<Dependency> managedDependencies(MavenProject project) {
        DependencyManagement management = project.getDependencyManagement();
        return management == null ? Collections.emptyList() : management.getDependencies();
    }

    private static String text(Xpp3Dom dom) {
        if (dom == null || dom.getValue() == null) {
            return null;
        }
        String value = dom.getValue().trim();
        return value.isEmpty() ? null : value;
    }
}
