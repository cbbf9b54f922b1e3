// Every fault the remote tier must survive, each on a fresh checkout (another folder, empty target/) against a real
// nginx: the build passes, generates what Maven alone generates (ReplayHistory compares with the project built
// without Tandem from clean), and says what happened in exactly one Tandem warning.
import java.security.KeyPairGenerator
import java.security.MessageDigest

def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/ReplayHistory.groovy'))
def copyProject = evaluate(new File(basedir, '../../../src/it/lib/CopyProject.groovy'))
def nginx = evaluate(new File(basedir, '../../../src/it/lib/Nginx.groovy'))
// where the cache server redirects /moved/: another host (another port), which must never see CI's credentials
def elsewhere = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress('127.0.0.1', 0), 0)
def elsewhereSaw = Collections.synchronizedList([])
elsewhere.createContext('/') { exchange ->
    elsewhereSaw << "${exchange.requestMethod} ${exchange.requestURI} ${exchange.requestHeaders.getFirst('Authorization')}"
    exchange.sendResponseHeaders(404, -1)
    exchange.close()
}
elsewhere.start()
def server = nginx(new File(basedir, 'nginx'), [auth: true, redirectTo: "http://127.0.0.1:${elsewhere.address.port}"])
def all = 10

def credentials = { String password ->
    "<servers><server><id>tandem-remote</id><username>ci</username><password>${password}</password></server></servers>"
}
def tandemWarnings = { String log -> log.readLines().findAll { it.startsWith('[WARNING] Tandem') } }
def jobs = 0
// the matrix legs (itLeg, it/pom.xml) run the jobs whose outcome hangs on the Maven version (settings.xml's servers
// and keys, -o); the main leg runs every fault
def matrix = binding.hasVariable('itLeg') && itLeg == 'matrix'
def matrixJobs = ['seed: CI pushes', 'developer, remote up', 'offline', 'wrong credentials', 'CI pushes signed entries',
                  'signed entries, the public key set']
// one CI job: a fresh checkout, built once with `goals` (online, the remote asks nothing offline, unless goals say
// -o); check(counts, log) as in ReplayHistory
def job = { String name, List goals, String servers, Closure check ->
    if (matrix && !matrixJobs.contains(name)) {
        return
    }
    def dir = new File(basedir, "jobs/${++jobs}/checkout")
    copyProject(basedir, dir, ['nginx', 'jobs'])
    if (servers) {
        new File(dir, 'servers.xml').text = servers
    }
    def mode = goals.contains('-o') ? [] : ['--online']
    history(dir, localRepositoryPath, mvn, [[name: name, goals: mode + goals + ['process-test-classes'], check: check]])
}

def generator = KeyPairGenerator.getInstance('EC')
generator.initialize(256)
def keys = generator.generateKeyPair()
def pem = { String label, byte[] der ->
    "-----BEGIN ${label}-----\n${der.encodeBase64().toString().replaceAll(/(.{64})/, '$1\n')}\n-----END ${label}-----\n"
}
def privateKey = new File(basedir, 'signing.pem')
privateKey.text = pem('PRIVATE KEY', keys.private.encoded)
def publicKey = new File(basedir, 'signing.pub')
publicKey.text = pem('PUBLIC KEY', keys.public.encoded)

