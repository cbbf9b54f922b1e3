package dev.tandem.maven.remote;

import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The remote of one build: one HTTP client for every module, one time budget, and one switch. The first error or
 * timeout turns the remote off for the rest of the build with one warning; so does a spent budget. Nothing here
 * throws at a caller: a request that cannot be made is a miss, an upload that cannot be made is skipped.
 */
public final class Remote {
    /** Per build (the execution request, shared by every module's session, even under -T), per configuration. */
    private static final Map<Object, ConcurrentMap<String, Remote>> BUILDS = new WeakHashMap<>();

    private final RemoteConfig config;
    private final HttpClient client;
    private final AtomicReference<String> off = new AtomicReference<>();
    private final AtomicReference<String> authFailure = new AtomicReference<>();
    /** Response bytes the build holds at once, downloading or being checked: 32 MiB, or one largest entry. */
    private final Semaphore inFlight;
    /** Whether a body was skipped because {@link #inFlight} was spent (told once, by the fetch). */
    private final AtomicBoolean busy = new AtomicBoolean();
    /** What modules of this build have told of this remote already (see {@link #firstToTell}). */
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    private final AtomicLong spentNanos = new AtomicLong();
    /** Entries this build saw on the server (fetched or found by HEAD), so a push does not ask again. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    /** Entries this build fetched and refused: a push replaces them instead of finding them there. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    Remote(RemoteConfig config) {
        this.config = config;
        this.inFlight = new Semaphore((int) Math.min(Integer.MAX_VALUE, Math.max(IN_FLIGHT, config.maxEntrySize + 1)));
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade: plain caches (nginx) answer HTTP/1.1
                .connectTimeout(config.connectTimeout)
                // redirects are followed by hand (send): credentials go to the configured server and nowhere else
                .followRedirects(HttpClient.Redirect.NEVER);
        if (config.proxy == null && RemoteConfig.isLoopback(config.url.getHost())) {
            // never proxied, not even by the JVM's own http.proxyHost: plain http to this machine stays on it
            builder.proxy(HttpClient.Builder.NO_PROXY);
        } else if (config.proxy != null) {
            builder.proxy(ProxySelector.of(config.proxy));
            if (config.proxyUser != null) {
                String user = config.proxyUser;
                char[] password = config.proxyPassword == null ? new char[0] : config.proxyPassword.toCharArray();
                builder.authenticator(new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return getRequestorType() == RequestorType.PROXY
                                ? new PasswordAuthentication(user, password)
                                : null;
                    }
                });
            }
        }
        this.client = builder.build();
    }

    /** The remote of this build for this configuration: made at the first module that asks. */
    public static Remote of(Object build, RemoteConfig config) {
        ConcurrentMap<String, Remote> remotes;
        synchronized (BUILDS) {
            remotes = BUILDS.computeIfAbsent(build, b -> new ConcurrentHashMap<>());
        }
        return remotes.computeIfAbsent(config.identity() + "|" + config.authorization, id -> new Remote(config));
    }

    /** True the first time a module of this build tells {@code what}: what is said once per build. */
    public boolean firstToTell(String what) {
        return told.add(what);
    }

    /** Why the remote is off for the rest of this build, or null while it is on. */
    public String offReason() {
        return off.get();
    }

    /** A refused credential when {@code remoteFailOnAuthError} asks the build to fail on it, else null. */
    public String authFailure() {
        return authFailure.get();
    }

    /** Marks an entry as present on the server. */
    public void know(String path) {
        known.add(path);
    }

    public boolean knows(String path) {
        return known.contains(path);
    }

    /** Marks an entry on the server as failing its check, so a push of this build uploads it again. */
    public void refuse(String path) {
        refused.add(path);
    }

    public boolean refused(String path) {
        return refused.contains(path);
    }

    /** Starts a stretch of remote work; its wall time counts against the build's budget when it ends. */
    public Phase begin(Consumer<String> warnings) {
        return new Phase(warnings);
    }

    /** Turns the remote off for the rest of the build; only the first reason is told. */
    void turnOff(String why, Consumer<String> warnings) {
        if (off.compareAndSet(null, why)) {
            warnings.accept("Tandem remote " + shown(config.url) + " is off for the rest of this build: " + why
                    + ". The build goes on with the local cache; its output is unaffected.");
        }
    }

