package dev.tandem.maven.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsProblem;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What settings.xml's servers and proxies make of the remote: credentials, signing key, proxy. */
class RemoteSettingsTest {
    @TempDir
    Path dir;

    private final Settings settings = new Settings();
    private final List<String> warnings = new ArrayList<>();

    /** As Maven's decrypter with a master password: {@code {secret}} decrypts to {@code secret}. */
    private final SettingsDecrypter decrypter = new SettingsDecrypter() {
        @Override
        public SettingsDecryptionResult decrypt(SettingsDecryptionRequest request) {
            List<Server> servers = new ArrayList<>();
            List<SettingsProblem> problems = new ArrayList<>();
            for (Server server : request.getServers()) {
                Server copy = server.clone();
                copy.setPassword(decrypted(server.getPassword(), problems));
                servers.add(copy);
            }
            List<Proxy> proxies = new ArrayList<>();
            for (Proxy proxy : request.getProxies()) {
                Proxy copy = proxy.clone();
                copy.setPassword(decrypted(proxy.getPassword(), problems));
                proxies.add(copy);
            }
            return result(servers, proxies, problems);
        }
    };

    private static String decrypted(String password, List<SettingsProblem> problems) {
        if (password != null && password.startsWith("{bad")) {
            problems.add(problem("Failed to decrypt password for server: master password unknown"));
            return password;
        }
        return password != null && password.startsWith("{") && password.endsWith("}")
                ? password.substring(1, password.length() - 1)
                : password;
    }

    private RemoteSettings remoteSettings() {
        return new RemoteSettings(settings, decrypter, warnings::add);
    }

    private void server(String id, String username, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(username);
        server.setPassword(password);
        settings.addServer(server);
    }

    private Proxy proxy(String id, String protocol, String host, String nonProxyHosts) {
        Proxy proxy = new Proxy();
        proxy.setId(id);
        proxy.setProtocol(protocol);
        proxy.setHost(host);
        proxy.setPort(3128);
        proxy.setNonProxyHosts(nonProxyHosts);
        settings.addProxy(proxy);
        return proxy;
    }

