// Drives an incremental compilation scenario (tandem-compiler) through a history of edits. After every step, the
// project compiled incrementally must hold what its twin without Tandem holds after `mvn clean compile`: the same
// class files and generated sources, byte for byte, no file more or less, in every module; a step that fails must fail in the twin too.
//   def history = evaluate(new File(basedir, '../../../src/it/lib/CompileHistory.groovy'))
//   history(basedir, localRepositoryPath, mvn, ['api', 'app'], [
//       [name: 'a method body', edit: { dir -> ... }, compiled: [app: 1]],
//       [name: 'a constant', edit: { dir -> ... }, full: [app: 'the constant a.Limits.MAX changed']],
//       [name: 'an error', edit: { dir -> ... }, fails: true],
//   ], ['-Dcompiler.version=3.8.1'])   // options for every build of this history, both copies
// compiled: per module, how many sources the step compiled ("Tandem compiler: compiled N of M"); full: per module, a
// text the full compile's reason must contain (or the reason a compile was handed to javac whole); a module in neither was not compiled at all, or its line is unchecked
// when the step says `any: true`. The twin is the project with <compilerId>tandem</compilerId> and the tandem-compiler
// plugin dependency taken out of every pom.xml, in a sibling folder.
return { File project, File localRepository, Closure mvn, List modules, List steps, List options = [] ->
    def twin = new File(project.parentFile, project.name + '-without-tandem' + options.join('').replaceAll(/\W/, ''))
    twin.deleteDir()
    evaluate(new File(project, '../../../src/it/lib/CopyProject.groovy'))(project, twin)
    twin.eachFileRecurse { f ->
        if (f.name == 'pom.xml') {
            def plain = f.text.replaceAll(/<compilerId>tandem<\/compilerId>/, '')
                    .replaceAll(/(?s)<dependency>\s*<groupId>dev\.tandem<\/groupId>\s*<artifactId>tandem-compiler<\/artifactId>.*?<\/dependency>/, '')
            assert !plain.contains('<artifactId>tandem-compiler</artifactId>') && !plain.contains('<compilerId>tandem<')
            f.text = plain
        }
    }
    // the class files and the sources processors generated, by module and path
    def classes = { File dir ->
        def files = [:]
        modules.each { module ->
            ['target/classes', 'target/generated-sources/annotations'].each { output ->
                def root = new File(new File(dir, module), output)
                if (root.isDirectory()) {
                    root.eachFileRecurse { f ->
                        if (f.isFile()) {
                            files[module + ':' + output + (f.path - root.path)] =
                                    java.security.MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString()
                        }
                    }
                }
            }
        }
        files
    }
    // the summary line of each module's compile: [module (its artifactId, its folder's name here), what it did]
    def summaries = { String log ->
        def result = []
        def module = null
        log.readLines().each { line ->
            def mojo = line =~ /--- .*compiler.*:compile \(default-compile\) @ (\S+) ---/
            if (mojo.find()) module = mojo.group(1)
            def compiled = line =~ /Tandem compiler: compiled (\d+) of (\d+) sources?/
            def full = line =~ /Tandem compiler: full compile of (\d+) sources? in \d+ ms: (.*)/
            // a set-up that makes every compile full is handed to javac whole: "Tandem compiler: <why>; compiled by javac…"
            def handed = line =~ /Tandem compiler: (.*); compiled by javac as without Tandem/
            if (compiled.find()) result << [module, [compiled: compiled.group(1) as int]]
            if (full.find()) result << [module, [full: full.group(2)]]
            else if (handed.find()) result << [module, [full: handed.group(1)]]
        }
        result
    }
    // with -T the modules' lines interleave: a line cannot be told apart by the mojo line above it, only what it says
    def parallel = options.any { it.startsWith('-T') }
    steps.eachWithIndex { step, i ->
        def name = "step ${i + 1} (${step.name})${options ? ' ' + options.join(' ') : ''}"
        if (step.edit) {
            step.edit(project)
            step.edit(twin)
        }
        def goals = (step.goals ?: ['compile']) + options
        def fails = step.fails ? ['--fails'] : []
        def log
        if (step.online) { // one at a time: both may download into the local repository
            log = mvn(project, localRepository, *(goals + fails + ['--online']))
            mvn(twin, localRepository, *(['clean'] + goals + fails + ['--online']))
        } else { // the two builds share nothing but read-only artifacts: side by side, the history takes half the time
            def twinFailure = null
            def twinBuild = Thread.start {
                try {
                    mvn(twin, localRepository, *(['clean'] + goals + fails))
                } catch (Throwable t) {
                    twinFailure = t
                }
            }
            try {
                log = mvn(project, localRepository, *(goals + fails))
            } finally {
                twinBuild.join()
            }
            if (twinFailure != null) {
                throw new AssertionError("${name}: the twin without Tandem: ${twinFailure.message}", twinFailure)
            }
        }
        def lines = summaries(log)
        def seen = lines.collectEntries { it }
        println "compile ${name}: ${parallel ? lines*.get(1) : seen}"
        if (!step.fails) {
            def with = classes(project)
            def without = classes(twin)
            assert with.keySet() == without.keySet() :
                    "${name}: class output differs: only with Tandem ${with.keySet() - without.keySet()}, " +
                    "only without ${without.keySet() - with.keySet()}"
            with.each { path, sha -> assert sha == without[path] : "${name}: ${path} differs from a clean build's" }
        }
        if (parallel) {
            // a module the step did not touch may still be handed to Tandem by the plugin (3.8.1 under -T does), and
            // compile nothing: that line says nothing of the step
            def expectedCounts = (step.compiled ?: [:]).values().sort()
            def counts = lines.collect { it[1].compiled }.findAll { it != null && (it != 0 || 0 in expectedCounts) }.sort()
            def reasons = lines.collect { it[1].full }.findAll { it != null }
            if (!step.any) {
                assert counts == expectedCounts : "${name}: compiled ${counts}, expected ${step.compiled}"
                assert reasons.size() == (step.full ?: [:]).size() : "${name}: full compiles ${reasons}, expected ${step.full}"
            }
            (step.full ?: [:]).values().each { why ->
                assert reasons.any { it.contains(why) } : "${name}: a module should have compiled in full (${why}): ${reasons}"
            }
        } else {
            (step.compiled ?: [:]).each { module, n ->
                assert seen[module]?.compiled == n : "${name}: ${module} should have compiled ${n} sources: ${seen[module]}"
            }
            (step.full ?: [:]).each { module, why ->
                assert seen[module]?.full?.contains(why) : "${name}: ${module} should have compiled in full (${why}): ${seen[module]}"
            }
            if (!step.any) {
                def expected = (step.compiled ?: [:]).keySet() + (step.full ?: [:]).keySet()
                assert seen.keySet() == expected as Set : "${name}: compiled ${seen.keySet()}, expected ${expected}"
            }
        }
        if (step.check) {
            step.check(log)
        }
    }
    return true
}
