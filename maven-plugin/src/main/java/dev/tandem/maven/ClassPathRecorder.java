package dev.tandem.maven;

import dev.tandem.cache.store.CacheLayout;
import dev.tandem.cache.store.ClassPathRecord;
import dev.tandem.cache.store.Sha256;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.graph.DependencyNode;

/**
 * Writes the {@link ClassPathRecord} of the main compile in a module that replays: its class path's jars, resolved
 * here as maven-compiler-plugin will resolve them (compile, provided and system scope), and the POM files they come
 * from. Only modules whose compiler names tandem-replay's processor pay for the resolution, which the compile then
 * finds done.
 */
final class ClassPathRecorder {
    private static final Set<String> COMPILE_SCOPES = Set.of("compile", "provided", "system");

    private ClassPathRecorder() {}

    /**
     * Records the class path of {@code project}'s main compile; a resolution that fails records nothing (replay then
     * walks the jars' classes itself).
     *
     * @return what was recorded, for the debug log
     */
    static String record(
            MavenProject project,
            RepositorySystemSession repositories,
            ProjectDependenciesResolver resolver,
            CacheLayout layout)
            throws IOException {
        DefaultDependencyResolutionRequest request = new DefaultDependencyResolutionRequest(project, repositories);
        request.setResolutionFilter(new DependencyFilter() {
            @Override
            public boolean accept(DependencyNode node, List<DependencyNode> parents) {
                return node.getDependency() == null
                        || COMPILE_SCOPES.contains(node.getDependency().getScope());
            }
        });
        DependencyResolutionResult result;
        try {
            result = resolver.resolve(request);
        } catch (DependencyResolutionException e) {
            return "no class path record: " + e.getMessage(); // the compile reports it
        }
        List<ClassPathRecord.Jar> jars = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        folders.add(new File(project.getBuild().getOutputDirectory())
                .toPath()
                .toAbsolutePath()
                .normalize()
                .toString());
        for (org.eclipse.aether.graph.Dependency dependency : result.getDependencies()) {
            File file = dependency.getArtifact().getFile();
            if (file == null || !COMPILE_SCOPES.contains(dependency.getScope())) {
                continue;
            }
            Path path = file.toPath().toAbsolutePath().normalize();
            if (file.isDirectory()) {
                folders.add(path.toString());
            } else {
                ClassPathRecord.Jar jar = ClassPathRecord.Jar.of(path);
                if (jar == null) {
                    return "no class path record: " + path + " cannot be read";
                }
                jars.add(jar);
            }
        }
        Map<String, String> poms = new TreeMap<>();
        for (MavenProject at = project; at != null && at.getFile() != null; at = at.getParent()) {
            Path pom = at.getFile().toPath().toAbsolutePath().normalize();
            poms.put(pom.toString(), Sha256.hexOrMissing(pom));
        }
        ClassPathRecord now = new ClassPathRecord(poms, jars, folders);
        Path file = layout.classPathRecord(
                new File(project.getBuild().getOutputDirectory()).getName().replaceAll("[^A-Za-z0-9._-]", "_"));
        ClassPathRecord before = ClassPathRecord.read(file);
        if (before == null
                || !before.identity().equals(now.identity())
                || !before.poms.equals(now.poms)
                || before.staleBecause(ClassPathRecorder::sha256) != null) {
            now.write(file);
        }
        return "class path of " + jars.size() + " jars and " + folders.size() + " folders recorded in " + file;
    }

    private static String sha256(Path file) {
        return Sha256.hexOrMissing(file);
    }
}
