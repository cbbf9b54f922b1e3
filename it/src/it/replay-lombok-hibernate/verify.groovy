def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/ReplayHistory.groovy'))
def src = 'src/main/java/dev/tandem/it/clinic/'
def replace = evaluate(new File(basedir, '../../../src/it/lib/Edit.groovy'))
def edit = { File dir, String file, String text, String to -> replace(dir, src + file, text, to) }
def all = 12 // 10 entities, the embeddable, the mapped superclass

history(basedir, localRepositoryPath, mvn, [
    [name: 'first build', goals: ['clean', 'compile'],
     check: { c, log ->
         assert c.Hibernate == [replayed: 0, run: all]
         assert !c.why.containsKey('Hibernate not stored') // its banner and its orm.xml read no longer keep it
         assert log.contains('Hibernate compile-time tooling')
     }],
    [name: 'an unrelated file', edit: { d -> edit(d, 'Unrelated.java', 'int x;', 'int y;') },
     check: { c, log ->
         assert c.Hibernate == [replayed: all, run: 0]
         assert log.count('Hibernate compile-time tooling') == 1 // printed by Hibernate itself, not again
     }],
    [name: 'a field of one entity', edit: { d -> edit(d, 'Thing3.java', 'private String label;', 'private String label;\n    private int rank;') },
     check: { c, log -> assert c.Hibernate == [replayed: all - 1, run: 1] }],
    [name: 'the embeddable', edit: { d -> edit(d, 'Address.java', 'private String city;', 'private String city;\n    private String zip;') },
     // the owner embeds it: its metamodel lists the address's attributes' types
     check: { c, log -> assert c.Hibernate.run >= 2 && c.Hibernate.replayed >= all - 3 }],
    [name: 'a deleted entity', edit: { d -> assert new File(d, src + 'Thing8.java').delete() },
     check: { c, log -> assert c.Hibernate == [replayed: all - 1, run: 0] }],
])
return true
