def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def tiny = new File(basedir, 'tiny')
try {
    assert new File(basedir, 'build.log').text.contains('BUILD SUCCESS')
    assert ['mount', '-o', 'remount,ro', tiny.path].execute().waitFor() == 0

    // touch one Java file: javac recompiles the module, the processor runs again on a cache it cannot write
    def java = new File(basedir, 'src/main/java/dev/tandem/it/fleet/Fleet01.java')
    java.text = java.text + '\n// touched\n'
    def log = mvn(basedir, localRepositoryPath, 'compile')
    // one warning from each part of Tandem that could not write (prepare's index, the processor's cache), each
    // naming the cause
    def warnings = log.readLines().findAll { it.startsWith('[WARNING]') && it.contains('Tandem') }
    assert warnings.findAll { it.contains('could not prepare') }.size() == 1 : "${warnings}"
    assert warnings.findAll { it.contains('Tandem cache for dev.tandem.example.cars') }.size() == 1 : "${warnings}"
    assert warnings.size() == 2 && warnings.every { it.contains('Read-only file system') } : "${warnings}"
    assert log.contains('BUILD SUCCESS')

    def same = evaluate(new File(basedir, '../../../src/it/lib/SameAsWithoutCache.groovy'))
    assert same(basedir, localRepositoryPath, mvn) == 100
    println "read-only disk at compile: 100 elements, ${warnings.size()} warnings (one per part), 0 generated files differ"
} finally {
    ['umount', '-l', tiny.path].execute().waitFor()
}
return true
