def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/ReplayHistory.groovy'))
def src = 'src/main/java/dev/tandem/it/lombok/'
def replace = evaluate(new File(basedir, '../../../src/it/lib/Edit.groovy'))
def edit = { File dir, String file, String text, String to -> replace(dir, src + file, text, to) }
def write = { File dir, String file, String text -> new File(dir, src + file).text = text }
def lastCompile = { -> mvn(basedir, localRepositoryPath, 'dev.tandem:tandem-maven-plugin:status')
        .readLines().find { it.contains('last compile into classes: ') } }

// javac's notes are hidden (compiler 3.10.1 passes -nowarn): no summary line; tandem:status tells instead
history(basedir, localRepositoryPath, mvn, [
    [name: 'first build', goals: ['clean', 'compile'],
     check: { c, log ->
         assert c.isEmpty()
         assert log.contains('Tandem: maven-compiler-plugin 3.10.1 hides javac\'s notes unless showWarnings is true')
         assert lastCompile().contains('MapStruct 0 replayed, 22 run (new or changed)')
     }],
    [name: 'an unrelated file', edit: { d -> edit(d, 'Unrelated.java', 'int x;', 'int y;') },
     check: { c, log -> assert lastCompile().contains('MapStruct 22 replayed, 0 run') }],
    [name: 'a copied mapper', edit: { d ->
         write(d, 'Thing4CopyMapper.java', new File(d, src + 'Thing4Mapper.java').text.replace('Thing4Mapper', 'Thing4CopyMapper'))
     },
     check: { c, log -> assert lastCompile().contains('MapStruct 22 replayed, 1 run (new or changed)') }],
    // Maven alone keeps Thing4CopyMapper.class, Thing4CopyMapperImpl.java and .class: a clean build has none
    [name: 'the copy deleted', edit: { d -> assert new File(d, src + 'Thing4CopyMapper.java').delete() },
     check: { c, log -> assert log.contains('Tandem: removed 3 files that deleted sources had led to') }],
    [name: 'nothing', check: { c, log -> assert log.contains('Nothing to compile') }],
    [name: 'a renamed bean', edit: { d ->
         def old = new File(d, src + 'Thing5.java')
         write(d, 'Gadget5.java', old.text.replace('class Thing5', 'class Gadget5'))
         assert old.delete()
         edit(d, 'Thing5Mapper.java', 'Thing5 thing', 'Gadget5 thing')
     },
     check: { c, log -> assert lastCompile().contains('MapStruct 21 replayed, 1 run (new or changed)') }],
])
return true
