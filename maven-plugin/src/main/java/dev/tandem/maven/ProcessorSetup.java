package dev.tandem.maven;

import dev.tandem.cache.ProcessorCache;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.ChecksummedProperties;
import dev.tandem.cache.internal.CodeIdentity;
import dev.tandem.cache.internal.Sha256;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Makes the compile rerun when an execution's annotation processors or their options changed. maven-compiler-plugin
 * looks only at Java sources: change a processor's version in {@code annotationProcessorPaths}, or a {@code -A}
 * option, touch no source, and it says "Nothing to compile" and keeps the old processor's output until {@code mvn
 * clean}. Per compiler execution this records what its processors are: the configuration that names them
 * ({@code annotationProcessorPaths}, {@code annotationProcessors}, {@code proc}, the {@code -A} arguments) and, for
 * each path, the resolved file's {@link CodeIdentity#stamp cheap identity} (size and modification time; for a folder,
 * of every file in it), so a processor rebuilt in the reactor under the same version counts too.
 */
final class ProcessorSetup {
    static final String COMPILER = "org.apache.maven.plugins:maven-compiler-plugin";

    private ProcessorSetup() {}

    /**
     * Per execution ("default-compile"), what its processors are: the set-up's text, or its SHA-256 when long;
     * empty without the compiler plugin.
     */
    static Map<String, String> digests(MavenProject project, Function<Dependency, File> resolve) {
        Map<String, String> digests = new TreeMap<>();
        for (Map.Entry<String, Xpp3Dom> execution : configurations(project).entrySet()) {
            digests.put(execution.getKey(), digest(project, execution.getValue(), resolve));
        }
        return digests;
    }

    /**
     * Per execution of the compiler plugin, in the POM's order, its configuration as Maven gives it to the goal: the
     * execution's own merged over the plugin's (either may be null). Empty without the compiler plugin.
     */
    static Map<String, Xpp3Dom> configurations(MavenProject project) {
        Map<String, Xpp3Dom> configurations = new LinkedHashMap<>();
        Plugin compiler = project.getPlugin(COMPILER);
        if (compiler == null) {
            return configurations;
        }
        Xpp3Dom pluginConfiguration = (Xpp3Dom) compiler.getConfiguration();
        for (PluginExecution execution : compiler.getExecutions()) {
            Xpp3Dom configuration = (Xpp3Dom) execution.getConfiguration();
            if (configuration == null) {
                configuration = pluginConfiguration;
            } else if (pluginConfiguration != null) {
                configuration = Xpp3Dom.mergeXpp3Dom(new Xpp3Dom(configuration), pluginConfiguration);
            }
            configurations.put(execution.getId(), configuration);
        }
        return configurations;
    }

    private static String digest(MavenProject project, Xpp3Dom configuration, Function<Dependency, File> resolve) {
        StringBuilder setup = new StringBuilder();
        if (configuration != null) {
            for (String name : new String[] {
                "proc", "annotationProcessors", "compilerArgument", "annotationProcessorPathsUseDepMgmt"
            }) {
                Xpp3Dom child = configuration.getChild(name);
                if (child != null) {
                    setup.append(name).append('=').append(child).append('\n');
                }
            }
            Xpp3Dom args = configuration.getChild("compilerArgs");
            if (args != null) {
                for (Xpp3Dom arg : args.getChildren()) {
                    String value = arg.getValue() == null ? "" : arg.getValue().trim();
                    if (value.startsWith("-A") || value.startsWith("-processor") || value.startsWith("-proc:")) {
                        setup.append("arg=").append(value).append('\n');
                    }
                }
            }
            Xpp3Dom paths = configuration.getChild("annotationProcessorPaths");
            Xpp3Dom useDepMgmt = configuration.getChild("annotationProcessorPathsUseDepMgmt");
            if (paths != null
                    && useDepMgmt != null
                    && "true".equals(String.valueOf(useDepMgmt.getValue()).trim())
                    && project.getDependencyManagement() != null) {
                // the compiler plugin (3.12+) then manages the paths' transitive versions too, as the lockstep
                // rule's ProcessorPathSource reads them: a managed version changed changes the processors
                for (Dependency managed : project.getDependencyManagement().getDependencies()) {
                    setup.append("managed=")
                            .append(managed.getManagementKey())
                            .append(':')
                            .append(managed.getVersion())
                            .append('\n');
                }
            }
            if (paths != null) {
                for (Xpp3Dom path : paths.getChildren()) {
                    Dependency dependency = dependency(project, path);
                    setup.append("path=")
                            .append(dependency.getManagementKey())
                            .append(':')
                            .append(dependency.getVersion())
                            .append(' ');
                    File file = dependency.getVersion() == null ? null : resolve.apply(dependency);
                    setup.append(file == null ? "unresolved" : CodeIdentity.stamp(file.toPath()))
                            .append('\n');
                }
            }
        }
        String text = setup.toString();
        // kept as it is while short: comparing it needs no SHA-256, which a no-op build would load and start cold
        // for this alone in every Maven run
        return text.length() <= MAX_TEXT ? TEXT + text : SHA256 + sha256(text);
    }

