package dev.tandem.lockstep.companion;

import dev.tandem.lockstep.ArtifactKey;
import dev.tandem.lockstep.LockstepInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.SessionData;

/**
 * The companions declared by artifacts, read once per artifact version for the whole Maven session: the rule runs
 * once per module, and a 20-module reactor shares most of its graph. Kept in the resolver session's data, which
 * lives exactly as long as the session, and keyed by this class so two versions of the rule never share it.
 */
public final class PublishedCompanions {
    private final ConcurrentMap<String, Object> byCoordinates = new ConcurrentHashMap<>();

    /** The session's cache, created by the first module that asks. */
    public static PublishedCompanions of(RepositorySystemSession session) {
        SessionData data = session.getData();
        while (true) {
            Object existing = data.get(PublishedCompanions.class);
            if (existing instanceof PublishedCompanions) {
                return (PublishedCompanions) existing;
            }
            PublishedCompanions created = new PublishedCompanions();
            if (data.set(PublishedCompanions.class, existing, created)) {
                return created;
            }
        }
    }

    /**
     * The companions the POM of {@code artifact:version} declares, read through {@code reader} the first time. A
     * POM that cannot be read fails the same way for every module.
     */
    public List<CompanionDeclaration> declaredBy(ArtifactKey artifact, String version, CompanionReader reader)
            throws LockstepInputException {
        Object result = byCoordinates.computeIfAbsent(artifact + ":" + version, key -> {
            try {
                return reader.read(artifact, version);
            } catch (LockstepInputException e) {
                return e;
            }
        });
        if (result instanceof LockstepInputException) {
            LockstepInputException failure = (LockstepInputException) result;
            throw new LockstepInputException(failure.getMessage(), failure);
        }
        @SuppressWarnings("unchecked")
        List<CompanionDeclaration> declarations = (List<CompanionDeclaration>) result;
        return new ArrayList<>(declarations);
    }
}
