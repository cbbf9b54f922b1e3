package dev.tandem.lockstep.companion;

import dev.tandem.lockstep.ArtifactKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.apache.maven.model.Activation;
import org.apache.maven.model.ActivationFile;
import org.apache.maven.model.ActivationOS;
import org.apache.maven.model.ActivationProperty;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.Profile;

/**
 * The publisher's side of lockstep: whether the raw POM of a library declares its companions in a {@code lockstep}
 * profile that no consumer's build can ever activate and that pins each companion to exactly this release.
 *
 * <p>Each problem is one line that names the element and the fix. Pure: the caller reads the raw POM and says
 * which artifacts the reactor builds.
 */
public final class InertProfileCheck {
    /** The only version form that pins the companion to the release that publishes the profile. */
    static final String PINNED_VERSION = "[${project.version}]";

    static final String INERT_ACTIVATION = "<activation><jdk>(,1)</jdk></activation>";

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
    private static final ComparableVersion ONE = new ComparableVersion("1");

    private InertProfileCheck() {}

    /**
     * @param raw the project's own POM as written (no inheritance, no interpolation, inactive profiles kept)
     * @param values what {@code ${...}} in a companion's groupId or artifactId may name: {@code project.groupId},
     *     {@code project.version}, the project's properties
     * @param reactor the version each artifact the reactor builds is built at, by {@code groupId:artifactId}
     * @return the problems, each a sentence that names the fix; empty when the profile is right
     */
    public static List<String> problems(
            Model raw, Map<String, String> values, Map<ArtifactKey, String> reactor, String projectVersion) {
        List<String> problems = new ArrayList<>();
        Profile profile = null;
        for (Profile candidate : raw.getProfiles()) {
            if (CompanionReader.PROFILE_ID.equals(candidate.getId())) {
                profile = candidate;
            }
        }
        if (profile == null) {
            problems.add("there is no <profile> with <id>lockstep</id>: declare the companions this library must be"
                    + " used with in one, with " + INERT_ACTIVATION + " (see \"Declaring a companion\" on the site)");
            return problems;
        }
        activationProblems(profile.getActivation(), problems);
        if (profile.getDependencies().isEmpty()) {
            problems.add("the lockstep profile declares no <dependency>: name each companion (your annotation"
                    + " processor, say) with <version>" + PINNED_VERSION + "</version>");
        }
        for (Dependency dependency : profile.getDependencies()) {
            dependencyProblems(dependency, values, reactor, projectVersion, problems);
        }
        return problems;
    }

    private static void activationProblems(Activation activation, List<String> problems) {
        String fix = "; use " + INERT_ACTIVATION + " alone, which no JDK satisfies";
        if (activation == null) {
            problems.add("the lockstep profile has no <activation>, so nothing shows it is meant to stay off" + fix);
            return;
        }
        if (activation.isActiveByDefault()) {
            problems.add("<activeByDefault>true</activeByDefault> makes the lockstep profile active in every"
                    + " consumer's build" + fix);
        }
        ActivationProperty property = activation.getProperty();
        if (property != null) {
            String name = property.getName() == null ? "" : property.getName().trim();
            problems.add(
                    name.startsWith("!")
                            ? "<property><name>" + name + "</name></property> is satisfied in every build that does not"
                                    + " set " + name.substring(1) + ", and Gradle treats such a profile as active" + fix
                            : "<property><name>" + name + "</name></property> is satisfied by any build run with -D"
                                    + name + fix);
        }
        ActivationOS os = activation.getOs();
        if (os != null) {
            problems.add("an <os> activation is satisfied on some consumer's machine" + fix);
        }
        ActivationFile file = activation.getFile();
        if (file != null) {
            String path = file.getExists() != null ? file.getExists() : file.getMissing();
            problems.add("a <file> activation (" + path + ") is satisfied on some consumer's machine" + fix);
        }
        String jdk = activation.getJdk();
        if (jdk == null) {
            if (property == null && os == null && file == null && !activation.isActiveByDefault()) {
                problems.add("the lockstep profile's <activation> has no <jdk> condition" + fix);
            }
        } else if (!neverMatches(jdk)) {
            String spec = jdk.trim();
            boolean range = spec.startsWith("[") || spec.startsWith("(");
            problems.add("<jdk>" + spec + "</jdk> matches "
                    + (range ? "a JDK version of 1 or newer (an open or too wide range)" : "JDKs some consumers run")
                    + fix);
        }
    }

