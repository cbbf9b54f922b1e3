def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/ReplayHistory.groovy'))
def src = 'src/main/java/dev/tandem/it/values/'
def replace = evaluate(new File(basedir, '../../../src/it/lib/Edit.groovy'))
def edit = { File dir, String file, String from, String to -> replace(dir, src + file, from, to) }
def pomEdit = { File dir, String from, String to -> replace(dir, 'pom.xml', from, to) }
def touch = { File dir -> def f = new File(dir, src + 'Unrelated.java'); f.text = f.text + '\n' }
def all = 23

history(basedir, localRepositoryPath, mvn, [
    [name: 'first build', goals: ['clean', 'compile'],
     check: { c, log ->
         assert c.AutoValue == [replayed: 0, run: all]
         assert !new File(basedir, 'target/tandem/inputs.idx').exists() // no tandem:prepare in this build
     }],
    [name: 'an unrelated file', edit: { d -> edit(d, 'Unrelated.java', 'int x;', 'int y;') },
     check: { c, log -> assert c.AutoValue.replayed >= 0.99 * all && c.AutoValue.run == 0 }],
    [name: 'a supertype', edit: { d -> edit(d, 'Named.java', 'String name();', 'String name();\n\n    int rank();') ; edit(d, 'Person.java', 'new AutoValue_Person(n, a)', 'new AutoValue_Person(n, 0, a)') },
     check: { c, log -> assert c.AutoValue == [replayed: all - 1, run: 1] }],
    [name: 'a type two hops away', edit: { d -> edit(d, 'Street.java', 'public String line;', 'public String line;\n    public int number;') },
     // Address holds a Street, Person an Address: their keys change. AutoValue also looks Address up by name
     // while processing Person: it is called once per element, so that look-up reruns Person alone
     check: { c, log -> assert c.AutoValue == [replayed: all - 2, run: 2] }],
    [name: 'nothing more', edit: { d -> edit(d, 'Unrelated.java', 'int y;', 'int z;') },
     check: { c, log -> assert c.AutoValue == [replayed: all, run: 0] }],
    [name: 'a processor option', edit: { d -> pomEdit(d, '<some.option>1</some.option>', '<some.option>2</some.option>'); touch(d) },
     check: { c, log -> assert c.AutoValue == [replayed: 0, run: all] }],
    // without tandem:prepare Maven says "Nothing to compile" after a processor change (replay-mapstruct shows
    // prepare making it rerun): touch a file as a user would have to
    [name: 'the processor version', edit: { d -> pomEdit(d, '<autovalue.processor.version>1.11.1<', '<autovalue.processor.version>1.11.0<'); touch(d) },
     check: { c, log -> assert c.AutoValue == [replayed: 0, run: all] }],
    [name: 'a deleted value class', edit: { d -> assert new File(d, src + 'Value7.java').delete() },
     check: { c, log -> assert c.AutoValue == [replayed: all - 1, run: 0] }],
])
return true
