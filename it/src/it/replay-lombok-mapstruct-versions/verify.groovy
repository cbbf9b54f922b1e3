def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/ReplayHistory.groovy'))
def src = 'src/main/java/dev/tandem/it/lombok/'
def replace = evaluate(new File(basedir, '../../../src/it/lib/Edit.groovy'))
def copyProject = evaluate(new File(basedir, '../../../src/it/lib/CopyProject.groovy'))
def all = 22

// per combination a copy of this project: its MapStruct version, and Lombok moved first where the order says so
[['1.4.2.Final', 'mapstruct-first'], ['1.5.5.Final', 'lombok-first']].each { version, order ->
    def copy = new File(basedir.parentFile, "${basedir.name}-${version}-${order}")
    copy.deleteDir()
    copyProject(basedir, copy)
    def pom = new File(copy, 'pom.xml')
    pom.text = pom.text.replaceAll(/<mapstruct(\.processor)?\.version>[^<]*</, "<mapstruct\$1.version>${version}<")
    if (order == 'lombok-first') {
        def lombok = pom.text.substring(pom.text.indexOf('<!--lombok-last-->') + '<!--lombok-last-->'.length(),
                pom.text.indexOf('</annotationProcessorPaths>'))
        pom.text = pom.text.replace('<!--lombok-last-->' + lombok, '\n          ')
                .replace('<!--lombok-first-->', lombok.trim())
        assert pom.text.indexOf('<artifactId>lombok</artifactId>') < pom.text.indexOf('mapstruct-processor')
    }
    def edit = { File dir, String file, String text, String to -> replace(dir, src + file, text, to) }
    history(copy, localRepositoryPath, mvn, [
        [name: "${version} ${order}: first build", goals: ['clean', 'compile'],
         check: { c, log -> assert c.MapStruct == [replayed: 0, run: all] }],
        [name: "${version} ${order}: a Lombok supertype", edit: { d -> edit(d, 'Vehicle.java', 'private long id;', 'private long id;\n    private String vin;') },
         check: { c, log -> assert c.MapStruct == [replayed: all - 1, run: 1] }],
        [name: "${version} ${order}: a deleted mapper", edit: { d -> assert new File(d, src + 'Thing4Mapper.java').delete() },
         check: { c, log -> assert c.MapStruct == [replayed: all - 1, run: 0] }],
    ])
}
return true
