package dev.tandem.maven.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tandem.cache.CacheKey;
import dev.tandem.cache.ProcessorCache;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.ChecksummedProperties;
import dev.tandem.cache.internal.ConsumerLock;
import dev.tandem.cache.internal.EntryPack;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remote tier against an in-process HTTP server that behaves like nginx with PUT, or breaks on purpose. */
class RemoteTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger puts = new AtomicInteger();
    /** What the server does instead of serving: a status to answer everything with, or -1 to hang. */
    private volatile int fault;
    /** The Location header sent with a fault's status. */
    private volatile String location;
    /** The Authorization header of every request, "" for none. */
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        Remote.forgetAll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        String path = exchange.getRequestURI().getPath();
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (fault == -2) { // headers, then a body that never comes
                exchange.sendResponseHeaders(200, 1000);
                exchange.getResponseBody().flush();
                Thread.sleep(5_000);
                exchange.close();
                return;
            }
            if (fault == -3 && !path.contains("tandem-lists")) { // 16 MiB for every entry, as fast as it goes
                exchange.sendResponseHeaders(200, 16L << 20);
                byte[] chunk = new byte[64 * 1024];
                try (java.io.OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 256; i++) {
                        out.write(chunk);
                    }
                } catch (IOException cancelled) {
                    // the client gave up on this body
                }
                return;
            }
            if (fault == -1) {
                Thread.sleep(5_000);
                exchange.close();
                return;
            }
            if (fault > 0) {
                if (location != null) {
                    exchange.getResponseHeaders().set("Location", location);
                }
                exchange.sendResponseHeaders(fault, -1);
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "PUT":
                    puts.incrementAndGet();
                    stored.put(path, body);
                    exchange.sendResponseHeaders(201, -1);
                    return;
                case "HEAD":
                    exchange.sendResponseHeaders(stored.containsKey(path) ? 200 : 404, -1);
                    return;
                default:
                    byte[] value = stored.get(path);
                    if (value == null) {
                        exchange.sendResponseHeaders(404, -1);
                    } else {
                        exchange.sendResponseHeaders(200, value.length);
                        exchange.getResponseBody().write(value);
                    }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /** The first path on the server that contains {@code part}. */
    private String storedPath(String part) {
        return stored.keySet().stream()
                .filter(p -> p.contains(part))
                .sorted()
                .findFirst()
                .orElseThrow();
    }

    private RemoteConfig.Builder config() {
        return new RemoteConfig.Builder()
                .url("http://127.0.0.1:" + server.getAddress().getPort() + "/cache")
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** A cache root at build {@code build} in which consumer "gen" stored {@code count} entries. */
    private Path builtCache(String name, int build, int count) throws IOException {
        Path root = dir.resolve(name).resolve("target/tandem");
        Files.createDirectories(root);
        Properties info = new Properties();
        info.setProperty("build", String.valueOf(build));
        ChecksummedProperties.write(new CacheLayout(root).buildInfo(), info, "test");
        ProcessorCache cache = ProcessorCache.open(root, "gen", "1", warnings::add);
        for (int i = 0; i < count; i++) {
            cache.put(key(cache, i), ("value " + i).getBytes(StandardCharsets.UTF_8), 1_000_000);
        }
        cache.close();
        return root;
    }

    private static CacheKey key(ProcessorCache cache, int i) {
        return cache.newKey().add("element " + i).build();
    }

    private RemotePush.Result push(Path root, RemoteConfig config) throws IOException {
        return new RemotePush(Remote.of(new Object(), config), config, new CacheLayout(root), warnings::add)
                .run("g:a", 1);
    }

    private RemoteFetch.Result fetch(Path root, RemoteConfig config) throws IOException {
        Files.createDirectories(root);
        return new RemoteFetch(Remote.of(new Object(), config), config, new CacheLayout(root), warnings::add)
                .run("g:a", 1);
    }

    private List<String> valuesIn(Path root, int count) {
        List<String> values = new ArrayList<>();
        ProcessorCache cache = ProcessorCache.open(root, "gen", "1", warnings::add);
        for (int i = 0; i < count; i++) {
            values.add(cache.get(key(cache, i))
                    .map(v -> new String(v, StandardCharsets.UTF_8))
                    .orElse(null));
        }
        cache.close();
        return values;
    }

    @Test
    @DisplayName("a build on another machine gets every entry the pushing build used, with the same values")
    void pushThenFetch() throws IOException {
        Path ci = builtCache("ci", 1, 20);
        RemotePush.Result pushed = push(ci, config().build());
        assertThat(pushed.pushed).isEqualTo(20);
        assertThat(pushed.listStored).isTrue();

        Path fresh = dir.resolve("elsewhere/target/tandem");
        RemoteFetch.Result fetched = fetch(fresh, config().build());
        assertThat(fetched.hits).isEqualTo(20);
        assertThat(valuesIn(fresh, 20)).containsExactlyElementsOf(valuesIn(ci, 20));
        assertThat(valuesIn(fresh, 20)).doesNotContainNull();
        assertThat(RemoteStats.describe(new CacheLayout(fresh).consumer("gen"), n -> n + " B"))
                .contains("fetched 20");
        assertThat(warnings).isEmpty();

        // a second push of the same build uploads nothing again: HEAD finds every entry
        int before = puts.get();
        RemotePush.Result again = push(ci, config().build());
        assertThat(again.pushed).isZero();
        assertThat(again.present).isEqualTo(20);
        assertThat(puts.get() - before).isEqualTo(1); // the key list only
        // a second fetch finds them all here already
        assertThat(fetch(fresh, config().build()).local).isEqualTo(20);
    }

    @Test
    @DisplayName("a server answering 500 turns the remote off after one request, with one warning")
    void serverError() throws IOException {
        fault = 500;
        RemoteFetch.Result fetched = fetch(dir.resolve("b"), config().build());
        assertThat(fetched.listFound).isFalse();
        Path ci = builtCache("ci", 1, 5);
        RemoteConfig config = config().build();
        Remote remote = Remote.of(this, config);
        int before = requests.get();
        new RemotePush(remote, config, new CacheLayout(ci), warnings::add).run("g:a", 1);
        // the requests already under way in the pool's threads end; no new one starts
        assertThat(requests.get() - before).isLessThanOrEqualTo(config.threads());
        int afterFirst = requests.get();
        new RemotePush(remote, config, new CacheLayout(ci), warnings::add).run("g:a", 1);
        assertThat(requests.get()).isEqualTo(afterFirst); // off for the rest of the build
        assertThat(remote.offReason()).contains("HTTP 500");
        assertThat(warnings).hasSize(2).allMatch(w -> w.contains("is off for the rest of this build"));
    }

    @Test
    @DisplayName("a server that accepts and never answers costs no more than the request timeout")
    void hangingServer() throws IOException {
        Path ci = builtCache("ci", 1, 3);
        fault = -1;
        long start = System.nanoTime();
        RemotePush.Result pushed = push(
                ci,
                config().timeouts(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofSeconds(30))
                        .build());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(pushed.pushed).isZero();
        assertThat(millis).isLessThan(3_000);
        assertThat(warnings).singleElement().asString().contains("got no answer within 300 ms");
    }

    @Test
    @DisplayName("a server that sends headers and then stalls the body costs no more than the request timeout")
    void stalledBody() throws IOException {
        fault = -2;
        long start = System.nanoTime();
        RemoteFetch.Result fetched = fetch(
                dir.resolve("b/t"),
                config().timeouts(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofSeconds(30))
                        .build());
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
        assertThat(fetched.listFound).isFalse();
        assertThat(warnings).singleElement().asString().contains("got no answer within 300 ms");
    }

    @Test
    @DisplayName("the budget bounds the whole build's remote time, however many requests are left")
    void budget() throws IOException {
        Path ci = builtCache("ci", 1, 3);
        fault = -1;
        long start = System.nanoTime();
        push(
                ci,
                config().timeouts(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMillis(400))
                        .build());
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
        assertThat(warnings).singleElement().asString().contains("no answer within");
    }

    @Test
    @DisplayName("401 says which server id's credentials were refused; failOnAuthError turns it into a failure")
    void refusedCredentials() throws IOException {
        fault = 401;
        RemoteConfig config =
                config().server("ci-cache", "Basic eDp5").failOnAuthError(true).build();
        Remote remote = Remote.of(this, config);
        new RemoteFetch(remote, config, new CacheLayout(Files.createDirectories(dir.resolve("r"))), warnings::add)
                .run("g:a", 1);
        assertThat(remote.authFailure()).contains("HTTP 401").contains("'ci-cache'");
        assertThat(warnings).singleElement().asString().contains("credentials of <server> 'ci-cache'");
    }

    @Test
    @DisplayName("413 skips that entry and the rest still go")
    void tooLarge() throws IOException {
        Path ci = builtCache("ci", 1, 4);
        RemotePush.Result pushed = push(ci, config().maxEntrySize(10).build());
        assertThat(pushed.tooLarge).isEqualTo(4);
        assertThat(pushed.pushed).isZero();
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("a damaged entry on the server is a miss with one warning; the others arrive")
    void damagedEntry() throws IOException {
        Path ci = builtCache("ci", 1, 6);
        push(ci, config().build());
        String victim = storedPath("/cache/gen/");
        byte[] body = stored.get(victim).clone();
        body[body.length - 1] ^= 1;
        stored.put(victim, body);
        Path fresh = dir.resolve("b/target/tandem");
        RemoteFetch.Result fetched = fetch(fresh, config().build());
        assertThat(fetched.hits).isEqualTo(5);
        assertThat(fetched.bad).isEqualTo(1);
        assertThat(warnings).singleElement().asString().contains("does not match its checksum");
        assertThat(valuesIn(fresh, 6)).containsOnlyOnce((String) null);
    }

    @Test
    @DisplayName("CI's next push replaces an entry its fetch refused, instead of finding it there")
    void refusedEntryReplaced() throws IOException {
        Path ci = builtCache("ci", 1, 3);
        push(ci, config().build());
        String victim = storedPath("/cache/gen/");
        stored.put(victim, "damaged".getBytes(StandardCharsets.UTF_8));
        // the next CI job: fetches (one refused), recomputes what missed, pushes
        RemoteConfig config = config().build();
        Remote remote = Remote.of(this, config);
        Path next = dir.resolve("next/target/tandem");
        Files.createDirectories(next);
        Properties info = new Properties();
        info.setProperty("build", "1");
        ChecksummedProperties.write(new CacheLayout(next).buildInfo(), info, "test");
        new RemoteFetch(remote, config, new CacheLayout(next), warnings::add).run("g:a", 1);
        ProcessorCache cache = ProcessorCache.open(next, "gen", "1", warnings::add);
        for (int i = 0; i < 3; i++) {
            int n = i;
            cache.computeIfAbsent(key(cache, i), () -> ("value " + n).getBytes(StandardCharsets.UTF_8));
        }
        cache.close();
        RemotePush.Result pushed = new RemotePush(remote, config, new CacheLayout(next), warnings::add).run("g:a", 1);
        assertThat(pushed.pushed).isEqualTo(1);
        assertThat(pushed.present).isEqualTo(2);
        warnings.clear();
        assertThat(fetch(dir.resolve("third/t"), config().build()).hits).isEqualTo(3);
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("with a public key set, an unsigned key list, or one signed by another key, fetches nothing; under a"
            + " signed list, unsigned entries are misses")
    void signatures() throws Exception {
        KeyPair ci = KeyPairGenerator.getInstance("EC").generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance("EC").generateKeyPair();
        Path built = builtCache("ci", 1, 3);
        push(built, config().keys(null, ci.getPrivate()).build());
        assertThat(fetch(dir.resolve("b/t"), config().keys(ci.getPublic(), null).build()).hits)
                .isEqualTo(3);
        assertThat(fetch(dir.resolve("b2/t"), config().build()).hits)
                .as("a signed list reads without a key too")
                .isEqualTo(3);
        String list = storedPath("tandem-lists");
        byte[] signedList = stored.get(list);

        requests.set(0);
        RemoteFetch.Result otherKey =
                fetch(dir.resolve("c/t"), config().keys(other.getPublic(), null).build());
        assertThat(otherKey.hits + otherKey.bad).isZero();
        assertThat(requests.get()).as("the list only: no entry is asked for").isEqualTo(1);
        assertThat(otherKey.listRefused).isEqualTo("not signed by the key remotePublicKey names");
        assertThat(warnings).singleElement().asString().contains("key list of g:a", "not signed by the key");

        byte[] tampered = signedList.clone(); // a consumer id's byte changed, the list's own SHA-256 made anew:
        tampered[12] ^= 1; // only the signature can tell
        int signatureLength = ((tampered[tampered.length - 2] & 0xff) << 8) | (tampered[tampered.length - 1] & 0xff);
        int end = tampered.length - 2 - signatureLength;
        java.security.MessageDigest sha = dev.tandem.cache.internal.Sha256.newDigest();
        sha.update(tampered, 0, end - 32);
        System.arraycopy(sha.digest(), 0, tampered, end - 32, 32);
        stored.put(list, tampered);
        assertThat(fetch(
                                dir.resolve("c2/t"),
                                config().keys(ci.getPublic(), null).build())
                        .listRefused)
                .isEqualTo("not signed by the key remotePublicKey names");

        stored.clear();
        warnings.clear();
        push(built, config().build()); // unsigned: list and entries
        RemoteFetch.Result unsigned =
                fetch(dir.resolve("d/t"), config().keys(ci.getPublic(), null).build());
        assertThat(unsigned.hits + unsigned.bad).isZero();
        assertThat(unsigned.listRefused).startsWith("not signed, and remotePublicKey is set");

        warnings.clear();
        stored.put(list, signedList); // CI's signed list over entries someone else wrote unsigned
        assertThat(fetch(dir.resolve("e/t"), config().keys(ci.getPublic(), null).build()).bad)
                .isEqualTo(3);
        assertThat(warnings).singleElement().asString().contains("not signed");
    }

    @Test
    @DisplayName("push signs with its own key even when prepare, without one, opened the build's remote")
    void pushSignsAfterPrepare() throws Exception {
        KeyPair ci = KeyPairGenerator.getInstance("EC").generateKeyPair();
        Path built = builtCache("ci", 1, 2);
        RemoteConfig prepare = config().build();
        Remote remote = Remote.of(this, prepare);
        new RemoteFetch(remote, prepare, new CacheLayout(built), warnings::add).run("g:a", 1);
        RemoteConfig push = config().keys(null, ci.getPrivate()).build();
        assertThat(Remote.of(this, push)).isSameAs(remote); // one remote per build: one budget, one switch
        new RemotePush(remote, push, new CacheLayout(built), warnings::add).run("g:a", 1);
        assertThat(fetch(dir.resolve("b/t"), config().keys(ci.getPublic(), null).build()).hits)
                .isEqualTo(2);
    }

    @Test
    @DisplayName("a signed entry: every byte changed, and every cut, is refused")
    void everyDamageRefused() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
        byte[] digest = new byte[32];
        new Random(7).nextBytes(digest);
        byte[] entry =
                RemoteEntry.encode("gen", digest, 5, "the value".getBytes(StandardCharsets.UTF_8), keys.getPrivate());
        assertThat(RemoteEntry.decode(entry, "gen", digest, keys.getPublic()).value())
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("the value");
        for (int i = 0; i < entry.length; i++) {
            byte[] damaged = entry.clone();
            damaged[i] ^= 0x40;
            assertThatThrownBy(() -> RemoteEntry.decode(damaged, "gen", digest, keys.getPublic()))
                    .isInstanceOf(RemoteEntry.BadEntry.class);
            byte[] cut = java.util.Arrays.copyOf(entry, i);
            assertThatThrownBy(() -> RemoteEntry.decode(cut, "gen", digest, keys.getPublic()))
                    .isInstanceOf(RemoteEntry.BadEntry.class);
        }
        byte[] otherKey = digest.clone();
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> RemoteEntry.decode(entry, "gen", otherKey, keys.getPublic()))
                .hasMessageContaining("another key");
        assertThatThrownBy(() -> RemoteEntry.decode(entry, "gen2", digest, keys.getPublic()))
                .hasMessageContaining("another consumer");
    }

    @Test
    @DisplayName("an entry larger than remoteMaxEntrySize is not downloaded whole: a miss with one warning")
    void oversizedEntry() throws IOException {
        Path ci = builtCache("ci", 1, 2);
        push(ci, config().build());
        stored.put(storedPath("/cache/gen/"), new byte[1 << 20]);
        RemoteFetch.Result fetched =
                fetch(dir.resolve("b/t"), config().maxEntrySize(64 * 1024).build());
        assertThat(fetched.hits).isEqualTo(1);
        assertThat(fetched.bad).isEqualTo(1);
        assertThat(warnings).singleElement().asString().contains("larger than remoteMaxEntrySize");
    }

    @Test
    @DisplayName("a consumer folder that is a link: nothing is fetched through it, nothing lands outside the cache")
    void linkedConsumerFolder() throws IOException {
        Path ci = builtCache("ci", 1, 2);
        push(ci, config().build());
        Path fresh = dir.resolve("b/target/tandem");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(fresh.resolve("consumers"));
        Files.createSymbolicLink(fresh.resolve("consumers/gen"), outside);
        RemoteFetch.Result fetched = fetch(fresh, config().build());
        assertThat(fetched.hits).isZero();
        try (java.util.stream.Stream<Path> written = Files.list(outside)) {
            assertThat(written).isEmpty();
        }
        assertThat(warnings).singleElement().asString().contains("is a symbolic link");
    }

    @Test
    @DisplayName("a damaged key list fetches nothing and says so once")
    void damagedList() throws Exception {
        Path ci = builtCache("ci", 1, 2);
        push(ci, config().build());
        String list = storedPath("tandem-lists");
        stored.put(list, "garbage".getBytes(StandardCharsets.UTF_8));
        RemoteFetch.Result fetched = fetch(dir.resolve("b/t"), config().build());
        assertThat(fetched.hits).isZero();
        assertThat(fetched.listRefused)
                .as("the summary says damaged, not 'no key list yet'")
                .isEqualTo("damaged");
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("key list of g:a")
                .contains("damaged");
        assertThat(KeyList.decode(new byte[0], null)).isNull();
    }

    @Test
    @DisplayName("a redirect to another server never carries the credentials there: not followed over http, and an"
            + " upload follows none")
    void redirectElsewhere() throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        other.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        other.start();
        try {
            String elsewhere = "http://127.0.0.1:" + other.getAddress().getPort() + "/s3/entry";
            fault = 302;
            location = elsewhere;
            RemoteConfig config =
                    config().server("ci-cache", "Basic Y2k6c2VjcmV0").build();
            RemoteFetch.Result fetched = fetch(dir.resolve("b"), config);
            assertThat(fetched.listFound).isFalse();
            assertThat(seen).isEmpty();
            assertThat(warnings)
                    .singleElement()
                    .asString()
                    .contains("answered HTTP 302, a redirect to " + elsewhere)
                    .contains("followed only to https");

            warnings.clear();
            Remote.forgetAll();
            fault = 0;
            server.removeContext("/");
            server.createContext("/", exchange -> {
                if (exchange.getRequestMethod().equals("PUT")) { // HEAD finds nothing; the upload is redirected
                    exchange.getResponseHeaders().set("Location", elsewhere.replace("http:", "https:"));
                    exchange.sendResponseHeaders(307, -1);
                    exchange.close();
                } else {
                    handle(exchange);
                }
            });
            push(builtCache("ci", 1, 3), config);
            assertThat(seen).isEmpty();
            assertThat(warnings).singleElement().asString().contains("an upload never follows a redirect");
        } finally {
            other.stop(0);
        }
    }

    @Test
    @DisplayName("a redirect within the configured server is followed, with the credentials; a loop ends in a warning")
    void redirectWithinServer() throws IOException {
        Path ci = builtCache("ci", 1, 2);
        RemoteConfig config = config().server("ci-cache", "Basic Y2k6c2VjcmV0").build();
        push(ci, config);
        String list = "/cache/" + KeyList.path(RemoteConfig.Layout.SUBDIRS, "g:a");
        byte[] body = stored.remove(list);
        stored.put(list + ".moved", body);
        Remote.forgetAll();
        // the key list answers 301 to where it now is: same scheme, host and port
        HttpServer same = server;
        same.removeContext("/");
        same.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals(list)) {
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.getResponseHeaders().set("Location", list + ".moved");
                exchange.sendResponseHeaders(301, -1);
                exchange.close();
            } else {
                handle(exchange);
            }
        });
        authorizations.clear();
        RemoteFetch.Result fetched = fetch(dir.resolve("b/target/tandem"), config);
        assertThat(fetched.listFound).isTrue();
        assertThat(fetched.hits).isEqualTo(2);
        assertThat(authorizations).isNotEmpty().allMatch("Basic Y2k6c2VjcmV0"::equals);
        assertThat(warnings).isEmpty();

        Remote.forgetAll();
        fault = 302;
        location = "/cache/loop";
        fetch(dir.resolve("c"), config);
        assertThat(warnings).singleElement().asString().contains("the 6th redirect in a row");
    }

    @Test
    @DisplayName("a redirect to a Location that is no http URL turns the remote off with a warning, never an exception")
    void oddLocations() throws IOException {
        for (String odd : new String[] {"https:///no-host", "https:opaque", "file:///etc/passwd", "::not a uri::"}) {
            Remote.forgetAll();
            warnings.clear();
            fault = 302;
            location = odd;
            RemoteFetch.Result fetched = fetch(dir.resolve("odd" + warnings.size() + odd.length()), config().build());
            assertThat(fetched.listFound).as(odd).isFalse();
            assertThat(warnings).as(odd).singleElement().asString().contains("answered HTTP 302, a redirect to");
        }
    }

    @Test
    @DisplayName("a loopback remote is never proxied, not even by the JVM's own proxy selector (-Dhttp.proxyHost)")
    void loopbackNeverProxied() throws IOException {
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> proxied = Collections.synchronizedList(new ArrayList<>());
        proxy.createContext("/", exchange -> {
            proxied.add(exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        proxy.start();
        ProxySelector before = ProxySelector.getDefault();
        ProxySelector.setDefault(ProxySelector.of(proxy.getAddress()));
        try {
            push(
                    builtCache("ci", 1, 2),
                    config().server("ci-cache", "Basic Y2k6c2VjcmV0").build());
            assertThat(puts.get()).isEqualTo(3);
            assertThat(proxied).isEmpty();
        } finally {
            ProxySelector.setDefault(before);
            proxy.stop(0);
        }
    }

    @Test
    @DisplayName("a password that cannot be an HTTP header turns the remote off with a warning that never shows it")
    void unsendablePassword() throws IOException {
        RemoteConfig config =
                config().server("ci-cache", "Bearer S3CRET\nTOKEN").build();
        RemoteFetch.Result fetched = fetch(dir.resolve("b"), config);
        assertThat(fetched.listFound).isFalse();
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("credentials of <server> 'ci-cache' in settings.xml cannot be sent")
                .doesNotContain("S3CRET");
        assertThat(requests.get()).isZero();
    }

    @Test
    @DisplayName("fetched entries that cannot be stored (a FIFO at entries.lock) are misses, told in one warning")
    void unstorableEntriesWarn() throws Exception {
        push(builtCache("ci", 1, 3), config().build());
        Path fresh = dir.resolve("fresh/target/tandem");
        Path folder = new CacheLayout(fresh).consumer("gen");
        Files.createDirectories(folder);
        EntryPack.open(CacheLayout.pack(folder)).close(); // a pack with no entry yet
        Files.deleteIfExists(CacheLayout.lock(folder));
        ConsumerLock.closeChannel(CacheLayout.lock(folder)); // as in a new build's JVM
        assumeTrue(new ProcessBuilder("mkfifo", CacheLayout.lock(folder).toString())
                        .start()
                        .waitFor()
                == 0);
        RemoteFetch.Result fetched = fetch(fresh, config().build());
        assertThat(fetched.hits).isZero();
        assertThat(fetched.misses).isEqualTo(3);
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("could not be stored in " + fresh)
                .contains("not a regular file");
    }

    @Test
    @DisplayName("a host with no address: one warning naming the host, not a bare ConnectException")
    void unknownHost() throws IOException {
        RemoteConfig unknown =
                config().url("http://tandem-no-such-host.invalid/cache/").build();
        RemoteFetch.Result fetched = fetch(dir.resolve("b/t"), unknown);
        assertThat(fetched.hits).isZero();
        assertThat(warnings).singleElement().asString().contains("the host tandem-no-such-host.invalid has no address");
    }

    @Test
    @DisplayName("a key listed twice is fetched once and counted once, never as already here")
    void duplicateKeysInAList() throws Exception {
        push(builtCache("ci", 1, 2), config().build());
        String list = storedPath("tandem-lists");
        Map<String, List<byte[]>> keys = KeyList.decode(stored.get(list), null);
        for (List<byte[]> digests : keys.values()) {
            digests.addAll(new ArrayList<>(digests));
        }
        stored.put(list, KeyList.encode(keys, null));
        requests.set(0);
        RemoteFetch.Result fetched = fetch(dir.resolve("b/t"), config().build());
        assertThat(fetched.hits).isEqualTo(2);
        assertThat(fetched.local).as("already here").isZero();
        assertThat(fetched.listed).isEqualTo(2);
        assertThat(requests.get()).as("the list and each entry once").isEqualTo(3);
    }

    @Test
    @DisplayName("a key list naming thousands of consumers fetches at most 64 and makes no folder for an entry it"
            + " did not get")
    void hostileKeyList() throws IOException {
        Map<String, List<byte[]>> keys = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 3_000; i++) {
            keys.put(String.format("c%05d", i), List.of(new byte[EntryPack.DIGEST_SIZE]));
        }
        stored.put("/cache/" + KeyList.path(RemoteConfig.Layout.SUBDIRS, "g:a"), KeyList.encode(keys, null));
        Path fresh = dir.resolve("fresh/target/tandem");
        RemoteFetch.Result fetched = fetch(fresh, config().build());
        assertThat(fetched.hits).isZero();
        assertThat(fetched.misses).isEqualTo(RemoteFetch.MAX_CONSUMERS);
        assertThat(requests.get()).isEqualTo(1 + RemoteFetch.MAX_CONSUMERS);
        assertThat(fresh.resolve("consumers")).doesNotExist();
        assertThat(warnings).singleElement().asString().contains("names 3000 consumers; only the first 64");
    }

    @Test
    @DisplayName("a server sending 16 MiB for every entry: the bytes held at once stay within the budget, the rest"
            + " are misses, told once")
    void hugeBodiesBounded() throws IOException {
        push(builtCache("ci", 1, 24), config().build());
        Remote.forgetAll();
        fault = -3;
        RemoteFetch.Result fetched = fetch(dir.resolve("fresh/target/tandem"), config().build());
        assertThat(fetched.hits).isZero();
        assertThat(fetched.bad + fetched.misses).isEqualTo(24);
        assertThat(fetched.bad)
                .as("bodies that fit the budget are read, and fail their check")
                .isBetween(1L, 23L);
        assertThat(warnings).anyMatch(w -> w.contains("the bytes held at once for downloads were spent"));
    }

    @Test
    @DisplayName("loopback is an address, never a name that looks like one; credentials in the URL are refused")
    void loopbackAndUserInfo() {
        assertThat(RemoteConfig.isLoopback("127.0.0.1")).isTrue();
        assertThat(RemoteConfig.isLoopback("127.9.8.7")).isTrue();
        assertThat(RemoteConfig.isLoopback("localhost")).isTrue();
        assertThat(RemoteConfig.isLoopback("[::1]")).isTrue();
        assertThat(RemoteConfig.isLoopback("[0:0:0:0:0:0:0:1]")).isTrue();
        assertThat(RemoteConfig.isLoopback("127.cache.example")).isFalse();
        assertThat(RemoteConfig.isLoopback("127.0.0.1.nip.io")).isFalse();
        assertThat(RemoteConfig.isLoopback("127.0.0.256")).isFalse();
        assertThat(RemoteConfig.isLoopback("localhost.example.com")).isFalse();
        assertThat(RemoteConfig.isLoopback("[::2]")).isFalse();
        assertThat(RemoteConfig.isLoopback("[::ffff:7f00:1]")).isFalse(); // IPv4-mapped: no proxy selector agrees
        assertThat(RemoteConfig.isLoopback("[::ffff:127.0.0.1]")).isFalse();
        for (String password : new String[] {"TOP#SECRET", "TOP/SECRET", "TOP?SECRET", "TOP@SECRET", "TOP SECRET"}) {
            assertThatThrownBy(() -> new RemoteConfig.Builder().url("http://ci:" + password + "@cache.example.com/"))
                    .as(password)
                    .hasMessageNotContaining("SECRET");
        }
        assertThatThrownBy(() -> new RemoteConfig.Builder().url("https://ci:hunter2@cache.example.com/t/"))
                .hasMessageContaining("https://***@cache.example.com/t/")
                .hasMessageContaining("carries credentials")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> new RemoteConfig.Builder().url("ftp://ci:hunter2@cache.example.com/"))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    @DisplayName("keys: bad URLs and layouts are refused with a one-line message naming the fix")
    void configuration() {
        assertThatThrownBy(() -> new RemoteConfig.Builder().url("ftp://host/x"))
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> RemoteConfig.Layout.parse("flat")).hasMessageContaining("subdirs");
        assertThat(RemoteEntry.path(RemoteConfig.Layout.BAZEL, "gen", new byte[32]))
                .matches("ac/[0-9a-f]{64}");
        assertThat(RemoteEntry.path(RemoteConfig.Layout.SUBDIRS, "gen", new byte[32]))
                .isEqualTo("gen/00/" + "0".repeat(64));
        assertThat(RemoteConfig.isLoopback("127.0.0.1")).isTrue();
        assertThat(RemoteConfig.isLoopback("[::1]")).isTrue();
        assertThat(RemoteConfig.isLoopback("cache.example.com")).isFalse();
    }
}
