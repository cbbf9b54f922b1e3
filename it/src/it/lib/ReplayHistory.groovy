// Drives a replay scenario through a history of edits. After every step, the module built incrementally with
// replay must have generated what the same module with the same history generates without Tandem, built from
// clean (Maven alone keeps stale output, so from clean is the truth): the same generated sources and the same class
// files, byte for byte, no file more or less; and its processors must have warned the same.
//   def history = evaluate(new File(basedir, '../../../src/it/lib/ReplayHistory.groovy'))
//   history(basedir, localRepositoryPath, mvn, [
//       [name: 'unrelated file', edit: { dir -> ... }, check: { counts, log -> assert counts.MapStruct.replayed > 0 }],
//   ], ['app'])   // in a reactor: the modules whose processors are replayed (their pom.xml and generated sources)
// counts: per processor in the "Tandem replay:" line, [replayed: n, run: n] (or [ran: true]), summed over the
// compilations of the step; counts.why: per processor, why its elements ran ("new or changed"), and per
// "<processor> not stored", why nothing of the compilation was stored. The twin without replay is the project with <annotationProcessors> and tandem-replay's
// <path> taken out of its pom.xml, in a sibling folder.
return { File project, File localRepository, Closure mvn, List steps, List modules = ['.'] ->
    def twin = new File(project.parentFile, project.name + '-without-replay')
    twin.deleteDir()
    def copy
    copy = { File from, File to ->
        to.mkdirs()
        from.eachFile { f ->
            if (f.isDirectory()) {
                if (f.name != 'target') copy(f, new File(to, f.name))
            } else if (!f.name.endsWith('.log')) {
                new File(to, f.name).bytes = f.bytes
            }
        }
    }
    copy(project, twin)
    modules.each { module ->
        def pom = new File(new File(twin, module), 'pom.xml')
        def plainPom = pom.text
                .replaceAll(/(?s)<annotationProcessors>.*?<\/annotationProcessors>/, '')
                .replaceAll(/(?s)<path>\s*<groupId>dev\.tandem<\/groupId>\s*<artifactId>tandem-replay<\/artifactId>.*?<\/path>/, '')
                .replaceAll(/(?s)<dependency>\s*<groupId>dev\.tandem<\/groupId>\s*<artifactId>tandem-replay<\/artifactId>.*?<\/dependency>/, '')
        assert plainPom != pom.text && !plainPom.contains('tandem-replay') : "the twin's ${module} must run the processors alone"
        pom.text = plainPom
    }

    def generated = { File dir ->
        def files = [:]
        modules.each { module ->
            def root = new File(new File(dir, module), 'target/generated-sources/annotations')
            if (root.isDirectory()) {
                root.eachFileRecurse { f ->
                    if (f.isFile()) {
                        // MapStruct writes the time of generation by default: the one line two builds never share
                        files[module + ':' + (f.path - root.path)] =
                                f.text.replaceAll(/(?m)^\s*date = ".*",?\s*$/, '    date = "…",')
                    }
                }
            }
        }
        files
    }
    def classes = { File dir ->
        def files = [:]
        modules.each { module ->
            def root = new File(new File(dir, module), 'target/classes')
            if (root.isDirectory()) {
                root.eachFileRecurse { f ->
                    if (f.isFile()) {
                        files[module + ':' + (f.path - root.path)] =
                                java.security.MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString()
                    }
                }
            }
        }
        files
    }
    def warnings = { String log, File dir ->
        log.readLines().findAll { it ==~ /\[WARNING\] .*\.java:\[\d+,\d+\].*/ }
                .collect { it.replace(dir.canonicalPath, '<project>').replace(dir.path, '<project>') }
                .sort()
    }
    // the debug notes (-Atandem.replay.debug) are not summary lines
    def debugNote = ~/.*Tandem replay: (.* runs for .*|.* ms deciding.*|the class path's .*|nothing of .*|.* not stored for .*|.* wrote output for .*)/
    def counts = { String log ->
        def result = [:]
        log.readLines().findAll { it.contains('Tandem replay: ') && !(it ==~ debugNote) }.each { line ->
            line.substring(line.indexOf('Tandem replay: ') + 'Tandem replay: '.length()).split('; ').each { part ->
                // "MapStruct 20 replayed, 2 run (new or changed), not stored: ...": every run says why
                def m = part =~ /^(.+?) (\d+) replayed, (\d+) run(?: \((.+?)\))?(?:, not stored: (.+))?$/
                if (m.matches()) {
                    def c = result.computeIfAbsent(m.group(1)) { [replayed: 0, run: 0] }
                    c.replayed += m.group(2) as int
                    c.run += m.group(3) as int
                    assert (m.group(3) as int) == 0 || m.group(4) : "a run without its reason in: ${line}"
                    // why they ran and why nothing was stored, apart from the counts: checks compare those whole
                    def why = result.computeIfAbsent('why') { [:] }
                    if (m.group(4)) why[m.group(1)] = m.group(4)
                    if (m.group(5)) why[m.group(1) + ' not stored'] = m.group(5)
                } else {
                    def ran = part =~ /^(.+) \((.+)\) ran$/
                    assert ran.matches() : "unexpected summary part '${part}' in: ${line}"
                    result[ran.group(1)] = [ran: true, why: ran.group(2)]
                }
            }
        }
        result
    }

    def results = []
    steps.eachWithIndex { step, i ->
        if (step.edit) {
            step.edit(project)
            step.edit(twin)
        }
        def log = mvn(project, localRepository, *(step.goals ?: ['compile']))
        def plainLog = mvn(twin, localRepository, 'clean', 'compile', *(step.goals ?: []).findAll { it.startsWith('-') })
        def withReplay = generated(project)
        def without = generated(twin)
        assert withReplay.keySet() == without.keySet() : "step ${i + 1} (${step.name}): generated files differ"
        withReplay.each { path, text -> assert text == without[path] : "step ${i + 1} (${step.name}): ${path} differs" }
        def classesWithReplay = classes(project)
        def classesWithout = classes(twin)
        assert classesWithReplay.keySet() == classesWithout.keySet() :
                "step ${i + 1} (${step.name}): class output differs: only with replay " +
                (classesWithReplay.keySet() - classesWithout.keySet()) + ", only without " +
                (classesWithout.keySet() - classesWithReplay.keySet())
        classesWithReplay.each { path, sha ->
            assert sha == classesWithout[path] : "step ${i + 1} (${step.name}): ${path} differs from a clean build's"
        }
        assert warnings(log, project) == warnings(plainLog, twin) : "step ${i + 1} (${step.name}): warnings differ"
        def c = counts(log)
        println "replay step ${i + 1} (${step.name}): ${withReplay.size()} generated files, ${c}"
        if (step.check) {
            step.check(c, log)
        }
        results << c
    }
    return results
}