    @Test
    @DisplayName("a server with a username and a password sends them as Basic credentials, decrypted")
    void basicAuthorization() {
        server("tandem-remote", "ci", "{s3cret}");

        assertThat(remoteSettings().authorization("tandem-remote"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("a server with a password and no username sends it as a bearer token")
    void bearerAuthorization() {
        server("tandem-remote", null, "token-123");
        server("empty-user", "", "token-456");

        assertThat(remoteSettings().authorization("tandem-remote")).isEqualTo("Bearer token-123");
        assertThat(remoteSettings().authorization("empty-user")).isEqualTo("Bearer token-456");
    }

    @Test
    @DisplayName("a missing server, a server without a password, or no settings.xml at all is anonymous")
    void anonymous() {
        server("no-password", "ci", null);
        server("empty-password", "ci", "");

        assertThat(remoteSettings().authorization("no-such-server")).isNull();
        assertThat(remoteSettings().authorization(null)).isNull();
        assertThat(remoteSettings().authorization("no-password")).isNull();
        assertThat(remoteSettings().authorization("empty-password")).isNull();
        assertThat(new RemoteSettings(null, decrypter, warnings::add).authorization("tandem-remote"))
                .isNull();
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("a password that cannot be decrypted is warned of, naming the server, and sent as written")
    void decryptionProblem() {
        server("tandem-remote", "ci", "{bad}");

        assertThat(remoteSettings().authorization("tandem-remote"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("ci:{bad}".getBytes(StandardCharsets.UTF_8)));
        assertThat(warnings)
                .containsExactly("Tandem: settings.xml <server> 'tandem-remote': Failed to decrypt password for"
                        + " server: master password unknown");
    }

    @Test
    @DisplayName("the signing key is read from the file the signing server's <privateKey> names")
    void signingKey() throws Exception {
        Path pem = dir.resolve("signing.pem");
        byte[] der = KeyPairGenerator.getInstance("EC")
                .generateKeyPair()
                .getPrivate()
                .getEncoded();
        Files.write(
                pem,
                ("-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
                                + "\n-----END PRIVATE KEY-----\n")
                        .getBytes(StandardCharsets.US_ASCII));
        Server signing = new Server();
        signing.setId("tandem-signing");
        signing.setPrivateKey(pem.toString());
        settings.addServer(signing);

        assertThat(remoteSettings().signingKey("tandem-signing").getEncoded()).isEqualTo(der);
        assertThat(remoteSettings().signingKey(null)).isNull();
        assertThat(remoteSettings().signingKey(" ")).isNull();
    }

    @Test
    @DisplayName("a signing server that is missing or has no <privateKey> says what to add to settings.xml")
    void signingServerMissing() {
        server("no-key", "ci", "pw");
        String expected = "Tandem remoteSigningServerId '%s' names no <server> with a <privateKey> in settings.xml;"
                + " add <server><id>%s</id><privateKey>/path/to/signing.pem</privateKey></server>, or unset it to"
                + " push unsigned";

        assertThatThrownBy(() -> remoteSettings().signingKey("no-such-server"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected, "no-such-server", "no-such-server");
        assertThatThrownBy(() -> remoteSettings().signingKey("no-key")).hasMessage(expected, "no-key", "no-key");
        assertThatThrownBy(() -> new RemoteSettings(null, decrypter, warnings::add).signingKey("no-key"))
                .hasMessage(expected, "no-key", "no-key");
    }

    @Test
    @DisplayName("the first active proxy for the URL's scheme is chosen, decrypted, and set on the configuration")
    void proxyForTheRemotesHost() {
        proxy("off", "https", "off.example.com", null).setActive(false);
        proxy("plain", "http", "plain.example.com", null);
        Proxy office = proxy("office", "HTTPS", "proxy.example.com", "localhost|*.internal");
        office.setUsername("me");
        office.setPassword("{pw}");
        proxy("second", "https", "second.example.com", null);

        Proxy chosen = remoteSettings().proxyFor(URI.create("https://cache.example.com/tandem/"));

        assertThat(chosen.getId()).isEqualTo("office");
        assertThat(chosen.getPassword()).isEqualTo("pw");
        RemoteConfig.Builder config = new RemoteConfig.Builder().url("https://cache.example.com/tandem/");
        remoteSettings().proxy(config, URI.create("https://cache.example.com/tandem/"));
        RemoteConfig built = config.build();
        assertThat(built.proxy).isEqualTo(InetSocketAddress.createUnresolved("proxy.example.com", 3128));
        assertThat(built.proxyUser).isEqualTo("me");
        assertThat(built.proxyPassword).isEqualTo("pw");
    }

    @Test
    @DisplayName("a host nonProxyHosts names (| or , between names, * as a wildcard, any case) is not proxied")
    void nonProxyHosts() {
        proxy("office", "https", "proxy.example.com", "*.example.com|localhost, cache.Internal ");

        assertThat(remoteSettings().proxyFor(URI.create("https://cache.example.com/")))
                .isNull();
        assertThat(remoteSettings().proxyFor(URI.create("https://CACHE.EXAMPLE.COM/")))
                .isNull();
        assertThat(remoteSettings().proxyFor(URI.create("https://cache.internal/")))
                .isNull();
        assertThat(remoteSettings().proxyFor(URI.create("https://example.com/")))
                .as("*.example.com needs a dot before example.com")
                .isNotNull();
        assertThat(remoteSettings().proxyFor(URI.create("https://cache.example.org/")))
                .isNotNull();

        assertThat(RemoteSettings.nonProxy("*.example.com|localhost", "localhost"))
                .isTrue();
        assertThat(RemoteSettings.nonProxy("a.example.com,b.example.com", "b.example.com"))
                .isTrue();
        assertThat(RemoteSettings.nonProxy("cache.example.com", "cacheXexample.com"))
                .as("a dot is a dot")
                .isFalse();
        assertThat(RemoteSettings.nonProxy("||", "cache.example.com")).isFalse();
        assertThat(RemoteSettings.nonProxy(null, "cache.example.com")).isFalse();
        assertThat(RemoteSettings.nonProxy("*", null)).isFalse();
    }

    @Test
    @DisplayName("a remote on this machine is never proxied, whatever settings.xml says")
    void loopbackNeverProxied() {
        proxy("office", "http", "proxy.example.com", null);

        for (String url : new String[] {"http://localhost:8080/", "http://127.0.0.1/", "http://[::1]:8080/"}) {
            assertThat(remoteSettings().proxyFor(URI.create(url))).as(url).isNull();
        }
        assertThat(remoteSettings().proxyFor(URI.create("http://127.cache.example/")))
                .as("a name, not an address")
                .isNotNull();
    }

    @Test
    @DisplayName("no proxy without settings.xml, or for another scheme")
    void noProxy() {
        proxy("plain", "http", "proxy.example.com", null);

        assertThat(remoteSettings().proxyFor(URI.create("https://cache.example.com/")))
                .isNull();
        assertThat(new RemoteSettings(null, decrypter, warnings::add).proxyFor(URI.create("http://cache.example.com/")))
                .isNull();
        RemoteConfig.Builder config = new RemoteConfig.Builder().url("https://cache.example.com/");
        remoteSettings().proxy(config, URI.create("https://cache.example.com/"));
        assertThat(config.build().proxy).isNull();
    }

    @Test
    @DisplayName("credentials over plain http to another machine turn the remote off, unless allowed")
    void insecureCredentials() {
        assertThat(RemoteSettings.insecureCredentials(" http://cache.example.com/tandem ", "ci", "Basic x", false))
                .isEqualTo("Tandem remote http://cache.example.com/tandem is off: the credentials of <server> 'ci'"
                        + " would travel unencrypted over http:// to cache.example.com. Use https://, or set"
                        + " <remoteAllowInsecureCredentials>true</remoteAllowInsecureCredentials>"
                        + " (-Dtandem.remote.allowInsecureCredentials) if the network is yours.");
        assertThat(RemoteSettings.insecureCredentials("HTTP://cache.example.com/", "ci", "Bearer t", false))
                .isNotNull();
        assertThat(RemoteSettings.insecureCredentials("http://cache.example.com/", "ci", "Basic x", true))
                .as("allowed")
                .isNull();
        assertThat(RemoteSettings.insecureCredentials("https://cache.example.com/", "ci", "Basic x", false))
                .isNull();
        assertThat(RemoteSettings.insecureCredentials("http://cache.example.com/", "ci", null, false))
                .as("anonymous")
                .isNull();
        assertThat(RemoteSettings.insecureCredentials("http://127.0.0.1:8080/", "ci", "Basic x", false))
                .as("this machine")
                .isNull();
    }

    private static SettingsDecryptionResult result(
            List<Server> servers, List<Proxy> proxies, List<SettingsProblem> problems) {
        return new SettingsDecryptionResult() {
            @Override
            public Server getServer() {
                return servers.isEmpty() ? null : servers.get(0);
            }

            @Override
            public List<Server> getServers() {
                return servers;
            }

            @Override
            public Proxy getProxy() {
                return proxies.isEmpty() ? null : proxies.get(0);
            }

            @Override
            public List<Proxy> getProxies() {
                return proxies;
            }

            @Override
            public List<SettingsProblem> getProblems() {
                return problems;
            }
        };
    }

    private static SettingsProblem problem(String message) {
        return new DefaultSettingsProblem(
                message, SettingsProblem.Severity.ERROR, "server: tandem-remote", -1, -1, null);
    }
}
