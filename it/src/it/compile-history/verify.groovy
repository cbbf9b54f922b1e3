def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/CompileHistory.groovy'))
def replace = evaluate(new File(basedir, '../../../src/it/lib/Edit.groovy'))
def src = 'app/src/main/java/'
def edit = { File dir, String file, String text, String to -> replace(dir, src + file, text, to) }
def write = { File dir, String file, String text -> def f = new File(dir, src + file); f.parentFile.mkdirs(); f.text = text }
def delete = { File dir, String file -> assert new File(dir, src + file).delete() }
def all = 24 // the app module's sources

def beans = { File dir, String file, String text, String to -> replace(dir, 'beans/src/main/java/' + file, text, to) }
def mappers = { File dir, String file, String text, String to -> replace(dir, 'mappers/src/main/java/' + file, text, to) }
def modules = ['api', 'app', 'beans', 'mappers']
def firstBuild = [name: 'first build', goals: ['clean', 'compile'], online: true,
                  full: [api: 'no state', app: 'no state', beans: 'no state', mappers: 'no state']]
// a property of a class MapStruct maps (Lombok writes its accessors): the classes, the mapper whose generated code
// reads them (run again by MapStruct), and the class that names them
def mappedProperty = [name: 'MapStruct: a property of a mapped class', compiled: [mappers: 4], edit: { d ->
    mappers(d, 'm/Car.java', 'private int seats;', 'private int seats; private String color;')
    mappers(d, 'm/CarDto.java', 'private int seats;', 'private int seats; private String color;')
}]

// the matrix legs (itLeg, it/pom.xml: Maven 3.6.3, 3.8.9 and 4, JDK 25) run a short history on this scenario's plugin,
// two of them on the other compiler plugin versions users run, from 3.8.1 (the oldest API we call): Maven 3.6.3 with
// compiler 3.8.1 building the modules in parallel (-T 2), Maven 3.8.9 with 3.16.0 forking javac. (3.10.1 and 3.14.1
// passed too, and were left out for CI's time.)
if (binding.hasVariable('itLeg') && itLeg == 'matrix') {
    def maven = binding.hasVariable('itMavenHome') ? itMavenHome.toString() : ''
    def options = maven.contains('3.6.3') ? ['-Dcompiler.version=3.8.1', '-T2']
            : maven.contains('3.8.9') ? ['-Dcompiler.version=3.16.0', '-Dmaven.compiler.fork=true'] : []
    return history(basedir, localRepositoryPath, mvn, modules, [
        firstBuild,
        [name: 'a method body', edit: { d -> edit(d, 'a/B.java', 'return 1;', 'return 2;') }, compiled: [app: 1]],
        [name: 'a signature',
         edit: { d -> edit(d, 'a/B.java', 'public int size() { return 2; }', 'public long size() { return 2; }') },
         compiled: [app: 4]],
        [name: 'a deleted class', edit: { d -> delete(d, 'a/UsesInBody.java') }, compiled: [app: 0]],
        [name: 'an added class', edit: { d -> write(d, 'a/UsesInBody.java', 'package a; public class UsesInBody { }') },
         compiled: [app: 1]],
        [name: 'Lombok: a field of a @Data class',
         edit: { d -> beans(d, 'b/Person.java', 'private int age;', 'private int age; private String email;') },
         compiled: [beans: 4]],
        mappedProperty,
    ], options)
}

