package dev.tandem.lockstep;

/** Test data: observations the way the sources make them. */
public final class Observations {
    public static final String PATHS = "maven-compiler-plugin annotationProcessorPaths, execution default-compile";

    private Observations() {}

    public static VersionObservation dependency(String coordinates) {
        // "<dependencies>": where DependencyGraphSource says a direct dependency is declared
        return observation(coordinates, "direct dependency (compile)", "<dependencies>");
    }

    public static VersionObservation processorPath(String coordinates) {
        return observation(coordinates, PATHS, PATHS);
    }

    public static VersionObservation transitive(String coordinates, String origin) {
        return observation(coordinates, origin, null);
    }

    public static VersionObservation observation(String coordinates, String origin, String declaredIn) {
        String[] parts = coordinates.split(":");
        return new VersionObservation(ArtifactKey.of(parts[0], parts[1]), parts[2], origin, declaredIn);
    }
}
