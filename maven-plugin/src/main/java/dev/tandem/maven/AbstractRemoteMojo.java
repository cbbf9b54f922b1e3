package dev.tandem.maven;

import dev.tandem.maven.remote.KeyList;
import dev.tandem.maven.remote.Keys;
import dev.tandem.maven.remote.Remote;
import dev.tandem.maven.remote.RemoteConfig;
import dev.tandem.maven.remote.RemoteSettings;
import java.net.URI;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Objects;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The remote tier's parameters, shared by {@code prepare} (which fetches) and {@code push} (which uploads; its own
 * parameters are in {@link PushMojo}). Without {@code remoteUrl} there is no remote and neither goal opens a socket.
 */
public abstract class AbstractRemoteMojo extends AbstractCacheMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    private final SettingsDecrypter decrypter;

    /**
     * The HTTP cache server that shares entries between machines, e.g. {@code https://cache.example.com/tandem/}:
     * nginx with WebDAV PUT, a Nexus or Artifactory raw repository, or bazel-remote (with {@code
     * remoteLayout=bazel}). Unset, nothing goes over the network.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.remote.url")
    protected String remoteUrl;

    /**
     * How entries are named on the server: {@code subdirs} (<code>url/consumer/key[0:2]/key</code>) or {@code bazel}
     * (<code>url/ac/sha256</code>, for bazel-remote started with {@code --disable_http_ac_validation}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.remote.layout", defaultValue = "subdirs")
    protected String remoteLayout;

    /**
     * The server entry of settings.xml whose credentials go to the remote: Basic with a username and password,
     * a bearer token with a password and no username. Encrypted passwords are decrypted as Maven does. No such
     * server: anonymous.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.remote.serverId", defaultValue = "tandem-remote")
    protected String remoteServerId;

    /**
     * Sends credentials over plain {@code http://} to a host other than this machine. Off: such a remote is turned
     * off with a warning, since anyone on the path could read the password.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.remote.allowInsecureCredentials", defaultValue = "false")
    protected boolean remoteAllowInsecureCredentials;

    /**
     * Milliseconds to wait for a connection to the remote.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.remote.connectTimeout", defaultValue = "2000")
    protected int remoteConnectTimeout;

    /**
     * Milliseconds to wait for each answer of the remote.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.remote.timeout", defaultValue = "10000")
    protected int remoteTimeout;

    /**
     * Milliseconds the whole build may spend on the remote, over all modules, fetching and pushing. When it is
     * spent, the remote is off for the rest of the build with one warning.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.remote.budget", defaultValue = "60000")
    protected int remoteBudget;

    /**
     * Concurrent transfers per module. Each transfer waits a round trip to the server, so with a server 10 ms away,
     * 500 entries take about 500 × 10 ms / threads.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.remote.threads", defaultValue = "16")
    protected int remoteThreads;

    /**
     * Fails the build when the server refuses the credentials (HTTP 401 or 403), instead of warning and going on
     * without the remote.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.remote.failOnAuthError", defaultValue = "false")
    protected boolean remoteFailOnAuthError;

    /**
     * The public key that fetched entries must be signed with (PEM, bare base64, or a file's path): with it, an
     * unsigned or badly signed entry is a miss. Generate the pair with {@code openssl genpkey -algorithm EC
     * -pkeyopt ec_paramgen_curve:P-256 -out signing.pem} and {@code openssl pkey -in signing.pem -pubout}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.remote.publicKey")
    protected String remotePublicKey;

    /**
     * The largest entry {@code push} uploads, in bytes; larger ones stay local.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.remote.maxEntrySize", defaultValue = "16777216")
    protected long remoteMaxEntrySize;

    /** This execution's remote configuration, once {@link #remote(String)} made it. */
    protected RemoteConfig remoteConfig;

    /** @param decrypter Maven's, for the passwords of settings.xml's servers and proxies */
    protected AbstractRemoteMojo(SettingsDecrypter decrypter) {
        this.decrypter = Objects.requireNonNull(decrypter, "decrypter");
    }

    /** {@code groupId:artifactId}: names the module's key list on the server, the same on every machine. */
    protected String moduleId() {
        return KeyList.module(project.getGroupId(), project.getArtifactId());
    }

    /**
     * This build's remote, or null without {@code remoteUrl}, or when credentials would travel in clear (then it
     * says so once).
     *
     * @param signingServerId the {@code <server>} whose private key signs what {@code push} uploads; null when
     *     nothing is signed
     * @throws MojoExecutionException for a configuration that cannot be right: a bad URL, layout or key
     */
    protected Remote remote(String signingServerId) throws MojoExecutionException {
        if (remoteUrl == null || remoteUrl.trim().isEmpty()) {
            return null;
        }
        try {
            RemoteConfig.Builder config = new RemoteConfig.Builder()
                    .url(remoteUrl)
                    .layout(RemoteConfig.Layout.parse(remoteLayout))
                    .timeouts(
                            Duration.ofMillis(remoteConnectTimeout),
                            Duration.ofMillis(remoteTimeout),
                            Duration.ofMillis(remoteBudget))
                    .threads(remoteThreads)
                    .maxEntrySize(remoteMaxEntrySize)
                    .failOnAuthError(remoteFailOnAuthError);
            URI url = URI.create(remoteUrl.trim()); // well-formed: the builder checked it
            RemoteSettings settings = new RemoteSettings(session.getSettings(), decrypter, getLog()::warn);
            String authorization = settings.authorization(remoteServerId);
            config.server(remoteServerId, authorization);
            settings.proxy(config, url);
            PublicKey publicKey =
                    remotePublicKey == null || remotePublicKey.trim().isEmpty()
                            ? null
                            : Keys.publicKey(remotePublicKey);
            PrivateKey signingKey = settings.signingKey(signingServerId);
            config.keys(publicKey, signingKey);
            remoteConfig = config.build();
            // said once per build, whichever module and goal comes first
            Remote remote = Remote.of(session.getRequest(), remoteConfig);
            if (session.isOffline()) {
                if (remote.firstToTell("offline")) {
                    getLog().info("Tandem remote " + remoteUrl.trim() + " is not asked: Maven is offline (-o)");
                }
                return null;
            }
            String insecure = RemoteSettings.insecureCredentials(
                    remoteUrl, remoteServerId, authorization, remoteAllowInsecureCredentials);
            if (insecure != null) {
                if (remote.firstToTell("insecure")) {
                    getLog().warn(insecure);
                }
                return null;
            }
            return remote;
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
