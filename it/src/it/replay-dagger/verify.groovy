def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/ReplayHistory.groovy'))
def src = 'src/main/java/dev/tandem/it/garage/'
def replace = evaluate(new File(basedir, '../../../src/it/lib/Edit.groovy'))
def edit = { File dir, String file, String from, String to -> replace(dir, src + file, from, to) }
def pomEdit = { File dir, String from, String to -> replace(dir, 'pom.xml', from, to) }

history(basedir, localRepositoryPath, mvn, [
    [name: 'first build', goals: ['clean', 'compile'],
     check: { c, log -> assert c.Dagger.replayed == 0 && c.Dagger.run > 0 }],
    [name: 'an unrelated file', edit: { d -> edit(d, 'Unrelated.java', 'int x;', 'int y;') },
     check: { c, log -> assert c.Dagger.run == 0 && c.Dagger.replayed > 0 }],
    [name: 'a supertype', edit: { d -> edit(d, 'Vehicle.java', 'Part spare;', 'Part spare;\n\n    @Inject\n    Engine second;') },
     // Vehicle's members injector, Car's (a subtype), and the component, which injects Car
     check: { c, log -> assert c.Dagger == [replayed: 18, run: 3] }],
    [name: 'a type two hops away', edit: { d -> edit(d, 'Part.java', 'public Part() {}', 'public Part(Service1 s) {}') },
     // Part itself, Engine (its constructor takes a Part), Car and Vehicle (two hops), the component
     check: { c, log -> assert c.Dagger == [replayed: 16, run: 5] }],
    [name: 'a processor option', edit: { d -> pomEdit(d, '<fast.init>disabled</fast.init>', '<fast.init>enabled</fast.init>') },
     check: { c, log -> assert c.Dagger.replayed == 0 }],
    [name: 'the processor version, no source change', edit: { d -> pomEdit(d, '<dagger.processor.version>2.60.1<', '<dagger.processor.version>2.59.2<') },
     check: { c, log -> assert c.Dagger.replayed == 0 && c.Dagger.run > 0 }],
    [name: 'a deleted @Inject class', edit: { d -> assert new File(d, src + 'Service9.java').delete() },
     check: { c, log -> assert c.Dagger.run == 0 }],
])
return true
