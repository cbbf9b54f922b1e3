def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def status = evaluate(new File(basedir, '../../../src/it/lib/Status.groovy'))
def consumer = 'dev.tandem.example.cars'
def startedAt = System.currentTimeMillis()
def tmp = new File(System.getProperty('java.io.tmpdir'))
def tempBefore = tmp.list() as Set

// 1. the first build: every element computes
def first = new File(basedir, 'build.log').text
assert first =~ /Tandem: \d+ input files indexed/
assert status(first, consumer) == [hits: 0, misses: 500]
assert new File(basedir, 'target/classes/dev/tandem/it/fleet/Fleet03_Car4Info.class').isFile()

// 2. touch one Java file: javac recompiles the module, every element is a hit
def fleet = new File(basedir, 'src/main/java/dev/tandem/it/fleet/Fleet07.java')
fleet.text = fleet.text + '\n// touched\n'
def second = mvn(basedir, localRepositoryPath, 'compile', 'dev.tandem:tandem-maven-plugin:status')
assert second.contains('Recompiling the module')
assert status(second, consumer) == [hits: 500, misses: 0]

// 3. change one data file and no Java file: the compile still reruns, and only its 50 elements miss
def third = evaluate(new File(basedir, '../../../src/it/lib/DataFileChange.groovy'))(basedir, localRepositoryPath, '[compile/default-compile]')
assert third.contains('Recompiling the module')

// 4. mvn clean leaves nothing of Tandem: not in the project, not in the local repository, not in the temp directory
mvn(basedir, localRepositoryPath, 'clean')
assert !new File(basedir, 'target').exists()
def leftovers = []
basedir.eachFileRecurse { if (it.name ==~ /inputs\.idx|entries\.pack|entries\.lock|build\.properties|.*\.tmp/) leftovers << it }
localRepositoryPath.eachFileRecurse { if (it.name ==~ /inputs\.idx|entries\.pack|entries\.lock|consumer\.properties/) leftovers << it }
assert leftovers.isEmpty() : "Tandem left ${leftovers}"
def newInTemp = (tmp.list() as Set) - tempBefore
def ours = newInTemp.findAll { it.toLowerCase().contains('tandem') || it.contains('entries') || it.contains('inputs.idx') }
assert ours.isEmpty() : "Tandem left ${ours} in ${tmp}"
