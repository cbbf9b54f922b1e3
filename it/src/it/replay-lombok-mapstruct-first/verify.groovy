def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/ReplayHistory.groovy'))
def src = 'src/main/java/dev/tandem/it/lombok/'
def replace = evaluate(new File(basedir, '../../../src/it/lib/Edit.groovy'))
def edit = { File dir, String file, String text, String to -> replace(dir, src + file, text, to) }
def write = { File dir, String file, String text -> new File(dir, src + file).text = text }
def all = 22

history(basedir, localRepositoryPath, mvn, [
    [name: 'first build', goals: ['clean', 'compile'],
     check: { c, log ->
         assert c.MapStruct == [replayed: 0, run: all]
         assert c.Lombok.why == 'it rewrites javac\'s trees in place'
         // javac's order: MapStruct is initialised and called before Lombok exists
         assert log.contains('Tandem replay: MapStruct 0 replayed, 22 run (new or changed); Lombok')
     }],
    [name: 'an unrelated file', edit: { d -> edit(d, 'Unrelated.java', 'int x;', 'int y;') },
     check: { c, log -> assert c.MapStruct == [replayed: all, run: 0] }],
    [name: 'a Lombok supertype', edit: { d -> edit(d, 'Vehicle.java', 'private long id;', 'private long id;\n    private String vin;') },
     check: { c, log -> assert c.MapStruct == [replayed: all - 1, run: 1] }],
    // no Java file changes: Maven alone says "Nothing to compile" and keeps Lombok's old output
    [name: 'a new lombok.config, alone', edit: { d -> write(d, 'lombok.config', 'lombok.accessors.chain = true\n') },
     check: { c, log ->
         assert log.contains('lombok.config changed since the compile into classes read it: the next compile reruns')
         assert c.MapStruct == [replayed: 0, run: all]
     }],
    [name: 'that lombok.config changed, alone', edit: { d -> write(d, 'lombok.config', 'lombok.accessors.chain = false\n') },
     check: { c, log -> assert c.MapStruct == [replayed: 0, run: all] }],
    [name: 'that lombok.config deleted, alone', edit: { d -> assert new File(d, src + 'lombok.config').delete() },
     check: { c, log -> assert c.MapStruct.replayed == all && c.MapStruct.run == 0 }],
    [name: 'a deleted mapper', edit: { d -> assert new File(d, src + 'Thing4Mapper.java').delete() },
     check: { c, log -> assert c.MapStruct == [replayed: all - 1, run: 0] }],
    [name: 'a renamed bean', edit: { d ->
         def old = new File(d, src + 'Thing5.java')
         write(d, 'Gadget5.java', old.text.replace('class Thing5', 'class Gadget5'))
         assert old.delete()
         edit(d, 'Thing5Mapper.java', 'Thing5 thing', 'Gadget5 thing')
     },
     check: { c, log -> assert c.MapStruct == [replayed: all - 2, run: 1] }],
])
return true
