package dev.tandem.lockstep.companion;

import java.nio.file.Path;
import java.util.Optional;

/** Finds the POM file of an artifact that the build already has: in the local repository or in the reactor. */
interface PomLocator {
    Optional<Path> pom(String groupId, String artifactId, String version);
}
