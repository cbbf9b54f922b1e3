// For a remote test's selector.groovy: true when nginx is installed; else says so and the test is skipped (the
// invoker reports it as skipped, never as passed). .ci/run installs Debian's nginx.
//   return evaluate(new File(basedir, '../../../src/it/lib/NginxSelector.groovy'))
def binary = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx', '/usr/local/nginx/sbin/nginx']
        .collect { new File(it) }.find { it.canExecute() }
if (!binary) {
    println "[WARNING] ${basedir.name} is SKIPPED: it needs nginx, and none is installed (apt-get install -y nginx)"
}
return binary != null
