def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def status = evaluate(new File(basedir, '../../../src/it/lib/Status.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/ReplayHistory.groovy'))
def edit = { File dir, String file, String from, String to ->
    ['in-process', 'forked'].each { module ->
        def f = new File(dir, "${module}/src/main/java/dev/tandem/it/smoke/${file}")
        assert f.text.contains(from)
        f.text = f.text.replace(from, to)
    }
}

// A forked javac's notes reach Maven's log only with -X, so the summary line is the in-process module's; tandem:status
// shows what the forked one did (replayed = hits, run = misses of its replay consumer)
def consumer = 'replay-org.mapstruct.ap.MappingProcessor'
def forked = { -> status(mvn(basedir, localRepositoryPath, '-pl', 'forked', 'dev.tandem:tandem-maven-plugin:status'), consumer) }

// the invoker's build ran the first: clean compile -T 4
def first = new File(basedir, 'build.log').text
assert first.count('Tandem replay: MapStruct 0 replayed, 10 run') == 1
assert forked() == [hits: 0, misses: 10]
// prepare is bound in the parent, so the parent (packaging pom, nothing to compile) runs it too, and does nothing
assert first.contains('Tandem: nothing to prepare in a module of packaging pom (it compiles nothing)')
assert !new File(basedir, 'target/tandem').exists()

history(basedir, localRepositoryPath, mvn, [
    [name: 'an unrelated file', goals: ['compile', '-T4'], edit: { d -> edit(d, 'Unrelated.java', 'int x;', 'int y;') },
     check: { c, log -> assert c.MapStruct == [replayed: 10, run: 0] && forked() == [hits: 10, misses: 0] }],
    // -Dtandem.skip turns replay off in both javacs: the forked one never sees -D, so prepare leaves the switch in
    // target/tandem; the forked consumer is not used (its status stays the last step's, where a replay would count
    // 9 hits and 1 miss); the next step, without the switch, replays again (and reruns what changed meanwhile)
    [name: 'all of Tandem skipped', goals: ['compile', '-T4', '-Dtandem.skip'],
     edit: { d -> edit(d, 'Model5.java', 'private int size;', 'private int size;\n    private String extra;\n    public String getExtra() { return extra; }\n    public void setExtra(String v) { extra = v; }') },
     check: { c, log -> assert c.MapStruct == [ran: true, why: '-Dtandem.skip'] && forked() == [hits: 10, misses: 0]
              assert new File(basedir, 'forked/target/tandem/skipped').text == '-Dtandem.skip' }],
    [name: 'a model', goals: ['compile', '-T4'], edit: { d -> edit(d, 'Model3.java', 'private int size;', 'private int size;\n    private String extra;\n    public String getExtra() { return extra; }\n    public void setExtra(String v) { extra = v; }') },
     check: { c, log -> assert c.MapStruct == [replayed: 8, run: 2] && forked() == [hits: 8, misses: 2]
              assert !new File(basedir, 'forked/target/tandem/skipped').exists() }],
], ['in-process', 'forked'])
return true