    /** A URL as messages show it: without credentials. */
    /** What went wrong, for a warning: the JDK says a bare ConnectException when the host has no address. */
    static String failure(Throwable cause, URI uri) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException
                    || t instanceof java.net.UnknownHostException) {
                return "the host " + uri.getHost() + " has no address: check the host name, or the network's DNS";
            }
        }
        return String.valueOf(cause);
    }

    static String shown(URI uri) {
        return RemoteConfig.masked(uri.toString());
    }

    /** What {@link Phase#get} returns for a body larger than its limit: compared by identity. */
    public static final byte[] OVERSIZED = new byte[0];

    /** Response bytes held at once, at least: bounds what downloads cost in memory, whatever the servers send. */
    static final long IN_FLIGHT = 32L << 20;

    /** Whether some body was skipped this build because the bytes held at once were spent. */
    public boolean wasBusy() {
        return busy.get();
    }

    /** A downloaded body, holding its bytes' share of the build's budget until closed. */
    public static final class Download implements AutoCloseable {
        private final byte[] bytes;
        private final LimitedBody held;

        Download(byte[] bytes, LimitedBody held) {
            this.bytes = bytes;
            this.held = held;
        }

        /** The body; {@link #OVERSIZED} when it passed the limit. */
        public byte[] bytes() {
            return bytes;
        }

        @Override
        public void close() {
            if (held != null) {
                held.release();
            }
        }
    }

    /** How many redirects a GET or HEAD follows. */
    static final int MAX_REDIRECTS = 5;

    /** A status, a body and, for a redirect, where to. */
    private static final class Answer {
        final int status;
        final byte[] body;
        final String location;
        /** What holds the body's bytes in the budget; null when nothing does. */
        final LimitedBody held;

        Answer(int status, byte[] body, String location, LimitedBody held) {
            this.status = status;
            this.body = body;
            this.location = location;
            this.held = held;
        }

        void release() {
            if (held != null) {
                held.release();
            }
        }

        boolean redirect() {
            return (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                    && location != null;
        }
    }

    /** What a PUT did. */
    public enum Put {
        STORED,
        TOO_LARGE,
        FAILED
    }

    /** One module's remote work, within what is left of the build's budget. */
    public final class Phase implements AutoCloseable {
        private final Consumer<String> warnings;
        private final long start = System.nanoTime();
        private final long deadline;

        Phase(Consumer<String> warnings) {
            this.warnings = warnings;
            this.deadline = start + config.budget.toNanos() - spentNanos.get();
        }

        /** Nanoseconds left of the budget. */
        public long remainingNanos() {
            return deadline - System.nanoTime();
        }

        public boolean isOff() {
            return off.get() != null;
        }

        /**
         * The body at {@code path}, to be closed when read, or null: 404, the build's bytes held at once are spent
         * ({@link #wasBusy}), or the remote is off (then it was told why once); its bytes are {@link #OVERSIZED}
         * when the body passed {@code limit} bytes (the download stops there).
         */
        public Download get(String path, long limit) {
            Answer response = send("GET", path, null, limit);
            if (response == null) {
                return null;
            }
            int status = response.status;
            if (status == 200) {
                return new Download(response.body, response.held);
            }
            response.release();
            if (status != 404) {
                fail("GET", path, status);
            }
            return null;
        }

        /** Whether the server has {@code path}; null when the remote is off. */
        public Boolean head(String path) {
            Answer response = send("HEAD", path, null, 0);
            if (response == null) {
                return null;
            }
            response.release();
            int status = response.status;
            if (status == 200) {
                return true;
            }
            if (status == 404) {
                return false;
            }
            fail("HEAD", path, status);
            return null;
        }

        /** Uploads {@code body}; any 2xx is stored, 413 means too large for the server (not an error). */
        public Put put(String path, byte[] body) {
            Answer response = send("PUT", path, body, 64 * 1024);
            if (response == null) {
                return Put.FAILED;
            }
            response.release();
            int status = response.status;
            if (status >= 200 && status < 300) {
                return Put.STORED;
            }
            if (status == 413) {
                return Put.TOO_LARGE;
            }
            fail("PUT", path, status);
            return Put.FAILED;
        }

        /**
         * One request and the redirects it is given: a GET or HEAD follows up to {@link #MAX_REDIRECTS} of them,
         * carrying the credentials only while on the configured server (scheme, host and port) and leaving it only
         * for https; a PUT follows none, so an entry's body goes to the configured server or nowhere. A redirect not
         * followed turns the remote off with a warning naming where it led.
         */
        private Answer send(String method, String path, byte[] body, long limit) {
            URI uri = config.resolve(path);
            for (int hop = 0; ; hop++) {
                boolean origin = config.sameOrigin(uri);
                Answer answer = exchange(method, uri, origin, body, limit);
                if (answer == null || !answer.redirect()) {
                    return answer;
                }
                answer.release();
                URI next;
                try {
                    next = uri.resolve(answer.location.trim());
                } catch (IllegalArgumentException e) {
                    next = null;
                }
                String what = method + " " + shown(uri) + " answered HTTP " + answer.status + ", a redirect to "
                        + (next == null ? "'" + RemoteConfig.masked(answer.location) + "'" : shown(next));
                if (body != null) {
                    turnOff(
                            what + ": an upload never follows a redirect; set remoteUrl to the server that stores"
                                    + " the entries",
                            warnings);
                    return null;
                }
                if (next == null
                        || next.getHost() == null
                        || !config.sameOrigin(next) && !"https".equalsIgnoreCase(next.getScheme())) {
                    turnOff(
                            what + ": a redirect off " + shown(config.url) + " is followed only to https (and"
                                    + " without credentials)",
                            warnings);
                    return null;
                }
                if (hop == MAX_REDIRECTS) {
                    turnOff(what + ", the " + (MAX_REDIRECTS + 1) + "th redirect in a row", warnings);
                    return null;
                }
                uri = next;
            }
        }

        /**
         * One request, waited for no longer than the request timeout or what is left of the budget, whichever is
         * less, body included (a server that sends headers and then stalls is a timeout too).
         */
        private Answer exchange(String method, URI uri, boolean credentials, byte[] body, long limit) {
            if (off.get() != null) {
                return null;
            }
            long left = remainingNanos();
            if (left <= 0) {
                turnOff("its time budget of " + config.budget.toMillis() + " ms (remoteBudget) is spent", warnings);
                return null;
            }
            HttpRequest.Builder request;
            try {
                request = HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofNanos(Math.min(config.timeout.toNanos(), left)))
                        .header("User-Agent", "Tandem");
            } catch (IllegalArgumentException notHttp) { // a redirect's odd Location
                turnOff("cannot " + method + " " + shown(uri) + " (" + notHttp.getMessage() + ")", warnings);
                return null;
            }
            if (credentials && config.authorization != null) {
                try {
                    request.header("Authorization", config.authorization);
                } catch (IllegalArgumentException notAHeader) { // the JDK's message quotes the value: never shown
                    turnOff(
                            "the credentials of <server> '" + config.serverId + "' in settings.xml cannot be sent: the"
                                    + " password holds a line break, a control character or a character beyond Latin-1",
                            warnings);
                    return null;
                }
            }
            if (body != null) {
                // a byte array publisher always sends Content-Length, which bazel-remote requires
                request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            long wait = Math.min(config.timeout.toNanos(), left);
            LimitedBody subscriber = new LimitedBody(limit, inFlight);
            CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(
                    request.build(),
                    // a HEAD declares a length it never sends; an error page's length is not an entry's
                    info -> "GET".equals(method) && info.statusCode() == 200
                            ? subscriber.expect(info.headers().firstValueAsLong("Content-Length"))
                            : subscriber);
            try {
                HttpResponse<byte[]> answer = response.get(wait, TimeUnit.NANOSECONDS);
                return new Answer(
                        answer.statusCode(),
                        answer.body(),
                        answer.headers().firstValue("Location").orElse(null),
                        subscriber);
            } catch (TimeoutException e) {
                response.cancel(true);
                subscriber.release();
                timedOut(method, uri, left);
            } catch (ExecutionException e) {
                subscriber.release();
                Throwable cause = e.getCause();
                if (cause instanceof LimitedBody.TooLarge) {
                    return new Answer(200, OVERSIZED, null, null);
                } else if (cause instanceof LimitedBody.Busy) {
                    busy.set(true);
                    return new Answer(404, null, null, null); // a miss: the processor runs
                } else if (cause instanceof HttpTimeoutException) {
                    timedOut(method, uri, left);
                } else {
                    turnOff("cannot " + method + " " + shown(uri) + " (" + failure(cause, uri) + ")", warnings);
                }
            } catch (InterruptedException e) {
                response.cancel(true);
                subscriber.release();
                Thread.currentThread().interrupt();
                turnOff("interrupted", warnings);
            } catch (RuntimeException e) {
                subscriber.release();
                turnOff(method + " " + shown(uri) + " failed (" + e + ")", warnings);
            }
            return null;
        }

        private void timedOut(String method, URI uri, long left) {
            boolean budget = left < config.timeout.toNanos();
            turnOff(
                    method + " " + shown(uri) + " got no answer within "
                            + (budget
                                    ? config.budget.toMillis() + " ms (remoteBudget, for the whole build)"
                                    : config.timeout.toMillis() + " ms (remoteTimeout)"),
                    warnings);
        }

        private void fail(String method, String path, int status) {
            String what = method + " " + shown(config.resolve(path)) + " answered HTTP " + status;
            if (status == 401 || status == 403) {
                String why = what + ": the server refused "
                        + (config.authorization == null
                                ? "anonymous access; add a <server> with id '" + config.serverId
                                        + "' and its credentials to settings.xml"
                                : "the credentials of <server> '" + config.serverId + "' in settings.xml; check"
                                        + " them, they may have expired");
                if (config.failOnAuthError) {
                    authFailure.compareAndSet(null, why);
                }
                turnOff(why, warnings);
            } else {
                turnOff(what, warnings);
            }
        }

        @Override
        public void close() {
            spentNanos.addAndGet(System.nanoTime() - start);
        }
    }

    /** For tests: forgets every build's remote. */
    static void forgetAll() {
        synchronized (BUILDS) {
            BUILDS.clear();
        }
    }
}
