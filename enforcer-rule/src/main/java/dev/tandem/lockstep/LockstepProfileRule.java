package dev.tandem.lockstep;

import dev.tandem.lockstep.companion.InertProfileCheck;
import dev.tandem.lockstep.companion.PomProperties;
import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.inject.Inject;
import javax.inject.Named;
import org.apache.maven.enforcer.rule.api.AbstractEnforcerRule;
import org.apache.maven.enforcer.rule.api.EnforcerRuleException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;

/**
 * For library authors: fails the library's own build when the inert {@code lockstep} profile in its POM could be
 * activated in some consumer's build, or does not pin each companion to exactly this release, or names a
 * companion this reactor does not build. Put it in the build of the module whose POM has the profile.
 *
 * <pre>{@code
 * <rules>
 *   <lockstepProfile/>
 * </rules>
 * }</pre>
 */
@Named("lockstepProfile")
public final class LockstepProfileRule extends AbstractEnforcerRule {

    private final MavenSession session;
    private final MavenProject project;

    @Inject
    public LockstepProfileRule(MavenSession session, MavenProject project) {
        this.session = Objects.requireNonNull(session, "session");
        this.project = Objects.requireNonNull(project, "project");
    }

    @Override
    public void execute() throws EnforcerRuleException {
        File pom = project.getFile();
        String coordinates = project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
        if (pom == null) {
            throw new EnforcerRuleException("lockstepProfile: " + coordinates + " has no POM file to check");
        }
        Model raw;
        try {
            raw = PomProperties.read(pom.toPath(), coordinates);
        } catch (LockstepInputException e) {
            throw new EnforcerRuleException(e.getMessage(), e);
        }
        List<String> problems = InertProfileCheck.problems(raw, values(), reactor(), project.getVersion());
        if (getLog() != null) {
            getLog().debug(() -> "lockstepProfile: " + pom + ": " + problems.size() + " problems");
        }
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("lockstepProfile: the lockstep profile in ")
                    .append(pom)
                    .append(" must stay inert in every consumer's build and pin each companion to this release,")
                    .append(" but:");
            for (String problem : problems) {
                message.append("\n  - ").append(problem);
            }
            throw new EnforcerRuleException(message.toString());
        }
    }

    private Map<String, String> values() {
        Map<String, String> values = new HashMap<>();
        project.getProperties()
                .stringPropertyNames()
                .forEach(n -> values.put(n, project.getProperties().getProperty(n)));
        values.put("project.groupId", project.getGroupId());
        values.put("project.artifactId", project.getArtifactId());
        values.put("project.version", project.getVersion());
        values.put("pom.groupId", project.getGroupId());
        values.put("pom.version", project.getVersion());
        return values;
    }

    /** Every project of the reactor, also those {@code -pl} leaves out of this build. */
    private Map<ArtifactKey, String> reactor() {
        List<MavenProject> projects = session.getAllProjects();
        if (projects == null) {
            projects = session.getProjects();
        }
        Map<ArtifactKey, String> reactor = new HashMap<>();
        for (MavenProject p : projects) {
            reactor.put(ArtifactKey.of(p.getGroupId(), p.getArtifactId()), p.getVersion());
        }
        return reactor;
    }

    /** Per project: never cached by the enforcer. */
    @Override
    public String getCacheId() {
        return null;
    }

    @Override
    public String toString() {
        return "LockstepProfileRule";
    }
}
