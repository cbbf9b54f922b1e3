def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/ReplayHistory.groovy'))
def src = 'app/src/main/java/dev/tandem/it/app/'
def replace = evaluate(new File(basedir, '../../../src/it/lib/Edit.groovy'))
def edit = { File dir, String file, String from, String to -> replace(dir, file.contains('/') ? file : src + file, from, to) }
def all = 21
def P = 'DescribeProcessor'

history(basedir, localRepositoryPath, mvn, [
    [name: 'first build', goals: ['clean', 'compile'],
     check: { c, log -> assert c[P] == [replayed: 0, run: all] }],
    [name: 'an unrelated file', edit: { d -> edit(d, 'Unrelated.java', 'int x;', 'int y;') },
     check: { c, log -> assert c[P].replayed >= 0.99 * all && c[P].run == 0 }],
    [name: 'a supertype', edit: { d -> edit(d, 'Base.java', 'long id;', 'long id;\n    String tag;') },
     check: { c, log -> assert c[P] == [replayed: all - 1, run: 1] }],
    [name: 'a type two hops away', edit: { d -> edit(d, 'Tooth.java', 'int size;', 'int size;\n    int angle;') },
     check: { c, log -> assert c[P] == [replayed: all - 1, run: 1] }],
    // reached by no signature: only the manifest of names looked up says it matters (every element of the
    // processor reruns: look-ups are recorded per processor and compilation)
    [name: 'a type looked up by name', edit: { d -> edit(d, 'Settings.java', 'int timeout;', 'int timeout;\n    int retries;') },
     check: { c, log -> assert c[P] == [replayed: 0, run: all] }],
    [name: 'a processor option', edit: { d -> edit(d, 'app/pom.xml', '<describe.prefix>-a<', '<describe.prefix>-b<') },
     check: { c, log -> assert c[P] == [replayed: 0, run: all] }],
    [name: 'the processor\'s own code, no app source change',
     edit: { d -> edit(d, 'processor/src/main/java/dev/tandem/it/describe/DescribeProcessor.java', '"v1"', '"v2"') },
     check: { c, log ->
         assert log.contains('Tandem: the annotation processors or their options of [default-compile')
         assert c[P] == [replayed: 0, run: all]
     }],
    [name: 'a deleted described type', edit: { d -> assert new File(d, src + 'Plain5.java').delete() },
     check: { c, log -> assert c[P] == [replayed: all - 1, run: 0] }],
], ['app'])
return true
