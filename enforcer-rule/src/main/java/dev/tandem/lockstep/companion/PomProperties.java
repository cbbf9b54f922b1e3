package dev.tandem.lockstep.companion;

import dev.tandem.lockstep.LockstepInputException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;

/**
 * Interpolates {@code ${...}} in a raw POM the rule reads itself: the coordinates of the artifact, the POM's
 * {@code <properties>}, then its parents' (read only when a property is not found nearer). Maven's own
 * interpolation never runs on an inactive profile, and a Maven 4 consumer POM may keep {@code ${project.version}}.
 */
public final class PomProperties {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
    private static final int MAX_PARENTS = 16;

    private final Model model;
    private final String version;
    private final String coordinates;
    private final PomLocator locator;
    private List<Model> parents;

    /**
     * @param model the raw model
     * @param version the artifact's version: {@code ${project.version}} whatever the POM inherits or says
     * @param coordinates {@code g:a:v}, for messages
     */
    PomProperties(Model model, String version, String coordinates, PomLocator locator) {
        this.model = model;
        this.version = version;
        this.coordinates = coordinates;
        this.locator = locator;
    }

    /**
     * @param text a value from the POM, maybe {@code null}
     * @param what what the value is, for the error message ("the <version> of its companion org.foo:foo-processor")
     */
    String interpolate(String text, String what) throws LockstepInputException {
        return text == null ? null : expand(text, what, new ArrayDeque<>());
    }

    private String expand(String text, String what, Deque<String> resolving) throws LockstepInputException {
        Matcher matcher = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            out.append(text, last, matcher.start()).append(valueOf(name, what, resolving));
            last = matcher.end();
        }
        return out.append(text.substring(last)).toString();
    }

    private String valueOf(String name, String what, Deque<String> resolving) throws LockstepInputException {
        if (resolving.contains(name)) {
            List<String> cycle = new ArrayList<>(resolving);
            java.util.Collections.reverse(cycle);
            cycle.add(name);
            throw new LockstepInputException("lockstep: " + what + " in the POM of " + coordinates
                    + " uses the property " + cycle.get(0) + ", which refers back to itself ("
                    + String.join(" -> ", cycle) + "). " + faultInPom());
        }
        String raw = builtIn(name);
        if (raw == null) {
            raw = property(name);
        }
        if (raw == null) {
            throw new LockstepInputException("lockstep: " + what + " in the POM of " + coordinates + " is ${" + name
                    + "}, and the property " + name + " is defined neither in that POM nor in its parents. "
                    + faultInPom());
        }
        resolving.push(name);
        try {
            return expand(raw, what, resolving);
        } finally {
            resolving.pop();
        }
    }

    private String faultInPom() {
        return "This is a fault in that POM: tell its authors, and meanwhile set"
                + " <publishedCompanions>false</publishedCompanions> in the lockstep rule.";
    }

    private String builtIn(String name) {
        String key = name.startsWith("project.")
                ? name.substring("project.".length())
                : name.startsWith("pom.") ? name.substring("pom.".length()) : name;
        Parent parent = model.getParent();
        switch (key) {
            case "version":
                return version;
            case "groupId":
                return model.getGroupId() != null ? model.getGroupId() : parent == null ? null : parent.getGroupId();
            case "artifactId":
                return model.getArtifactId();
            case "parent.version":
                return parent == null ? null : parent.getVersion();
            case "parent.groupId":
                return parent == null ? null : parent.getGroupId();
            case "parent.artifactId":
                return parent == null ? null : parent.getArtifactId();
            default:
                return null;
        }
    }

    private String property(String name) throws LockstepInputException {
        String value = model.getProperties().getProperty(name);
        if (value != null) {
            return value;
        }
        for (Model parent : parents()) {
            value = parent.getProperties().getProperty(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private List<Model> parents() throws LockstepInputException {
        if (parents == null) {
            parents = new ArrayList<>();
            Parent parent = model.getParent();
            while (parent != null && parents.size() < MAX_PARENTS) {
                Optional<Path> pom = locator.pom(parent.getGroupId(), parent.getArtifactId(), parent.getVersion());
                if (!pom.isPresent()) {
                    break;
                }
                String parentCoordinates =
                        parent.getGroupId() + ":" + parent.getArtifactId() + ":" + parent.getVersion();
                Model parentModel = read(pom.get(), parentCoordinates);
                parents.add(parentModel);
                parent = parentModel.getParent();
            }
        }
        return parents;
    }

    /** Reads a raw POM leniently, as Maven reads dependency POMs. */
    public static Model read(Path pom, String coordinates) throws LockstepInputException {
        try (InputStream in = Files.newInputStream(pom)) {
            return read(in, pom, coordinates);
        } catch (IOException e) {
            throw new LockstepInputException(
                    "lockstep: cannot read the POM of " + coordinates + " at " + pom + ": " + e.getMessage(), e);
        }
    }

    static Model read(InputStream in, Path pom, String coordinates) throws LockstepInputException, IOException {
        try {
            return new MavenXpp3Reader().read(in, false);
        } catch (XmlPullParserException | EOFException e) {
            // a truncated download ends in EOFException: for the user it is the same broken file
            throw new LockstepInputException(
                    "lockstep: the POM of " + coordinates + " at " + pom
                            + " is not well-formed XML ("
                            + e.getMessage().replaceAll("\\s+", " ").trim() + "). Delete it"
                            + " from the local repository so Maven downloads it again; if that does not help, tell the"
                            + " authors of " + coordinates + ".",
                    e);
        }
    }
}
