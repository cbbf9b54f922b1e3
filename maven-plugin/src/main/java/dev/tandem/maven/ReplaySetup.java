package dev.tandem.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Dependency;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The ways of enabling replay that javac would report as a raw error (or not at all), named by prepare in one line
 * each, with the fix, before javac runs: ReplayProcessor named beside other processors (they run twice, and javac
 * fails with "Attempt to recreate a file"), named without tandem-replay on the processor path ("Annotation processor
 * not found"), or tandem-replay on the path without ReplayProcessor named (replay silently off).
 */
final class ReplaySetup {
    static final String REPLAY = "dev.tandem.replay.ReplayProcessor";
    private static final String GROUP = "dev.tandem";
    private static final String ARTIFACT = "tandem-replay";

    private ReplaySetup() {}

    /** One line per mistake, each naming the compiler executions it is in; empty when replay is set up right. */
    static List<String> mistakes(MavenProject project) {
        Map<String, List<String>> executionsByMistake = new LinkedHashMap<>();
        boolean replayDependency = false;
        for (Dependency dependency : project.getDependencies()) {
            replayDependency |= GROUP.equals(dependency.getGroupId()) && ARTIFACT.equals(dependency.getArtifactId());
        }
        for (Map.Entry<String, Xpp3Dom> execution :
                ProcessorSetup.configurations(project).entrySet()) {
            String mistake = mistake(project, execution.getValue(), replayDependency);
            if (mistake != null) {
                executionsByMistake
                        .computeIfAbsent(mistake, m -> new ArrayList<>())
                        .add(execution.getKey());
            }
        }
        List<String> lines = new ArrayList<>();
        executionsByMistake.forEach((mistake, executions) ->
                lines.add(String.format(mistake, "maven-compiler-plugin (" + String.join(", ", executions) + ")")));
        return lines;
    }

    /** The mistake of one execution's configuration, with %s for where it is; null when there is none. */
    private static String mistake(MavenProject project, Xpp3Dom configuration, boolean replayDependency) {
        if (configuration == null) {
            return null;
        }
        List<String> named = processorsNamed(configuration);
        boolean replayNamed = named.remove(REPLAY);
        Xpp3Dom paths = configuration.getChild("annotationProcessorPaths");
        boolean hasPaths = paths != null && paths.getChildCount() > 0;
        boolean replayOnPath = false;
        if (hasPaths) {
            for (Xpp3Dom path : paths.getChildren()) {
                Dependency dependency = ProcessorSetup.dependency(project, path);
                replayOnPath |= GROUP.equals(dependency.getGroupId()) && ARTIFACT.equals(dependency.getArtifactId());
            }
        }
        if (replayNamed && !named.isEmpty()) {
            return "Tandem: %s names " + String.join(", ", named) + " beside " + REPLAY + " in <annotationProcessors>:"
                    + " ReplayProcessor already runs every processor the processor path registers in"
                    + " META-INF/services, so a registered one named here runs twice (javac fails with \"Attempt to"
                    + " recreate a file\"). Name ReplayProcessor alone, unless these are registered nowhere.";
        }
        if (replayNamed && hasPaths && !replayOnPath) {
            return "Tandem: %s names " + REPLAY + " but tandem-replay is not in its <annotationProcessorPaths>"
                    + (replayDependency
                            ? " (only in <dependencies>, which javac does not search once a processor path" + " is set)"
                            : "")
                    + ", so unless a path brings it in, javac fails with \"Annotation processor '" + REPLAY
                    + "' not found\". Add dev.tandem:tandem-replay as the first <path>.";
        }
        if (replayNamed && !hasPaths && !replayDependency) {
            return "Tandem: %s names " + REPLAY + " but tandem-replay is neither in <annotationProcessorPaths> nor"
                    + " a direct dependency, so unless one brings it in, javac fails with \"Annotation processor '"
                    + REPLAY + "' not found\"."
                    + " Add dev.tandem:tandem-replay as the first <path> of <annotationProcessorPaths>.";
        }
        if (!replayNamed && replayOnPath) {
            return "Tandem: tandem-replay is in the <annotationProcessorPaths> of %s, but <annotationProcessors> does"
                    + " not name its processor, so replay is off. Add <annotationProcessors><annotationProcessor>"
                    + REPLAY + "</annotationProcessor></annotationProcessors>, alone.";
        }
        return null;
    }

    /** The processors an execution names: in {@code <annotationProcessors>} and after {@code -processor}. */
    private static List<String> processorsNamed(Xpp3Dom configuration) {
        List<String> named = new ArrayList<>();
        Xpp3Dom processors = configuration.getChild("annotationProcessors");
        if (processors != null) {
            for (Xpp3Dom processor : processors.getChildren()) {
                addNames(named, processor.getValue());
            }
        }
        Xpp3Dom args = configuration.getChild("compilerArgs");
        if (args != null) {
            Xpp3Dom[] arguments = args.getChildren();
            for (int i = 0; i + 1 < arguments.length; i++) {
                if ("-processor".equals(text(arguments[i]))) {
                    addNames(named, arguments[i + 1].getValue());
                }
            }
        }
        return named;
    }

    private static void addNames(List<String> named, String names) {
        if (names != null) {
            for (String name : names.split(",")) {
                if (!name.trim().isEmpty() && !named.contains(name.trim())) {
                    named.add(name.trim());
                }
            }
        }
    }

    private static String text(Xpp3Dom dom) {
        return dom.getValue() == null ? "" : dom.getValue().trim();
    }
}
