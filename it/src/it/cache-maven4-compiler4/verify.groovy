def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def status = evaluate(new File(basedir, '../../../src/it/lib/Status.groovy'))
def consumer = 'dev.tandem.example.cars'

def first = new File(basedir, 'build.log').text
assert first.contains('maven-compiler-plugin:4.') || first =~ /compiler:4\.0\.0/
assert status(first, consumer) == [hits: 0, misses: 500]
assert new File(basedir, 'target/maven-status/maven-compiler-plugin/default-compile.cache').isFile()

// no change at all: compiler 4.x compiles nothing, and no processor runs
def second = mvn(basedir, localRepositoryPath, 'compile', 'dev.tandem:tandem-maven-plugin:status')
assert second.contains('Nothing to compile')

// one data file changes and no Java file: prepare removes the execution's .cache, so the compile reruns
evaluate(new File(basedir, '../../../src/it/lib/DataFileChange.groovy'))(basedir, localRepositoryPath, '[default-compile]')
return true
