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

// one data file changes and no Java file: prepare removes the execution's state, so the compile reruns
new File(basedir, 'src/main/cars/car-3.txt').text = 'Changed make\n'
def third = mvn(basedir, localRepositoryPath, 'compile', 'dev.tandem:tandem-maven-plugin:status')
assert third.contains('Tandem: src/main/cars/car-3.txt changed since dev.tandem.example.cars read it: the next compile reruns [default-compile]')
assert !third.contains('Nothing to compile')
assert status(third, consumer) == [hits: 450, misses: 50]
def generated = new File(basedir, 'target/generated-sources/annotations/dev/tandem/it/fleet/Fleet00_Car3Info.java')
assert generated.text.contains('"Changed make"')
