def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def tiny = new File(basedir, 'tiny')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('BUILD SUCCESS')
    def warnings = log.readLines().findAll { it.startsWith('[WARNING]') && it.contains('Tandem') }
    assert warnings.size() == 1 : "expected one Tandem warning, got ${warnings}"
    assert warnings[0].contains('No space left on device')

    def same = evaluate(new File(basedir, '../../../src/it/lib/SameAsWithoutCache.groovy'))
    assert same(basedir, localRepositoryPath, mvn) == 100
    println "full disk at compile: 100 elements on a 32 KiB cache, 1 warning, 0 generated files differ"
} finally {
    ['umount', '-l', tiny.path].execute().waitFor()
}
return true
