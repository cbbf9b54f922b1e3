// Job A (CI, push on) builds a fresh copy; job B, another fresh copy in another folder, changes one model and builds
// with the remote read-only: the nine unchanged mappers come from the remote, the changed one runs, and the output
// is what Maven alone generates (ReplayHistory compares with the same project built without Tandem from clean).
def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/ReplayHistory.groovy'))
def replace = evaluate(new File(basedir, '../../../src/it/lib/Edit.groovy'))
def nginx = evaluate(new File(basedir, '../../../src/it/lib/Nginx.groovy'))
def server = nginx(new File(basedir, 'nginx'))
def copyProject = evaluate(new File(basedir, '../../../src/it/lib/CopyProject.groovy'))
def copy = { File from, File to -> copyProject(from, to, ['nginx', 'jobs']) }
try {
    def jobA = new File(basedir, 'jobs/ci-a/checkout')
    copy(basedir, jobA)
    def pushed = mvn(jobA, localRepositoryPath, '--online', "-Dtandem.remote.url=${server.url}", '-Dtandem.remote.push=true',
            'clean', 'process-test-classes')
    assert pushed =~ /Tandem remote: pushed 10 entries \([^)]+\) for 1 consumer in \d+ ms, 0 already there, key list of 10/
    assert pushed.contains('Tandem replay: MapStruct 0 replayed, 10 run')
    assert !pushed.contains('[WARNING] Tandem')
    assert new File(server.data, 'replay-org.mapstruct.ap.MappingProcessor').isDirectory()

    // another machine: another folder (so no absolute path can match), nothing in target/
    def jobB = new File(basedir, 'jobs/ci-b/elsewhere/checkout')
    copy(basedir, jobB)
    assert !new File(jobB, 'target').exists()
    def counts = history(jobB, localRepositoryPath, mvn, [
        [name: 'job B: one model changed, everything else from the remote',
         edit: { d -> replace(d, 'src/main/java/dev/tandem/it/smoke/Model3.java', 'private int size;', 'private int size;\n    private String label;') },
         goals: ['--online', "-Dtandem.remote.url=${server.url}", 'process-test-classes'],
         check: { c, log ->
             assert log =~ /remote: 10 fetched \([^)]+\) in \d+ ms, 0 already here, 0 missing/
             assert log.contains('Tandem remote: push is off')
             assert c.MapStruct == [replayed: 9, run: 1]
             assert !log.contains('[WARNING] Tandem')
         }],
    ])
    // tandem:status shows what the remote did for the consumer
    def status = mvn(jobB, localRepositoryPath, 'dev.tandem:tandem-maven-plugin:status')
    assert status =~ /remote \(build 1\): fetched 10 \(/
} finally {
    server.stop()
}
return true
