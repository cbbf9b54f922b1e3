package dev.tandem.lockstep;

import dev.tandem.lockstep.companion.CompanionDeclaration;
import dev.tandem.lockstep.companion.CompanionReader;
import dev.tandem.lockstep.companion.PublishedCompanions;
import dev.tandem.lockstep.report.VersionDeclarations;
import dev.tandem.lockstep.report.Violation;
import dev.tandem.lockstep.report.ViolationReport;
import dev.tandem.lockstep.source.VersionSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Named;
import org.apache.maven.enforcer.rule.api.AbstractEnforcerRule;
import org.apache.maven.enforcer.rule.api.EnforcerRuleError;
import org.apache.maven.enforcer.rule.api.EnforcerRuleException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;

/**
 * Fails the build when a library and its annotation processor, or any group of artifacts released together, are
 * used at different versions anywhere in the build: the dependency graph, annotationProcessorPaths (every plugin,
 * every execution, with their transitive dependencies), plugin dependencies, Maven 4 processor dependencies.
 *
 * <pre>{@code
 * <rules>
 *   <lockstep>
 *     <groups>
 *       <group>org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor</group>
 *       <group>com.acme.codegen:*</group>
 *     </groups>
 *   </lockstep>
 * </rules>
 * }</pre>
 */
@Named("lockstep")
public final class LockstepRule extends AbstractEnforcerRule {

    /**
     * Groups of artifacts that must share one version, each a comma-separated list of {@code groupId:artifactId}
     * or {@code groupId:*} (every artifact of that groupId).
     */
    private List<String> groups = new ArrayList<>();

    /** Whether to read the companions libraries declare in the inert {@code lockstep} profile of their POMs. */
    private boolean publishedCompanions = true;

    /** Whether to check the built-in catalogue of known pairs: MapStruct, Dagger, AutoValue, JMH and more. */
    private boolean knownPairs = true;

    private final MavenSession session;
    private final MavenProject project;
    private final RepositorySystem repositorySystem;

    @Inject
    public LockstepRule(MavenSession session, MavenProject project, RepositorySystem repositorySystem) {
        this.session = Objects.requireNonNull(session, "session");
        this.project = Objects.requireNonNull(project, "project");
        this.repositorySystem = Objects.requireNonNull(repositorySystem, "repositorySystem");
    }

    @Override
    public void execute() throws EnforcerRuleException {
        long start = System.nanoTime();
        List<LockstepGroup> lockstepGroups = groupsToCheck();
        RepositorySystemSession repositorySession = session.getRepositorySession();
        try {
            List<VersionObservation> observations = new ArrayList<>();
            for (VersionSource source :
                    VersionSource.all(repositorySystem, repositorySession, project.getRemoteProjectRepositories())) {
                observations.addAll(source.observe(project));
            }
            observations = MetaVersions.resolve(
                    observations,
                    MetaVersions.of(repositorySystem, repositorySession, project.getRemoteProjectRepositories()));

            List<CompanionDeclaration> companions = new ArrayList<>();
            if (publishedCompanions) {
                CompanionReader reader =
                        CompanionReader.of(repositorySystem, repositorySession, project.getRemoteProjectRepositories());
                PublishedCompanions cache = PublishedCompanions.of(repositorySession);
                for (Map.Entry<ArtifactKey, Set<String>> artifact :
                        versionsByArtifact(observations).entrySet()) {
                    for (String version : artifact.getValue()) {
                        companions.addAll(cache.declaredBy(artifact.getKey(), version, reader));
                    }
                }
            }

            if (getLog() != null && !groups.isEmpty()) {
                for (String typo : MemberTypos.warnings(
                        lockstepGroups.subList(0, groups.size()),
                        versionsByArtifact(observations).keySet())) {
                    getLog().warn(typo);
                }
            }
            List<Violation> violations = LockstepCheck.check(observations, lockstepGroups, companions);
            if (getLog() != null) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                int observed = observations.size();
                int groupCount = lockstepGroups.size();
                getLog().debug(() -> "lockstep: " + observed + " versions observed, " + groupCount
                        + " groups and " + companions.size() + " published companions checked in " + millis
                        + " ms; companions: " + companions);
            }
            if (!violations.isEmpty()) {
                throw new EnforcerRuleException(ViolationReport.format(violations, VersionDeclarations.of(project)));
            }
        } catch (LockstepInputException e) {
            throw new EnforcerRuleException(e.getMessage(), e);
        }
    }

    private List<LockstepGroup> groupsToCheck() throws EnforcerRuleError {
        List<LockstepGroup> result = new ArrayList<>();
        try {
            for (int i = 0; i < groups.size(); i++) {
                result.add(LockstepGroup.parse(
                        groups.get(i),
                        LockstepGroup.isRelation(groups.get(i))
                                ? "configured group in the lockstep rule's <groups>: the runtime may be newer than"
                                        + " the generator within one major version, never older"
                                : "configured group in the lockstep rule's <groups>",
                        "<groups> entry " + (i + 1) + " of the lockstep rule"));
            }
        } catch (LockstepConfigurationException e) {
            throw new EnforcerRuleError(e.getMessage());
        }
        if (knownPairs) {
            result.addAll(KnownPairs.groups());
        }
        return result;
    }

    /** Each artifact version in the build once: the POMs whose companions apply. */
    private static Map<ArtifactKey, Set<String>> versionsByArtifact(List<VersionObservation> observations) {
        Map<ArtifactKey, Set<String>> versions = new LinkedHashMap<>();
        for (VersionObservation o : observations) {
            versions.computeIfAbsent(o.artifact(), a -> new LinkedHashSet<>()).add(o.version());
        }
        return versions;
    }

    /** Rules are per project: never cached by the enforcer. */
    @Override
    public String getCacheId() {
        return null;
    }

    @Override
    public String toString() {
        return "LockstepRule[groups=" + groups + ", publishedCompanions=" + publishedCompanions + ", knownPairs="
                + knownPairs + "]";
    }
}
