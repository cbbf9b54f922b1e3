def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/ReplayHistory.groovy'))
def src = 'src/main/java/dev/tandem/it/cars/'
def replace = evaluate(new File(basedir, '../../../src/it/lib/Edit.groovy'))
def edit = { File dir, String file, String from, String to -> replace(dir, src + file, from, to) }
def pomEdit = { File dir, String from, String to -> replace(dir, 'pom.xml', from, to) }
def all = 32

history(basedir, localRepositoryPath, mvn, [
    [name: 'first build', goals: ['clean', 'compile'],
     check: { c, log -> assert c.MapStruct == [replayed: 0, run: all] }],
    [name: 'an unrelated file', edit: { d -> edit(d, 'Unrelated.java', 'int x;', 'int y;') },
     check: { c, log ->
         assert log.contains('Recompiling the module')
         assert c.MapStruct.replayed >= 0.99 * all && c.MapStruct.run == 0
     }],
    [name: 'a supertype', edit: { d -> edit(d, 'Vehicle.java', 'private long id;', 'private long id;\n    private String vin;\n    public String getVin() { return vin; }\n    public void setVin(String v) { vin = v; }') },
     check: { c, log -> assert c.MapStruct == [replayed: all - 1, run: 1] }],
    [name: 'a type two hops away', edit: { d -> edit(d, 'Part.java', 'private String serial;', 'private String serial;\n    private String maker;\n    public String getMaker() { return maker; }\n    public void setMaker(String v) { maker = v; }') },
     check: { c, log -> assert c.MapStruct == [replayed: all - 2, run: 2] }],
    // without prepare (mvn compiler:compile; an IDE is the same) the input index on disk is the last build's, and
    // the edited supertype's checksum in it is the old one: replay must not believe it
    [name: 'a supertype, built without prepare', goals: ['resources:resources', 'compiler:compile'],
     edit: { d -> edit(d, 'Vehicle.java', 'private String vin;', 'private String vin;\n    private String plate;\n    public String getPlate() { return plate; }\n    public void setPlate(String v) { plate = v; }') },
     check: { c, log ->
         assert !log.contains('Tandem: ') // no prepare
         assert c.MapStruct == [replayed: all - 1, run: 1]
     }],
    // -Dtandem.skip turns all of Tandem off, replay too: every processor runs as without it
    [name: 'a supertype, built with -Dtandem.skip', goals: ['compile', '-Dtandem.skip'],
     edit: { d -> edit(d, 'Vehicle.java', 'private String plate;', 'private String plate;\n    private String color;\n    public String getColor() { return color; }\n    public void setColor(String v) { color = v; }') },
     check: { c, log ->
         assert log.contains('Tandem: skipped (tandem.skip)')
         assert c.MapStruct == [ran: true, why: '-Dtandem.skip']
     }],
    [name: 'a processor option', edit: { d -> pomEdit(d, '<unmapped.policy>WARN</unmapped.policy>', '<unmapped.policy>IGNORE</unmapped.policy>') },
     check: { c, log ->
         assert log.contains('Tandem: the annotation processors or their options of [default-compile')
         assert c.MapStruct == [replayed: 0, run: all]
     }],
    [name: 'the processor version, no source change', edit: { d -> pomEdit(d, '<mapstruct.processor.version>1.6.3<', '<mapstruct.processor.version>1.5.5.Final<') },
     check: { c, log ->
         assert log.contains('Tandem: the annotation processors or their options of [default-compile')
         assert c.MapStruct == [replayed: 0, run: all]
         assert new File(basedir, 'target/generated-sources/annotations/dev/tandem/it/cars/CarMapperImpl.java').text.contains('version: 1.5.5.Final')
     }],
    [name: 'a deleted mapper', edit: { d -> assert new File(d, src + 'Item7Mapper.java').delete() },
     check: { c, log -> assert c.MapStruct == [replayed: all - 1, run: 0] }],
])

// tandem:status shows the replayed processor as a consumer of the cache
def status = mvn(basedir, localRepositoryPath, 'dev.tandem:tandem-maven-plugin:status')
assert status.contains('replay-org.mapstruct.ap.MappingProcessor')
return true