    /** What a record holds: the set-up itself, or past {@link #MAX_TEXT} characters its SHA-256. */
    private static final String TEXT = "text:";

    private static final String SHA256 = "sha256:";
    private static final int MAX_TEXT = 4096;

    private static String sha256(String text) {
        MessageDigest sha = Sha256.newDigest();
        return dev.tandem.cache.internal.Hex.of(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether a record's value stands for the same set-up as {@code now}. Tandem up to 0.1.0 wrote the bare SHA-256
     * of the set-up: compared by hashing {@code now} once, so an upgrade reruns no compile.
     */
    static boolean same(String was, String now) {
        if (was.equals(now)) {
            return true;
        }
        if (was.length() == 64 && !was.startsWith(TEXT) && !was.startsWith(SHA256)) {
            return was.equals(
                    now.startsWith(TEXT) ? sha256(now.substring(TEXT.length())) : now.substring(SHA256.length()));
        }
        return false;
    }

    /**
     * Whether something in this module is set up to use Tandem's cache in this build: a plugin's configuration that
     * passes {@code ${tandem.cacheDirectory}} (the compiler's {@code -Atandem.cacheDirectory=...}, a generator's
     * parameter), a processor path or a dependency of group {@code dev.tandem} ({@code tandem-replay}). What uses
     * the cache without saying so (a processor that finds it from its class output) is seen from the next build on,
     * by the consumer folder it leaves.
     */
    static boolean usesTandem(MavenProject project) {
        for (Dependency dependency : project.getDependencies()) {
            if (TANDEM_GROUP.equals(dependency.getGroupId())) {
                return true;
            }
        }
        for (Plugin plugin : project.getBuildPlugins()) {
            if (!TANDEM_GROUP.equals(plugin.getGroupId())
                    && (mentionsTandem((Xpp3Dom) plugin.getConfiguration())
                            || mentionsTandem(plugin.getExecutions()))) {
                return true;
            }
        }
        return false;
    }

    private static final String TANDEM_GROUP = "dev.tandem";

    private static boolean mentionsTandem(List<PluginExecution> executions) {
        for (PluginExecution execution : executions) {
            if (mentionsTandem((Xpp3Dom) execution.getConfiguration())) {
                return true;
            }
        }
        return false;
    }

    /** A value naming the cache root's property, or a processor path (any {@code groupId}) of Tandem's group. */
    private static boolean mentionsTandem(Xpp3Dom dom) {
        if (dom == null) {
            return false;
        }
        String value = dom.getValue();
        if (value != null
                && (value.contains(ProcessorCache.OPTION)
                        || ("groupId".equals(dom.getName()) && TANDEM_GROUP.equals(value.trim())))) {
            return true;
        }
        for (Xpp3Dom child : dom.getChildren()) {
            if (mentionsTandem(child)) {
                return true;
            }
        }
        return false;
    }

    /** A path's coordinates, its version from dependencyManagement when it has none (as compiler 3.12+ does). */
    static Dependency dependency(MavenProject project, Xpp3Dom path) {
        Dependency dependency = new Dependency();
        dependency.setGroupId(text(path, "groupId", null));
        dependency.setArtifactId(text(path, "artifactId", null));
        dependency.setType(text(path, "type", "jar"));
        dependency.setClassifier(text(path, "classifier", null));
        dependency.setVersion(text(path, "version", null));
        if (dependency.getVersion() == null && project.getDependencyManagement() != null) {
            for (Dependency managed : project.getDependencyManagement().getDependencies()) {
                if (managed.getManagementKey().equals(dependency.getManagementKey())) {
                    dependency.setVersion(managed.getVersion());
                }
            }
        }
        return dependency;
    }

    private static String text(Xpp3Dom parent, String name, String otherwise) {
        Xpp3Dom child = parent.getChild(name);
        String value = child == null || child.getValue() == null
                ? null
                : child.getValue().trim();
        return value == null || value.isEmpty() ? otherwise : value;
    }

    /**
     * Compares with the last prepare's record and writes the new one.
     *
     * @return the executions whose processors changed since; none on the first run
     */
    static List<String> changed(CacheLayout layout, Map<String, String> now) throws IOException {
        Path file = layout.processorSetup();
        Properties before = ChecksummedProperties.read(file);
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> execution : now.entrySet()) {
            String was = before.getProperty("execution." + execution.getKey());
            if (was != null && !same(was, execution.getValue())) {
                changed.add(execution.getKey());
            }
        }
        Properties record = new Properties();
        for (Map.Entry<String, String> execution : now.entrySet()) {
            record.setProperty("execution." + execution.getKey(), execution.getValue());
        }
        if (!record.equals(before)) { // read() has taken the checksum out
            ChecksummedProperties.write(
                    file, record, "Tandem: what each compiler execution's annotation processors were");
        }
        return changed;
    }
}