// the whole history on the compiler plugin this scenario names
history(basedir, localRepositoryPath, mvn, modules, [
    firstBuild,
    [name: 'nothing', check: { log -> assert log.count('Nothing to compile') == 4 }],
    [name: 'a method body', edit: { d -> edit(d, 'a/B.java', 'return 1;', 'return 2;') }, compiled: [app: 1]],
    [name: 'a signature: its users, and the users of what exposes it',
     edit: { d -> edit(d, 'a/B.java', 'public int size() { return 2; }', 'public long size() { return 2; }') },
     compiled: [app: 4]],
    [name: 'an overload that changes which method a caller binds to',
     edit: { d -> edit(d, 'a/Util.java', '{ return "long"; }', '{ return "long"; } public static String f(int x) { return "int"; }') },
     compiled: [app: 2]],
    [name: 'a constant', edit: { d -> edit(d, 'a/Limits.java', 'MAX = 10', 'MAX = 11') },
     full: [app: 'the constant a.Limits.MAX changed']],
    [name: 'a source-retention annotation', edit: { d -> edit(d, 'a/Marker.java', 'default "x"', 'default "y"') },
     full: [app: 'the source-retention annotation a.Marker changed']],
    [name: 'an added class', edit: { d -> write(d, 'a/Added.java', 'package a; public class Added { }') },
     compiled: [app: 1]],
    [name: 'a deleted class', edit: { d -> delete(d, 'a/UsesExposer.java') }, compiled: [app: 0]],
    [name: 'a renamed class', edit: { d ->
        write(d, 'a/Renamed.java', new File(d, src + 'a/Caller.java').text.replace('class Caller', 'class Renamed'))
        delete(d, 'a/Caller.java')
     }, compiled: [app: 1]],
    [name: 'a class moved to another package', edit: { d ->
        write(d, 'm/Added.java', 'package m; public class Added { }')
        delete(d, 'a/Added.java')
     }, compiled: [app: 1]],
    [name: 'an anonymous class\'s body', edit: { d -> edit(d, 'a/Circle.java', 'println("a")', 'println("b")') },
     compiled: [app: 1]],
    [name: 'a nested class\'s field', edit: { d -> edit(d, 'a/Circle.java', 'int n = 1;', 'public int n = 1;') },
     compiled: [app: 1]],
    [name: 'an enum constant: the switch over it', edit: { d -> edit(d, 'a/Color.java', 'RED, GREEN', 'RED, BLUE, GREEN') },
     compiled: [app: 2]],
    [name: 'a record component', edit: { d -> edit(d, 'a/Point.java', 'int x, int y', 'int x, int y, int z') },
     compiled: [app: 2]],
    [name: 'a sealed hierarchy gains a subclass', edit: { d ->
        edit(d, 's/Animal.java', 'permits Cat, Dog', 'permits Cat, Dog, Bird')
        write(d, 's/Bird.java', 'package s; public final class Bird implements Animal { }')
     }, compiled: [app: 4]],
    [name: 'a sealed hierarchy drops a subclass that still extends it', fails: true, any: true,
     edit: { d -> edit(d, 's/Animal.java', 'permits Cat, Dog, Bird', 'permits Cat, Dog') }],
    // against the last good compile: Animal and Bird changed, Animal's users recheck
    [name: 'its fix', edit: { d -> edit(d, 's/Bird.java', 'final class Bird implements Animal', 'final class Bird') },
     compiled: [app: 4]],
    [name: 'package-info', edit: { d -> edit(d, 'a/package-info.java', '"one"', '"two"') },
     full: [app: 'a/package-info.java changed']],
    [name: 'a generic bound', edit: { d -> edit(d, 'g/Box.java', 'T extends Number', 'T extends Comparable<T>') },
     compiled: [app: 2]],
    [name: 'a supertype gains an abstract method: the subclass fails, as with Maven alone', fails: true, any: true,
     edit: { d -> edit(d, 'a/Shape.java', 'area();', 'area(); public abstract int sides();') }],
    [name: 'its fix', edit: { d -> edit(d, 'a/Circle.java', 'return 3.14; }', 'return 3.14; } public int sides() { return 0; }') },
     compiled: [app: 2]],
    [name: 'a compile error', fails: true, any: true, edit: { d -> edit(d, 'a/Util.java', 'return "int";', 'return "int"') }],
    [name: 'its fix', edit: { d -> edit(d, 'a/Util.java', 'return "int"', 'return "int";') }, compiled: [app: 0]],
    [name: 'the upstream module\'s API', edit: { d ->
        replace(d, 'api/src/main/java/api/Greeter.java', 'greet(String who)', 'greet(CharSequence who)')
     }, compiled: [api: 1], full: [app: 'class path']],
    // from its second change on, an upstream module's classes are compared: only what uses a changed class compiles
    [name: 'the upstream module\'s API again: only its users', edit: { d ->
        replace(d, 'api/src/main/java/api/Greeter.java', 'public String greet', 'public String wave() { return "o/"; } public String greet')
     }, compiled: [api: 1, app: 1]],
    [name: 'an upstream method body: none', edit: { d ->
        replace(d, 'api/src/main/java/api/Greeter.java', '"o/"', '"o/~"')
     }, compiled: [api: 1, app: 0]],
    // the 3.x plugin calls no compiler when only an option changed (Maven alone keeps the old class files too):
    // with a source edit it does, and everything recompiles with the new option
    // Lombok (isolating, writes no file) runs on the changed sources alone
    [name: 'Lombok: a method body', edit: { d -> beans(d, 'b/UsesPerson.java', '" " + 1', '" " + 2') },
     compiled: [beans: 1]],
    // Person, its user, Team (whose API exposes List<Person>) and Team's user
    [name: 'Lombok: a field of a @Data class (new accessors)',
     edit: { d -> beans(d, 'b/Person.java', 'private int age;', 'private int age; private String email;') },
     compiled: [beans: 4]],
    [name: 'Lombok: a field of a @Builder class',
     edit: { d -> beans(d, 'b/Team.java', 'private final String name;', 'private final String name; private final int size;') },
     compiled: [beans: 2]],
    // as with an option, the 3.x plugin calls no compiler for a lombok.config alone: with a source edit it does, and
    // everything recompiles (setters now return this)
    [name: 'Lombok: lombok.config, with an edit', edit: { d ->
        beans(d, 'lombok.config', 'chain = false', 'chain = true')
        beans(d, 'b/Plain.java', 'return 1;', 'return 2;')
     }, full: [beans: 'the lombok.config files changed']],
    // alone: the plugin notices only Java sources and would say "Nothing to compile"; tandem:prepare, in this module's
    // build, sees that a lombok.config Tandem's compile depends on changed and makes the plugin compile
    [name: 'Lombok: lombok.config alone, with tandem:prepare', edit: { d -> beans(d, 'lombok.config', 'chain = true', 'chain = false') },
     full: [beans: 'the lombok.config files changed'],
     check: { log -> assert log.contains('lombok.config changed since the compile into classes-') }],
    // MapStruct (isolating, writes a source per mapper) runs on the changed sources alone, under Tandem's recorder
    [name: 'MapStruct: a method body beside the mappers', edit: { d -> mappers(d, 'm/Garage.java', 'return 1;', 'return 2;') },
     compiled: [mappers: 1]],
    mappedProperty,
    // Engine and its DTO, the classes whose API exposes them, the mapper whose generated code maps them, their user
    [name: 'MapStruct: a property of a nested mapped class', compiled: [mappers: 6], edit: { d ->
        ['Engine', 'EngineDto'].each { type ->
            mappers(d, "m/${type}.java", 'private int power;', 'private int power; private int torque;'
                    + ' public int getTorque() { return torque; } public void setTorque(int torque) { this.torque = torque; }')
        }
     }],
    [name: 'MapStruct: an added mapper', compiled: [mappers: 1], edit: { d ->
        new File(d, 'mappers/src/main/java/m/EngineMapper.java').text =
                'package m; import org.mapstruct.Mapper; @Mapper public interface EngineMapper { EngineDto toDto(Engine engine); }'
     }],
    [name: 'MapStruct: a deleted mapper (its generated source goes)', compiled: [mappers: 0],
     edit: { d -> assert new File(d, 'mappers/src/main/java/m/PersonMapper.java').delete() }],
    [name: 'MapStruct: a processor option, with an edit', full: [mappers: 'javac options'], edit: { d ->
        replace(d, 'mappers/pom.xml', '<arg>-Amapstruct.suppressGeneratorTimestamp=true</arg>',
                '<arg>-Amapstruct.suppressGeneratorTimestamp=true</arg><arg>-Amapstruct.unmappedTargetPolicy=IGNORE</arg>')
        mappers(d, 'm/Garage.java', 'return 2;', 'return 3;')
     }],
    [name: 'a compiler option, with an edit', edit: { d ->
        replace(d, 'app/pom.xml', '<artifactId>app</artifactId>', """<artifactId>app</artifactId>
  <build><plugins><plugin><artifactId>maven-compiler-plugin</artifactId>
    <configuration><parameters>true</parameters></configuration></plugin></plugins></build>""")
        edit(d, 'a/B.java', 'return 2;', 'return 3;')
     }, full: [app: 'options']],
])

return true
