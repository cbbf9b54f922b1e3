package dev.tandem.maven.remote;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * What settings.xml says about the remote: the credentials of a {@code <server>} (decrypted as Maven decrypts them),
 * the signing key a {@code <server>} names, and the {@code <proxy>} for the remote's host. Needs the settings and
 * Maven's decrypter, no running Maven.
 *
 * <pre>{@code
 * RemoteSettings settings = new RemoteSettings(session.getSettings(), decrypter, getLog()::warn);
 * config.server("tandem-remote", settings.authorization("tandem-remote")); // "Basic …", "Bearer …" or null
 * settings.proxy(config, URI.create("https://cache.example.com/tandem/"));
 * }</pre>
 */
public final class RemoteSettings {
    private final Settings settings;
    private final SettingsDecrypter decrypter;
    private final Consumer<String> warnings;

    /**
     * @param settings this build's settings.xml, or null when Maven has none: then every server is missing and no
     *     proxy is used
     * @param decrypter Maven's, for passwords written with {@code mvn --encrypt-password}
     * @param warnings where a decryption problem is told
     */
    public RemoteSettings(Settings settings, SettingsDecrypter decrypter, Consumer<String> warnings) {
        this.settings = settings;
        this.decrypter = Objects.requireNonNull(decrypter, "decrypter");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * The {@code Authorization} header for the credentials of {@code <server>} {@code serverId}: Basic with a
     * username and password, Bearer with a password alone; null (anonymous) when there is no such server or it has no
     * password.
     */
    public String authorization(String serverId) {
        return authorization(server(serverId));
    }

    /**
     * The private key that the {@code <privateKey>} of {@code <server>} {@code serverId} names, or null when no
     * signing server is set (push unsigned).
     *
     * @throws IllegalArgumentException when settings.xml has no such server with a {@code <privateKey>}, or the file
     *     is not a usable key
     */
    public PrivateKey signingKey(String serverId) {
        if (serverId == null || serverId.trim().isEmpty()) {
            return null;
        }
        Server server = server(serverId);
        if (server == null || server.getPrivateKey() == null) {
            throw new IllegalArgumentException("Tandem remoteSigningServerId '" + serverId + "' names no"
                    + " <server> with a <privateKey> in settings.xml; add <server><id>" + serverId
                    + "</id><privateKey>/path/to/signing.pem</privateKey></server>, or unset it to push unsigned");
        }
        return Keys.privateKey(Paths.get(server.getPrivateKey()));
    }

    /** Sets on {@code config} the proxy {@link #proxyFor} chooses for {@code url}, if any. */
    public void proxy(RemoteConfig.Builder config, URI url) {
        Proxy proxy = proxyFor(url);
        if (proxy != null) {
            config.proxy(
                    InetSocketAddress.createUnresolved(proxy.getHost(), proxy.getPort()),
                    proxy.getUsername(),
                    proxy.getPassword());
        }
    }

    /**
     * The first active {@code <proxy>} of settings.xml for {@code url}'s scheme whose {@code nonProxyHosts} do not
     * name its host, decrypted; null when none is, and always for a loopback remote.
     */
    Proxy proxyFor(URI url) {
        if (settings == null) {
            return null;
        }
        String scheme = url.getScheme();
        String host = url.getHost();
        if (RemoteConfig.isLoopback(host)) {
            return null; // never proxied: a loopback remote's plain http (and credentials) must not leave this machine
        }
        for (Proxy proxy : settings.getProxies()) {
            if (!proxy.isActive()
                    || !scheme.equalsIgnoreCase(proxy.getProtocol())
                    || nonProxy(proxy.getNonProxyHosts(), host)) {
                continue;
            }
            Proxy decrypted = decrypter
                    .decrypt(new DefaultSettingsDecryptionRequest(proxy))
                    .getProxy();
            return decrypted != null ? decrypted : proxy;
        }
        return null;
    }

    /**
     * Maven's {@code nonProxyHosts}: names separated by | or , with * as a wildcard, case-insensitive. Matched here
     * rather than by Maven Resolver's proxy selector, which splits at | only and keeps the spaces around a name.
     */
    static boolean nonProxy(String nonProxyHosts, String host) {
        if (nonProxyHosts == null || host == null) {
            return false;
        }
        for (String pattern : nonProxyHosts.split("[|,]")) {
            String regex =
                    pattern.trim().toLowerCase(Locale.ROOT).replace(".", "\\.").replace("*", ".*");
            if (!regex.isEmpty() && host.toLowerCase(Locale.ROOT).matches(regex)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why a remote must stay off: the warning when {@code authorization} would travel unencrypted over {@code
     * http://} to a host other than this machine and that is not allowed; null when the remote may be used.
     *
     * @param url the remote's URL as configured, well-formed
     */
    public static String insecureCredentials(
            String url, String serverId, String authorization, boolean allowInsecureCredentials) {
        URI uri = URI.create(url.trim());
        String host = uri.getHost();
        if (authorization == null
                || !"http".equalsIgnoreCase(uri.getScheme())
                || RemoteConfig.isLoopback(host)
                || allowInsecureCredentials) {
            return null;
        }
        return "Tandem remote " + url.trim() + " is off: the credentials of <server> '" + serverId + "' would travel"
                + " unencrypted over http:// to " + host + ". Use https://, or set"
                + " <remoteAllowInsecureCredentials>true</remoteAllowInsecureCredentials>"
                + " (-Dtandem.remote.allowInsecureCredentials) if the network is yours.";
    }

    /** The {@code <server>} {@code id} of settings.xml, decrypted (its problems told); null when there is none. */
    private Server server(String id) {
        if (id == null || settings == null) {
            return null;
        }
        Server server = settings.getServer(id);
        if (server == null) {
            return null;
        }
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        decrypted
                .getProblems()
                .forEach(problem ->
                        warnings.accept("Tandem: settings.xml <server> '" + id + "': " + problem.getMessage()));
        return decrypted.getServer() != null ? decrypted.getServer() : server;
    }

    private static String authorization(Server server) {
        if (server == null
                || server.getPassword() == null
                || server.getPassword().isEmpty()) {
            return null;
        }
        if (server.getUsername() == null || server.getUsername().isEmpty()) {
            return "Bearer " + server.getPassword();
        }
        String pair = server.getUsername() + ":" + server.getPassword();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
