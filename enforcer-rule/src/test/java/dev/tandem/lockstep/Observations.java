package dev.tandem.lockstep;

/** Test data: observations the way the sources make them. */
final class Observations {
    static final String PATHS = "maven-compiler-plugin annotationProcessorPaths, execution default-compile";

    private Observations() {}

    static VersionObservation dependency(String coordinates) {
        return observation(coordinates, "direct dependency (compile)", "<dependencies>");
    }

    static VersionObservation processorPath(String coordinates) {
        return observation(coordinates, PATHS, PATHS);
    }

    static VersionObservation transitive(String coordinates, String origin) {
        return observation(coordinates, origin, null);
    }

    static VersionObservation observation(String coordinates, String origin, String declaredIn) {
        String[] parts = coordinates.split(":");
        return new VersionObservation(ArtifactKey.of(parts[0], parts[1]), parts[2], origin, declaredIn);
    }
}
