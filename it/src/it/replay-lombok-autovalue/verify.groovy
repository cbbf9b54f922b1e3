def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/ReplayHistory.groovy'))
def src = 'src/main/java/dev/tandem/it/values/'
def replace = evaluate(new File(basedir, '../../../src/it/lib/Edit.groovy'))
def edit = { File dir, String file, String text, String to -> replace(dir, src + file, text, to) }
def all = 12

history(basedir, localRepositoryPath, mvn, [
    [name: 'first build', goals: ['clean', 'compile'],
     check: { c, log ->
         assert c.AutoValue == [replayed: 0, run: all]
         assert c.Lombok.why == 'it rewrites javac\'s trees in place'
     }],
    [name: 'an unrelated Lombok class', edit: { d -> edit(d, 'Unrelated.java', 'int x;', 'int y;') },
     check: { c, log -> assert c.AutoValue == [replayed: all, run: 0] }],
    [name: 'a Lombok bean an AutoValue class holds', edit: { d -> edit(d, 'Address.java', 'private String street;', 'private String street;\n    private int number;') },
     check: { c, log -> assert c.AutoValue == [replayed: all - 1, run: 1] }],
    [name: 'a lombok.config, alone', edit: { d -> new File(d, 'lombok.config').text = 'lombok.accessors.fluent = true\n' },
     check: { c, log -> assert c.AutoValue == [replayed: 0, run: all] }],
    [name: 'a deleted value class', edit: { d -> assert new File(d, src + 'Value3.java').delete() },
     check: { c, log -> assert c.AutoValue == [replayed: all - 1, run: 0] }],
])
return true
