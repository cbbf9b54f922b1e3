package dev.tandem.lockstep.source;

import dev.tandem.lockstep.ArtifactKey;
import dev.tandem.lockstep.VersionObservation;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.ReportPlugin;
import org.apache.maven.model.Reporting;
import org.apache.maven.project.MavenProject;

/**
 * A build plugin's (and a report plugin's) own version, as Maven resolved it: a generator plugin such as
 * jooq-codegen-maven, avro-maven-plugin or kotlin-maven-plugin must match the runtime its code is generated for.
 */
final class BuildPluginSource implements VersionSource {
    @Override
    public List<VersionObservation> observe(MavenProject project) {
        List<VersionObservation> observations = new ArrayList<>();
        for (Plugin plugin : project.getBuildPlugins()) {
            String version = plugin.getVersion();
            if (version == null || version.trim().isEmpty()) {
                continue; // Maven 3 fills a missing version in later; the rule has nothing to compare
            }
            String declared = declaredIn(project.getOriginalModel(), plugin);
            observations.add(new VersionObservation(
                    ArtifactKey.of(plugin.getGroupId(), plugin.getArtifactId()),
                    version.trim(),
                    "build plugin, " + declared,
                    declared));
        }
        Reporting reporting = project.getModel().getReporting();
        if (reporting != null) {
            for (ReportPlugin plugin : reporting.getPlugins()) {
                String version = plugin.getVersion();
                if (version != null && !version.trim().isEmpty()) {
                    observations.add(new VersionObservation(
                            ArtifactKey.of(plugin.getGroupId(), plugin.getArtifactId()),
                            version.trim(),
                            "report plugin, <reporting><plugins>",
                            "<reporting><plugins>"));
                }
            }
        }
        return observations;
    }

    /** Where this POM states the plugin's version; a parent POM or Maven's lifecycle defaults otherwise. */
    static String declaredIn(Model original, Plugin plugin) {
        Build build = original == null ? null : original.getBuild();
        if (build != null) {
            for (Plugin p : build.getPlugins()) {
                if (p.getKey().equals(plugin.getKey()) && p.getVersion() != null) {
                    return "<build><plugins>";
                }
            }
            if (build.getPluginManagement() != null) {
                for (Plugin p : build.getPluginManagement().getPlugins()) {
                    if (p.getKey().equals(plugin.getKey()) && p.getVersion() != null) {
                        return "<build><pluginManagement>";
                    }
                }
            }
        }
        return "<build><pluginManagement> (the version comes from a parent POM or Maven's defaults)";
    }
}
