def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def status = evaluate(new File(basedir, '../../../src/it/lib/Status.groovy'))
def consumer = 'dev.tandem.example.cars'
def first = new File(basedir, 'build.log').text
assert status(first, consumer) == [hits: 0, misses: 20]
assert new File(basedir, 'out/tandem/inputs.idx').isFile()
assert new File(basedir, 'out/tandem/consumers/dev.tandem.example.cars/entries.pack').isFile()
assert !new File(basedir, 'target').exists()
mvn(basedir, localRepositoryPath, 'clean')
assert !new File(basedir, 'out').exists()
