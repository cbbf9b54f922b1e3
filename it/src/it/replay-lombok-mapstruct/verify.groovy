def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/ReplayHistory.groovy'))
def src = 'src/main/java/dev/tandem/it/lombok/'
def replace = evaluate(new File(basedir, '../../../src/it/lib/Edit.groovy'))
def edit = { File dir, String file, String from, String to ->
    replace(dir, file.contains('/') || file == 'lombok.config' || file == 'pom.xml' ? file : src + file, from, to)
}
def all = 22

history(basedir, localRepositoryPath, mvn, [
    [name: 'first build', goals: ['clean', 'compile'],
     check: { c, log ->
         assert c.MapStruct == [replayed: 0, run: all]
         assert c.Lombok.why == 'it rewrites javac\'s trees in place'
     }],
    [name: 'an unrelated file', edit: { d -> edit(d, 'Unrelated.java', 'int x;', 'int y;') },
     check: { c, log -> assert c.MapStruct.replayed >= 0.99 * all && c.MapStruct.run == 0 && c.Lombok.ran }],
    [name: 'a Lombok supertype', edit: { d -> edit(d, 'Vehicle.java', 'private long id;', 'private long id;\n    private String vin;') },
     check: { c, log -> assert c.MapStruct == [replayed: all - 1, run: 1] }],
    [name: 'a Lombok type two hops away', edit: { d -> edit(d, 'Part.java', 'private String serial;', 'private String serial;\n    private String maker;') },
     check: { c, log -> assert c.MapStruct == [replayed: all - 2, run: 2] }],
    [name: 'lombok.config', edit: { d -> edit(d, 'lombok.config', 'lombok.addLombokGeneratedAnnotation = false', 'lombok.addLombokGeneratedAnnotation = true') ; edit(d, 'Unrelated.java', 'int y;', 'int z;') },
     check: { c, log -> assert c.MapStruct == [replayed: 0, run: all] }],
    [name: 'a processor option', edit: { d -> edit(d, 'pom.xml', '<unmapped.policy>WARN</unmapped.policy>', '<unmapped.policy>IGNORE</unmapped.policy>') },
     check: { c, log -> assert c.MapStruct == [replayed: 0, run: all] }],
    [name: 'the processor version, no source change', edit: { d -> edit(d, 'pom.xml', '<mapstruct.processor.version>1.6.3<', '<mapstruct.processor.version>1.5.5.Final<') },
     check: { c, log -> assert c.MapStruct == [replayed: 0, run: all] }],
    [name: 'a deleted mapper', edit: { d -> assert new File(d, src + 'Thing4Mapper.java').delete() },
     check: { c, log -> assert c.MapStruct == [replayed: all - 1, run: 0] }],
])
return true
