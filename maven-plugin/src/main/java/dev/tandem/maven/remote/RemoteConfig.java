package dev.tandem.maven.remote;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;

/** Where the remote is and how to talk to it: built by a Mojo from its parameters and settings.xml. */
public final class RemoteConfig {
    /** How entries are named on the server. */
    public enum Layout {
        /** {@code {url}/{consumer}/{key[0:2]}/{key}}, as ccache's {@code subdirs}: nginx, Nexus, Artifactory. */
        SUBDIRS,
        /** {@code {url}/ac/{sha256}}: bazel-remote started with {@code --disable_http_ac_validation}. */
        BAZEL;

        public static Layout parse(String name) {
            for (Layout layout : values()) {
                if (layout.name().equalsIgnoreCase(name.trim())) {
                    return layout;
                }
            }
            throw new IllegalArgumentException("Tandem remoteLayout '" + name + "' is unknown: use subdirs (nginx,"
                    + " Nexus, Artifactory) or bazel (bazel-remote)");
        }
    }

    final URI url;
    final Layout layout;
    final String serverId;
    /** The Authorization header's value, or null to send none. */
    final String authorization;

    final InetSocketAddress proxy;
    final String proxyUser;
    final String proxyPassword;
    final Duration connectTimeout;
    final Duration timeout;
    final Duration budget;
    final long maxEntrySize;
    final int threads;
    final boolean failOnAuthError;
    final PublicKey publicKey;
    final PrivateKey signingKey;

    private RemoteConfig(Builder b) {
        this.url = b.url;
        this.layout = b.layout;
        this.serverId = b.serverId;
        this.authorization = b.authorization;
        this.proxy = b.proxy;
        this.proxyUser = b.proxyUser;
        this.proxyPassword = b.proxyPassword;
        this.connectTimeout = b.connectTimeout;
        this.timeout = b.timeout;
        this.budget = b.budget;
        this.maxEntrySize = b.maxEntrySize;
        this.threads = b.threads;
        this.failOnAuthError = b.failOnAuthError;
        this.publicKey = b.publicKey;
        this.signingKey = b.signingKey;
    }

    public URI url() {
        return url;
    }

    public Layout layout() {
        return layout;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    public long maxEntrySize() {
        return maxEntrySize;
    }

    public int threads() {
        return threads;
    }

    /** The URL of a path below the remote's. */
    URI resolve(String path) {
        return url.resolve(path);
    }

    /** What makes two configurations share one HTTP client and one budget in a build. */
    String identity() {
        return url + "|" + proxy + "|" + connectTimeout;
    }

    /**
     * Whether {@code host} is this machine, where plain HTTP exposes nothing: {@code localhost}, an IPv4 literal in
     * 127.0.0.0/8, or the IPv6 loopback literal. A name is never resolved: {@code 127.cache.example} is a name.
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (h.matches("127(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}")) {
            return true;
        }
        if (h.indexOf(':') >= 0 && h.matches("[0-9A-Fa-f:]+")) {
            try {
                // an IPv6 literal: parsed, never looked up; an IPv4-mapped one (::ffff:7f00:1) is not [::1], and a
                // proxy selector would not take it for loopback either
                InetAddress address = InetAddress.getByName(h);
                return address instanceof Inet6Address && address.isLoopbackAddress();
            } catch (UnknownHostException notAnAddress) {
                return false;
            }
        }
        return false;
    }

    /** Whether {@code other} is on the configured server: the same scheme, host and port. */
    boolean sameOrigin(URI other) {
        return url.getScheme().equalsIgnoreCase(other.getScheme())
                && url.getHost().equalsIgnoreCase(String.valueOf(other.getHost()))
                && port(url) == port(other);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * {@code url} with any credentials in it replaced by {@code ***}, for messages: everything between {@code //} and
     * the last {@code @}, since a password may hold {@code / ? # @} (too much is masked when a path holds an @).
     */
    public static String masked(String url) {
        if (url == null) {
            return null;
        }
        int authority = url.indexOf("//");
        int at = url.lastIndexOf('@');
        return authority >= 0 && at > authority ? url.substring(0, authority + 2) + "***" + url.substring(at) : url;
    }

    public static final class Builder {
        private URI url;
        private Layout layout = Layout.SUBDIRS;
        private String serverId;
        private String authorization;
        private InetSocketAddress proxy;
        private String proxyUser;
        private String proxyPassword;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration timeout = Duration.ofSeconds(10);
        private Duration budget = Duration.ofSeconds(60);
        private long maxEntrySize = 16L * 1024 * 1024;
        private int threads = 16;
        private boolean failOnAuthError;
        private PublicKey publicKey;
        private PrivateKey signingKey;

        /** The remote's URL; a trailing slash is added, so entries go below it. */
        public Builder url(String url) {
            URI parsed;
            String shown = masked(url.trim());
            try {
                parsed = URI.create(url.trim().endsWith("/") ? url.trim() : url.trim() + "/");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "Tandem remoteUrl '" + shown + "' is not a URL: " + masked(e.getMessage()));
            }
            if (!"http".equalsIgnoreCase(parsed.getScheme()) && !"https".equalsIgnoreCase(parsed.getScheme())
                    || parsed.getHost() == null) {
                throw new IllegalArgumentException("Tandem remoteUrl '" + shown + "' must be an http:// or https://"
                        + " URL with a host, e.g. https://cache.example.com/tandem/");
            }
            if (parsed.getRawUserInfo() != null) {
                throw new IllegalArgumentException("Tandem remoteUrl '" + shown + "' carries credentials: put them"
                        + " in a <server> of settings.xml and name its id in remoteServerId, never in the URL");
            }
            this.url = parsed;
            return this;
        }

        public Builder layout(Layout layout) {
            this.layout = layout;
            return this;
        }

        public Builder server(String serverId, String authorization) {
            this.serverId = serverId;
            this.authorization = authorization;
            return this;
        }

        public Builder proxy(InetSocketAddress proxy, String user, String password) {
            this.proxy = proxy;
            this.proxyUser = user;
            this.proxyPassword = password;
            return this;
        }

        public Builder timeouts(Duration connect, Duration request, Duration budget) {
            this.connectTimeout = positive(connect, "remoteConnectTimeout");
            this.timeout = positive(request, "remoteTimeout");
            this.budget = positive(budget, "remoteBudget");
            return this;
        }

        public Builder maxEntrySize(long bytes) {
            this.maxEntrySize = bytes;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = Math.max(1, threads);
            return this;
        }

        public Builder failOnAuthError(boolean fail) {
            this.failOnAuthError = fail;
            return this;
        }

        public Builder keys(PublicKey publicKey, PrivateKey signingKey) {
            this.publicKey = publicKey;
            this.signingKey = signingKey;
            return this;
        }

        private static Duration positive(Duration d, String name) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Tandem " + name + " must be more than 0 ms");
            }
            return d;
        }

        public RemoteConfig build() {
            return new RemoteConfig(this);
        }
    }
}
