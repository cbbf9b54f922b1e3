// Runs the Maven that runs the integration tests again, offline, on an integration test's project, for
// scenarios with steps between builds (touch a file, then build again). Evaluate it from a verify script:
//   def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
//   def log = mvn(basedir, localRepositoryPath, 'compile', 'dev.tandem:tandem-maven-plugin:status')
// A servers.xml in the project is added to the settings (a <servers> block, for credentials).
// An argument '--fails' expects the build to fail (and returns its log all the same). An argument '--online'
// drops -o, for a build that must reach a server of the test's own (Tandem's remote asks nothing offline); it keeps
// the invoker's repositories (a mirror would not match where the local repository says each artifact came from, and
// Maven 3.6.3 then asks the mirror again for what only Central had) and adds -nsu, so everything the scenario's first
// build resolved is taken from the local repository as it is offline. An argument '--maven-opts=…' adds to MAVEN_OPTS
// for that build (a small heap, say).
// Offline, a goal prefix cannot always be resolved: name the plugin. The settings are invoker's own
// (src/it/settings.xml), so the local repository's records of where each artifact came from still hold.
// The Maven and the JDK are the ones the invoker runs this scenario with (itMavenHome, itJavaHome: it/pom.xml),
// so a step of the Maven 3.6.3 or the JDK 25 leg of the matrix runs on Maven 3.6.3 or JDK 25 too.
return { File project, File localRepository, String... goals ->
    def outerRepository = System.getProperty('maven.repo.local') ?: "${System.getProperty('user.home')}/.m2/repository"
    def settings = new File(project, 'step-settings.xml')
    def scenario = binding.hasVariable('basedir') ? basedir : project // a project may live below the scenario
    settings.text = new File(scenario, '../../../src/it/settings.xml').text
            .replace('@localRepositoryUrl@', new File(outerRepository).toURI().toString())
    def servers = new File(project, 'servers.xml') // <servers> of the scenario's own (the remote tests' credentials)
    if (servers.isFile()) {
        settings.text = settings.text.replace('</settings>', servers.text + '\n</settings>')
    }
    def mavenHome = binding.hasVariable('itMavenHome') ? itMavenHome : System.getProperty('maven.home')
    def args = goals.toList()
    def fails = args.remove('--fails')
    def online = args.remove('--online')
    def mavenOpts = args.find { it.toString().startsWith('--maven-opts=') }
    args.remove(mavenOpts)
    def command = ["${mavenHome}/bin/mvn", '-B'] + (online ? ['-nsu'] : ['-o']) +
            ['-s', settings, "-Dmaven.repo.local=${localRepository}"]
    command.addAll(args)
    def builder = new ProcessBuilder(command.collect { it.toString() })
            .directory(project)
            .redirectErrorStream(true)
    if (binding.hasVariable('itJavaHome')) {
        builder.environment().put('JAVA_HOME', itJavaHome.toString())
    }
    // the JVM options the invoker gives its own builds (it/pom.xml: C1 alone, the serial collector), then the step's
    def opts = [binding.hasVariable('itMavenOpts') ? itMavenOpts.toString() : '',
                mavenOpts ? mavenOpts.toString().substring('--maven-opts='.length()) : ''].findAll { it }.join(' ')
    if (opts) {
        builder.environment().put('MAVEN_OPTS', opts)
    }
    def process = builder.start()
    def output = process.inputStream.text
    def code = process.waitFor()
    def step = new File(project, "step-${System.nanoTime()}.log")
    step.text = output
    if (fails) {
        assert code != 0 : "mvn ${args.join(' ')} passed, but should have failed, see ${step}"
        return output
    }
    assert code == 0 : "mvn ${args.join(' ')} failed, see ${step}:\n${output.readLines().takeRight(40).join('\n')}"
    return output
}
