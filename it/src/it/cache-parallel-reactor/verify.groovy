def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def first = new File(basedir, 'build.log').text
assert first.contains('BUILD SUCCESS')
assert !first.contains('OverlappingFileLockException')
def rows = { String log -> log.readLines().findAll { it.contains(' dev.tandem.example.cars ') } }
assert rows(first).size() == 4
rows(first).each { assert it =~ /dev\.tandem\.example\.cars +20 +\S+ \S+ +0 +20 / }
// the four modules with a processor given -Atandem.cacheDirectory are indexed; e, with no processor, is not
assert first.count('input files indexed') == 4
assert first.count('Tandem: nothing uses the cache in this module yet, so its inputs are not indexed') == 1
['a', 'b', 'c', 'd'].each { assert new File(basedir, "${it}/target/tandem/inputs.idx").isFile() }
assert !new File(basedir, 'e/target/tandem/inputs.idx').exists()
assert new File(basedir, 'e/target/classes/dev/tandem/it/plain/Plain.class').isFile()
['a', 'b', 'c', 'd'].each {
    def java = new File(basedir, "${it}/src/main/java/dev/tandem/it/fleet/Fleet01.java")
    java.text = java.text + '\n// touched\n'
}
// -Dtandem.alwaysIndex: e is indexed too, though nothing in it uses the cache
def second = mvn(basedir, localRepositoryPath, '-T', '4', 'compile', 'dev.tandem:tandem-maven-plugin:status', '-Dtandem.alwaysIndex')
assert second.count('input files indexed') == 5
assert !second.contains('nothing uses the cache in this module yet')
assert new File(basedir, 'e/target/tandem/inputs.idx').isFile()
assert !second.contains('OverlappingFileLockException')
assert rows(second).size() == 4
rows(second).each { assert it =~ /dev\.tandem\.example\.cars +20 +\S+ \S+ +20 +0 / }
return true
