package dev.tandem.maven;

import java.util.Properties;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Whether javac's notes reach the build log. maven-compiler-plugin before 3.11.0 passes {@code -nowarn} unless
 * {@code showWarnings} is true, and javac then drops every note, tandem-replay's summary line among them: a user
 * who has just enabled replay would see no sign of it. Spring Boot 2.7's parent pins 3.10.1.
 */
final class CompilerNotes {
    private static final ComparableVersion SHOWS_WARNINGS_BY_DEFAULT = new ComparableVersion("3.11.0");

    private CompilerNotes() {}

    /** Whether the module's compiler names tandem-replay's processor (in any execution). */
    static boolean replays(MavenProject project) {
        Plugin compiler = project.getPlugin(ProcessorSetup.COMPILER);
        if (compiler == null) {
            return false;
        }
        boolean replays = names((Xpp3Dom) compiler.getConfiguration(), ReplaySetup.REPLAY);
        for (PluginExecution execution : compiler.getExecutions()) {
            replays |= names((Xpp3Dom) execution.getConfiguration(), ReplaySetup.REPLAY);
        }
        return replays;
    }

    /**
     * One line saying how to see replay's summary when this module's compiler plugin hides javac's notes and
     * replays; null otherwise.
     */
    static String hidden(MavenProject project, Properties userProperties) {
        Plugin compiler = project.getPlugin(ProcessorSetup.COMPILER);
        if (compiler == null || compiler.getVersion() == null) {
            return null;
        }
        if (new ComparableVersion(compiler.getVersion()).compareTo(SHOWS_WARNINGS_BY_DEFAULT) >= 0) {
            return null;
        }
        Xpp3Dom configuration = (Xpp3Dom) compiler.getConfiguration();
        if (!replays(project) || showsWarnings(configuration, project, userProperties)) {
            return null;
        }
        return "Tandem: maven-compiler-plugin " + compiler.getVersion() + " hides javac's notes unless showWarnings"
                + " is true, and replay's summary line with them: set <showWarnings>true</showWarnings> in its"
                + " configuration to see it, or run mvn tandem:status";
    }

    private static boolean showsWarnings(Xpp3Dom configuration, MavenProject project, Properties user) {
        Xpp3Dom show = configuration == null ? null : configuration.getChild("showWarnings");
        String value = show != null && show.getValue() != null ? show.getValue().trim() : null;
        if (value == null || value.startsWith("${")) {
            value = user.getProperty(
                    "maven.compiler.showWarnings", project.getProperties().getProperty("maven.compiler.showWarnings"));
        }
        return Boolean.parseBoolean(value == null ? null : value.trim());
    }

    /** Whether a configuration names {@code value} anywhere (an annotationProcessor entry, a -processor argument). */
    private static boolean names(Xpp3Dom dom, String value) {
        if (dom == null) {
            return false;
        }
        if (dom.getValue() != null && dom.getValue().contains(value)) {
            return true;
        }
        for (Xpp3Dom child : dom.getChildren()) {
            if (names(child, value)) {
                return true;
            }
        }
        return false;
    }
}
