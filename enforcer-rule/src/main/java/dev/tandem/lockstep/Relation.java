package dev.tandem.lockstep;

import dev.tandem.lockstep.report.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * The relation of a runtime and the generator of code that runs on it, as Protobuf states it: the runtime may be
 * newer than the generator within one major version; older, or another major version, fails (protobuf-java 4.x
 * throws "Detected incompatible Protobuf Gencode/Runtime versions" when the classes load).
 */
final class Relation {
    private Relation() {}

    /** The broken relation, or null when it holds (or one side is absent). */
    static Violation check(List<VersionObservation> runtimes, List<VersionObservation> generators, String reason) {
        if (runtimes.isEmpty() || generators.isEmpty()) {
            return null;
        }
        VersionObservation oldestRuntime = runtimes.stream()
                .min(Comparator.comparing(o -> new ComparableVersion(o.version())))
                .get();
        VersionObservation newestGenerator = generators.stream()
                .max(Comparator.comparing(o -> new ComparableVersion(o.version())))
                .get();
        String runtime = oldestRuntime.version();
        String generator = newestGenerator.version();
        boolean older = new ComparableVersion(runtime).compareTo(new ComparableVersion(generator)) < 0;
        boolean otherMajor = !major(runtime).equals(major(generator));
        if (!older && !otherMajor) {
            return null;
        }
        List<VersionObservation> found = new ArrayList<>(runtimes);
        found.addAll(generators);
        found.sort(VersionObservation.ORDER);
        Set<String> runtimeArtifacts = new TreeSet<>();
        runtimes.forEach(o -> runtimeArtifacts.add(o.artifact().toString()));
        String headline = oldestRuntime.artifact() + " " + runtime
                + (older ? " is older than " : " is of another major version than ") + newestGenerator.artifact()
                + " " + generator + ", which generates the code that runs on it.";
        String fix = "use " + String.join(", ", runtimeArtifacts) + " " + generator + " or a newer " + major(generator)
                + ".x (the generator's version or later), or generate with " + newestGenerator.artifact()
                + " at most " + runtime + (otherMajor ? " of major version " + major(runtime) : "")
                + ". The runtime may be newer than the generator within one major version, never older.";
        return new Violation(found, List.of(reason), headline, fix);
    }

    static String major(String version) {
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 ? version : version.substring(0, end);
    }
}
