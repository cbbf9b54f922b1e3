package dev.tandem.maven;

import dev.tandem.cache.internal.CacheFiles;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.maven.remote.Remote;
import dev.tandem.maven.remote.RemotePush;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Uploads to the remote the cache entries this build used that the server lacks, and the module's list of the keys
 * it used, which {@code prepare} of a later build, on any machine, fetches. Does nothing unless {@code remotePush}
 * is set: developers read, CI writes. Bound after the test compile, so both compilations' entries go.
 *
 * @since 0.1.0
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES, threadSafe = true)
public class PushMojo extends AbstractRemoteMojo {

    /**
     * Uploads entries; off by default, so only the builds that should write (CI's) do: {@code -Dtandem.remote.push}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.remote.push", defaultValue = "false")
    private boolean remotePush;

    /**
     * The server entry of settings.xml whose private key (its {@code privateKey} element) names the PEM file (PKCS#8) that {@code push}
     * signs entries with. Only CI has it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.remote.signingServerId")
    private String remoteSigningServerId;

    @Inject
    public PushMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException {
        if (!remotePush) {
            getLog().info("Tandem remote: push is off (set -Dtandem.remote.push=true on the builds that should write)");
            return;
        }
        Remote remote = remote(remoteSigningServerId);
        if (remote == null) {
            if (remoteUrl == null || remoteUrl.trim().isEmpty()) {
                getLog().info("Tandem remote: nothing to push to (no remoteUrl)");
            } // else remote() said why (offline, or credentials that would travel in clear)
            return;
        }
        Path root = cacheDirectory.toPath().toAbsolutePath().normalize();
        CacheLayout layout = new CacheLayout(root);
        if (!Files.isDirectory(root)) {
            getLog().info("Tandem remote: nothing to push, " + root + " does not exist (is tandem:prepare bound?)");
            return;
        }
        int build = BuildNumber.current(layout);
        try {
            CacheFiles.requireRealFolder(root);
            RemotePush.Result pushed =
                    new RemotePush(remote, remoteConfig, layout, getLog()::warn).run(moduleId(), build);
            if (remote.authFailure() != null) {
                throw new MojoExecutionException(
                        "Tandem remote: " + remote.authFailure() + " (remoteFailOnAuthError is set)");
            }
            getLog().info(String.format(
                    "Tandem remote: pushed %d entr%s (%s) for %d consumer%s in %d ms, %d already there%s%s%s",
                    pushed.pushed,
                    pushed.pushed == 1 ? "y" : "ies",
                    CacheReport.bytes(pushed.bytes),
                    pushed.consumers.size(),
                    pushed.consumers.size() == 1 ? "" : "s",
                    pushed.millis,
                    pushed.present,
                    pushed.tooLarge == 0 ? "" : ", " + pushed.tooLarge + " too large",
                    pushed.listStored ? ", key list of " + pushed.listed : "",
                    remote.offReason() != null ? " (remote off: " + remote.offReason() + ")" : ""));
        } catch (IOException e) {
            getLog().warn("Tandem remote: cannot read the cache in " + root + " to push it (" + e + "); nothing was"
                    + " pushed, the build goes on");
        }
    }
}