def hang = new ServerSocket(0, 50, InetAddress.getByName('127.0.0.1'))
def held = []
Thread.start { // accepts and never answers
    try { while (true) { held << hang.accept() } } catch (IOException closed) { }
}
try {
    // the CI job everything below reads from: pushes with the right credentials
    job('seed: CI pushes', ["-Dtandem.remote.url=${server.url}", '-Dtandem.remote.push=true'], credentials('secret')) { c, log ->
        assert log =~ /Tandem remote: pushed 10 entries .* key list of 10/
        assert tandemWarnings(log).isEmpty()
    }
    // a developer's build with nothing changed gets everything: the baseline every fault is measured against
    job('developer, remote up', ["-Dtandem.remote.url=${server.url}"], null) { c, log ->
        assert c.MapStruct == [replayed: all, run: 0]
        assert tandemWarnings(log).isEmpty()
        assert log.contains('accepted unsigned: set remotePublicKey to require CI\'s signature')
    }

    // offline: not one request, one line that says so
    def requestsBefore = new File(basedir, 'nginx/access.log').readLines().size()
    job('offline', ['-o', "-Dtandem.remote.url=${server.url}", '-Dtandem.remote.push=true'], credentials('secret')) { c, log ->
        assert c.MapStruct == [replayed: 0, run: all]
        assert tandemWarnings(log).isEmpty()
        assert log.contains("Tandem remote ${server.url} is not asked: Maven is offline (-o)")
    }
    assert new File(basedir, 'nginx/access.log').readLines().size() == requestsBefore

    // a redirect to another host: CI's credentials never leave the configured server, uploads never follow
    job('redirect to another host', ["-Dtandem.remote.url=${server.moved}", '-Dtandem.remote.push=true'], credentials('secret')) { c, log ->
        assert c.MapStruct == [replayed: 0, run: all]
        def w = tandemWarnings(log)
        assert w.size() == 1 && w[0].contains("answered HTTP 307, a redirect to http://127.0.0.1:${elsewhere.address.port}/moved/")
        assert w[0].contains('is followed only to https')
    }
    assert elsewhereSaw.isEmpty()

    def closedPort = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
    job('server stopped', ["-Dtandem.remote.url=http://127.0.0.1:${closedPort}/cache/"], null) { c, log ->
        assert c.MapStruct == [replayed: 0, run: all]
        def w = tandemWarnings(log)
        assert w.size() == 1 && w[0].contains('is off for the rest of this build: cannot GET') && w[0].contains('ConnectException')
    }

    job('500 on every request', ["-Dtandem.remote.url=${server.broken}"], null) { c, log ->
        assert c.MapStruct == [replayed: 0, run: all]
        def w = tandemWarnings(log)
        assert w.size() == 1 && w[0].contains('answered HTTP 500')
    }

    long start = System.nanoTime()
    job('accepts and never answers: the budget bounds the wait', ["-Dtandem.remote.url=http://127.0.0.1:${hang.localPort}/cache/",
            '-Dtandem.remote.budget=3000'], null) { c, log ->
        assert c.MapStruct == [replayed: 0, run: all]
        def w = tandemWarnings(log)
        assert w.size() == 1 && w[0].contains('got no answer within 3000 ms (remoteBudget')
    }
    println "the hanging server's job (and its twin) took ${(System.nanoTime() - start).intdiv(1_000_000)} ms"

    // a corrupt entry body on the server: that element runs, the others are replayed
    def entries = []
    server.data.eachFileRecurse { if (it.isFile() && it.path.contains('replay-org.mapstruct')) entries << it }
    assert entries.size() == all
    def victim = entries.sort()[0]
    def bytes = victim.bytes
    bytes[bytes.length - 1] = (byte) (bytes[bytes.length - 1] ^ 1)
    victim.bytes = bytes
    job('a corrupt entry body', ["-Dtandem.remote.url=${server.url}"], null) { c, log ->
        assert c.MapStruct == [replayed: all - 1, run: 1]
        def w = tandemWarnings(log)
        assert w.size() == 1 && w[0].contains('1 entry') && w[0].contains('does not match its checksum')
    }
    bytes[bytes.length - 1] = (byte) (bytes[bytes.length - 1] ^ 1)
    victim.bytes = bytes // repaired: the jobs below each test one fault

    job('413 on upload', ["-Dtandem.remote.url=${server.small}", '-Dtandem.remote.push=true'], null) { c, log ->
        assert log =~ /Tandem remote: pushed 0 entries .* 10 too large, key list of 10/
        def w = tandemWarnings(log)
        assert w.size() == 1 && w[0].contains('refused 10 entries as too large (HTTP 413)')
    }

    job('wrong credentials', ["-Dtandem.remote.url=${server.url}", '-Dtandem.remote.push=true'], credentials('wrong')) { c, log ->
        def w = tandemWarnings(log)
        assert w.size() == 1 && w[0].contains('HTTP 401') && w[0].contains("the credentials of <server> 'tandem-remote'")
    }
    if (!matrix) { // failures of configuration, the same on every Maven
        def dir = new File(basedir, "jobs/${++jobs}/checkout")
        copyProject(basedir, dir, ['nginx', 'jobs'])
        new File(dir, 'servers.xml').text = credentials('wrong')
        def failed = mvn(dir, localRepositoryPath, '--fails', '--online', "-Dtandem.remote.url=${server.url}", '-Dtandem.remote.push=true',
                '-Dtandem.remote.failOnAuthError=true', 'process-test-classes')
        assert failed.contains('(remoteFailOnAuthError is set)')
        // configuration that cannot be right fails the build with one line naming the fix
        def misconfigured = mvn(dir, localRepositoryPath, '--fails', '--online', "-Dtandem.remote.url=${server.url}", '-Dtandem.remote.push=true',
                '-Dtandem.remote.signingServerId=no-such-server', 'process-test-classes')
        assert misconfigured.contains("Tandem remoteSigningServerId 'no-such-server' names no <server> with a <privateKey> in settings.xml")
        def badKey = mvn(dir, localRepositoryPath, '--fails', '--online', "-Dtandem.remote.url=${server.url}", '-Dtandem.remote.publicKey=bm90IGEga2V5',
                'generate-sources')
        assert badKey.contains('Tandem remotePublicKey is not an EC, Ed25519 or RSA public key in X.509 form')
        def badUrl = mvn(dir, localRepositoryPath, '--fails', '--online', '-Dtandem.remote.url=ftp://cache.example.com/', 'generate-sources')
        assert badUrl.contains("Tandem remoteUrl 'ftp://cache.example.com/' must be an http:// or https:// URL")
    }

    job('credentials over plain http to another host', ['-Dtandem.remote.url=http://tandem-cache.invalid/cache/'], credentials('secret')) { c, log ->
        assert c.MapStruct == [replayed: 0, run: all]
        def w = tandemWarnings(log)
        assert w.size() == 1 && w[0].contains("the credentials of <server> 'tandem-remote' would travel unencrypted over http://")
    }

    // a host name that only looks like a loopback address is another host: the credentials stay home
    job('credentials over plain http to 127.cache.example', ["-Dtandem.remote.url=http://127.cache.example:${closedPort}/cache/"],
            credentials('secret')) { c, log ->
        assert c.MapStruct == [replayed: 0, run: all]
        def w = tandemWarnings(log)
        assert w.size() == 1 && w[0].contains("the credentials of <server> 'tandem-remote' would travel unencrypted over http://")
    }

    // settings.xml names a proxy that is not on this machine: a loopback remote is never proxied (the credentials
    // would cross the network in clear), so the build reaches nginx directly and replays everything
    def proxies = '<proxies><proxy><id>office</id><active>true</active><protocol>http</protocol>' +
            '<host>proxy.tandem-test.invalid</host><port>3128</port></proxy></proxies>'
    job('a settings.xml proxy elsewhere, the remote on loopback', ["-Dtandem.remote.url=${server.url}"],
            proxies + credentials('secret')) { c, log ->
        assert c.MapStruct == [replayed: all, run: 0]
        assert tandemWarnings(log).isEmpty()
    }

    job('an unsigned key list, a public key set', ["-Dtandem.remote.url=${server.url}", "-Dtandem.remote.publicKey=${publicKey}"], null) { c, log ->
        assert c.MapStruct == [replayed: 0, run: all]
        def w = tandemWarnings(log)
        assert w.size() == 1 && w[0].contains('is not signed, and remotePublicKey is set') && w[0].contains('nothing is fetched')
        assert log.contains('; remote: the key list of dev.tandem.it:remote-faults is not signed, and remotePublicKey is set')
    }

    // signed by CI with the key from its settings.xml, verified by every reader with the public key
    def signedUrl = "${server.url}signed/"
    job('CI pushes signed entries', ["-Dtandem.remote.url=${signedUrl}", '-Dtandem.remote.push=true',
            '-Dtandem.remote.signingServerId=tandem-signing'],
            credentials('secret').replace('</servers>', "<server><id>tandem-signing</id><privateKey>${privateKey}</privateKey></server></servers>")) { c, log ->
        assert log =~ /Tandem remote: pushed 10 entries/
        assert tandemWarnings(log).isEmpty()
    }
    job('signed entries, the public key set', ["-Dtandem.remote.url=${signedUrl}", "-Dtandem.remote.publicKey=${publicKey}"], null) { c, log ->
        assert c.MapStruct == [replayed: all, run: 0]
        assert tandemWarnings(log).isEmpty()
    }

    if (!matrix) {
        // a key list naming 30,000 consumers (anyone with write access can plant one): at most 64 are asked for,
        // and no folder is made for a consumer without a verified entry
        def module = 'dev.tandem.it:remote-faults'
        def listHex = MessageDigest.getInstance('SHA-256').digest("tandem-list-1\0${module}".getBytes('UTF-8')).encodeHex().toString()
        def listFile = new File(server.data, "tandem-lists/${listHex.substring(0, 2)}/${listHex}")
        assert listFile.isFile() : 'the seed job pushed the key list there'
        def body = new ByteArrayOutputStream()
        new DataOutputStream(body).withCloseable { out ->
            out.writeInt(0x544e444c) // "TNDL"
            out.writeShort(1)
            out.writeInt(30_000)
            (0..<30_000).each { i ->
                def id = String.format('c%05d', i).getBytes('UTF-8')
                out.writeShort(id.length)
                out.write(id)
                out.write(new byte[32])
            }
        }
        def realList = listFile.bytes
        body.write(MessageDigest.getInstance('SHA-256').digest(body.toByteArray()))
        listFile.bytes = body.toByteArray()
        job('a key list naming 30,000 consumers', ["-Dtandem.remote.url=${server.url}"], null) { c, log ->
            assert c.MapStruct == [replayed: 0, run: all]
            def w = tandemWarnings(log)
            assert w.size() == 1 && w[0].contains('names 30000 consumers; only the first 64 are fetched')
        }
        def consumers = new File(basedir, "jobs/${jobs}/checkout/target/tandem/consumers").list() as List
        assert !consumers.any { it ==~ /c\d{5}/ } : "folders for consumers with no entry: ${consumers}"

        // a server that streams 16 MiB for every entry, and a small heap: the bytes held at once are bounded
        listFile.bytes = realList
        entries.each { it.bytes = new byte[16 * 1024 * 1024] }
        job('16 MiB for every entry, -Xmx160m', ['--maven-opts=-Xmx160m', "-Dtandem.remote.url=${server.url}"], null) { c, log ->
            assert c.MapStruct == [replayed: 0, run: all]
            assert !log.contains('OutOfMemoryError')
        }
    }
} finally {
    elsewhere.stop(0)
    hang.close()
    held.each { it.close() }
    server.stop()
}
return true
