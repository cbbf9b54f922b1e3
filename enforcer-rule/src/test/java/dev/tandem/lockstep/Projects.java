package dev.tandem.lockstep;

import org.apache.maven.model.Build;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.DependencyManagement;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;

/** Test data: projects shaped like Maven's effective model. */
public final class Projects {
    private Projects() {}

    public static MavenProject project() {
        Model model = new Model();
        model.setGroupId("com.acme");
        model.setArtifactId("app");
        model.setVersion("1.0");
        model.setBuild(new Build());
        return new MavenProject(model);
    }

    public static Plugin compilerPlugin() {
        Plugin plugin = new Plugin();
        plugin.setGroupId("org.apache.maven.plugins");
        plugin.setArtifactId("maven-compiler-plugin");
        return plugin;
    }

    public static PluginExecution execution(String id, String configurationXml) {
        PluginExecution execution = new PluginExecution();
        execution.setId(id);
        execution.setConfiguration(configuration(configurationXml));
        return execution;
    }

    public static Xpp3Dom configuration(String xml) {
        try {
            return Xpp3DomBuilder.build(new java.io.StringReader("<configuration>" + xml + "</configuration>"));
        } catch (Exception e) {
            throw new IllegalArgumentException(xml, e);
        }
    }

    public static String path(String groupId, String artifactId, String version) {
        return "<path><groupId>" + groupId + "</groupId><artifactId>" + artifactId + "</artifactId>"
                + (version == null ? "" : "<version>" + version + "</version>") + "</path>";
    }

    public static Dependency dependency(String coordinates) {
        String[] parts = coordinates.split(":");
        Dependency dependency = new Dependency();
        dependency.setGroupId(parts[0]);
        dependency.setArtifactId(parts[1]);
        dependency.setVersion(parts[2]);
        if (parts.length > 3) {
            dependency.setType(parts[3]);
        }
        return dependency;
    }

    public static void manage(MavenProject project, Dependency dependency) {
        if (project.getModel().getDependencyManagement() == null) {
            project.getModel().setDependencyManagement(new DependencyManagement());
        }
        project.getModel().getDependencyManagement().addDependency(dependency);
    }
}