    /**
     * Whether a {@code <jdk>} activation excludes every JDK: a range, or union of ranges, each of which ends below
     * version 1 (or at 1, exclusive). A prefix such as {@code 1.8} or {@code !11} always matches some JDK.
     */
    static boolean neverMatches(String jdk) {
        String spec = jdk.trim();
        if (spec.isEmpty() || (spec.charAt(0) != '[' && spec.charAt(0) != '(')) {
            return false;
        }
        int start = 0;
        while (start < spec.length()) {
            char open = spec.charAt(start);
            if (open != '[' && open != '(') {
                return false;
            }
            int end = start + 1;
            while (end < spec.length() && spec.charAt(end) != ']' && spec.charAt(end) != ')') {
                end++;
            }
            if (end == spec.length()) {
                return false;
            }
            String body = spec.substring(start + 1, end);
            int comma = body.indexOf(',');
            String upper = (comma < 0 ? body : body.substring(comma + 1)).trim();
            boolean inclusive = spec.charAt(end) == ']';
            if (upper.isEmpty()) {
                return false;
            }
            int order = new ComparableVersion(upper).compareTo(ONE);
            if (order > 0 || (order == 0 && inclusive)) {
                return false;
            }
            start = end + 1;
            while (start < spec.length() && (spec.charAt(start) == ',' || spec.charAt(start) == ' ')) {
                start++;
            }
        }
        return true;
    }

    private static void dependencyProblems(
            Dependency dependency,
            Map<String, String> values,
            Map<ArtifactKey, String> reactor,
            String projectVersion,
            List<String> problems) {
        String groupId = interpolate(dependency.getGroupId(), values);
        String artifactId = interpolate(dependency.getArtifactId(), values);
        String name = groupId + ":" + artifactId;
        if (groupId == null || artifactId == null) {
            problems.add("a companion in the lockstep profile has no <" + (groupId == null ? "groupId" : "artifactId")
                    + ">: give both");
            return;
        }
        String version =
                dependency.getVersion() == null ? null : dependency.getVersion().trim();
        if (!PINNED_VERSION.equals(version)) {
            problems.add("companion " + name + " has "
                    + (version == null ? "no <version>" : "<version>" + version + "</version>")
                    + ": use <version>" + PINNED_VERSION + "</version>, which says \"exactly the version of this"
                    + " release\" and stays right when the version changes");
        }
        if (!"provided".equals(trimmed(dependency.getScope()))) {
            problems.add("companion " + name + " has "
                    + (dependency.getScope() == null
                            ? "no <scope>"
                            : "<scope>" + dependency.getScope().trim() + "</scope>")
                    + ": use <scope>provided</scope>, so even a tool that activated the profile would not put it"
                    + " on a consumer's runtime class path");
        }
        if (!"true".equals(trimmed(dependency.getOptional()))) {
            problems.add("companion " + name + " is not <optional>true</optional>: add it, so even a tool that"
                    + " activated the profile would not pass it on to a consumer's consumers");
        }
        if (groupId.contains("${") || artifactId.contains("${")) {
            problems.add("companion " + name + " names a property this project does not define: spell it out");
            return;
        }
        String built = reactor.get(ArtifactKey.of(groupId, artifactId));
        if (built == null) {
            problems.add("companion " + name + " is not built in this reactor: a companion is released with its"
                    + " library, at the same version, from the same build; add its module to this reactor, or"
                    + " remove it from the profile");
        } else if (!built.equals(projectVersion)) {
            problems.add("companion " + name + " is built at " + built + " but this library at " + projectVersion
                    + ": release them at one version");
        }
    }

    private static String trimmed(String text) {
        return text == null ? null : text.trim();
    }

    /** Expands {@code ${...}} from {@code values}; an unknown name stays as written. */
    static String interpolate(String text, Map<String, String> values) {
        if (text == null) {
            return null;
        }
        Matcher matcher = EXPRESSION.matcher(text.trim());
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1).trim());
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
