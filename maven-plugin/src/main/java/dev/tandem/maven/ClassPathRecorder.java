package dev.tandem.maven;

import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.ClassPathRecord;
import dev.tandem.cache.internal.Sha256;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Exclusion;
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
            List<MavenProject> reactor,
            RepositorySystemSession repositories,
            ProjectDependenciesResolver resolver,
            CacheLayout layout)
            throws IOException {
        Path file = layout.classPathRecord(new File(project.getBuild().getOutputDirectory()).toPath());
        String declared = declarations(project);
        ClassPathRecord before = ClassPathRecord.read(file);
        if (before != null
                && declared != null
                && declared.equals(before.declarations)
                && before.staleBecause(ClassPathRecorder::sha256) == null) {
            return "class path record kept: the dependencies are declared as when it was resolved";
        }
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
        Map<String, String> poms = new TreeMap<>();
        folders.add(new File(project.getBuild().getOutputDirectory())
                .toPath()
                .toAbsolutePath()
                .normalize()
                .toString());
        for (org.eclipse.aether.graph.Dependency dependency : result.getDependencies()) {
            File artifact = dependency.getArtifact().getFile();
            if (artifact == null || !COMPILE_SCOPES.contains(dependency.getScope())) {
                continue;
            }
            Path path = artifact.toPath().toAbsolutePath().normalize();
            if (dependency.getArtifact().isSnapshot()) {
                // a SNAPSHOT's POM can change what it brings in: its change makes the record stale
                Path pom = artifact.isDirectory()
                        ? reactorPom(reactor, path)
                        : path.resolveSibling(path.getFileName().toString().replaceAll("\\.[^.]*$", "") + ".pom");
                if (pom != null) {
                    poms.put(pom.toString(), Sha256.hexOrMissing(pom));
                }
            }
            if (artifact.isDirectory()) {
                folders.add(path.toString());
            } else {
                ClassPathRecord.Jar jar = ClassPathRecord.Jar.of(path);
                if (jar == null) {
                    return "no class path record: " + path + " cannot be read";
                }
                jars.add(jar);
            }
        }
        for (MavenProject at = project; at != null && at.getFile() != null; at = at.getParent()) {
            Path pom = at.getFile().toPath().toAbsolutePath().normalize();
            poms.put(pom.toString(), Sha256.hexOrMissing(pom));
        }
        ClassPathRecord now = new ClassPathRecord(poms, jars, folders, declared == null ? "" : declared);
        if (before == null
                || !before.declarations.equals(now.declarations)
                || !before.identity().equals(now.identity())
                || !before.poms.equals(now.poms)
                || before.staleBecause(ClassPathRecorder::sha256) != null) {
            now.write(file);
        }
        return "class path of " + jars.size() + " jars and " + folders.size() + " folders recorded in " + file
                + (before == null
                        ? " (none before)"
                        : declared == null
                                ? " (version ranges: resolved every build)"
                                : !declared.equals(before.declarations)
                                        ? " (dependencies declared anew)"
                                        : " (" + before.staleBecause(ClassPathRecorder::sha256) + ")");
    }

    /** The POM of the reactor module whose class output is {@code classes}; null when none is. */
    private static Path reactorPom(List<MavenProject> reactor, Path classes) {
        for (MavenProject module : reactor) {
            if (module.getFile() != null
                    && new File(module.getBuild().getOutputDirectory())
                            .toPath()
                            .toAbsolutePath()
                            .normalize()
                            .equals(classes)) {
                return module.getFile().toPath().toAbsolutePath().normalize();
            }
        }
        return null;
    }

    private static String sha256(Path file) {
        return Sha256.hexOrMissing(file);
    }

    /**
     * What resolving the class path starts from, as this build's effective model has it: every dependency and
     * managed dependency with its version, scope, type, classifier, optionality and exclusions, after -D
     * properties, profiles and parents have had their say. Null when the result may change without it changing: a
     * version range, whose resolution depends on what the repositories hold now (a SNAPSHOT is watched through its
     * POM instead).
     */
    static String declarations(MavenProject project) {
        StringBuilder text = new StringBuilder();
        List<Dependency> all = new ArrayList<>(project.getDependencies());
        if (project.getDependencyManagement() != null) {
            text.append("managed\n");
            all.addAll(project.getDependencyManagement().getDependencies());
        }
        for (Dependency dependency : all) {
            String version = dependency.getVersion() == null ? "" : dependency.getVersion();
            if (version.contains("[") || version.contains("(")) {
                return null;
            }
            text.append(dependency.getManagementKey())
                    .append(':')
                    .append(version)
                    .append(':')
                    .append(dependency.getScope())
                    .append(':')
                    .append(dependency.isOptional());
            for (Exclusion exclusion : dependency.getExclusions()) {
                text.append(" -").append(exclusion.getGroupId()).append(':').append(exclusion.getArtifactId());
            }
            text.append('\n');
        }
        return dev.tandem.cache.internal.Hex.of(
                Sha256.newDigest().digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
