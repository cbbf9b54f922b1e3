// Starts Debian's nginx on 127.0.0.1 with a configuration of the test's own under `dir` (daemon off, its own pid,
// logs and temp folders), serving GET/HEAD/PUT below /cache/ from dir/data, and stops it by its process.
//   def nginx = evaluate(new File(basedir, '../../../src/it/lib/Nginx.groovy'))
//   def server = nginx(new File(basedir, 'nginx'), [auth: true, maxBody: '1k'])
//   try { ... server.url ... server.data ... } finally { server.stop() }
// Options: auth (PUT needs user "ci", password "secret"; GET and HEAD stay anonymous), maxBody (nginx's
// client_max_body_size, default 16m), redirectTo (a URL: /moved/x answers 307 to it + /moved/x, as Artifactory's
// redirect download does to S3). Also served: /small/ takes PUTs of 1 KiB at most (413 above), /broken/
// answers 500 to everything.
// Where nginx is: Nginx.groovy's `binary`, also used by the remote tests' selector scripts to skip with a reason.
def binary = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx', '/usr/local/nginx/sbin/nginx']
        .collect { new File(it) }.find { it.canExecute() }
return { File dir, Map options = [:] ->
    assert binary : 'nginx is not installed (apt-get install -y nginx); the selector script should have skipped this test'
    dir.mkdirs()
    def data = new File(dir, 'data/cache')
    data.mkdirs()
    ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].each { new File(dir, "tmp/${it}").mkdirs() }
    def port = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
    def auth = ''
    if (options.auth) {
        new File(dir, 'htpasswd').text = 'ci:{PLAIN}secret\n'
        auth = """limit_except GET HEAD { auth_basic "tandem"; auth_basic_user_file ${new File(dir, 'htpasswd').absolutePath}; }"""
    }
    def root = System.getProperty('user.name') == 'root'
    new File(dir, 'nginx.conf').text = """
worker_processes 1;
daemon off;
pid ${new File(dir, 'nginx.pid').absolutePath};
error_log ${new File(dir, 'error.log').absolutePath} info;
${root ? 'user root root;' : ''}
events { worker_connections 128; }
http {
    access_log ${new File(dir, 'access.log').absolutePath};
    client_body_temp_path ${new File(dir, 'tmp/body').absolutePath};
    proxy_temp_path ${new File(dir, 'tmp/proxy').absolutePath};
    fastcgi_temp_path ${new File(dir, 'tmp/fastcgi').absolutePath};
    uwsgi_temp_path ${new File(dir, 'tmp/uwsgi').absolutePath};
    scgi_temp_path ${new File(dir, 'tmp/scgi').absolutePath};
    server {
        listen 127.0.0.1:${port};
        client_max_body_size ${options.maxBody ?: '16m'};
        location /cache/ {
            root ${new File(dir, 'data').absolutePath};
            dav_methods PUT;
            create_full_put_path on;
            dav_access user:rw group:r all:r;
            ${auth}
        }
        location /small/ {
            root ${new File(dir, 'data').absolutePath};
            dav_methods PUT;
            create_full_put_path on;
            client_max_body_size 1k;
        }
        location /broken/ {
            return 500;
        }
        location /moved/ {
            return 307 ${options.redirectTo ?: 'http://127.0.0.1:9'}\$uri;
        }
    }
}
"""
    def process = new ProcessBuilder(binary.path, '-p', dir.absolutePath, '-c', new File(dir, 'nginx.conf').absolutePath,
            '-e', new File(dir, 'error.log').absolutePath)
            .redirectErrorStream(true)
            .redirectOutput(new File(dir, 'nginx.out'))
            .start()
    def deadline = System.currentTimeMillis() + 10_000
    while (true) {
        try {
            new Socket('127.0.0.1', port).close()
            break
        } catch (IOException notYet) {
            assert process.alive : "nginx did not start: ${new File(dir, 'nginx.out').text}\n${new File(dir, 'error.log').text}"
            assert System.currentTimeMillis() < deadline : 'nginx did not listen within 10 s'
            Thread.sleep(50)
        }
    }
    return [url: "http://127.0.0.1:${port}/cache/", broken: "http://127.0.0.1:${port}/broken/",
            small: "http://127.0.0.1:${port}/small/", moved: "http://127.0.0.1:${port}/moved/", port: port,
            data: data, stop: { process.destroy(); process.waitFor() }]
}
