def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def tiny = new File(basedir, 'tiny')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('BUILD SUCCESS')
    def warnings = log.readLines().findAll { it.startsWith('[WARNING]') && it.contains('Tandem') }
    assert warnings.size() == 1 : "expected one Tandem warning, got ${warnings}"
    assert warnings[0].contains('No space left on device')

    // the same build without the cache generates the same code, byte for byte
    def generated = new File(basedir, 'target/generated-sources/annotations')
    def withCache = [:]
    generated.eachFileRecurse { if (it.isFile()) withCache[it.path - generated.path] = it.bytes }
    assert withCache.size() == 100
    mvn(basedir, localRepositoryPath, 'clean', 'compile', '-Dcars.cache=false')
    def without = [:]
    generated.eachFileRecurse { if (it.isFile()) without[it.path - generated.path] = it.bytes }
    assert without.keySet() == withCache.keySet()
    withCache.each { path, bytes -> assert Arrays.equals(bytes, without[path]) : "${path} differs" }
    println "full disk at compile: 100 elements on a 32 KiB cache, 1 warning, 0 generated files differ"
} finally {
    ['umount', '-l', tiny.path].execute().waitFor()
}
return true
