def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def status = evaluate(new File(basedir, '../../../src/it/lib/Status.groovy'))
def consumer = 'dev.tandem.example.cars'
def first = new File(basedir, 'build.log').text
def touch = { File module ->
    def java = new File(module, 'src/main/java/dev/tandem/it/fleet/Fleet01.java')
    java.text = java.text + '\n// touched\n'
}
assert status(first, consumer) == [hits: 0, misses: 20]
assert !new File(basedir, 'target/tandem/inputs.idx').exists()
assert !first.contains('WARNING')
touch(basedir)
def second = mvn(basedir, localRepositoryPath, 'compile', 'dev.tandem:tandem-maven-plugin:status')
assert status(second, consumer) == [hits: 20, misses: 0]
