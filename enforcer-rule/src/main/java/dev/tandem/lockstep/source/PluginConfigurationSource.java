package dev.tandem.lockstep.source;

import dev.tandem.lockstep.ArtifactKey;
import dev.tandem.lockstep.VersionObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Maven coordinates written inside any plugin's configuration, per execution, which is where protobuf and gRPC
 * generators take theirs: a string value {@code groupId:artifactId:version[:type[:classifier]]}
 * ({@code <protocArtifact>com.google.protobuf:protoc:3.25.5:exe:${os.detected.classifier}</protocArtifact>}), an
 * element with {@code groupId}, {@code artifactId} and {@code version} children (ascopes' {@code
 * binaryMavenPlugins}), and the version-only parameters of the common generator plugins ({@link #VERSION_ONLY}).
 * Maven has interpolated properties already; a value that is not a coordinate is ignored, never an error.
 * {@code annotationProcessorPaths} are left to {@link ProcessorPathSource}, which follows their dependencies.
 */
final class PluginConfigurationSource implements VersionSource {
    private static final String PART = "[A-Za-z0-9_.-]+";
    /** g:a:v, then optionally a type and a classifier, which may still hold an unresolved ${...}. */
    private static final Pattern COORDINATE =
            Pattern.compile("(" + PART + "):(" + PART + "):([0-9][A-Za-z0-9_.+-]*)(:[^:\\s]+){0,2}");

    private static final Pattern VERSION = Pattern.compile("[0-9][A-Za-z0-9_.+-]*");

    /** Plugin → parameter holding only a version → the artifact that version is of. */
    static final Map<String, Map<String, String>> VERSION_ONLY = Map.of(
            "io.github.ascopes:protobuf-maven-plugin", Map.of("protocVersion", "com.google.protobuf:protoc"),
            "com.github.os72:protoc-jar-maven-plugin", Map.of("protocVersion", "com.google.protobuf:protoc"));

    @Override
    public List<VersionObservation> observe(MavenProject project) {
        List<VersionObservation> observations = new ArrayList<>();
        for (Plugin plugin : project.getBuildPlugins()) {
            Map<String, String> versionOnly = VERSION_ONLY.getOrDefault(plugin.getKey(), Map.of());
            walk((Xpp3Dom) plugin.getConfiguration(), plugin, "", versionOnly, observations);
            for (PluginExecution execution : plugin.getExecutions()) {
                walk(
                        (Xpp3Dom) execution.getConfiguration(),
                        plugin,
                        ", execution " + execution.getId(),
                        versionOnly,
                        observations);
            }
        }
        return observations;
    }

    private static void walk(
            Xpp3Dom node,
            Plugin plugin,
            String execution,
            Map<String, String> versionOnly,
            List<VersionObservation> out) {
        if (node == null || node.getName().equals("annotationProcessorPaths")) {
            return;
        }
        String value = node.getValue() == null ? "" : node.getValue().trim();
        String place = plugin.getArtifactId() + " configuration <" + node.getName() + ">";
        if (node.getChildCount() == 0) {
            java.util.regex.Matcher m = COORDINATE.matcher(value);
            if (m.matches()) {
                out.add(observation(m.group(1), m.group(2), m.group(3), place + execution, place));
            } else if (versionOnly.containsKey(node.getName())
                    && VERSION.matcher(value).matches()) {
                String[] ga = versionOnly.get(node.getName()).split(":");
                out.add(observation(ga[0], ga[1], value, place + execution, place));
            }
            return;
        }
        String groupId = child(node, "groupId");
        String artifactId = child(node, "artifactId");
        String version = child(node, "version");
        if (groupId != null
                && artifactId != null
                && version != null
                && VERSION.matcher(version).matches()) {
            out.add(observation(groupId, artifactId, version, place + execution, place));
        }
        for (Xpp3Dom child : node.getChildren()) {
            walk(child, plugin, execution, versionOnly, out);
        }
    }

    private static VersionObservation observation(
            String groupId, String artifactId, String version, String origin, String declaredIn) {
        return new VersionObservation(ArtifactKey.of(groupId, artifactId), version, origin, declaredIn);
    }

    private static String child(Xpp3Dom node, String name) {
        Xpp3Dom child = node.getChild(name);
        String value = child == null || child.getValue() == null
                ? null
                : child.getValue().trim();
        return value == null || value.isEmpty() ? null : value;
    }
}
