package dev.tandem.lockstep.companion;

import dev.tandem.lockstep.ArtifactKey;
import dev.tandem.lockstep.LockstepInputException;
import dev.tandem.lockstep.source.DeclaredVersions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.Profile;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Reads the companions a library declares in the inert {@code lockstep} profile of its POM. Maven never activates
 * that profile (its activation is {@code <jdk>(,1)</jdk>}) and {@code help:effective-pom} drops it, so the raw POM is
 * read and interpolated here.
 */
public final class CompanionReader {
    static final String PROFILE_ID = "lockstep";
    private static final byte[] MARKER = PROFILE_ID.getBytes(StandardCharsets.US_ASCII);

    private final PomLocator locator;

    CompanionReader(PomLocator locator) {
        this.locator = locator;
    }

    /** Reads the POMs Maven Resolver finds: in the reactor, in the local repository, else in the repositories. */
    public static CompanionReader of(
            RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        return new CompanionReader(new ResolverPomLocator(system, session, repositories));
    }

    /**
     * @return the companions the POM of {@code publisher:version} declares; none when it has no lockstep profile or
     *     the build has no POM for it
     */
    List<CompanionDeclaration> read(ArtifactKey publisher, String version) throws LockstepInputException {
        String coordinates = publisher + ":" + version;
        Optional<Path> pom = locator.pom(publisher.groupId(), publisher.artifactId(), version);
        if (!pom.isPresent()) {
            return Collections.emptyList();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(pom.get());
        } catch (IOException e) {
            throw new LockstepInputException(
                    "lockstep: cannot read the POM of " + coordinates + " at " + pom.get() + ": " + e.getMessage(), e);
        }
        // nearly every POM in a graph has no lockstep profile: a byte search spares the XML parse
        if (!contains(bytes, MARKER)) {
            return Collections.emptyList();
        }
        Model model;
        try {
            model = PomProperties.read(new ByteArrayInputStream(bytes), pom.get(), coordinates);
        } catch (IOException e) {
            throw new LockstepInputException(
                    "lockstep: cannot read the POM of " + coordinates + " at " + pom.get() + ": " + e.getMessage(), e);
        }
        List<CompanionDeclaration> declarations = new ArrayList<>();
        PomProperties properties = new PomProperties(model, version, coordinates, locator);
        for (Profile profile : model.getProfiles()) {
            if (!PROFILE_ID.equals(profile.getId())) {
                continue;
            }
            for (Dependency dependency : profile.getDependencies()) {
                declarations.add(declaration(publisher, version, dependency, properties));
            }
        }
        return declarations;
    }

    private static CompanionDeclaration declaration(
            ArtifactKey publisher, String version, Dependency dependency, PomProperties properties)
            throws LockstepInputException {
        String coordinates = publisher + ":" + version;
        String groupId = properties.interpolate(dependency.getGroupId(), "the <groupId> of a lockstep companion");
        String artifactId =
                properties.interpolate(dependency.getArtifactId(), "the <artifactId> of a lockstep companion");
        if (groupId == null || artifactId == null) {
            throw new LockstepInputException("lockstep: a companion in the lockstep profile of the POM of "
                    + coordinates + " has no " + (groupId == null ? "<groupId>" : "<artifactId>") + ". Tell the"
                    + " authors of " + publisher + ", and meanwhile set <publishedCompanions>false"
                    + "</publishedCompanions> in the lockstep rule.");
        }
        ArtifactKey companion = ArtifactKey.of(groupId, artifactId);
        String what = "the <version> of its companion " + companion;
        String versionText = properties.interpolate(dependency.getVersion(), what);
        if (versionText == null || versionText.trim().isEmpty()) {
            throw new LockstepInputException("lockstep: the lockstep profile in the POM of " + coordinates
                    + " names its companion " + companion + " without a <version>; it should say"
                    + " <version>[${project.version}]</version>. Tell the authors of " + publisher
                    + ", and meanwhile set <publishedCompanions>false</publishedCompanions> in the lockstep rule.");
        }
        if (companion.equals(publisher)) {
            throw new LockstepInputException("lockstep: the lockstep profile in the POM of " + coordinates
                    + " names " + publisher + " itself as its companion; a companion is another artifact, such as"
                    + " its annotation processor. Tell the authors of " + publisher + ", and meanwhile set"
                    + " <publishedCompanions>false</publishedCompanions> in the lockstep rule.");
        }
        String required;
        try {
            required = DeclaredVersions.exactVersion(
                    versionText, companion + " in the lockstep profile of " + coordinates);
        } catch (LockstepInputException e) {
            throw new LockstepInputException(e.getMessage() + " Tell the authors of " + publisher
                    + ", and meanwhile set <publishedCompanions>false</publishedCompanions> in the lockstep rule.");
        }
        return new CompanionDeclaration(publisher, version, companion, required);
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
