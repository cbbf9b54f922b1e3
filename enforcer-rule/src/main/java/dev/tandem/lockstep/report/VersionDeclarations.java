package dev.tandem.lockstep.report;

import dev.tandem.lockstep.ArtifactKey;
import java.io.File;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Build;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.InputLocation;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * How this project's own POM writes each artifact's version, before interpolation (a {@code ${property}} or a
 * literal), and at which line: so a fix can reuse the property the build already has
 * ({@code ${org.mapstruct.version}}) instead of inventing one, and name each place to change.
 */
public final class VersionDeclarations {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern COORDINATE = Pattern.compile("([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+):([^:\\s]+).*");

    static final VersionDeclarations NONE = new VersionDeclarations(new LinkedHashMap<>(), null);

    private final Map<ArtifactKey, List<String[]>> places; // raw version, location or null
    private final File basedir;

    private VersionDeclarations(Map<ArtifactKey, List<String[]>> places, File basedir) {
        this.places = places;
        this.basedir = basedir;
    }

    public static VersionDeclarations of(MavenProject project) {
        VersionDeclarations declarations = new VersionDeclarations(new LinkedHashMap<>(), project.getBasedir());
        Model model = project.getOriginalModel();
        if (model == null) {
            return declarations;
        }
        for (Dependency d : model.getDependencies()) {
            declarations.add(d.getGroupId(), d.getArtifactId(), d.getVersion(), d.getLocation("version"));
        }
        if (model.getDependencyManagement() != null) {
            for (Dependency d : model.getDependencyManagement().getDependencies()) {
                declarations.add(d.getGroupId(), d.getArtifactId(), d.getVersion(), d.getLocation("version"));
            }
        }
        Build build = model.getBuild();
        if (build != null) {
            List<Plugin> plugins = new ArrayList<>(build.getPlugins());
            if (build.getPluginManagement() != null) {
                plugins.addAll(build.getPluginManagement().getPlugins());
            }
            for (Plugin p : plugins) {
                declarations.add(p.getGroupId(), p.getArtifactId(), p.getVersion(), p.getLocation("version"));
                declarations.walk((Xpp3Dom) p.getConfiguration());
                for (PluginExecution execution : p.getExecutions()) {
                    declarations.walk((Xpp3Dom) execution.getConfiguration());
                }
            }
        }
        return declarations;
    }

    private void walk(Xpp3Dom node) {
        if (node == null) {
            return;
        }
        Xpp3Dom groupId = node.getChild("groupId");
        Xpp3Dom artifactId = node.getChild("artifactId");
        Xpp3Dom version = node.getChild("version");
        if (groupId != null && artifactId != null && version != null) {
            add(groupId.getValue(), artifactId.getValue(), version.getValue(), inputLocation(version));
        } else if (node.getChildCount() == 0 && node.getValue() != null) {
            Matcher m = COORDINATE.matcher(node.getValue().trim());
            if (m.matches()) {
                add(m.group(1), m.group(2), m.group(3), inputLocation(node));
            }
        }
        for (Xpp3Dom child : node.getChildren()) {
            walk(child);
        }
    }

    /** Xpp3Dom carries its location only on newer plexus-utils (Maven 3.9+): read it when it is there. */
    private static InputLocation inputLocation(Xpp3Dom node) {
        try {
            Method getter = Xpp3Dom.class.getMethod("getInputLocation");
            Object location = getter.invoke(node);
            return location instanceof InputLocation ? (InputLocation) location : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private void add(String groupId, String artifactId, String version, InputLocation location) {
        if (groupId == null || artifactId == null || version == null) {
            return;
        }
        places.computeIfAbsent(ArtifactKey.of(groupId.trim(), artifactId.trim()), k -> new ArrayList<>())
                .add(new String[] {version.trim(), where(location)});
    }

    private String where(InputLocation location) {
        if (location == null || location.getLineNumber() <= 0) {
            return null;
        }
        String file = location.getSource() == null ? null : location.getSource().getLocation();
        String shown = "pom.xml";
        if (file != null) {
            File f = new File(file);
            shown = basedir != null && f.toPath().startsWith(basedir.toPath())
                    ? basedir.toPath().relativize(f.toPath()).toString()
                    : f.getName();
        }
        return shown + " line " + location.getLineNumber();
    }

    /** The property this POM writes the artifact's version with, e.g. {@code org.mapstruct.version}; or null. */
    String property(ArtifactKey artifact) {
        for (String[] place : places.getOrDefault(artifact, List.of())) {
            Matcher m = PROPERTY.matcher(place[0]);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** Where this POM writes the artifact's version ("pom.xml line 31"), or null when unknown. */
    String location(ArtifactKey artifact) {
        for (String[] place : places.getOrDefault(artifact, List.of())) {
            if (place[1] != null) {
                return place[1];
            }
        }
        return null;
    }
}
